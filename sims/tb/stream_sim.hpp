// A pwl unit in a SystemC testbench, driven from outside the simulation: the interface every
// pin-level backend offers (the SystemC cycle model, a Verilated RTL model), so `gqalut sim`,
// the tests and the benchmarks drive them the same way. The implementation for any DUT with
// the pin interface of docs/pin-interface.md is StreamTestbench<DUT> (sims/tb/stream_testbench.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "model/cost/cost_model.hpp"
#include "model/unit_config.hpp"

namespace gqalut::sim {

// Random stalls: the driver withholds a new input with probability `in` per cycle, the sink
// deasserts out_ready_i with probability `out` per cycle.
struct StallConfig {
    double in = 0;
    double out = 0;
    uint64_t seed = 1;
};

struct Mismatch {
    uint64_t cycle = 0;      // testbench cycle of delivery
    uint64_t element = 0;    // index in the input sequence
    int lane = 0;
    uint64_t input = 0;      // input word
    i128 got = 0, expected = 0;   // output words (out_width bits, unsigned)
};

struct StreamStats {
    uint64_t compared = 0;
    uint64_t mismatches = 0;
    uint64_t cycles = 0;
    uint64_t vectors = 0;
    bool timed_out = false;   // no progress for a long time: a handshake bug
    std::vector<Mismatch> first;   // the first few mismatches
};

// Expected output word (out_width bits) of one lane for one input word.
class Reference {
public:
    virtual ~Reference() = default;
    virtual i128 expect(uint64_t in_word) const = 0;
};

// Pins under manual control, one clock edge at a time.
struct PinsIn {
    bool rst_n = true;
    bool in_valid = false;
    bool out_ready = true;
    bool cfg_we = false;
    uint32_t cfg_addr = 0;
    uint64_t cfg_wdata = 0;
    std::vector<uint64_t> in;   // one word per lane (missing lanes: 0)
};
struct PinsOut {
    bool in_ready = false, out_valid = false, idle = false, cfg_err = false;
    std::vector<i128> out;      // one word per lane
};

class StreamSim {
public:
    virtual ~StreamSim() = default;
    virtual UnitShape shape() const = 0;
    virtual int latency() const = 0;
    // rst_ni low for `cycles` edges, then one edge with it high.
    virtual void reset(int cycles = 2) = 0;
    // Waits for idle_o, writes every register (one per cycle), returns !cfg_err_o after the last.
    virtual bool configure(const std::vector<CfgWrite>& writes) = 0;
    // Streams `inputs` (lane l of vector v takes element v*Lanes + l; a short last vector is
    // padded from the start), checks every delivered word against `ref`, returns once every
    // vector came out (or on a timeout).
    virtual StreamStats stream(const std::vector<uint64_t>& inputs, const Reference& ref, const StallConfig& stalls) = 0;
    // One rising edge: returns the pins as they were just before it and drives `in` after it.
    virtual PinsOut tick(const PinsIn& in) = 0;
    virtual uint64_t cycle() const = 0;
    // The power monitor's counts since the last clear (DUTs without a monitor: none).
    virtual std::optional<cost::Activity> activity() const { return std::nullopt; }
    virtual void clear_activity() {}
    virtual cost::Indexing indexing() const { return cost::Indexing::parallel; }
};

}  // namespace gqalut::sim
