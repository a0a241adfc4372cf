#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstring>
#include <systemc>

#include "search/uniform.hpp"
#include "tlm_fixture.hpp"

namespace gqalut::vp::test {

namespace {
Platform* g_platform = nullptr;
}

Platform& platform() { return *g_platform; }

tlm::tlm_response_status raw(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len, unsigned char* be,
                             unsigned be_len, unsigned streaming_width) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(streaming_width ? streaming_width : len);
    gp.set_byte_enable_ptr(be);
    gp.set_byte_enable_length(be_len);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time t = sc_core::SC_ZERO_TIME;
    platform().cpu.socket->b_transport(gp, t);
    sc_core::wait(t);
    return gp.get_response_status();
}

void fresh() {
    platform().cpu.sync();
    platform().accel.reset();
    platform().ram.set_dmi_allowed(true);
    std::memset(platform().ram.data(), 0, 1 << 20);
    sc_core::wait(sc_core::SC_ZERO_TIME);   // let the interrupt line follow the reset
}

PwlTable gelu8() {
    PwlTable t = uniform_table("gelu", Precision::int8, 8, -4, 4);
    t.scales = {0, 1, 2, 3, 4, 5, 6, 7};
    return t;
}

}  // namespace gqalut::vp::test

int sc_main(int argc, char** argv) {
    using namespace gqalut::vp;
    PlatformConfig cfg;
    cfg.ram_bytes = uint64_t(16) << 20;
    Platform p("vp", cfg);
    test::g_platform = &p;
    int result = 1;
    p.cpu.set_program([&](Cpu&) { result = Catch::Session().run(argc, argv); });
    sc_core::sc_start();
    if (p.protocol_violations() != 0) {
        for (const auto* c : {&p.cpu_check, &p.dma_check})
            for (const auto& v : c->violations()) std::fprintf(stderr, "protocol violation: %s\n", v.c_str());
        return 1;
    }
    return result;
}
