// Jobs through the accelerator: every precision, outputs in memory equal the golden model's (in
// place and with overlapping buffers too), interrupt behaviour, performance counters, DMI and
// its invalidation, the START's annotated delay, the clock at construction and at run time.
#include <catch2/catch.hpp>

#include "search/uniform.hpp"
#include "tlm_fixture.hpp"

using namespace gqalut;
using namespace gqalut::vp;
using namespace gqalut::vp::acc;
using test::kAcc;

namespace {

constexpr uint64_t kSrc = 0x10000, kDst = 0x80000;

// Runs table t over n random input words and checks every output element against GoldenUnit.
void check_job(const PwlTable& t, int scale, const RequantConfig& rq, uint64_t n, uint64_t seed) {
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    drv.load(t, scale, rq);
    const std::vector<uint8_t> in = test::random_inputs(cpu, drv, kSrc, n, seed);
    const auto job = drv.run(kSrc, kDst, n);
    REQUIRE(job.ok);
    std::vector<uint8_t> out(n * drv.out_bytes());
    cpu.read_block(kDst, out.data(), out.size());
    CHECK(test::golden_mismatches(t, scale, rq, in, out) == 0);
    CHECK(job.cycles >= n);
}

}  // namespace

TEST_CASE("INT8 job equals the golden model (accumulator and requantized)", "[jobs]") {
    test::fresh();
    for (int s : {0, 3, 7}) {
        check_job(test::gelu8(), s, {}, 1000, 1 + s);
        check_job(test::gelu8(), s, RequantConfig{true, 4}, 1000, 11 + s);
    }
}

TEST_CASE("INT16, INT32, FP32 and DIV/RSQRT jobs equal the golden model", "[jobs]") {
    test::fresh();
    PwlTable t16 = uniform_table("exp", Precision::int16, 16, -8, 0);
    t16.scales = {0, 7, 15};
    check_job(t16, 7, {}, 3000, 2);
    check_job(t16, 15, RequantConfig{true, 12}, 3000, 3);
    PwlTable t32 = uniform_table("tanh", Precision::int32, 32, -4, 4);
    t32.scales = {0, 20, 31};
    check_job(t32, 20, {}, 2000, 4);
    check_job(t32, 31, RequantConfig{true, 28}, 2000, 5);
    check_job(uniform_table("gelu", Precision::fp32, 64, -4, 4), 0, {}, 2000, 6);
    for (const char* f : {"div", "rsqrt"})
        for (const char* preset : {"paper", "normalize", "octave"}) {
            if (std::string(preset) == "octave" && std::string(f) == "div") continue;   // RSQRT only (CFG_SCALER.OCTAVE)
            PwlTable t = uniform_table(f, Precision::int8, 16, 0.25, 4);
            t.scaler->preset = preset;
            check_job(t, 0, {}, 2000, 7);
        }
}

TEST_CASE("done raises the level-sensitive interrupt until cleared", "[jobs]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 4);
    drv.start(kSrc, kDst, 100);
    CHECK((cpu.read32(kAcc + kStatus) & kStatusBusy) != 0);
    cpu.wait_irq();
    sc_core::wait(100, sc_core::SC_NS);
    CHECK(test::platform().irq.read());   // still high: level, not pulse
    CHECK(cpu.read32(kAcc + kStatus) == kStatusDone);
    cpu.write32(kAcc + kStatus, kStatusError);   // writing 1 to another bit leaves DONE
    CHECK(cpu.read32(kAcc + kStatus) == kStatusDone);
    cpu.write32(kAcc + kStatus, kStatusDone);
    cpu.sync();
    sc_core::wait(sc_core::SC_ZERO_TIME);
    CHECK_FALSE(test::platform().irq.read());
    CHECK(cpu.read64(kAcc + kPerfElements) == 100);
    CHECK(cpu.read64(kAcc + kPerfCycles) == 100 + 3);
    // Without IRQ_ENABLE the line stays low.
    cpu.write32(kAcc + kCtrl, kCtrlStart);
    while ((cpu.read32(kAcc + kStatus) & kStatusDone) == 0) sc_core::wait(1, sc_core::SC_US);
    CHECK_FALSE(test::platform().irq.read());
    cpu.write32(kAcc + kCtrl, kCtrlClearPerf);
    CHECK(cpu.read64(kAcc + kPerfElements) == 0);
}

TEST_CASE("simulated compute time follows the run-time clock", "[jobs]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 4);
    auto job_time = [&] {
        cpu.sync();
        const sc_core::sc_time t0 = sc_core::sc_time_stamp();
        drv.run(kSrc, kDst, 100000);
        return (sc_core::sc_time_stamp() - t0).to_seconds();
    };
    test::platform().accel.set_clock_mhz(500);
    const double t500 = job_time();
    test::platform().accel.set_clock_mhz(250);
    const double t250 = job_time();
    test::platform().accel.set_clock_mhz(500);
    CHECK(t500 > 100000 * 2e-9);
    CHECK(t250 > 1.9 * t500);
}

