// The accelerator's parameters are checked where they are given: a bad one is an SC_ERROR of
// type gqalut/accelerator/params at construction (thrown under SystemC's default actions), not
// a crash or a livelock later; the run-time setters check the same way. The run-time
// configuration (tlm/config.hpp) sets every parameter by instance name; a bad name or value
// there is an SC_ERROR of type gqalut/config. Runs during elaboration (modules can only be
// built before sc_start), so the Catch2 session runs in sc_main before the simulation starts.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <systemc>

#include "model/errors.hpp"
#include "tlm/config.hpp"
#include "tlm/pwl_accelerator.hpp"

using namespace gqalut::vp;

namespace {

int instance = 0;

// The message of the SC_ERROR of type `type` that constructing an accelerator named `name`
// with p raised ("" if none).
std::string construction_error(const PwlAccelerator::Params& p, const std::string& type = "gqalut/accelerator/params",
                               std::string name = "") {
    if (name.empty()) name = "acc" + std::to_string(instance++);
    try {
        PwlAccelerator a(name.c_str(), p);
    } catch (const sc_core::sc_report& r) {
        if (std::string(r.get_msg_type()) != type) return std::string("wrong type: ") + r.get_msg_type() + ": " + r.get_msg();
        return r.get_msg();
    }
    return "";
}

// A module with an accelerator inside (SystemC name NAME.accel).
struct Holder : sc_core::sc_module {
    PwlAccelerator accel;
    explicit Holder(sc_core::sc_module_name n) : sc_module(n), accel("accel") {}
};

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

TEST_CASE("the run-time configuration sets every parameter by instance name", "[config]") {
    Config& c = Config::global();
    c.clear();
    for (const char* a : {"cfg_a.model=golden", "cfg_a.lanes=8", "cfg_a.clock_mhz=800", "cfg_a.register_latency_ns=2.5",
                          "cfg_a.dma_burst_bytes=64", "cfg_a.job_buffer_bytes=4096", "cfg_a.log_level=debug"})
        c.set(a);
    c.set("cfg_a.lanes=4");   // the later setting wins
    PwlAccelerator a("cfg_a");
    CHECK(a.params().model == "golden");
    CHECK(a.params().lanes == 4);
    CHECK(a.params().clock_mhz == 800);
    CHECK(a.params().register_latency == sc_core::sc_time(2.5, sc_core::SC_NS));
    CHECK(a.params().dma_burst_bytes == 64);
    CHECK(a.params().job_buffer_bytes == 4096);
    CHECK(a.params().log_level == sc_core::SC_DEBUG);
    CHECK(c.not_taken().empty());
    c.clear();
}

TEST_CASE("a trailing part of the name sets every module of that name", "[config]") {
    Config& c = Config::global();
    c.clear();
    c.set("accel.clock_mhz=250");
    c.set("hold_b.accel.clock_mhz=125");
    Holder a("hold_a"), b("hold_b");
    CHECK(a.accel.params().clock_mhz == 250);
    CHECK(b.accel.params().clock_mhz == 125);
    c.clear();
    c.set("old_a.clock_mhz=100");   // names nothing: left over
    REQUIRE(c.not_taken().size() == 1);
    CHECK(c.not_taken()[0].find("old_a.clock_mhz=100") != std::string::npos);
    c.clear();
}

TEST_CASE("an unknown parameter or a bad value in the configuration is a SystemC error naming it", "[config]") {
    struct Case {
        const char* setting;   // PARAMETER=VALUE
        const char* type;
        const char* said;
    };
    const Case cases[] = {
        {"speed=3", "gqalut/config", "no parameter 'speed'"},
        {"lanes=eight", "gqalut/config", "lanes: 'eight' is not a lane count"},
        {"dma_burst_bytes=-1", "gqalut/config", "dma_burst_bytes"},
        {"log_level=loud", "gqalut/config", "log_level: 'loud' is not a log level"},
        {"register_latency_ns=-2", "gqalut/config", "register_latency_ns"},
        {"lanes=0", "gqalut/accelerator/params", "lanes 0 outside 1..64"},
        {"clock_mhz=0", "gqalut/accelerator/params", "clock_mhz"},
        {"model=verilog", "gqalut/accelerator/params", "unknown model 'verilog'"},
    };
    for (const Case& k : cases) {
        INFO(k.setting);
        const std::string name = "bad_cfg" + std::to_string(instance++);
        Config::global().clear();
        Config::global().set(name + "." + k.setting);
        const std::string e = construction_error(PwlAccelerator::Params{}, k.type, name);
        INFO(e);
        CHECK(e.find(k.said) != std::string::npos);
    }
    Config::global().clear();
}

TEST_CASE("malformed assignments and configuration files are refused with their origin", "[config]") {
    Config c;
    for (const char* bad : {"novalue", "nodot=1", ".lanes=1", "acc.=1", "acc.lanes="}) {
        INFO(bad);
        CHECK_THROWS_AS(c.set(bad), gqalut::BadInput);
    }
    const std::string path = "test_params_config.txt";
    std::ofstream(path) << "# accelerator settings\nfile_a.clock_mhz = 400   # a comment\n\nfile_a.lanes 8\n";
    try {
        c.load_file(path);
        FAIL("a line without '=' was accepted");
    } catch (const gqalut::BadInput& e) {
        CHECK(std::string(e.what()).find("test_params_config.txt:4") != std::string::npos);
    }
    CHECK_THROWS_AS(c.load_file("no/such/file.cfg"), gqalut::BadInput);
    std::remove(path.c_str());
}

TEST_CASE("GQALUT_CONFIG and GQALUT_SET are read from the environment, the file first", "[config]") {
    const std::string path = "test_params_env.txt";
    std::ofstream(path) << "env_a.clock_mhz=300\nenv_a.lanes=2\n";
    setenv("GQALUT_CONFIG", path.c_str(), 1);
    setenv("GQALUT_SET", "env_a.clock_mhz=350, env_a.dma_burst_bytes=32", 1);
    Config& c = Config::global();
    c.clear();
    c.load_environment();
    PwlAccelerator a("env_a");
    CHECK(a.params().clock_mhz == 350);
    CHECK(a.params().lanes == 2);
    CHECK(a.params().dma_burst_bytes == 32);
    unsetenv("GQALUT_CONFIG");
    unsetenv("GQALUT_SET");
    std::remove(path.c_str());
    c.clear();
}

int sc_main(int argc, char** argv) {
    // Only the failures matter here: the default SC_LOG would print each expected error.
    sc_core::sc_report_handler::set_actions("gqalut/accelerator/params", sc_core::SC_ERROR, sc_core::SC_THROW);
    sc_core::sc_report_handler::set_actions("gqalut/config", sc_core::SC_ERROR, sc_core::SC_THROW);
    return Catch::Session().run(argc, argv);
}
