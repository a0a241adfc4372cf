// Error paths: every one sets ERROR_CODE and the interrupt, and leaves memory outside the
// destination untouched (a read error leaves the destination untouched too); soft reset in the
// middle of a job, and a restart right after it.
#include <catch2/catch.hpp>
#include <cstring>
#include <functional>

#include "tlm_fixture.hpp"

using namespace gqalut;
using namespace gqalut::vp;
using namespace gqalut::vp::acc;
using test::kAcc;

namespace {

constexpr uint64_t kSrc = 0x10000, kDst = 0x80000;

// Starts a job with the current registers and waits for the interrupt; returns ERROR_CODE.
uint32_t start_and_wait(uint64_t src, uint64_t dst, uint32_t n) {
    Cpu& cpu = test::platform().cpu;
    PwlDriver(cpu, kAcc).start(src, dst, n);
    cpu.wait_irq();
    return cpu.read32(kAcc + kErrorCode);
}

void fill(uint8_t v) { std::memset(test::platform().ram.data(), v, 1 << 20); }

}  // namespace

TEST_CASE("length 0 is an error", "[errors]") {
    test::fresh();
    PwlDriver drv(test::platform().cpu, kAcc);
    drv.load(test::gelu8(), 1);
    CHECK(start_and_wait(kSrc, kDst, 0) == err_length_zero);
    CHECK(test::platform().cpu.read32(kAcc + kStatus) == kStatusError);
}

TEST_CASE("invalid configurations are refused before any memory access", "[errors]") {
    Cpu& cpu = test::platform().cpu;
    struct Case {
        const char* what;
        uint64_t reg, value;
        unsigned size;
    };
    const Case cases[] = {
        {"N = 0", kCfgEntries, 0, 4},
        {"N above 64", kCfgEntries, 65, 4},
        {"scale above k-1", kCfgScale, 8, 4},
        {"lambda above ParW", kCfgLambda, 9 | (6 << 8), 4},
        {"unknown mode", kCfgMode, 9, 4},
        {"unsorted breakpoints", kLutBreakpoint + 8, static_cast<uint64_t>(-100), 8},
        {"slope code wider than 8 bits", kLutSlope + 16, 200, 8},
        {"breakpoint beyond 2^(k-1)", kLutBreakpoint + 8 * 6, 129, 8},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        test::fresh();
        fill(0xA5);
        PwlDriver drv(cpu, kAcc);
        drv.load(test::gelu8(), 3);
        if (c.size == 4) cpu.write32(kAcc + c.reg, static_cast<uint32_t>(c.value));
        else cpu.write64(kAcc + c.reg, c.value);
        const uint64_t transactions = test::platform().ram.transactions();
        CHECK(start_and_wait(kSrc, kDst, 64) == err_config);
        CHECK(test::platform().ram.transactions() == transactions);
        CHECK(test::platform().ram.data()[kDst] == 0xA5);
        CHECK(test::platform().irq.read());
    }
}

TEST_CASE("writes to configuration or LUT while busy are refused", "[errors]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 5);
    drv.start(kSrc, kDst, 200000);
    REQUIRE((cpu.read32(kAcc + kStatus) & kStatusBusy) != 0);
    uint64_t v = 1;
    CHECK(test::raw(tlm::TLM_WRITE_COMMAND, kAcc + kLutSlope, &v, 8) == tlm::TLM_COMMAND_ERROR_RESPONSE);
    CHECK(test::raw(tlm::TLM_WRITE_COMMAND, kAcc + kCfgScale, &v, 4) == tlm::TLM_COMMAND_ERROR_RESPONSE);
    CHECK(cpu.read32(kAcc + kErrorCode) == err_busy_write);
    CHECK(cpu.read64(kAcc + kLutSlope) != 1);
    cpu.write32(kAcc + kCtrl, kCtrlIrqEnable | kCtrlStart);   // START while busy
    CHECK(cpu.read32(kAcc + kErrorCode) == err_busy_start);
    cpu.wait_irq();
    while (cpu.read32(kAcc + kStatus) & kStatusBusy) sc_core::wait(10, sc_core::SC_US);
    CHECK((cpu.read32(kAcc + kStatus) & kStatusDone) != 0);   // the running job finished
}

