#include "tlm/protocol_checker.hpp"

#include <cstring>
#include <sstream>

namespace gqalut::vp {

ProtocolChecker::ProtocolChecker(sc_core::sc_module_name name)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket") {
    target_socket.register_b_transport(this, &ProtocolChecker::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &ProtocolChecker::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &ProtocolChecker::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this, &ProtocolChecker::invalidate_direct_mem_ptr);
}

void ProtocolChecker::violation(const std::string& what, const tlm::tlm_generic_payload& gp) {
    std::ostringstream os;
    os << sc_core::sc_time_stamp() << " " << name() << ": " << what << " (address 0x" << std::hex << gp.get_address()
       << std::dec << ", length " << gp.get_data_length() << ")";
    violations_.push_back(os.str());
}

void ProtocolChecker::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    ++checked_;
    if (gp.get_streaming_width() == 0) violation("streaming width not set", gp);
    if (gp.get_byte_enable_ptr() && gp.get_byte_enable_length() == 0) violation("byte enables without a length", gp);
    if (gp.get_response_status() != tlm::TLM_INCOMPLETE_RESPONSE)
        violation("initiator did not set TLM_INCOMPLETE_RESPONSE", gp);
    const auto cmd = gp.get_command();
    const auto addr = gp.get_address();
    auto* data = gp.get_data_ptr();
    const auto len = gp.get_data_length();
    auto* be = gp.get_byte_enable_ptr();
    const auto width = gp.get_streaming_width();
    const sc_core::sc_time before = delay;
    initiator_socket->b_transport(gp, delay);
    if (gp.get_response_status() == tlm::TLM_INCOMPLETE_RESPONSE) violation("target left TLM_INCOMPLETE_RESPONSE", gp);
    if (gp.get_command() != cmd || gp.get_address() != addr || gp.get_data_ptr() != data || gp.get_data_length() != len ||
        gp.get_byte_enable_ptr() != be || gp.get_streaming_width() != width)
        violation("target changed the transaction attributes", gp);
    if (delay < before) violation("target decreased the annotated delay", gp);
}

bool ProtocolChecker::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    ++checked_;
    const auto addr = gp.get_address();
    const bool ok = initiator_socket->get_direct_mem_ptr(gp, dmi);
    if (ok) {
        if (dmi.get_dmi_ptr() == nullptr) violation("DMI granted without a pointer", gp);
        if (dmi.get_start_address() > dmi.get_end_address()) violation("DMI range start > end", gp);
        if (addr < dmi.get_start_address() || addr > dmi.get_end_address())
            violation("DMI range does not contain the requested address", gp);
        if (dmi.get_granted_access() == tlm::tlm_dmi::DMI_ACCESS_NONE) violation("DMI granted with no access", gp);
    }
    return ok;
}

unsigned int ProtocolChecker::transport_dbg(tlm::tlm_generic_payload& gp) {
    ++checked_;
    const unsigned len = gp.get_data_length();
    const unsigned n = initiator_socket->transport_dbg(gp);
    if (n > len) violation("transport_dbg returned more bytes than asked", gp);
    if (gp.is_read() && n > 0) {
        // A second debug read must see the same bytes: the first one had no side effect.
        std::vector<unsigned char> again(n);
        tlm::tlm_generic_payload g2;
        g2.set_read();
        g2.set_address(gp.get_address());
        g2.set_data_ptr(again.data());
        g2.set_data_length(n);
        g2.set_streaming_width(n);
        const unsigned n2 = initiator_socket->transport_dbg(g2);
        if (n2 != n || std::memcmp(again.data(), gp.get_data_ptr(), n) != 0)
            violation("transport_dbg read has a side effect", gp);
    }
    return n;
}

void ProtocolChecker::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    if (start > end) {
        tlm::tlm_generic_payload gp;
        violation("DMI invalidation with start > end", gp);
    }
    target_socket->invalidate_direct_mem_ptr(start, end);
}

}  // namespace gqalut::vp
