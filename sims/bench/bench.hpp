// `gqalut bench`: speeds measured as ratios in one run (machines here are noisy). Each module
// contributes a section; a section returns JSON with rates and the ratios it is judged by.
#pragma once
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gqalut::bench {

struct Options {
    double min_seconds = 0.3;   // each measurement runs at least this long
    bool quick = false;         // smaller workloads (tests)
};

struct Section {
    const char* name;
    const char* what;
    nlohmann::json (*run)(const Options&);
    int rank;   // run order
};

// All registered sections, in run order.
std::vector<Section> sections();

// Each bench_<name>.cpp registers its section with a static RegisterSection.
struct RegisterSection {
    explicit RegisterSection(const Section& s);
};

// Calls body(n) with growing n until it has run min_seconds; returns items per second, where
// body(n) processes n items.
double rate(const Options& opt, const std::function<void(size_t)>& body, size_t first_n = 1 << 12);

// Wall-clock seconds of one call.
double seconds(const std::function<void()>& body);

}  // namespace gqalut::bench
