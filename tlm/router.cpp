#include "tlm/router.hpp"

#include <algorithm>

namespace gqalut::vp {

Router::Router(sc_core::sc_module_name name)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket") {
    target_socket.register_b_transport(this, &Router::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &Router::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &Router::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this, &Router::invalidate_direct_mem_ptr);
}

void Router::map(unsigned port, uint64_t base, uint64_t size, const std::string& name) {
    ranges_.push_back({port, base, size, name});
}

const Router::Range* Router::decode(uint64_t addr, uint64_t len) const {
    for (const auto& r : ranges_)
        if (addr >= r.base && addr - r.base < r.size && len <= r.size - (addr - r.base)) return &r;
    return nullptr;
}

void Router::b_transport(int, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    const uint64_t addr = gp.get_address();
    const Range* r = decode(addr, gp.get_data_length());
    if (!r) {
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    gp.set_address(addr - r->base);
    initiator_socket[r->port]->b_transport(gp, delay);
    gp.set_address(addr);
}

bool Router::get_direct_mem_ptr(int, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    const uint64_t addr = gp.get_address();
    const Range* r = decode(addr, 1);
    if (!r) {   // unmapped: the refusal holds for this address
        dmi.set_start_address(addr);
        dmi.set_end_address(addr);
        return false;
    }
    gp.set_address(addr - r->base);
    const bool ok = initiator_socket[r->port]->get_direct_mem_ptr(gp, dmi);
    gp.set_address(addr);
    // The answer's range (granted or refused) back to global addresses, clipped to the mapping.
    const uint64_t last = r->size - 1;
    if (dmi.get_start_address() > last) {   // nothing of the answer lies in the mapping
        dmi.set_start_address(addr);
        dmi.set_end_address(addr);
        return false;
    }
    dmi.set_start_address(r->base + dmi.get_start_address());
    dmi.set_end_address(r->base + std::min<uint64_t>(dmi.get_end_address(), last));
    return ok;
}

unsigned int Router::transport_dbg(int, tlm::tlm_generic_payload& gp) {
    const uint64_t addr = gp.get_address();
    const Range* r = decode(addr, gp.get_data_length());
    if (!r) return 0;
    gp.set_address(addr - r->base);
    const unsigned n = initiator_socket[r->port]->transport_dbg(gp);
    gp.set_address(addr);
    return n;
}

void Router::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
    for (const auto& r : ranges_) {
        if (static_cast<int>(r.port) != port) continue;
        for (unsigned i = 0; i < target_socket.size(); ++i)
            target_socket[i]->invalidate_direct_mem_ptr(r.base + start, r.base + std::min<uint64_t>(end, r.size - 1));
    }
}

}  // namespace gqalut::vp
