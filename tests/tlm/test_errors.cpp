// Error paths: every one sets ERROR_CODE and the interrupt, and leaves memory outside the
// destination untouched.
#include <catch2/catch.hpp>
#include <cstring>

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
