// TLM-2.0 pwl accelerator (docs/register-map.md): a target socket for its registers and LUT
// window, an initiator socket for DMA, a level-sensitive interrupt. Loosely timed: the DMA runs
// ahead of SystemC time under a quantum keeper and uses DMI where memory grants it; compute
// time comes from the unit's cycles at the configured clock. This header is all an integrator
// includes: SystemC, TLM and the register bank, nothing of the numeric model.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "tlm/bus_master.hpp"
#include "tlm/register_bank.hpp"

namespace gqalut::unit {
struct UnitJob;   // model/unit/unit.hpp
}  // namespace gqalut::unit

namespace gqalut::vp {

// The register map (docs/register-map.md): offsets, fields, values.
namespace acc {
constexpr uint64_t kId = 0x000, kVersion = 0x004, kCtrl = 0x008, kStatus = 0x00C;
constexpr uint64_t kCfgMode = 0x010, kCfgEntries = 0x014, kCfgScale = 0x018, kCfgLambda = 0x01C;
constexpr uint64_t kCfgRequant = 0x020, kCfgScaler = 0x024, kCfgDatapath = 0x028, kCfgCenter = 0x02C;
constexpr uint64_t kCfgRangeLo = 0x070, kCfgRangeHi = 0x078;
constexpr uint64_t kSrcAddr = 0x030, kDstAddr = 0x038, kLength = 0x040, kErrorCode = 0x044;
constexpr uint64_t kPerfCycles = 0x050, kPerfElements = 0x058, kPerfEnergy = 0x060;
constexpr uint64_t kLutBreakpoint = 0x1000, kLutSlope = 0x1400, kLutIntercept = 0x1800;
constexpr uint64_t kSize = 0x2000;
constexpr uint32_t kIdValue = 0x47514C55;      // "GQLU"
constexpr uint32_t kVersionValue = 0x00010002;  // 1.2: the datapath options, the range reduction (1.1), the RSQRT octave
constexpr int kMaxEntries = 64;

// CTRL bits
constexpr uint32_t kCtrlStart = 1u << 0, kCtrlIrqEnable = 1u << 1, kCtrlSoftReset = 1u << 2, kCtrlClearPerf = 1u << 3;
// STATUS bits
constexpr uint32_t kStatusBusy = 1u << 0, kStatusDone = 1u << 1, kStatusError = 1u << 2;
// CFG_LAMBDA, CFG_REQUANT, CFG_SCALER and CFG_DATAPATH fields
constexpr Field kLambdaK{0, 8}, kLambdaB{8, 8};
constexpr Field kRequantEnable{0, 1}, kRequantOutFrac{8, 8};
constexpr Field kScalerFunction{0, 1}, kScalerPreset{1, 1}, kScalerOctave{2, 1}, kScalerInFrac{8, 8}, kScalerOutFrac{16, 8}, kScalerReduce{24, 4};
constexpr Field kDatapathSymmetry{0, 3}, kDatapathClamp{4, 1}, kDatapathRelative{5, 1};
// Reset values of the configuration registers
constexpr uint32_t kEntriesReset = 8;
constexpr uint32_t kLambdaReset = kLambdaK.put(6) | kLambdaB.put(6);
constexpr uint32_t kScalerReset = kScalerInFrac.put(16) | kScalerOutFrac.put(24);
// CFG_MODE values
enum Mode : uint32_t { mode_int8 = 0, mode_int16 = 1, mode_int32 = 2, mode_fp32 = 3, mode_scaler = 4 };
// CFG_DATAPATH.SYMMETRY values (docs/numeric-definition.md §8)
enum SymmetryValue : uint32_t { sym_none = 0, sym_odd = 1, sym_even = 2, sym_point = 3, sym_shifted = 4 };
// CFG_SCALER.REDUCE values (§12)
enum ReduceValue : uint32_t { reduce_none = 0, reduce_exp2 = 1, reduce_log2 = 2, reduce_exp = 3 };
// ERROR_CODE values
enum Error : uint32_t {
    err_none = 0,
    err_config = 1,        // the configuration registers do not describe a runnable table
    err_length_zero = 2,
    err_dma_read = 3,      // a DMA read got an error response
    err_dma_write = 4,
    err_busy_write = 5,    // configuration or LUT written while busy
    err_busy_start = 6,    // START while busy
    err_too_long = 7,      // LENGTH elements do not fit the job buffer (Params::job_buffer_bytes)
};
}  // namespace acc

class AcceleratorUnits;   // tlm/accelerator_units.hpp: the units at the accelerator's level

class PwlAccelerator : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<PwlAccelerator> target_socket;
    tlm_utils::simple_initiator_socket<PwlAccelerator> dma_socket;
    sc_core::sc_out<bool> irq_o;

