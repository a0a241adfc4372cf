// Simple RAM target: b_transport, DMI (whole range, read/write), transport_dbg, latency
// per access, and DMI invalidation on request.
#pragma once
#include <cstdint>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace gqalut::vp {

class Memory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<Memory> socket;

    Memory(sc_core::sc_module_name name, uint64_t size, sc_core::sc_time latency = sc_core::sc_time(10, sc_core::SC_NS));

    uint8_t* data() { return bytes_.data(); }
    uint64_t size() const { return bytes_.size(); }
    void set_latency(const sc_core::sc_time& t) { latency_ = t; }
    // Revokes every DMI pointer handed out (e.g. when the memory is remapped).
    void invalidate_dmi();
    // Transactions served (not counting debug), for tests and statistics.
    uint64_t transactions() const { return transactions_; }
    void set_dmi_allowed(bool allowed) { dmi_allowed_ = allowed; }

private:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
    tlm::tlm_response_status check(const tlm::tlm_generic_payload& gp) const;

    std::vector<uint8_t> bytes_;
    sc_core::sc_time latency_;
    uint64_t transactions_ = 0;
    bool dmi_allowed_ = true;
};

}  // namespace gqalut::vp
