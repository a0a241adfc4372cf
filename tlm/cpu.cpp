#include "tlm/cpu.hpp"

#include <cstring>
#include <stdexcept>

namespace gqalut::vp {

Cpu::Cpu(sc_core::sc_module_name name) : sc_module(name), socket("socket"), irq_i("irq_i") {
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
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time t = qk_.get_local_time();
    socket->b_transport(gp, t);
    qk_.set(t);
    if (qk_.need_sync()) qk_.sync();
    return gp.get_response_status();
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

bool Cpu::dmi_for(uint64_t addr, tlm::tlm_command cmd) {
    if (!dmi_valid_) {
        tlm::tlm_generic_payload gp;
        gp.set_address(addr);
        gp.set_command(cmd);
        dmi_valid_ = socket->get_direct_mem_ptr(gp, dmi_);
    }
    return dmi_valid_ && addr >= dmi_.get_start_address() && addr <= dmi_.get_end_address();
}

void Cpu::write_block(uint64_t addr, const void* data, uint64_t len) {
    const auto* p = static_cast<const uint8_t*>(data);
    while (len > 0) {
        uint64_t chunk;
        if (dmi_for(addr, tlm::TLM_WRITE_COMMAND) && dmi_.is_write_allowed()) {
            chunk = std::min<uint64_t>(len, dmi_.get_end_address() - addr + 1);
            std::memcpy(dmi_.get_dmi_ptr() + (addr - dmi_.get_start_address()), p, chunk);
        } else {
            chunk = std::min<uint64_t>(len, 256);
            check(access(tlm::TLM_WRITE_COMMAND, addr, const_cast<uint8_t*>(p), static_cast<unsigned>(chunk)), addr);
        }
        addr += chunk;
        p += chunk;
        len -= chunk;
    }
}

void Cpu::read_block(uint64_t addr, void* data, uint64_t len) {
    auto* p = static_cast<uint8_t*>(data);
    while (len > 0) {
        uint64_t chunk;
        if (dmi_for(addr, tlm::TLM_READ_COMMAND) && dmi_.is_read_allowed()) {
            chunk = std::min<uint64_t>(len, dmi_.get_end_address() - addr + 1);
            std::memcpy(p, dmi_.get_dmi_ptr() + (addr - dmi_.get_start_address()), chunk);
        } else {
            chunk = std::min<uint64_t>(len, 256);
            check(access(tlm::TLM_READ_COMMAND, addr, p, static_cast<unsigned>(chunk)), addr);
        }
        addr += chunk;
        p += chunk;
        len -= chunk;
    }
}

void Cpu::wait_irq() {
    qk_.sync();
    while (!irq_i.read()) sc_core::wait(irq_i.value_changed_event());
}

void Cpu::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    if (dmi_valid_ && start <= dmi_.get_end_address() && end >= dmi_.get_start_address()) dmi_valid_ = false;
}

}  // namespace gqalut::vp
