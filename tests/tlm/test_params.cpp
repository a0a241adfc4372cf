// The accelerator's parameters are checked where they are given: a bad one is an SC_ERROR of
// type gqalut/accelerator/params at construction (thrown under SystemC's default actions), not
// a crash or a livelock later; the run-time setters check the same way. Runs during
// elaboration (modules can only be built before sc_start), so the Catch2 session runs in
// sc_main before the simulation starts.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <string>

#include <systemc>

#include "tlm/pwl_accelerator.hpp"

using namespace gqalut::vp;

namespace {

int instance = 0;

// The message of the SC_ERROR that constructing an accelerator with p raised ("" if none).
std::string construction_error(const PwlAccelerator::Params& p) {
    try {
        PwlAccelerator a(("acc" + std::to_string(instance++)).c_str(), p);
    } catch (const sc_core::sc_report& r) {
        if (std::string(r.get_msg_type()) != "gqalut/accelerator/params") return std::string("wrong type: ") + r.get_msg_type();
        return r.get_msg();
    }
    return "";
}

}  // namespace

TEST_CASE("bad parameters are a SystemC error at construction that names the parameter", "[params]") {
    struct Case {
        const char* what;
        void (*set)(PwlAccelerator::Params&);
    };
    const Case cases[] = {
        {"lanes", [](PwlAccelerator::Params& p) { p.lanes = 0; }},
        {"lanes", [](PwlAccelerator::Params& p) { p.lanes = -3; }},
        {"lanes", [](PwlAccelerator::Params& p) { p.lanes = 65; }},
        {"clock_mhz", [](PwlAccelerator::Params& p) { p.clock_mhz = 0; }},
        {"clock_mhz", [](PwlAccelerator::Params& p) { p.clock_mhz = -500; }},
        {"clock_mhz", [](PwlAccelerator::Params& p) { p.clock_mhz = 1.0 / 0.0; }},
        {"clock_mhz", [](PwlAccelerator::Params& p) { p.clock_mhz = 0.0 / 0.0; }},
        {"dma_burst_bytes", [](PwlAccelerator::Params& p) { p.dma_burst_bytes = 0; }},
        {"dma_burst_bytes", [](PwlAccelerator::Params& p) { p.dma_burst_bytes = 1u << 30; }},
        {"log_level", [](PwlAccelerator::Params& p) { p.log_level = -1; }},
        {"log_level", [](PwlAccelerator::Params& p) { p.log_level = 501; }},
        {"model", [](PwlAccelerator::Params& p) { p.model = "verilog"; }},
        {"job_buffer_bytes", [](PwlAccelerator::Params& p) { p.job_buffer_bytes = 0; }},
    };
    for (const Case& c : cases) {
        PwlAccelerator::Params p;
        c.set(p);
        const std::string e = construction_error(p);
        INFO(c.what << ": " << e);
        CHECK(e.find(c.what) != std::string::npos);
    }
}

TEST_CASE("good parameters at their limits construct", "[params]") {
    PwlAccelerator::Params p;
    p.lanes = 64;
    p.clock_mhz = 1e5;
    p.dma_burst_bytes = 1;
    p.log_level = sc_core::SC_DEBUG;
    CHECK(construction_error(p).empty());
    p = PwlAccelerator::Params{};
    p.clock_mhz = 0.001;
    p.dma_burst_bytes = 1u << 20;
    CHECK(construction_error(p).empty());
}

TEST_CASE("the run-time setters check their value", "[params]") {
    PwlAccelerator a("runtime");
    CHECK_THROWS_AS(a.set_clock_mhz(0), sc_core::sc_report);
    CHECK_THROWS_AS(a.set_clock_mhz(-1), sc_core::sc_report);
    CHECK_THROWS_AS(a.set_log_level(1000), sc_core::sc_report);
    CHECK(a.params().clock_mhz == 500);
    a.set_clock_mhz(250);
    CHECK(a.params().clock_mhz == 250);
}

int sc_main(int argc, char** argv) {
    // Only the failures matter here: the default SC_LOG would print each expected error.
    sc_core::sc_report_handler::set_actions("gqalut/accelerator/params", sc_core::SC_ERROR, sc_core::SC_THROW);
    return Catch::Session().run(argc, argv);
}
