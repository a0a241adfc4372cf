#include "tlm/bus_master.hpp"

#include <algorithm>
#include <cstring>

namespace gqalut::vp {

tlm::tlm_response_status BusMaster::access(tlm::tlm_command cmd, uint64_t addr, uint8_t* data, unsigned len,
                                           tlm_utils::tlm_quantumkeeper& qk) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time t = qk.get_local_time();
    socket_->b_transport(gp, t);
    qk.set(t);
    ++bus_accesses;
    cache_.hint(addr, gp.is_dmi_allowed());
    if (qk.need_sync()) qk.sync();
    return gp.get_response_status();
}

const tlm::tlm_dmi* BusMaster::dmi_for(uint64_t addr, tlm::tlm_command cmd) {
    if (const tlm::tlm_dmi* d = cache_.find(addr, cmd)) return d;
    if (!cache_.worth_asking(addr, cmd)) return nullptr;
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    tlm::tlm_dmi dmi;   // freshly initialised for every request (base protocol)
    ++dmi_requests;
    const bool granted = socket_->get_direct_mem_ptr(gp, dmi);
    cache_.record(addr, cmd, granted, dmi);
    return cache_.find(addr, cmd);
}

bool BusMaster::transfer(tlm::tlm_command cmd, uint64_t addr, uint8_t* data, uint64_t len,
                         tlm_utils::tlm_quantumkeeper& qk, const std::function<bool()>& abandon) {
    while (len > 0) {
        if (abandon && abandon()) return false;
        uint64_t chunk;
        // The descriptor is looked up afresh after every synchronisation: an invalidation may
        // have arrived while this thread waited.
        if (const tlm::tlm_dmi* d = dmi_for(addr, cmd)) {
            chunk = std::min<uint64_t>(len - 1, d->get_end_address() - addr) + 1;   // no overflow at the top
            uint8_t* mem = d->get_dmi_ptr() + (addr - d->get_start_address());
            if (cmd == tlm::TLM_READ_COMMAND) std::memcpy(data, mem, chunk);
            else std::memcpy(mem, data, chunk);
            qk.inc((cmd == tlm::TLM_READ_COMMAND ? d->get_read_latency() : d->get_write_latency()) *
                   static_cast<double>(bursts(chunk)));
            ++dmi_accesses;
            if (qk.need_sync()) qk.sync();
        } else {
            chunk = std::min<uint64_t>(len, burst_bytes_);
            if (access(cmd, addr, data, static_cast<unsigned>(chunk), qk) != tlm::TLM_OK_RESPONSE) return false;
        }
        addr += chunk;
        data += chunk;
        len -= chunk;
    }
    return true;
}

}  // namespace gqalut::vp
