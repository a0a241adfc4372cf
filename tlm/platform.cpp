#include "tlm/platform.hpp"

#include <tlm_utils/tlm_quantumkeeper.h>

namespace gqalut::vp {

namespace {
PwlAccelerator::Params accel_params(const PlatformConfig& c) {
    PwlAccelerator::Params p;
    p.model = c.model;
    p.lanes = c.lanes;
    p.clock_mhz = c.clock_mhz;
    p.log_level = c.log_level;
    return p;
}
}  // namespace

Platform::Platform(sc_core::sc_module_name name, const PlatformConfig& cfg)
    : sc_module(name), cpu("cpu"), cpu_check("cpu_check"), dma_check("dma_check"), ram_check("ram_check"),
      accel_check("accel_check"), bus("bus"), ram("ram", cfg.ram_bytes), accel("accel", accel_params(cfg)), irq("irq") {
    tlm_utils::tlm_quantumkeeper::set_global_quantum(cfg.quantum);
    cpu.socket.bind(cpu_check.target_socket);
    cpu_check.initiator_socket.bind(bus.target_socket);
    accel.dma_socket.bind(dma_check.target_socket);
    dma_check.initiator_socket.bind(bus.target_socket);
    bus.initiator_socket.bind(ram_check.target_socket);     // port 0
    ram_check.initiator_socket.bind(ram.socket);
    bus.initiator_socket.bind(accel_check.target_socket);   // port 1
    accel_check.initiator_socket.bind(accel.target_socket);
    bus.map(0, kRamBase, cfg.ram_bytes, "ram");
    bus.map(1, kAccelBase, acc::kSize, "accel");
    accel.irq_o.bind(irq);
    cpu.irq_i.bind(irq);
}

size_t Platform::protocol_violations() const { return protocol_report().size(); }

std::vector<std::string> Platform::protocol_report() const {
    std::vector<std::string> all;
    for (const ProtocolChecker* c : {&cpu_check, &dma_check, &ram_check, &accel_check})
        all.insert(all.end(), c->violations().begin(), c->violations().end());
    return all;
}

}  // namespace gqalut::vp
