// Tables, inputs and back-pressure profiles for the checks of the Verilated RTL against the
// golden model (tests/rtl/test_rtl_*.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/pwl_table.hpp"
#include "model/unit_config.hpp"
#include "rtl/verilated/rtl_driver.hpp"

namespace gqalut::rtltest {

using rtl::Driver;
using rtl::GoldenFn;
using rtl::StreamOptions;
using rtl::StreamResult;

class Rng {
public:
    explicit Rng(uint64_t seed) : x_(seed) {}
    uint64_t next() {   // splitmix64
        uint64_t z = (x_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int64_t range(int64_t lo, int64_t hi) {   // uniform in [lo, hi]
        const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
        return lo + static_cast<int64_t>(span == 0 ? next() : next() % span);
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(next() % v.size())]; }

private:
    uint64_t x_;
};

// A random INT-k table (signed input) with one LUT per scale s in [0, k-1]: random sorted
// breakpoint codes with repeats, both ends of the range and the never-firing 2^(k-1); slope and
// intercept codes at the extremes, small and random; W in [k-2, k]; random lambda_k != lambda_b
// in [0, k] (the unit's limit ParW = k).
PwlTable random_int_table(Rng& rng, Precision p, int entries);
// Requantizer off, or on with a random s_o in [-k, 2k].
RequantConfig random_requant(Rng& rng, int k);
// The random code of a W-bit parameter: extremes, small values and uniform ones.
int64_t random_code(Rng& rng, int width);

// The reference implementation's published tables (tests/data/gqa-lut-pretrained).
std::vector<std::string> reference_table_paths();

// Every k-bit input word, repeated to a multiple of `lanes` words.
std::vector<uint64_t> all_words(int k, int lanes);
// Pads a word list to a multiple of `lanes` by repeating its first words.
void pad_to_lanes(std::vector<uint64_t>& words, int lanes);

// Back-pressure and write-injection profile number i (they cycle).
StreamOptions profile(int i, uint64_t seed);

// Loads table t at scale s (the last write together with the first input) and streams words,
// each checked against GoldenUnit(t, s, shape, rq).
StreamResult run_table(Driver& d, const PwlTable& t, int scale, const RequantConfig& rq,
                       const std::vector<uint64_t>& words, const StreamOptions& opt);

// "[rtl] what: N elements compared, M mismatches, ..." on stdout.
void report(const std::string& what, const StreamResult& r);

// One row of the Verilated tests: the configuration and a body that streams tables into it and
// returns how many elements it expects compared (exactly, or at least). run_case() builds the
// model, runs the body, reports, and checks the count, zero mismatches and zero protocol errors.
struct RtlCase {
    const char* label;
    UnitShape shape;
    size_t (*body)(Driver& d, StreamResult& total);
    bool exact;   // the count is exact (else a lower bound)
};
void run_case(const RtlCase& c);

}  // namespace gqalut::rtltest