TEST_CASE("DMA uses DMI, falls back to the bus, and honours invalidation", "[jobs]") {
    test::fresh();
    auto& p = test::platform();
    check_job(test::gelu8(), 2, {}, 5000, 8);
    CHECK(p.accel.has_dmi());
    CHECK(p.accel.dmi_accesses() > 0);
    p.ram.invalidate_dmi();
    CHECK_FALSE(p.accel.has_dmi());
    p.ram.set_dmi_allowed(false);
    const uint64_t bus0 = p.accel.bus_accesses();
    check_job(test::gelu8(), 2, {}, 5000, 9);   // same outputs through b_transport
    CHECK(p.accel.bus_accesses() > bus0);
    CHECK_FALSE(p.accel.has_dmi());
    p.ram.set_dmi_allowed(true);
}

TEST_CASE("in place and overlapping buffers give the golden outputs", "[jobs]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    struct Case {
        const char* what;
        PwlTable table;
        int scale;
        RequantConfig rq;
        int64_t dst_minus_src;   // in bytes
    };
    const Case cases[] = {
        {"INT8 in, 4-byte accumulator out, DST == SRC", test::gelu8(), 3, {}, 0},
        {"INT8 in and out (requantized), DST == SRC", test::gelu8(), 3, RequantConfig{true, 4}, 0},
        {"FP32, DST == SRC", uniform_table("gelu", Precision::fp32, 16, -4, 4), 0, {}, 0},
        {"INT8 accumulator, DST a little above SRC", test::gelu8(), 6, {}, 1000},
        {"INT8 accumulator, DST below SRC", test::gelu8(), 6, {}, -50000},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        PwlDriver drv(cpu, kAcc);
        drv.load(c.table, c.scale, c.rq);
        const uint64_t n = 100000;   // more than 64 Ki elements
        const std::vector<uint8_t> in = test::random_inputs(cpu, drv, kSrc + 0x80000, n, 21);
        const uint64_t dst = static_cast<uint64_t>(static_cast<int64_t>(kSrc + 0x80000) + c.dst_minus_src);
        REQUIRE(drv.run(kSrc + 0x80000, dst, n).ok);
        std::vector<uint8_t> out(n * drv.out_bytes());
        cpu.read_block(dst, out.data(), out.size());
        CHECK(test::golden_mismatches(c.table, c.scale, c.rq, in, out) == 0);
    }
}

TEST_CASE("PERF_CYCLES of a golden job is latency + ceil(N / lanes) at any length", "[jobs]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 4);
    for (uint64_t n : {1ull, 65536ull, 200001ull}) {
        INFO(n);
        const auto job = drv.run(kSrc, 0x400000, n);
        REQUIRE(job.ok);
        CHECK(job.cycles == n + 3);
    }
}

TEST_CASE("START takes effect at the end of its write's annotated delay", "[jobs]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 4);
    cpu.write64(kAcc + kSrcAddr, kSrc);
    cpu.write64(kAcc + kDstAddr, kDst);
    cpu.write32(kAcc + kLength, 1000);
    // Two STARTs, the second written 3 us ahead of SystemC time (temporal decoupling).
    auto irq_after = [&](const sc_core::sc_time& ahead) {
        cpu.sync();
        const sc_core::sc_time t0 = sc_core::sc_time_stamp();
        uint32_t v = kCtrlIrqEnable | kCtrlStart;
        tlm::tlm_generic_payload gp;
        gp.set_write();
        gp.set_address(kAcc + kCtrl);
        gp.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
        gp.set_data_length(4);
        gp.set_streaming_width(4);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time delay = ahead;
        cpu.socket->b_transport(gp, delay);
        REQUIRE(gp.is_response_ok());
        cpu.wait_irq();
        const sc_core::sc_time took = sc_core::sc_time_stamp() - t0;
        cpu.write32(kAcc + kStatus, kStatusDone);
        return took;
    };
    const sc_core::sc_time now = irq_after(sc_core::SC_ZERO_TIME);
    const sc_core::sc_time later = irq_after(sc_core::sc_time(3, sc_core::SC_US));
    CHECK(later - now == sc_core::sc_time(3, sc_core::SC_US));
}

TEST_CASE("the cycle model's compute time follows the clock, at construction and at run time", "[jobs]") {
    test::fresh();
    auto job_time = [](Platform& p) {
        PwlDriver drv(p.cpu, kAcc);
        drv.load(test::gelu8(), 4);
        p.cpu.sync();
        const sc_core::sc_time t0 = sc_core::sc_time_stamp();
        REQUIRE(drv.run(kSrc, kDst, 20000).ok);
        return (sc_core::sc_time_stamp() - t0).to_seconds();
    };
    const double t500 = job_time(test::cycle_platform());
    const double t250 = job_time(test::cycle_platform_250());   // Params::clock_mhz = 250
    test::cycle_platform().accel.set_clock_mhz(1000);
    const double t1000 = job_time(test::cycle_platform());
    test::cycle_platform().accel.set_clock_mhz(500);
    CHECK(t500 > 20000 * 2e-9);
    CHECK(t250 > 1.9 * t500);
    CHECK(t1000 < 0.6 * t500);
}
