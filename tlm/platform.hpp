// The example virtual platform: CPU -> checker -> router -> { checker -> RAM, checker -> pwl
// accelerator }, accelerator DMA -> checker -> router, accelerator interrupt -> CPU. A protocol
// checker sits on every socket path and records any base-protocol violation.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "tlm/cpu.hpp"
#include "tlm/memory.hpp"
#include "tlm/protocol_checker.hpp"
#include "tlm/pwl_accelerator.hpp"
#include "tlm/router.hpp"

namespace gqalut::vp {

struct PlatformConfig {
    std::string model = "golden";   // abstraction of the unit: golden | cycle | rtl
    int lanes = 1;
    double clock_mhz = 500.0;
    sc_core::sc_time quantum = sc_core::sc_time(1, sc_core::SC_US);
    uint64_t ram_bytes = uint64_t(64) << 20;
    int log_level = 0;
};

class Platform : public sc_core::sc_module {
public:
    static constexpr uint64_t kRamBase = 0x00000000;
    static constexpr uint64_t kAccelBase = 0x40000000;

    Platform(sc_core::sc_module_name name, const PlatformConfig& cfg);

    Cpu cpu;
    ProtocolChecker cpu_check, dma_check, ram_check, accel_check;
    Router bus;
    Memory ram;
    PwlAccelerator accel;
    sc_core::sc_signal<bool> irq;

    size_t protocol_violations() const;
    // Every violation recorded, one line each.
    std::vector<std::string> protocol_report() const;
};

}  // namespace gqalut::vp
