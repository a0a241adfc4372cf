// The accelerator's DMA against memories that grant DMI, refuse it, grant it in windows or
// read-only, and invalidate it in the middle of a job: outputs equal the golden model's, every
// request carries a fresh descriptor (the protocol checkers see none reused), a refusal is not
// asked again until a response allows DMI, regions of two memories are both kept, an
// invalidation drops only the region it covers, and no access goes through a stale pointer.
#include <catch2/catch.hpp>

#include "tlm_fixture.hpp"

using namespace gqalut;
using namespace gqalut::vp;
using namespace gqalut::vp::acc;
using test::kAcc;
using test::Rig;

namespace {

constexpr uint64_t kSrc = 0x10000, kDst = 0x40000;

// One INT8 job of n elements (4-byte accumulator outputs) on the rig from src to dst;
// returns the elements that differ from the golden model (~0 when the job failed).
uint64_t rig_job(uint64_t src, uint64_t dst, uint64_t n, uint64_t seed) {
    Rig& r = test::rig();
    PwlDriver drv(r.cpu, kAcc);
    drv.load(test::gelu8(), 3);
    const std::vector<uint8_t> in = test::random_inputs(r.cpu, drv, src, n, seed);
    if (!drv.run(src, dst, n).ok) return ~uint64_t(0);
    std::vector<uint8_t> out(n * drv.out_bytes());
    r.cpu.read_block(dst, out.data(), out.size());
    return test::golden_mismatches(test::gelu8(), 3, {}, in, out);
}

void require_no_violations() {
    Rig& r = test::rig();
    for (const ProtocolChecker* c : r.checkers()) {
        for (const auto& v : c->violations()) UNSCOPED_INFO(v);
        CHECK(c->violations().empty());
    }
}

}  // namespace

TEST_CASE("every DMI request carries a freshly initialised descriptor", "[dmi]") {
    test::fresh();
    Rig& r = test::rig();
    CHECK(rig_job(kSrc, kDst, 3000, 1) == 0);
    r.ram0.invalidate_dmi();   // the next job asks again
    CHECK(rig_job(kSrc, kDst, 3000, 2) == 0);
    r.ram0.set_dmi_allowed(false);
    r.ram0.invalidate_dmi();
    CHECK(rig_job(kSrc, kDst, 3000, 3) == 0);   // asks, is refused, uses the bus
    CHECK(r.ram0.dmi_requests() >= 3);
    require_no_violations();
}

TEST_CASE("a refused DMI request is not repeated until a response allows DMI", "[dmi]") {
    test::fresh();
    Rig& r = test::rig();
    r.ram0.set_dmi_allowed(false);
    CHECK(rig_job(kSrc, kDst, 20000, 4) == 0);   // 20000 input and 80000 output bytes in bursts
    CHECK(r.accel.bus_accesses() > 300);
    CHECK(r.accel.dmi_requests() <= 2);          // once for reading, once for writing
    // The memory allows DMI again: its responses say so, and the accelerator asks again.
    r.ram0.set_dmi_allowed(true);
    CHECK(rig_job(kSrc, kDst, 20000, 5) == 0);
    CHECK(r.accel.dmi_accesses() > 0);
    require_no_violations();
}

TEST_CASE("DMI regions of two memories are both kept and an invalidation drops only its own", "[dmi]") {
    test::fresh();
    Rig& r = test::rig();
    CHECK(rig_job(kSrc, Rig::kRam1 + kDst, 20000, 6) == 0);
    CHECK(r.accel.bus_accesses() == 0);   // source in ram0, destination in ram1: both direct
    CHECK(r.accel.dmi_accesses() >= 2);
    const uint64_t asked0 = r.ram0.dmi_requests(), asked = r.accel.dmi_requests();
    r.ram1.invalidate_dmi();
    CHECK(rig_job(kSrc, Rig::kRam1 + kDst, 20000, 7) == 0);
    CHECK(r.ram0.dmi_requests() == asked0);        // ram0's region was kept (by the CPU too)
    CHECK(r.accel.dmi_requests() == asked + 1);    // ram1's asked for again
    CHECK(r.accel.bus_accesses() == 0);
    CHECK(r.ram1.stale_writes() == 0);
    require_no_violations();
}

TEST_CASE("DMI granted in read-only windows: inputs direct, outputs through the bus", "[dmi]") {
    test::fresh();
    Rig& r = test::rig();
    r.ram0.set_dmi_policy(DmiPolicy{true, 4096, true});
    const uint64_t grants = r.ram0.dmi_grants();
    CHECK(rig_job(kSrc, kDst, 50000, 8) == 0);
    CHECK(r.ram0.dmi_grants() - grants >= 50000 / 4096);   // a window at a time
    CHECK(r.accel.bus_accesses() >= 50000 * 4 / 256);      // every output burst
    require_no_violations();
}

TEST_CASE("DMI invalidated again and again in the middle of a job: no access through a stale pointer", "[dmi]") {
    test::fresh();
    Rig& r = test::rig();
    r.ram0.set_dmi_policy(DmiPolicy{true, 4096, false});
    PwlDriver drv(r.cpu, kAcc);
    drv.load(test::gelu8(), 5);
    const uint64_t n = 100000;
    const std::vector<uint8_t> in = test::random_inputs(r.cpu, drv, kSrc, n, 9);
    const uint64_t invalidated = r.dma_check.invalidated_grants();
    drv.start(kSrc, kDst, n);
    int invalidations = 0;
    while (!r.cpu.irq_i.read()) {
        r.cpu.sync();
        sc_core::wait(500, sc_core::SC_NS);
        r.ram0.invalidate_dmi();   // moves the memory: a stale pointer would read poison
        ++invalidations;
    }
    REQUIRE(r.cpu.read32(kAcc + kErrorCode) == err_none);
    std::vector<uint8_t> out(n * drv.out_bytes());
    r.cpu.read_block(kDst, out.data(), out.size());
    CHECK(test::golden_mismatches(test::gelu8(), 5, {}, in, out) == 0);
    CHECK(invalidations > 10);
    CHECK(r.dma_check.invalidated_grants() > invalidated);   // grants the accelerator held were revoked
    CHECK(r.ram0.stale_writes() == 0);
    r.cpu.write32(kAcc + kStatus, kStatusDone);
    require_no_violations();
}
