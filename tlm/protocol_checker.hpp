// A pass-through between an initiator and a target that checks the TLM-2.0 base-protocol rules
// (IEEE 1666-2011 chapters 11 and 14) an independent checker enforces on the blocking, DMI and
// debug interfaces (Accellera's checker is not packaged for Debian):
// - b_transport: the initiator passes a properly initialised transaction (data pointer and a
//   non-zero data length unless TLM_IGNORE_COMMAND, a non-zero streaming width, a byte enable
//   length when it has byte enables, dmi_allowed false, TLM_INCOMPLETE_RESPONSE, the minimal
//   payload option) and calls from a thread, not a method; the target sets a response status
//   and changes neither the command, data pointer, data length, byte enables, streaming width
//   nor the data of a write, and never decreases the annotated delay;
// - get_direct_mem_ptr: the initiator passes a freshly initialised tlm_dmi (null pointer, no
//   access, range 0 to the top address, zero latencies: a descriptor is never reused) and a read
//   or write command; a grant has a pointer, some access, start <= end and contains the
//   requested address;
// - invalidate_direct_mem_ptr: start <= end; the grants it overlaps are stale from then on;
// - transport_dbg: a data pointer when it moves data, no more bytes than asked, and a read has
//   no side effect (a second debug read of the same range sees the same bytes).
// An access through a stale DMI pointer passes no socket, so no pass-through can see it:
// gqalut::vp::Memory catches those (its storage moves at every invalidation, Memory::stale_writes).
// Every violation is recorded and reported as an SC_ERROR of type "gqalut/protocol" (which
// ends the simulation under SystemC's default actions; set the actions of that type to
// collect them instead).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

namespace gqalut::vp {

class ProtocolChecker : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<ProtocolChecker> target_socket;        // the initiator binds here
    tlm_utils::simple_initiator_socket<ProtocolChecker> initiator_socket;  // bound to the target

    explicit ProtocolChecker(sc_core::sc_module_name name);

    const std::vector<std::string>& violations() const { return violations_; }
    uint64_t checked() const { return checked_; }
    // DMI grants that went through and are not invalidated yet, and grants invalidated so far.
    size_t live_grants() const { return grants_.size(); }
    uint64_t invalidated_grants() const { return invalidated_; }

private:
    struct Grant {
        uint64_t start, end;
    };

    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
    void check_initialised(const tlm::tlm_generic_payload& gp);
    void violation(const std::string& what, const tlm::tlm_generic_payload* gp);

    std::vector<std::string> violations_;
    std::vector<Grant> grants_;
    uint64_t checked_ = 0, invalidated_ = 0;
};

}  // namespace gqalut::vp
