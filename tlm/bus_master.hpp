// The data transfers of an initiator on its socket, as the CPU stand-in and the accelerator's
// DMA make them: direct memory access where a target grants it (regions kept in a DmiCache, a
// freshly initialised tlm_dmi for every request), else b_transport bursts; every transaction
// initialised as the base protocol requires; time annotated on the caller's quantum keeper
// (b_transport delays, DMI latency per burst). The owner forwards its socket's
// invalidate_direct_mem_ptr to invalidate().
#pragma once
#include <cstdint>
#include <functional>

#include <tlm>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "tlm/dmi_cache.hpp"

namespace gqalut::vp {

class BusMaster {
public:
    BusMaster(tlm::tlm_initiator_socket<>& socket, unsigned burst_bytes) : socket_(socket), burst_bytes_(burst_bytes) {}

    unsigned burst_bytes() const { return burst_bytes_; }
    void set_burst_bytes(unsigned b) { burst_bytes_ = b; }

    // One b_transport of len bytes (a register access); its response status.
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, uint8_t* data, unsigned len,
                                    tlm_utils::tlm_quantumkeeper& qk);
    // len bytes from or to addr, synchronising the quantum keeper when it needs to. Returns
    // false at the first error response, or when `abandon` (asked before each burst) says so.
    bool transfer(tlm::tlm_command cmd, uint64_t addr, uint8_t* data, uint64_t len, tlm_utils::tlm_quantumkeeper& qk,
                  const std::function<bool()>& abandon = {});

    void invalidate(uint64_t start, uint64_t end) { cache_.invalidate(start, end); }
    void forget() { cache_.clear(); }   // e.g. at reset: nothing granted, nothing refused
    const DmiCache& dmi() const { return cache_; }

    // Statistics: direct accesses (one per contiguous piece), b_transport calls, DMI requests.
    uint64_t dmi_accesses = 0, bus_accesses = 0, dmi_requests = 0;

private:
    const tlm::tlm_dmi* dmi_for(uint64_t addr, tlm::tlm_command cmd);
    uint64_t bursts(uint64_t bytes) const { return (bytes + burst_bytes_ - 1) / burst_bytes_; }

    tlm::tlm_initiator_socket<>& socket_;
    unsigned burst_bytes_;
    DmiCache cache_;
};

}  // namespace gqalut::vp
