// Backends of `gqalut sim --model NAME`: an extensible registry. Each backend file
// (sims/backends/<name>.cpp) registers itself with a static RegisterBackend; `golden` and
// `cycle` are here, the RTL registers `rtl` the same way. Pin-level backends implement
// StreamSim (usually as StreamTestbench<DUT>) and reuse run_stream_job().
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/cost/cost_model.hpp"
#include "model/pwl_table.hpp"
#include "model/unit_config.hpp"
#include "sims/tb/stream_sim.hpp"

namespace gqalut::sim {

struct InputSpec {
    bool exhaustive = true;
    uint64_t random_count = 0;   // random words (plus the corner cases) when !exhaustive
};
// "exhaustive" | "random:N"; throws BadInput.
InputSpec parse_inputs(const std::string& s);

// Elaboration-time choices of a backend.
struct BackendOptions {
    UnitShape shape;
    cost::Indexing indexing = cost::Indexing::parallel;
    std::string vcd;          // VCD file, "" = none
    bool toggles = false;     // power monitor: weight switched logic by measured toggles
    double clock_hz = 500e6;
};

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

class UnitBackend {
public:
    virtual ~UnitBackend() = default;
    virtual SimReport run(const SimJob& job) = 0;
};

struct BackendInfo {
    const char* name;
    const char* summary;
    std::unique_ptr<UnitBackend> (*make)(const BackendOptions&);
    int rank;
};
struct RegisterBackend {
    explicit RegisterBackend(const BackendInfo& b);
};
std::vector<BackendInfo> backends();
const BackendInfo* find_backend(const std::string& name);

// --- helpers shared by the backends -------------------------------------------------------

// The input words of one run: every code (exhaustive), or random words plus corner cases
// (extreme codes, breakpoints and their neighbours; FP32: NaNs, infinities, zeros, subnormals,
// extreme and breakpoint values). Throws BadInput for exhaustive runs over more than 2^24 codes.
std::vector<uint64_t> make_inputs(const PwlTable& t, int scale, const UnitShape& shape, const InputSpec& spec,
                                  uint64_t seed);

// The golden model as a Reference (tabulated for inputs of at most 16 bits).
std::unique_ptr<Reference> golden_reference(const PwlTable& t, int scale, const UnitShape& shape,
                                            const RequantConfig& rq);

// reset, then per scale: configure through the cfg port, stream, check. Cost from the DUT's
// power monitor when it has one, else the cost model's nominal estimate.
SimReport run_stream_job(StreamSim& sim, const SimJob& job, const BackendOptions& opt, const std::string& model);

// What the RTL backends cannot do: binary-search indexing (the RTL has parallel comparators)
// and toggle-weighted power (no power monitor). Throws BadInput.
void check_rtl_options(const BackendOptions& o);

// A pin-level backend: the process's testbench `sim`, jobs through run_stream_job().
class StreamBackend : public UnitBackend {
public:
    StreamBackend(const BackendOptions& o, StreamSim& sim, std::string model)
        : opt_(o), sim_(sim), model_(std::move(model)) {}
    SimReport run(const SimJob& job) override { return run_stream_job(sim_, job, opt_, model_); }

private:
    BackendOptions opt_;
    StreamSim& sim_;
    std::string model_;
};

// The cost model's estimate for a shape (nominal activity), for backends without a monitor.
cost::UnitCost nominal_cost(const UnitShape& shape, cost::Indexing ix, int active_entries, double clock_hz,
                            bool requantizer);

// Constants used by every backend's cost report (default: the embedded cost_28nm.json).
void set_cost_constants(const cost::Constants& c);
const cost::Constants& cost_constants();

std::string i128_to_string(i128 v);
std::string hex_word(i128 v, int bits);

}  // namespace gqalut::sim
