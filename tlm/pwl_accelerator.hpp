// TLM-2.0 pwl accelerator (docs/register-map.md): a target socket for its registers and LUT
// window, an initiator socket for DMA, a level-sensitive interrupt. Loosely timed: the DMA runs
// ahead of SystemC time under a quantum keeper and uses DMI where memory grants it; compute
// time comes from the unit's cycles at the configured clock.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "tlm/register_bank.hpp"
#include "tlm/unit_backend.hpp"

namespace gqalut::vp {

namespace acc {
constexpr uint64_t kId = 0x000, kVersion = 0x004, kCtrl = 0x008, kStatus = 0x00C;
constexpr uint64_t kCfgMode = 0x010, kCfgEntries = 0x014, kCfgScale = 0x018, kCfgLambda = 0x01C;
constexpr uint64_t kCfgRequant = 0x020, kCfgScaler = 0x024;
constexpr uint64_t kSrcAddr = 0x030, kDstAddr = 0x038, kLength = 0x040, kErrorCode = 0x044;
constexpr uint64_t kPerfCycles = 0x050, kPerfElements = 0x058, kPerfEnergy = 0x060;
constexpr uint64_t kLutBreakpoint = 0x1000, kLutSlope = 0x1400, kLutIntercept = 0x1800;
constexpr uint64_t kSize = 0x2000;
constexpr uint32_t kIdValue = 0x47514C55;      // "GQLU"
constexpr uint32_t kVersionValue = 0x00010000;  // 1.0
constexpr int kMaxEntries = 64;

// CTRL bits
constexpr uint32_t kCtrlStart = 1u << 0, kCtrlIrqEnable = 1u << 1, kCtrlSoftReset = 1u << 2, kCtrlClearPerf = 1u << 3;
// STATUS bits
constexpr uint32_t kStatusBusy = 1u << 0, kStatusDone = 1u << 1, kStatusError = 1u << 2;
// CFG_MODE values
enum Mode : uint32_t { mode_int8 = 0, mode_int16 = 1, mode_int32 = 2, mode_fp32 = 3, mode_scaler = 4 };
// ERROR_CODE values
enum Error : uint32_t {
    err_none = 0,
    err_config = 1,        // the configuration registers do not describe a runnable table
    err_length_zero = 2,
    err_dma_read = 3,      // a DMA read got an error response
    err_dma_write = 4,
    err_busy_write = 5,    // configuration or LUT written while busy
    err_busy_start = 6,    // START while busy
};
}  // namespace acc

class PwlAccelerator : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<PwlAccelerator> target_socket;
    tlm_utils::simple_initiator_socket<PwlAccelerator> dma_socket;
    sc_core::sc_out<bool> irq_o;

    struct Params {
        std::string model = "golden";   // golden | cycle | rtl
        int lanes = 1;
        double clock_mhz = 500.0;       // the unit's clock: compute time = cycles / clock
        sc_core::sc_time register_latency = sc_core::sc_time(1, sc_core::SC_NS);
        unsigned dma_burst_bytes = 256; // per b_transport when DMI is not available
        int log_level = 0;              // 0 quiet, 1 jobs, 2 every register access
    };

    PwlAccelerator(sc_core::sc_module_name name, const Params& p);
    PwlAccelerator(sc_core::sc_module_name name) : PwlAccelerator(name, Params{}) {}

    // Run-time parameters (no recompilation): clock, log level, register latency.
    void set_clock_mhz(double mhz) { params_.clock_mhz = mhz; }
    void set_log_level(int level) { params_.log_level = level; }
    void set_register_latency(const sc_core::sc_time& t) { params_.register_latency = t; }
    void set_energy_per_element_pj(double pj);   // golden backend: energy annotation
    // Restores the start-of-simulation state (registers, counters, DMI, interrupt).
    void reset();

    const Params& params() const { return params_; }
    UnitBackend& backend() { return *backend_; }
    uint64_t dmi_accesses() const { return dmi_accesses_; }
    uint64_t bus_accesses() const { return bus_accesses_; }
    bool has_dmi() const { return dmi_valid_; }

private:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
    void worker();
    void update_irq();
    void drive_irq();
    void fail(acc::Error e);
    bool config_write_allowed();
    UnitJob job_from_registers() const;
    bool dma(tlm::tlm_command cmd, uint64_t addr, uint8_t* data, uint64_t len, tlm_utils::tlm_quantumkeeper& qk);
    sc_core::sc_time clock_period() const { return sc_core::sc_time(1e3 / params_.clock_mhz, sc_core::SC_NS); }

    Params params_;
    RegisterBank regs_;
    Register *ctrl_, *status_, *error_, *mode_, *entries_, *scale_, *lambda_, *requant_, *scaler_;
    Register *src_, *dst_, *length_, *perf_cycles_, *perf_elements_, *perf_energy_;
    std::vector<Register*> bp_, slope_, icpt_;
    std::unique_ptr<UnitBackend> backend_;
    sc_core::sc_event start_event_, irq_event_;
    bool irq_level_ = false;
    bool busy_ = false;
    uint64_t epoch_ = 0;       // incremented by reset(): a running job is dropped
    uint64_t job_epoch_ = 0;   // epoch_ when the running job started
    UnitJob pending_;
    tlm::tlm_dmi dmi_;
    bool dmi_valid_ = false;
    uint64_t dmi_accesses_ = 0, bus_accesses_ = 0;
};

}  // namespace gqalut::vp
