// The protocol checker itself: each base-protocol rule it enforces, broken once by a faulty
// target or by a badly initialised transaction, gives a violation naming the rule; a correct
// exchange gives none.
#include <catch2/catch.hpp>
#include <functional>

#include "tlm/messages.hpp"
#include "tlm_fixture.hpp"

using namespace gqalut::vp;
using Fault = test::FaultyTarget::Fault;

namespace {

void init(tlm::tlm_generic_payload& gp, tlm::tlm_command cmd, unsigned char* data, unsigned len) {
    gp.set_command(cmd);
    gp.set_address(0);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

// The violations `act` causes (the checker's messages only collected meanwhile).
std::vector<std::string> violations_of(Fault fault, const std::function<void(test::CheckerBench&)>& act) {
    test::CheckerBench& b = test::checker_bench();
    sc_core::sc_report_handler::set_actions(msg::kProtocol, sc_core::SC_ERROR, sc_core::SC_DO_NOTHING);
    b.target.fault = fault;
    const size_t before = b.checker.violations().size();
    act(b);
    b.target.fault = Fault::none;
    sc_core::sc_report_handler::set_actions(msg::kProtocol, sc_core::SC_ERROR, sc_core::SC_DISPLAY);
    return {b.checker.violations().begin() + static_cast<long>(before), b.checker.violations().end()};
}

void transport(test::CheckerBench& b, tlm::tlm_generic_payload& gp) {
    sc_core::sc_time t = sc_core::sc_time(5, sc_core::SC_NS);
    b.socket->b_transport(gp, t);
}

void write4(test::CheckerBench& b) {
    unsigned char d[4] = {1, 2, 3, 4};
    tlm::tlm_generic_payload gp;
    init(gp, tlm::TLM_WRITE_COMMAND, d, 4);
    transport(b, gp);
}

// One DMI request with a fresh descriptor.
void request_dmi(test::CheckerBench& b, tlm::tlm_command cmd = tlm::TLM_READ_COMMAND, uint64_t addr = 0) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    tlm::tlm_dmi dmi;
    b.socket->get_direct_mem_ptr(gp, dmi);
}
void request_read_dmi(test::CheckerBench& b) { request_dmi(b); }

bool names(const std::vector<std::string>& v, const char* rule) {
    for (const auto& s : v)
        if (s.find(rule) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("protocol checker: a correct exchange passes, each broken rule is named", "[checker]") {
    CHECK(violations_of(Fault::none, write4).empty());
    CHECK(violations_of(Fault::none, [](test::CheckerBench& b) { request_dmi(b, tlm::TLM_READ_COMMAND, 8); }).empty());
    struct Case {
        const char* rule;
        Fault fault;
        std::function<void(test::CheckerBench&)> act;
    };
    const Case cases[] = {
        {"TLM_INCOMPLETE_RESPONSE", Fault::leave_incomplete, write4},
        {"attributes", Fault::change_length, write4},
        {"decreased the annotated delay", Fault::decrease_delay, write4},
        {"data of a write", Fault::change_write_data, write4},
        {"streaming width", Fault::none,
         [](test::CheckerBench& b) {
             unsigned char d[4] = {};
             tlm::tlm_generic_payload gp;
             init(gp, tlm::TLM_READ_COMMAND, d, 4);
             gp.set_streaming_width(0);
             transport(b, gp);
         }},
        {"dmi_allowed", Fault::none,
         [](test::CheckerBench& b) {
             unsigned char d[4] = {};
             tlm::tlm_generic_payload gp;
             init(gp, tlm::TLM_READ_COMMAND, d, 4);
             gp.set_dmi_allowed(true);
             transport(b, gp);
         }},
        {"did not set TLM_INCOMPLETE_RESPONSE", Fault::none,
         [](test::CheckerBench& b) {
             unsigned char d[4] = {};
             tlm::tlm_generic_payload gp;
             init(gp, tlm::TLM_READ_COMMAND, d, 4);
             gp.set_response_status(tlm::TLM_OK_RESPONSE);
             transport(b, gp);
         }},
        {"byte enables without a length", Fault::none,
         [](test::CheckerBench& b) {
             unsigned char d[4] = {}, be[4] = {0xFF, 0xFF, 0xFF, 0xFF};
             tlm::tlm_generic_payload gp;
             init(gp, tlm::TLM_READ_COMMAND, d, 4);
             gp.set_byte_enable_ptr(be);
             transport(b, gp);
         }},
        {"not freshly initialised", Fault::none,
         [](test::CheckerBench& b) {
             tlm::tlm_generic_payload gp;
             gp.set_read();
             tlm::tlm_dmi dmi;
             b.socket->get_direct_mem_ptr(gp, dmi);
             b.socket->get_direct_mem_ptr(gp, dmi);   // the same descriptor again
         }},
        {"command other than read or write", Fault::none,
         [](test::CheckerBench& b) { request_dmi(b, tlm::TLM_IGNORE_COMMAND); }},
        {"without a pointer", Fault::grant_without_pointer, request_read_dmi},
        {"does not contain the requested address", Fault::grant_missing_address,
         [](test::CheckerBench& b) { request_dmi(b, tlm::TLM_READ_COMMAND, 8); }},
        {"invalidation with start > end", Fault::invalidate_backwards, request_read_dmi},
        {"side effect", Fault::debug_side_effect,
         [](test::CheckerBench& b) {
             unsigned char d[4] = {};
             tlm::tlm_generic_payload gp;
             init(gp, tlm::TLM_READ_COMMAND, d, 4);
             b.socket->transport_dbg(gp);
         }},
        {"more bytes than asked", Fault::debug_too_many,
         [](test::CheckerBench& b) {
             unsigned char d[8] = {};
             tlm::tlm_generic_payload gp;
             init(gp, tlm::TLM_READ_COMMAND, d, 4);
             b.socket->transport_dbg(gp);
         }},
    };
    for (const Case& c : cases) {
        INFO(c.rule);
        const auto v = violations_of(c.fault, c.act);
        for (const auto& s : v) UNSCOPED_INFO(s);
        CHECK(names(v, c.rule));
    }
}