TEST_CASE("DMA from or to unmapped memory is an error and writes nothing outside the destination", "[errors]") {
    test::fresh();
    auto& p = test::platform();
    PwlDriver drv(p.cpu, kAcc);
    drv.load(test::gelu8(), 2);
    fill(0x5A);
    CHECK(start_and_wait(0x30000000ull, kDst, 64) == err_dma_read);
    for (uint64_t a = 0; a < (1 << 20); ++a) REQUIRE(p.ram.data()[a] == 0x5A);
    p.cpu.write32(kAcc + kStatus, kStatusError);
    // Destination running off the end of RAM: elements up to the end may be written, nothing
    // before the destination or elsewhere.
    const uint64_t ram_end = p.ram.size();
    const uint64_t dst = ram_end - 100;
    CHECK(start_and_wait(kSrc, dst, 64) == err_dma_write);   // 64 x 4 bytes do not fit
    for (uint64_t a = 0; a < dst; a += 4096) REQUIRE(p.ram.data()[a] == (a < (1 << 20) ? 0x5A : 0x00));
    CHECK(p.ram.data()[dst - 1] == 0x00);
    CHECK(p.irq.read());
}

TEST_CASE("a DMA read error after the first 64 Ki elements leaves the destination untouched", "[errors]") {
    test::fresh();
    auto& p = test::platform();
    PwlDriver drv(p.cpu, kAcc);
    drv.load(test::gelu8(), 2);
    fill(0x5A);
    // 100000 INT8 inputs of which the last 30000 lie past the end of RAM.
    const uint64_t src = p.ram.size() - 70000;
    CHECK(start_and_wait(src, kDst, 100000) == err_dma_read);
    for (uint64_t a = 0; a < (1 << 20); ++a) REQUIRE(p.ram.data()[a] == 0x5A);
    CHECK(p.irq.read());
}

TEST_CASE("a DMA write error after the first bursts writes only inside the destination", "[errors]") {
    test::fresh();
    auto& p = test::platform();
    p.ram.set_dmi_allowed(false);   // outputs in 256-byte bursts up to the end of RAM
    PwlDriver drv(p.cpu, kAcc);
    drv.load(test::gelu8(), 2);
    const std::vector<uint8_t> in = test::random_inputs(p.cpu, drv, kSrc, 100000, 31);
    // 400000 output bytes of which 300000 fit: the bursts before the one that crosses the end
    // of RAM are written (1171 of 256 bytes, 74944 elements), nothing before the destination.
    const uint64_t dst = p.ram.size() - 300000;
    const uint8_t before = p.ram.data()[dst - 1];
    CHECK(start_and_wait(kSrc, dst, 100000) == err_dma_write);
    CHECK(p.ram.data()[dst - 1] == before);
    const uint64_t written = 300000 / 256 * 256 / 4;
    std::vector<uint8_t> out(written * 4);
    std::memcpy(out.data(), p.ram.data() + dst, out.size());
    CHECK(test::golden_mismatches(test::gelu8(), 2, {}, std::vector<uint8_t>(in.begin(), in.begin() + written), out) == 0);
}

TEST_CASE("soft reset while busy, reprogram and START at once: the new job runs to DONE", "[errors]") {
    for (Platform* p : {&test::platform(), &test::cycle_platform()}) {
        INFO(p->accel.params().model);
        test::fresh();
        Cpu& cpu = p->cpu;
        p->ram.set_dmi_allowed(false);   // bus bursts: the job takes simulated time
        PwlDriver drv(cpu, kAcc);
        drv.load(test::gelu8(), 3);
        const std::vector<uint8_t> in = test::random_inputs(cpu, drv, 0x200000, 5000, 41);
        drv.load(test::gelu8(), 5);
        drv.start(kSrc, kDst, 200000);
        cpu.sync();
        sc_core::wait(2, sc_core::SC_US);
        REQUIRE((cpu.read32(kAcc + kStatus) & kStatusBusy) != 0);
        cpu.write32(kAcc + kCtrl, kCtrlSoftReset);
        drv.load(test::gelu8(), 3);
        drv.start(0x200000, 0x300000, 5000);   // at once, while the dropped job winds down
        REQUIRE(test::wait_irq_for(cpu, sc_core::sc_time(50, sc_core::SC_MS)));
        CHECK(cpu.read32(kAcc + kStatus) == kStatusDone);
        CHECK(cpu.read32(kAcc + kErrorCode) == err_none);
        std::vector<uint8_t> out(5000 * drv.out_bytes());
        cpu.read_block(0x300000, out.data(), out.size());
        CHECK(test::golden_mismatches(test::gelu8(), 3, {}, in, out) == 0);
        cpu.write32(kAcc + kStatus, kStatusDone);
        drv.start(0x200000, 0x300000, 5000);   // and the one after
        REQUIRE(test::wait_irq_for(cpu, sc_core::sc_time(50, sc_core::SC_MS)));
        CHECK(cpu.read32(kAcc + kErrorCode) == err_none);
    }
}

