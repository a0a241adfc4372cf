// Software-side driver of the accelerator (what firmware on the platform's CPU would do):
// program a table through the configuration registers and the LUT window, run a job, wait for
// the interrupt.
#pragma once
#include <cstdint>

#include "model/unit_config.hpp"
#include "tlm/cpu.hpp"

namespace gqalut::vp {

class PwlDriver {
public:
    PwlDriver(Cpu& cpu, uint64_t base) : cpu_(cpu), base_(base) {}

    // Loads table t: INT at scale s with requantizer rq and the table's datapath options
    // (CFG_DATAPATH, CFG_CENTER, CFG_RANGE_*); FP32; or the scaler unit (DIV/RSQRT, or the range
    // reduction of EXP2, LOG2, EXP).
    void load(const PwlTable& t, int scale = 0, const RequantConfig& rq = {});
    struct Job {
        bool ok;
        uint32_t error_code;
        uint64_t cycles, energy_fj;   // this job's share of the performance counters
    };
    // Starts a job of n elements from src to dst with the interrupt enabled; does not wait.
    void start(uint64_t src, uint64_t dst, uint64_t n);
    // start(), then waits for the interrupt and clears DONE/ERROR.
    Job run(uint64_t src, uint64_t dst, uint64_t n);
    // Bytes per element in memory for the loaded configuration.
    unsigned in_bytes() const { return in_bytes_; }
    unsigned out_bytes() const { return out_bytes_; }

private:
    void write_options(const PwlTable& t, int scale);
    Cpu& cpu_;
    uint64_t base_;
    unsigned in_bytes_ = 1, out_bytes_ = 4;
};

}  // namespace gqalut::vp