    // Every parameter is checked at construction: a bad one is an SC_ERROR of type
    // "gqalut/accelerator/params" (thrown under SystemC's default actions). The run-time
    // configuration (tlm/config.hpp) sets them by name, INSTANCE.NAME=VALUE, over these values:
    // model, lanes, clock_mhz, register_latency_ns, dma_burst_bytes, job_buffer_bytes,
    // log_level (none, low, medium, high, full, debug or 0..500); a bad name or value there is
    // an SC_ERROR of type "gqalut/config".
    struct Params {
        std::string model = "golden";     // a level of model/unit/levels.hpp: golden | cycle | rtl
        int lanes = 1;                    // 1..64 (cycle and rtl: 1 or 8)
        double clock_mhz = 500.0;         // the unit's clock: compute time = cycles / clock
        sc_core::sc_time register_latency = sc_core::sc_time(1, sc_core::SC_NS);
        unsigned dma_burst_bytes = 256;   // per b_transport where DMI is not granted, 1..2^20
        uint64_t job_buffer_bytes = uint64_t(256) << 20;   // LENGTH x (input + output size) at most
        int log_level = sc_core::SC_NONE; // SystemC verbosity admitted: SC_MEDIUM jobs, SC_DEBUG registers
    };

    PwlAccelerator(sc_core::sc_module_name name, const Params& p);
    explicit PwlAccelerator(sc_core::sc_module_name name) : PwlAccelerator(name, Params{}) {}
    ~PwlAccelerator() override;

    // Run-time parameters (no recompilation), checked like the constructor's.
    void set_clock_mhz(double mhz);
    void set_log_level(int level);
    void set_register_latency(const sc_core::sc_time& t) { params_.register_latency = t; }
    // Restores the start-of-simulation state (registers, counters, DMI, interrupt); a running
    // job is dropped.
    void reset();

    const Params& params() const { return params_; }
    // DMA statistics since the last reset.
    uint64_t dmi_accesses() const { return dma_.dmi_accesses; }
    uint64_t bus_accesses() const { return dma_.bus_accesses; }
    uint64_t dmi_requests() const { return dma_.dmi_requests; }
    size_t dmi_regions() const { return dma_.dmi().regions(); }
    bool has_dmi() const { return dmi_regions() > 0; }

private:
    void end_of_elaboration() override;   // settings of the configuration no module took
    // Bus side.
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) { dma_.invalidate(start, end); }
    // Register handlers.
    bool write_ctrl(Register& r, uint64_t v);
    bool write_status(Register& r, uint64_t v);
    uint64_t read_status(const Register& r) const;
    bool write_frozen(Register& r, uint64_t v);   // configuration, addresses, length, LUT
    // Jobs.
    void start_job();
    void worker();
    void run_job(const unit::UnitJob& job, uint64_t epoch, tlm_utils::tlm_quantumkeeper& qk);
    void finish(uint64_t epoch, acc::Error e, tlm_utils::tlm_quantumkeeper& qk);
    void fail(acc::Error e);
    void update_irq();
    void drive_irq();
    sc_core::sc_time clock_period() const { return sc_core::sc_time(1e3 / params_.clock_mhz, sc_core::SC_NS); }
    void log(const char* type, int verbosity, const std::string& text) const;

    Params params_;
    RegisterBank regs_;
    Register id_, version_, ctrl_, status_;
    Register cfg_mode_, cfg_entries_, cfg_scale_, cfg_lambda_, cfg_requant_, cfg_scaler_;
    Register cfg_datapath_, cfg_center_, cfg_range_lo_, cfg_range_hi_;
    Register src_addr_, dst_addr_, length_, error_code_;
    Register perf_cycles_, perf_elements_, perf_energy_;
    RegisterArray bp_, slope_, icpt_;

    std::unique_ptr<AcceleratorUnits> units_;
    BusMaster dma_;
    sc_core::sc_event start_event_, irq_event_;
    bool irq_level_ = false;
    bool busy_ = false;
    bool start_pending_ = false;    // START accepted, the worker has not taken it yet
    sc_core::sc_time start_at_;     // when the START write took effect (its annotated delay)
    sc_core::sc_time access_delay_; // annotated delay of the register access being decoded
    uint64_t epoch_ = 0;            // incremented by reset(): a running job is dropped
    std::unique_ptr<unit::UnitJob> pending_;
    std::vector<uint8_t> in_, out_; // the job's inputs and outputs
};

}  // namespace gqalut::vp
