// A verification job of `gqalut sim`: a table streamed through a unit at any level, for every
// scale asked, every output checked against the golden model, with the report the command
// prints (rate, mismatches, cost from the unit's power monitor or the cost model's estimate).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/cost/cost_model.hpp"
#include "model/unit/levels.hpp"
#include "sims/tb/checker.hpp"

namespace gqalut::sim {

struct SimJob {
    PwlTable table;
    std::vector<int> scales;   // INT: the scales to run; others: one entry (ignored)
    RequantConfig rq;
    InputSpec inputs;
    StallConfig stalls;
};

struct ScaleResult {
    int scale = 0;
    uint64_t compared = 0, mismatches = 0, cycles = 0;
};

struct SimReport {
    std::string model;
    UnitShape shape;
    cost::Indexing indexing = cost::Indexing::parallel;
    int latency = 0;
    uint64_t compared = 0, mismatches = 0, cycles = 0;
    double seconds = 0;            // wall time of reset, configuration and streaming with checking
    bool cfg_error = false;        // a configuration write was refused (cfg_err_o)
    bool timed_out = false;
    std::vector<ScaleResult> per_scale;
    std::vector<Mismatch> first;
    std::optional<cost::UnitCost> cost;
    std::string activity;          // "measured" (power monitor) or "nominal" (cost model estimate)
    double elements_per_second() const { return seconds > 0 ? static_cast<double>(compared) / seconds : 0; }
    bool ok() const { return mismatches == 0 && !cfg_error && !timed_out; }
    nlohmann::json to_json() const;
};

// The process's one unit of `level` built with `o` (SystemC elaborates once per process: a second
// call with the same level and options returns the same unit, with others std::logic_error).
// Throws BadInput for what the level cannot build.
unit::Unit& process_unit(const unit::Level& level, const unit::UnitOptions& o);

// Per scale: load (reset, configure), stream, check; the inputs are made as they are streamed.
SimReport run_stream_job(unit::Unit& u, const SimJob& job, double clock_hz, const std::string& model);

// The cost model's estimate for a shape (nominal activity), for units without a power monitor.
cost::UnitCost nominal_cost(const UnitShape& shape, cost::Indexing ix, int active_entries, double clock_hz,
                            bool requantizer);

// Constants used by every cost report (default: the embedded cost_28nm.json).
void set_cost_constants(const cost::Constants& c);
const cost::Constants& cost_constants();

}  // namespace gqalut::sim
