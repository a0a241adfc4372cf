// RAM target: b_transport, DMI, transport_dbg, latency per access, DMI invalidation on request.
// What it grants is set at run time (DmiPolicy: everything, windows of a given size, read-only,
// nothing) and its b_transport responses carry the matching dmi_allowed hint. A DMI pointer
// dies with its invalidation: the storage moves and the old copy is kept poisoned, so a read
// through a stale pointer sees the poison and a write through one is counted (stale_writes()).
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace gqalut::vp {

struct DmiPolicy {
    bool grant = true;
    uint64_t window = 0;    // bytes per granted region, aligned (0: the whole memory)
    bool read_only = false;
};

class Memory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<Memory> socket;

    Memory(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time latency = sc_core::sc_time(10, sc_core::SC_NS));

    // The current storage (it moves at every invalidation).
    uint8_t* data() { return bytes_->data(); }
    uint64_t size() const { return bytes_->size(); }
    void set_latency(const sc_core::sc_time& t) { latency_ = t; }
    void set_dmi_policy(const DmiPolicy& p) { policy_ = p; }
    void set_dmi_allowed(bool allowed) { policy_ = DmiPolicy{allowed, 0, false}; }
    const DmiPolicy& dmi_policy() const { return policy_; }
    // Revokes every DMI pointer handed out (e.g. when the memory is remapped).
    void invalidate_dmi();
    // Transactions served (not counting debug), DMI requests and grants, and bytes written
    // through pointers revoked by an invalidation (must stay 0).
    uint64_t transactions() const { return transactions_; }
    uint64_t dmi_requests() const { return requests_; }
    uint64_t dmi_grants() const { return grants_; }
    uint64_t stale_writes() const;

    static constexpr uint8_t kPoison = 0xDB;

private:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
    tlm::tlm_response_status check(const tlm::tlm_generic_payload& gp) const;

    std::unique_ptr<std::vector<uint8_t>> bytes_;
    std::vector<std::unique_ptr<std::vector<uint8_t>>> retired_;   // poisoned storage of revoked pointers
    sc_core::sc_time latency_;
    DmiPolicy policy_;
    uint64_t transactions_ = 0, requests_ = 0, grants_ = 0;
    bool granted_since_invalidation_ = false;
};

}  // namespace gqalut::vp
