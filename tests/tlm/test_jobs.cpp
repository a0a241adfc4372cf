// Jobs through the accelerator: every precision, outputs in memory equal the golden model's,
// interrupt behaviour, performance counters, DMI and its invalidation, run-time clock.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>

#include "search/uniform.hpp"
#include "tlm/unit_backend.hpp"
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
    const UnitShape shape = shape_for(t, kMaxEntries);
    const unsigned ib = drv.in_bytes(), ob = drv.out_bytes();
    std::mt19937_64 rng(seed);
    std::vector<uint8_t> in(n * ib), out(n * ob);
    for (auto& b : in) b = static_cast<uint8_t>(rng());
    cpu.write_block(kSrc, in.data(), in.size());
    const auto job = drv.run(kSrc, kDst, n);
    REQUIRE(job.ok);
    cpu.read_block(kDst, out.data(), out.size());
    const GoldenUnit golden(t, scale, shape, rq);
    const uint64_t mask = shape.in_width >= 64 ? ~0ull : (uint64_t(1) << shape.in_width) - 1;
    uint64_t mismatches = 0;
    std::vector<uint8_t> expected(ob);
    for (uint64_t i = 0; i < n; ++i) {
        store_output(golden.output(load_input(&in[i * ib], ib) & mask), shape, ob, expected.data());
        mismatches += std::memcmp(expected.data(), &out[i * ob], ob) != 0;
    }
    CHECK(mismatches == 0);
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
        for (const char* preset : {"paper", "normalize"}) {
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
