#include "tlm/memory.hpp"

#include <algorithm>
#include <cstring>

namespace gqalut::vp {

Memory::Memory(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time latency)
    : sc_module(name), socket("socket"), bytes_(std::make_unique<std::vector<uint8_t>>(size, 0)), latency_(latency) {
    socket.register_b_transport(this, &Memory::b_transport);
    socket.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
    socket.register_transport_dbg(this, &Memory::transport_dbg);
}

tlm::tlm_response_status Memory::check(const tlm::tlm_generic_payload& gp) const {
    const uint64_t addr = gp.get_address(), len = gp.get_data_length();
    if (addr >= size() || len > size() - addr) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    if (gp.get_streaming_width() < len) return tlm::TLM_BURST_ERROR_RESPONSE;
    if (gp.get_byte_enable_ptr() && gp.get_byte_enable_length() == 0) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
    return tlm::TLM_OK_RESPONSE;
}

void Memory::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    const tlm::tlm_response_status st = check(gp);
    if (st != tlm::TLM_OK_RESPONSE) {
        gp.set_response_status(st);
        return;
    }
    uint8_t* mem = data() + gp.get_address();
    const unsigned len = gp.get_data_length();
    const unsigned char* be = gp.get_byte_enable_ptr();
    const unsigned be_len = gp.get_byte_enable_length();
    for (unsigned i = 0; i < len; ++i) {
        if (be && be[i % be_len] == 0) continue;   // TLM_BYTE_DISABLED
        if (gp.is_read()) gp.get_data_ptr()[i] = mem[i];
        else if (gp.is_write()) mem[i] = gp.get_data_ptr()[i];
    }
    ++transactions_;
    delay += latency_;
    gp.set_dmi_allowed(policy_.grant);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    const uint64_t addr = gp.get_address();
    ++requests_;
    if (!policy_.grant || addr >= size()) {
        // The answer holds for the whole memory.
        dmi.set_start_address(0);
        dmi.set_end_address(size() - 1);
        return false;
    }
    const uint64_t start = policy_.window ? addr - addr % policy_.window : 0;
    const uint64_t end = policy_.window ? std::min(size(), start + policy_.window) - 1 : size() - 1;
    dmi.set_dmi_ptr(data() + start);
    dmi.set_start_address(start);
    dmi.set_end_address(end);
    if (policy_.read_only) dmi.allow_read();
    else dmi.allow_read_write();
    dmi.set_read_latency(latency_);
    dmi.set_write_latency(latency_);
    ++grants_;
    granted_since_invalidation_ = true;
    return true;
}

unsigned int Memory::transport_dbg(tlm::tlm_generic_payload& gp) {
    const uint64_t addr = gp.get_address();
    if (addr >= size()) return 0;
    const unsigned len = static_cast<unsigned>(std::min<uint64_t>(gp.get_data_length(), size() - addr));
    if (gp.is_read()) std::memcpy(gp.get_data_ptr(), data() + addr, len);
    else if (gp.is_write()) std::memcpy(data() + addr, gp.get_data_ptr(), len);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return len;
}

void Memory::invalidate_dmi() {
    socket->invalidate_direct_mem_ptr(0, size() - 1);
    if (!granted_since_invalidation_) return;   // no pointer out there: nothing to move
    granted_since_invalidation_ = false;
    auto moved = std::make_unique<std::vector<uint8_t>>(*bytes_);
    std::fill(bytes_->begin(), bytes_->end(), kPoison);
    retired_.push_back(std::move(bytes_));
    bytes_ = std::move(moved);
}

uint64_t Memory::stale_writes() const {
    uint64_t n = 0;
    for (const auto& r : retired_) n += static_cast<uint64_t>(std::count_if(r->begin(), r->end(), [](uint8_t b) { return b != kPoison; }));
    return n;
}

}  // namespace gqalut::vp
