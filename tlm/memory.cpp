#include "tlm/memory.hpp"

#include <cstring>

namespace gqalut::vp {

Memory::Memory(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time latency)
    : sc_module(name), socket("socket"), bytes_(size, 0), latency_(latency) {
    socket.register_b_transport(this, &Memory::b_transport);
    socket.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
    socket.register_transport_dbg(this, &Memory::transport_dbg);
}

tlm::tlm_response_status Memory::check(const tlm::tlm_generic_payload& gp) const {
    const uint64_t addr = gp.get_address(), len = gp.get_data_length();
    if (addr >= bytes_.size() || len > bytes_.size() - addr) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    if (gp.get_streaming_width() < len) return tlm::TLM_BURST_ERROR_RESPONSE;
    return tlm::TLM_OK_RESPONSE;
}

void Memory::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    const tlm::tlm_response_status st = check(gp);
    if (st != tlm::TLM_OK_RESPONSE) {
        gp.set_response_status(st);
        return;
    }
    uint8_t* mem = bytes_.data() + gp.get_address();
    const unsigned len = gp.get_data_length();
    const unsigned char* be = gp.get_byte_enable_ptr();
    const unsigned be_len = gp.get_byte_enable_length();
    if (be && be_len == 0) {
        gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    for (unsigned i = 0; i < len; ++i) {
        if (be && be[i % be_len] == 0) continue;   // TLM_BYTE_DISABLED
        if (gp.is_read()) gp.get_data_ptr()[i] = mem[i];
        else if (gp.is_write()) mem[i] = gp.get_data_ptr()[i];
    }
    ++transactions_;
    delay += latency_;
    gp.set_dmi_allowed(dmi_allowed_);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    (void)gp;
    if (!dmi_allowed_) return false;
    dmi.set_dmi_ptr(bytes_.data());
    dmi.set_start_address(0);
    dmi.set_end_address(bytes_.size() - 1);
    dmi.allow_read_write();
    dmi.set_read_latency(latency_);
    dmi.set_write_latency(latency_);
    return true;
}

unsigned int Memory::transport_dbg(tlm::tlm_generic_payload& gp) {
    const uint64_t addr = gp.get_address();
    if (addr >= bytes_.size()) return 0;
    const unsigned len = static_cast<unsigned>(std::min<uint64_t>(gp.get_data_length(), bytes_.size() - addr));
    if (gp.is_read()) std::memcpy(gp.get_data_ptr(), bytes_.data() + addr, len);
    else if (gp.is_write()) std::memcpy(bytes_.data() + addr, gp.get_data_ptr(), len);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return len;
}

void Memory::invalidate_dmi() { socket->invalidate_direct_mem_ptr(0, bytes_.size() - 1); }

}  // namespace gqalut::vp
