// Drives a Verilated pwl unit (RtlUnit) and checks it cycle by cycle: a reference of the
// handshake of docs/pin-interface.md (valid bits advancing as a whole, in_ready_o, idle_o, the
// sticky cfg_err_o) and, for every delivered output word, the golden model's prediction.
// Inputs arrive with random valid gaps, outputs are taken with random stalls, and writes that
// the unit must ignore (busy, out-of-range, unmapped) can be injected while streaming.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "model/unit_config.hpp"
#include "rtl/verilated/rtl_unit.hpp"

namespace gqalut::rtl {

struct StreamOptions {
    double in_gap = 0;         // probability that in_valid_i is low while inputs remain
    double out_stall = 0;      // probability that out_ready_i is low
    double busy_writes = 0;    // per busy cycle: a write to a mapped register (must be ignored)
    double bad_writes = 0;     // per idle cycle: an out-of-range or unmapped write (ignored)
    double clear_writes = 0;   // per cycle: a CLEAR_ERROR write
    uint64_t seed = 1;
    uint64_t stop_after = 0;   // stop after this many cycles (0: run until every output is out)
    size_t max_reports = 3;    // mismatches described in full
};

struct StreamResult {
    uint64_t elements = 0;         // output elements compared with the golden model
    uint64_t mismatches = 0;       // of those, how many differed
    uint64_t protocol_errors = 0;  // cycles where in_ready/out_valid/idle/cfg_err differed
    uint64_t cycles = 0;
    uint64_t injected_writes = 0;
    std::vector<std::string> reports;   // the first mismatches: cycle, input, both outputs
    bool ok() const { return mismatches == 0 && protocol_errors == 0; }
    void add(const StreamResult& o);
    std::string summary() const;
};

// Golden prediction of one lane's output word for one input word.
using GoldenFn = std::function<i128(uint64_t)>;

// Whether an idle unit of this shape accepts the write (docs/pin-interface.md register map).
bool write_accepted(const UnitShape& shape, const CfgWrite& w);
// Writes that every unit of this shape must ignore (unmapped addresses, out-of-range values).
std::vector<CfgWrite> invalid_writes(const UnitShape& shape);
// Mapped registers of the shape (for writes injected while busy).
std::vector<uint32_t> mapped_addresses(const UnitShape& shape);

class Driver {
public:
    // If the environment variable GQALUT_RTL_VCD is set, the unit dumps a VCD to that path
    // ("%s" is replaced by the configuration name, e.g. int8_p8_n32_l1) from here on.
    explicit Driver(RtlUnit& dut);

    // rst_ni low for `cycles` rising edges; in-flight elements are dropped.
    void reset(int cycles = 2);
    // Writes a configuration, waiting for the unit to drain first. With hold_last the last
    // write is issued by the next stream() together with its first input element (an element
    // accepted with a write is processed with the new value).
    StreamResult configure(const std::vector<CfgWrite>& writes, bool hold_last = false);
    // Streams input vectors (lanes words each, vector v = words[v*lanes ..]) and checks each
    // output word against golden(input word).
    StreamResult stream(const std::vector<uint64_t>& words, const GoldenFn& golden, const StreamOptions& opt = {});
    // Idle cycles with out_ready_i high until nothing is in flight.
    StreamResult drain();

    RtlUnit& dut() { return dut_; }
    bool expected_cfg_err() const { return ref_err_; }

private:
    struct Slot {
        bool valid = false;
        std::vector<uint64_t> in;
        std::vector<i128> out;
    };
    // One cycle: drive, check the outputs against the reference, take the edge.
    void cycle(bool in_valid, const uint64_t* in, const GoldenFn* golden, bool out_ready, const CfgWrite* w,
               StreamResult& r, size_t max_reports);
    bool ref_idle() const;
    std::string hex(i128 v, int width) const;

    RtlUnit& dut_;
    int lanes_;
    std::deque<Slot> pipe_;   // pipe_[0]: input register ... back(): output register
    bool ref_err_ = false;
    bool pending_ = false;
    CfgWrite pending_write_{};
    uint64_t rng_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace gqalut::rtl
