#include "tlm/protocol_checker.hpp"

#include <algorithm>
#include <cstring>
#include <sstream>

#include "tlm/messages.hpp"

namespace gqalut::vp {

ProtocolChecker::ProtocolChecker(sc_core::sc_module_name name)
    : sc_module(name), target_socket("target_socket"), initiator_socket("initiator_socket") {
    target_socket.register_b_transport(this, &ProtocolChecker::b_transport);
    target_socket.register_get_direct_mem_ptr(this, &ProtocolChecker::get_direct_mem_ptr);
    target_socket.register_transport_dbg(this, &ProtocolChecker::transport_dbg);
    initiator_socket.register_invalidate_direct_mem_ptr(this, &ProtocolChecker::invalidate_direct_mem_ptr);
}

void ProtocolChecker::violation(const std::string& what, const tlm::tlm_generic_payload* gp) {
    std::ostringstream os;
    os << name() << " @ " << sc_core::sc_time_stamp() << ": " << what;
    if (gp) os << " (address 0x" << std::hex << gp->get_address() << std::dec << ", length " << gp->get_data_length() << ")";
    violations_.push_back(os.str());
    SC_REPORT_ERROR(msg::kProtocol, violations_.back().c_str());
}

void ProtocolChecker::check_initialised(const tlm::tlm_generic_payload& gp) {
    const bool moves_data = gp.get_command() != tlm::TLM_IGNORE_COMMAND;
    if (moves_data && gp.get_data_ptr() == nullptr) violation("transaction without a data pointer", &gp);
    if (moves_data && gp.get_data_length() == 0) violation("transaction with data length 0", &gp);
    if (gp.get_streaming_width() == 0) violation("streaming width not set (0)", &gp);
    if (gp.get_byte_enable_ptr() && gp.get_byte_enable_length() == 0) violation("byte enables without a length", &gp);
    if (gp.is_dmi_allowed()) violation("initiator set dmi_allowed", &gp);
    if (gp.get_response_status() != tlm::TLM_INCOMPLETE_RESPONSE) violation("initiator did not set TLM_INCOMPLETE_RESPONSE", &gp);
    if (gp.get_gp_option() != tlm::TLM_MIN_PAYLOAD) violation("b_transport with a gp_option other than TLM_MIN_PAYLOAD", &gp);
    if (sc_core::sc_get_current_process_handle().proc_kind() == sc_core::SC_METHOD_PROC_)
        violation("b_transport called from a method process", &gp);
}

void ProtocolChecker::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    ++checked_;
    check_initialised(gp);
    const auto cmd = gp.get_command();
    auto* data = gp.get_data_ptr();
    const auto len = gp.get_data_length();
    auto* be = gp.get_byte_enable_ptr();
    const auto be_len = gp.get_byte_enable_length();
    const auto width = gp.get_streaming_width();
    std::vector<unsigned char> written, enables;
    if (gp.is_write() && data) written.assign(data, data + len);
    if (be) enables.assign(be, be + be_len);
    const sc_core::sc_time before = delay;
    initiator_socket->b_transport(gp, delay);
    if (gp.get_response_status() == tlm::TLM_INCOMPLETE_RESPONSE) violation("target left TLM_INCOMPLETE_RESPONSE", &gp);
    if (gp.get_command() != cmd || gp.get_data_ptr() != data || gp.get_data_length() != len ||
        gp.get_byte_enable_ptr() != be || gp.get_byte_enable_length() != be_len || gp.get_streaming_width() != width)
        violation("target changed the transaction attributes", &gp);
    if (!written.empty() && gp.get_data_ptr() == data && std::memcmp(data, written.data(), len) != 0)
        violation("target changed the data of a write", &gp);
    if (be && gp.get_byte_enable_ptr() == be && !std::equal(enables.begin(), enables.end(), be))
        violation("target changed the byte enables", &gp);
    if (delay < before) violation("target decreased the annotated delay", &gp);
}

bool ProtocolChecker::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    ++checked_;
    if (dmi.get_dmi_ptr() != nullptr || !dmi.is_none_allowed() || dmi.get_start_address() != 0 ||
        dmi.get_end_address() != ~sc_dt::uint64(0) || dmi.get_read_latency() != sc_core::SC_ZERO_TIME ||
        dmi.get_write_latency() != sc_core::SC_ZERO_TIME)
        violation("DMI descriptor not freshly initialised (a tlm_dmi is reused)", &gp);
    if (!gp.is_read() && !gp.is_write()) violation("DMI request with a command other than read or write", &gp);
    const auto addr = gp.get_address();
    const bool granted = initiator_socket->get_direct_mem_ptr(gp, dmi);
    if (!granted) return false;
    if (dmi.get_dmi_ptr() == nullptr) violation("DMI granted without a pointer", &gp);
    if (dmi.get_start_address() > dmi.get_end_address()) violation("DMI range start > end", &gp);
    if (addr < dmi.get_start_address() || addr > dmi.get_end_address())
        violation("DMI range does not contain the requested address", &gp);
    if (dmi.is_none_allowed()) violation("DMI granted with no access", &gp);
    grants_.push_back({dmi.get_start_address(), dmi.get_end_address()});
    return true;
}

unsigned int ProtocolChecker::transport_dbg(tlm::tlm_generic_payload& gp) {
    ++checked_;
    const unsigned len = gp.get_data_length();
    if (len > 0 && gp.get_data_ptr() == nullptr) violation("debug transaction without a data pointer", &gp);
    const unsigned n = initiator_socket->transport_dbg(gp);
    if (n > len) violation("transport_dbg returned more bytes than asked", &gp);
    if (gp.is_read() && n > 0 && n <= len) {
        // A second debug read must see the same bytes: the first one had no side effect.
        std::vector<unsigned char> again(n);
        tlm::tlm_generic_payload g2;
        g2.set_read();
        g2.set_address(gp.get_address());
        g2.set_data_ptr(again.data());
        g2.set_data_length(n);
        g2.set_streaming_width(n);
        const unsigned n2 = initiator_socket->transport_dbg(g2);
        if (n2 != n || std::memcmp(again.data(), gp.get_data_ptr(), n) != 0) violation("transport_dbg read has a side effect", &gp);
    }
    return n;
}

void ProtocolChecker::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    if (start > end) violation("DMI invalidation with start > end", nullptr);
    const auto stale = [&](const Grant& g) { return g.start <= end && start <= g.end; };
    invalidated_ += static_cast<uint64_t>(std::count_if(grants_.begin(), grants_.end(), stale));
    grants_.erase(std::remove_if(grants_.begin(), grants_.end(), stale), grants_.end());
    target_socket->invalidate_direct_mem_ptr(start, end);
}

}  // namespace gqalut::vp
