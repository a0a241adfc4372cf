// Co-simulation of the three levels of the pwl unit in lock-step (docs/rtl.md, `gqalut cosim`):
// the SystemC cycle model (model/sc/) and the Verilated RTL (rtl/verilated/rtl_sc_unit.hpp) of
// the same shape sit in one SystemC elaboration, one driver drives the same pins into both,
// every cycle compares their output pins (in_ready_o, out_valid_o, idle_o, cfg_err_o, and
// out_data_o while valid), and every delivered word is checked against the golden model
// (GoldenUnit). The first disagreements are reported with cycle, inputs and every level's
// output. Available for the Verilated configurations (rtl_shapes()); built with gqalut_rtl.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/unit_config.hpp"
#include "sims/tb/pins.hpp"
#include "sims/tb/stream_job.hpp"

namespace gqalut::sim {

// Deliberate faults, so a test can show that the checker fails (exit 1) and what it reports.
struct CosimInject {
    enum class Kind {
        none,
        golden,      // the golden expectation of element `at` (first scale) is off by one LSB
        rtl_config,  // the RTL receives ICPT[0] with bit 0 flipped, the cycle model the right value
        rtl_stall,   // the RTL sees out_ready_i low from stream cycle `at` (first scale) on
    };
    Kind kind = Kind::none;
    uint64_t at = 0;
};
// "golden:E" | "rtl-config" | "rtl-stall:C"; throws BadInput.
CosimInject parse_inject(const std::string& s);

struct CosimOptions {
    UnitShape shape;            // a Verilated configuration
    std::string cycle_vcd;      // SystemC VCD of both models' pins and the cycle model's state ("" = none)
    std::string rtl_vcd;        // Verilated VCD ("" = none)
    double clock_hz = 500e6;
    CosimInject inject;
    uint64_t timeout_cycles = 100000;
    bool rtl_sc = false;        // the RTL as Verilator's --sc model (rtl::sc_model_shape() only, no VCD)
};

// The output pins of one model as they were before a rising edge.
struct PinValues {
    bool in_ready = false, out_valid = false, idle = false, cfg_err = false;
};

// One disagreement between the levels.
struct CosimMismatch {
    uint64_t cycle = 0;          // testbench cycle (rising edges since the start of simulation)
    uint64_t stream_cycle = 0;   // cycles since this stream (or configuration) began
    int scale = 0;               // filled in by run_cosim_job
    std::string phase;           // "stream", "config", "reset", "random-pins"
    std::string pin;             // "out_data_o" (delivered), "out_data_o (held)", "in_ready_o", ...
    // Data mismatches: the element, its lane, its input word, the vector's input words, and
    // the golden, cycle-model and RTL output words (out_width bits).
    bool data = false;
    uint64_t element = 0;
    int lane = 0;
    uint64_t input = 0;
    std::vector<uint64_t> vector_inputs;
    i128 golden = 0, cycle_model = 0, rtl = 0;
    bool golden_known = false;
    // Every mismatch: the pins both models showed and what the testbench drove before the edge.
    PinValues cycle_pins, rtl_pins;
    PinsIn driven;
};

struct CosimStats {
    uint64_t compared = 0;          // elements delivered by both models and checked against golden
    uint64_t cycles = 0;            // cycles of this run
    uint64_t pin_cycles = 0;        // cycles whose pins were compared
    uint64_t cycle_vs_golden = 0;   // elements where the cycle model differs from golden
    uint64_t rtl_vs_golden = 0;     // ... the RTL differs from golden
    uint64_t cycle_vs_rtl = 0;      // ... the two models differ from each other
    uint64_t element_mismatches = 0;   // elements where the three levels do not all agree
    uint64_t pin_mismatches = 0;    // cycles where a handshake pin (or held out_data_o) differed
    uint64_t random_writes_accepted = 0;   // random_pins(): register writes the unit took
    uint64_t random_words_nonzero = 0;     // random_pins(): compared words that were not 0
    bool timed_out = false;         // no progress for a long time (handshake stuck)
    bool diverged = false;          // a handshake pin differed: the run stopped there
    std::vector<CosimMismatch> first;
    uint64_t mismatches() const { return element_mismatches + pin_mismatches; }
    void add(const CosimStats& o);
};

// Random pin stimulus from the current configuration on: bursts of inputs with random
// valid/ready alternating with quiet stretches, configuration writes to mapped and unmapped
// registers with random and boundary values (accepted only while idle), CLEAR_ERROR, resets;
// the two models' pins are compared every cycle (no golden model: the registers drift).
struct RandomPinsConfig {
    uint64_t cycles = 100000;
    uint64_t seed = 1;
    double p_in_valid = 0.7, p_out_ready = 0.7, p_write = 0.05, p_reset = 0.0002;
    double p_quiet_write = 0.5;   // writes per cycle in the quiet stretches
};

class CosimSim {
public:
    virtual ~CosimSim() = default;
    virtual UnitShape shape() const = 0;
    virtual int latency() const = 0;
    virtual void reset(int cycles = 2) = 0;
    // Waits for idle_o, writes every register; true if neither model raised cfg_err_o and the
    // pins agreed. Disagreements are added to the next stream()'s statistics.
    virtual bool configure(const std::vector<CfgWrite>& writes) = 0;
    // Streams `inputs` (lane l of vector v = element v*Lanes + l), checks as described above.
    // `golden_flip`: element whose golden expectation is deliberately off (inject), or ~0.
    virtual CosimStats stream(const std::vector<uint64_t>& inputs, const Reference& ref, const StallConfig& stalls,
                              uint64_t golden_flip = ~uint64_t(0)) = 0;
    virtual CosimStats random_pins(const RandomPinsConfig& cfg) = 0;
    // Disagreements seen during reset or configuration not yet returned by stream().
    virtual CosimStats take_pending() = 0;
    virtual uint64_t cycle() const = 0;
};

// The configurations co-simulation can build: the Verilated ones (each has a cycle model).
std::vector<UnitShape> cosim_shapes();
std::string cosim_shape_list();
// Builds (once per process: one SystemC elaboration) or returns the cosim testbench. Throws
// BadInput for a shape that is not Verilated, std::logic_error for a second, different one.
CosimSim& cosim_sim(const CosimOptions& opt);

struct CosimReport {
    UnitShape shape;
    int latency = 0;
    CosimStats total;
    double seconds = 0;             // reset, configuration, streaming with all checks
    bool cfg_error = false;         // a configuration write was refused or the models disagreed on it
    std::vector<ScaleResult> per_scale;
    double elements_per_second() const { return seconds > 0 ? static_cast<double>(total.compared) / seconds : 0; }
    bool ok() const { return total.mismatches() == 0 && !cfg_error && !total.timed_out; }
    nlohmann::json to_json() const;
    // The first mismatch in prose: cycle, pin, inputs, golden / cycle / rtl outputs.
    std::string describe(const CosimMismatch& m) const;
};

// reset, then per scale: configure both models, stream, check (like run_stream_job).
CosimReport run_cosim_job(CosimSim& sim, const SimJob& job, const CosimInject& inject = {});

}  // namespace gqalut::sim
