// A pass-through between an initiator and a target that checks the base-protocol rules the
// platform relies on (the Accellera checker is not packaged for Debian):
// - b_transport returns with a response status other than TLM_INCOMPLETE_RESPONSE, and with
//   the command, address, data pointer, data length, byte enables and streaming width the
//   initiator set;
// - the initiator set a streaming width and, if byte enables, a non-zero byte enable length;
// - DMI grants contain the requested address, with a valid pointer and start <= end;
// - transport_dbg returns no more bytes than asked and changes nothing observable through
//   a second debug read of the same range.
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
    tlm_utils::simple_target_socket<ProtocolChecker> target_socket;
    tlm_utils::simple_initiator_socket<ProtocolChecker> initiator_socket;

    explicit ProtocolChecker(sc_core::sc_module_name name);

    const std::vector<std::string>& violations() const { return violations_; }
    uint64_t checked() const { return checked_; }

private:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
    void violation(const std::string& what, const tlm::tlm_generic_payload& gp);

    std::vector<std::string> violations_;
    uint64_t checked_ = 0;
};

}  // namespace gqalut::vp