TEST_CASE("SOFT_RESET while busy drops the job: registers at reset, no DONE, destination untouched", "[errors]") {
    test::fresh();
    auto& p = test::platform();
    Cpu& cpu = p.cpu;
    p.ram.set_dmi_allowed(false);
    fill(0x77);
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 5);
    drv.start(kSrc, kDst, 200000);
    cpu.sync();
    sc_core::wait(1, sc_core::SC_US);   // still reading its inputs
    cpu.write32(kAcc + kCtrl, kCtrlSoftReset);
    CHECK(cpu.read32(kAcc + kStatus) == 0);
    CHECK(cpu.read32(kAcc + kLength) == 0);
    CHECK(cpu.read64(kAcc + kSrcAddr) == 0);
    CHECK(cpu.read32(kAcc + kCfgScale) == 0);
    CHECK(cpu.read32(kAcc + kCtrl) == 0);
    CHECK_FALSE(test::wait_irq_for(cpu, sc_core::sc_time(2, sc_core::SC_MS)));   // long enough for the job
    CHECK(cpu.read32(kAcc + kStatus) == 0);
    for (uint64_t a = kDst; a < (1 << 20); ++a) REQUIRE(p.ram.data()[a] == 0x77);
}

TEST_CASE("every ERROR_CODE source sets its code, STATUS.ERROR and the interrupt", "[errors]") {
    auto& p = test::platform();
    Cpu& cpu = p.cpu;
    struct Case {
        uint32_t code;
        std::function<void(PwlDriver&)> provoke;
    };
    const Case cases[] = {
        {err_config, [&](PwlDriver& d) { cpu.write32(kAcc + kCfgEntries, 0); d.start(kSrc, kDst, 16); }},
        {err_length_zero, [](PwlDriver& d) { d.start(kSrc, kDst, 0); }},
        {err_dma_read, [](PwlDriver& d) { d.start(0x30000000ull, kDst, 16); }},
        {err_dma_write, [](PwlDriver& d) { d.start(kSrc, 0x30000000ull, 16); }},
        {err_busy_write, [&](PwlDriver& d) {
             d.start(kSrc, kDst, 200000);
             cpu.write32(kAcc + kCtrl, kCtrlIrqEnable);   // not frozen: accepted
             uint32_t v = 1;
             CHECK(test::raw(tlm::TLM_WRITE_COMMAND, kAcc + kCfgScale, &v, 4) == tlm::TLM_COMMAND_ERROR_RESPONSE);
         }},
        {err_busy_start, [&](PwlDriver& d) {
             d.start(kSrc, kDst, 200000);
             cpu.write32(kAcc + kCtrl, kCtrlIrqEnable | kCtrlStart);
         }},
        {err_too_long, [&](PwlDriver& d) { d.start(kSrc, kDst, 0xFFFFFFFFu); }},
    };
    for (const Case& c : cases) {
        INFO("ERROR_CODE " << c.code);
        test::fresh();
        PwlDriver drv(cpu, kAcc);
        drv.load(test::gelu8(), 1);
        c.provoke(drv);
        REQUIRE(test::wait_irq_for(cpu, sc_core::sc_time(1, sc_core::SC_MS)));
        CHECK(cpu.read32(kAcc + kErrorCode) == c.code);
        CHECK((cpu.read32(kAcc + kStatus) & kStatusError) != 0);
        CHECK(p.irq.read());
    }
}
