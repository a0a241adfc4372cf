// The platforms every TLM test case runs on (one elaboration per process, built before the
// Catch2 session starts in the first platform's CPU thread), and helpers for raw bus accesses.
#pragma once
#include <tlm>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "model/unit_config.hpp"
#include "tlm/platform.hpp"
#include "tlm/pwl_driver.hpp"

namespace gqalut::vp::test {

// The example platform with the golden model: RAM at 0, the accelerator at kAcc.
Platform& platform();
// The same with the SystemC cycle model at 500 MHz, and one built with clock_mhz = 250.
Platform& cycle_platform();
Platform& cycle_platform_250();

// Two memories behind one router, with a checker on every socket path: ram0 at 0 and ram1 at
// kRam1, 1 MiB each; a golden accelerator at kAcc.
struct Rig : sc_core::sc_module {
    static constexpr uint64_t kRam1 = 0x10000000, kRamBytes = 1 << 20;
    Cpu cpu;
    ProtocolChecker cpu_check, dma_check, ram0_check, ram1_check, accel_check;
    Router bus;
    Memory ram0, ram1;
    PwlAccelerator accel;
    sc_core::sc_signal<bool> irq;
    explicit Rig(sc_core::sc_module_name name);
    std::vector<const ProtocolChecker*> checkers() const {
        return {&cpu_check, &dma_check, &ram0_check, &ram1_check, &accel_check};
    }
};
Rig& rig();

// A target that breaks one base-protocol rule at a time, behind a checker, for tests of the
// checker itself: the test initiates through `socket`.
struct FaultyTarget : sc_core::sc_module {
    enum class Fault { none, leave_incomplete, change_length, decrease_delay, change_write_data, grant_without_pointer,
                       grant_missing_address, debug_side_effect, debug_too_many, invalidate_backwards };
    tlm_utils::simple_target_socket<FaultyTarget> target{"target"};
    Fault fault = Fault::none;
    uint8_t bytes[64] = {};
    explicit FaultyTarget(sc_core::sc_module_name name);
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
};
struct CheckerBench : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<CheckerBench> socket{"socket"};
    ProtocolChecker checker{"checker"};
    FaultyTarget target{"target"};
    explicit CheckerBench(sc_core::sc_module_name name);
};
CheckerBench& checker_bench();

constexpr uint64_t kAcc = Platform::kAccelBase;

// A single access through `cpu` with full control of the payload; waits for the annotated
// delay and returns the response status.
tlm::tlm_response_status raw(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len,
                             unsigned char* byte_enables = nullptr, unsigned be_len = 0, unsigned streaming_width = 0);
tlm::tlm_response_status raw(Cpu& cpu, tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len,
                             unsigned char* byte_enables = nullptr, unsigned be_len = 0, unsigned streaming_width = 0);

// Every accelerator and memory back at its start state (DMI granted everywhere, memory zero).
void fresh();

// Waits at most `limit` of simulated time for the interrupt; false on the timeout.
bool wait_irq_for(Cpu& cpu, const sc_core::sc_time& limit);

// A small INT8 GELU table (8 entries, per-scale codes for s = 0..7).
PwlTable gelu8();

// Random input bytes for n elements of the loaded configuration written at src; returns them.
std::vector<uint8_t> random_inputs(Cpu& cpu, const PwlDriver& drv, uint64_t src, uint64_t n, uint64_t seed);
// Elements of `out` (the driver's output layout) that differ from the golden model's for
// `in`, table t at scale s with requantizer rq.
uint64_t golden_mismatches(const PwlTable& t, int s, const RequantConfig& rq, const std::vector<uint8_t>& in,
                           const std::vector<uint8_t>& out);

}  // namespace gqalut::vp::test
