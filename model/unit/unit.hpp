// One pwl unit of one shape at one abstraction level: golden (the C++ reference), cycle (the
// SystemC cycle model, model/unit/cycle_level.hpp) or rtl (the Verilated RTL, rtl/unit/). The
// same interface serves a testbench that drives the simulation from outside (gqalut sim, the
// tests: sc_start() until the unit is done) and the accelerator's SC_THREAD (wait() until it
// is done): a pin-level unit (model/unit/pin_unit.hpp) finds out which by itself.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "model/cost/cost_model.hpp"
#include "model/unit_config.hpp"

namespace gqalut::unit {

// A table loaded into the unit: INT at input scale `scale` with requantizer rq; FP32; or a
// DIV/RSQRT table behind the scaler.
struct UnitJob {
    PwlTable table;
    int scale = 0;
    RequantConfig rq;
};

// Random stalls: the driver withholds a new input with probability `in` per cycle, the sink
// deasserts out_ready_i with probability `out` per cycle.
struct StallConfig {
    double in = 0;
    double out = 0;
    uint64_t seed = 1;
};

// Where a stream's input words come from and where its output words go. Lane l of vector v
// carries element v * lanes + l; a short last vector is padded with the stream's first
// elements, whose outputs are not delivered again.
class ElementStream {
public:
    virtual ~ElementStream() = default;
    virtual uint64_t size() const = 0;
    // words[i] = input word (in_width bits) of element first + i, i < count; first + count <= size().
    virtual void inputs(uint64_t first, uint64_t count, uint64_t* words) = 0;
    // The output words (out_width bits, unsigned) of elements first .. first + count - 1, with
    // their input words, delivered in element order at unit cycle `cycle`.
    virtual void outputs(uint64_t first, uint64_t count, const uint64_t* in, const i128* out, uint64_t cycle) = 0;
};

struct StreamResult {
    uint64_t cycles = 0;      // clock cycles from the first input offered to the last output
    bool timed_out = false;   // no progress for a long time: a handshake bug
    bool aborted = false;     // abort() ended it early
};

class Unit {
public:
    virtual ~Unit() = default;
    virtual const UnitShape& shape() const = 0;
    // Cycles from acceptance to output (golden: the pipeline's, which it counts but does not wait).
    virtual int latency() const = 0;
    virtual cost::Indexing indexing() const { return cost::Indexing::parallel; }

    // Loads a job: the unit reset, then the job's configuration written. Throws BadInput when the
    // job does not fit the shape; false when the unit refused a configuration write (cfg_err_o).
    virtual bool load(const UnitJob& job) = 0;
    // Every element of s through the unit.
    virtual StreamResult stream(ElementStream& s, const StallConfig& stalls = {}) = 0;
    // The same on elements in memory: n inputs of in_bytes each (little-endian) to n outputs of
    // out_bytes each (elements.hpp store_output); returns the stream's cycles.
    virtual uint64_t run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n);
    // Clock cycles since construction: rising edges of a pin-level unit's clock (reset and
    // configuration included), the counted cycles of the golden unit's streams.
    virtual uint64_t cycle() const = 0;

    // The power monitor's counts since the last clear (units without one: none).
    virtual std::optional<cost::Activity> activity() const { return std::nullopt; }
    virtual void clear_activity() {}
    // The unit's clock (pin-level units: the period of their clock; golden counts cycles only).
    virtual void set_clock_hz(double) {}
    // Ends a stream in progress at the next clock edge (its outputs are then incomplete).
    virtual void abort() {}
};

// The pins of docs/pin-interface.md under manual control, one rising edge at a time.
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

// A unit with pins (the cycle model, the Verilated RTL): the job's steps one by one, and the
// pins themselves.
class PinLevelUnit : public Unit {
public:
    // rst_ni low for `cycles` edges, then one edge with it high.
    virtual void reset(int cycles = 2) = 0;
    // Waits for idle_o, writes every register (one per cycle), returns !cfg_err_o after the last.
    virtual bool configure(const std::vector<CfgWrite>& writes) = 0;
    // One rising edge: returns the pins as they were just before it and drives `in` after it.
    virtual PinsOut tick(const PinsIn& in) = 0;

    bool load(const UnitJob& job) override;
};

// Energy of a run of n elements of table t in picojoules: from the unit's power monitor when it
// has one (its counts are cleared), else the cost model's nominal estimate for the shape with
// t's entries active and the option blocks and range reduction t uses (cost::table_actions).
double run_energy_pj(Unit& u, uint64_t n, const PwlTable& t, const cost::Constants& c = cost::default_constants());

}  // namespace gqalut::unit
