#include "tlm/cpu.hpp"

#include <cstring>
#include <stdexcept>

namespace gqalut::vp {

Cpu::Cpu(sc_core::sc_module_name name) : sc_module(name), socket("socket"), irq_i("irq_i"), bus_(socket, 256) {
    socket.register_invalidate_direct_mem_ptr(this, &Cpu::invalidate_direct_mem_ptr);
    SC_HAS_PROCESS(Cpu);
    SC_THREAD(run);
}

void Cpu::run() {
    qk_.reset();
    if (program_) program_(*this);
    qk_.sync();
    finished_ = true;
}

tlm::tlm_response_status Cpu::access(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len) {
    return bus_.access(cmd, addr, static_cast<uint8_t*>(data), len, qk_);
}

namespace {
void check(tlm::tlm_response_status st, uint64_t addr) {
    if (st != tlm::TLM_OK_RESPONSE)
        throw std::runtime_error("bus error at 0x" + std::to_string(addr) + ": status " + std::to_string(static_cast<int>(st)));
}
}  // namespace

uint32_t Cpu::read32(uint64_t addr) {
    uint32_t v = 0;
    check(access(tlm::TLM_READ_COMMAND, addr, &v, 4), addr);
    return v;
}

void Cpu::write32(uint64_t addr, uint32_t v) { check(access(tlm::TLM_WRITE_COMMAND, addr, &v, 4), addr); }

uint64_t Cpu::read64(uint64_t addr) {
    uint64_t v = 0;
    check(access(tlm::TLM_READ_COMMAND, addr, &v, 8), addr);
    return v;
}

void Cpu::write64(uint64_t addr, uint64_t v) { check(access(tlm::TLM_WRITE_COMMAND, addr, &v, 8), addr); }

void Cpu::write_block(uint64_t addr, const void* data, uint64_t len) {
    if (!bus_.transfer(tlm::TLM_WRITE_COMMAND, addr, const_cast<uint8_t*>(static_cast<const uint8_t*>(data)), len, qk_))
        throw std::runtime_error("bus error writing a block at 0x" + std::to_string(addr));
}

void Cpu::read_block(uint64_t addr, void* data, uint64_t len) {
    if (!bus_.transfer(tlm::TLM_READ_COMMAND, addr, static_cast<uint8_t*>(data), len, qk_))
        throw std::runtime_error("bus error reading a block at 0x" + std::to_string(addr));
}

void Cpu::wait_irq() {
    qk_.sync();
    while (!irq_i.read()) sc_core::wait(irq_i.value_changed_event());
}

}  // namespace gqalut::vp
