// Register map: reset values, access rules, response statuses, debug access, reset.
#include <catch2/catch.hpp>

#include "tlm_fixture.hpp"

using namespace gqalut;
using namespace gqalut::vp;
using namespace gqalut::vp::acc;
using test::kAcc;
using test::raw;

TEST_CASE("reset values", "[registers]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    CHECK(cpu.read32(kAcc + kId) == kIdValue);
    CHECK(cpu.read32(kAcc + kVersion) == kVersionValue);
    CHECK(cpu.read32(kAcc + kCtrl) == 0);
    CHECK(cpu.read32(kAcc + kStatus) == 0);
    CHECK(cpu.read32(kAcc + kCfgMode) == mode_int8);
    CHECK(cpu.read32(kAcc + kCfgEntries) == 8);
    CHECK(cpu.read32(kAcc + kCfgLambda) == (6u | (6u << 8)));
    CHECK(cpu.read32(kAcc + kCfgScaler) == ((16u << 8) | (24u << 16)));
    CHECK(cpu.read32(kAcc + kLength) == 0);
    CHECK(cpu.read32(kAcc + kErrorCode) == err_none);
    CHECK(cpu.read64(kAcc + kPerfCycles) == 0);
    CHECK(cpu.read64(kAcc + kLutSlope + 8 * 63) == 0);
    CHECK_FALSE(test::platform().irq.read());
}

TEST_CASE("read-only registers refuse writes with a command error", "[registers]") {
    test::fresh();
    for (uint64_t reg : {kId, kVersion, kErrorCode}) {
        uint32_t v = 0x1234;
        CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + reg, &v, 4) == tlm::TLM_COMMAND_ERROR_RESPONSE);
    }
    uint64_t v64 = 7;
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + kPerfCycles, &v64, 8) == tlm::TLM_COMMAND_ERROR_RESPONSE);
    CHECK(test::platform().cpu.read32(kAcc + kId) == kIdValue);
}

TEST_CASE("unmapped addresses give an address error", "[registers]") {
    test::fresh();
    uint32_t v = 0;
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + 0x0C8, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);        // hole
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x1FF8 + 8, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);  // past the LUT
    CHECK(raw(tlm::TLM_READ_COMMAND, 0x80000000ull, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);       // no target
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + kLutBreakpoint + 8 * 63, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);  // BP63 absent
}

TEST_CASE("bad widths, misalignment, streaming width and byte enables", "[registers]") {
    test::fresh();
    uint64_t v = 0;
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + kCtrl, &v, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + kCtrl, &v, 8) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + kCtrl + 1, &v, 4) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + kSrcAddr + 2, &v, 4) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + kCtrl, &v, 4, nullptr, 0, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
    unsigned char be[4] = {0xFF, 0xFF, 0xFF, 0xFF};
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + kCfgScale, &v, 4, be, 4) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    // 8-byte registers take 8-byte accesses and 4-byte accesses to either half.
    uint64_t addr = 0x1122334455667788ull;
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + kSrcAddr, &addr, 8) == tlm::TLM_OK_RESPONSE);
    uint32_t hi = 0;
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + kSrcAddr + 4, &hi, 4) == tlm::TLM_OK_RESPONSE);
    CHECK(hi == 0x11223344u);
    uint32_t lo = 0xAABBCCDD;
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + kSrcAddr, &lo, 4) == tlm::TLM_OK_RESPONSE);
    CHECK(test::platform().cpu.read64(kAcc + kSrcAddr) == 0x11223344AABBCCDDull);
}

TEST_CASE("ignore command is answered OK without effect", "[registers]") {
    test::fresh();
    uint32_t v = 5;
    CHECK(raw(tlm::TLM_IGNORE_COMMAND, kAcc + kCfgScale, &v, 4) == tlm::TLM_OK_RESPONSE);
    CHECK(test::platform().cpu.read32(kAcc + kCfgScale) == 0);
}

TEST_CASE("transport_dbg reads without side effects and never writes", "[registers]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    cpu.write32(kAcc + kCfgScale, 3);
    uint32_t buf[4] = {};
    tlm::tlm_generic_payload gp;
    gp.set_read();
    gp.set_address(kAcc + kCfgMode);
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(buf));
    gp.set_data_length(16);
    gp.set_streaming_width(16);
    CHECK(cpu.socket->transport_dbg(gp) == 16);
    CHECK(buf[2] == 3);   // CFG_SCALE at 0x018
    uint32_t v = 7;
    gp.set_write();
    gp.set_address(kAcc + kCfgScale);
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
    gp.set_data_length(4);
    CHECK(cpu.socket->transport_dbg(gp) == 0);
    CHECK(cpu.read32(kAcc + kCfgScale) == 3);
}

TEST_CASE("soft reset restores every register", "[registers]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    cpu.write32(kAcc + kCfgMode, mode_fp32);
    cpu.write64(kAcc + kLutIntercept + 8, 99);
    cpu.write32(kAcc + kLength, 0);
    cpu.write32(kAcc + kCtrl, kCtrlIrqEnable | kCtrlStart);   // length 0: error + interrupt
    cpu.sync();
    sc_core::wait(sc_core::SC_ZERO_TIME);
    CHECK(test::platform().irq.read());
    cpu.write32(kAcc + kCtrl, kCtrlSoftReset);
    cpu.sync();
    sc_core::wait(sc_core::SC_ZERO_TIME);
    CHECK(cpu.read32(kAcc + kCfgMode) == mode_int8);
    CHECK(cpu.read64(kAcc + kLutIntercept + 8) == 0);
    CHECK(cpu.read32(kAcc + kStatus) == 0);
    CHECK(cpu.read32(kAcc + kErrorCode) == err_none);
    CHECK_FALSE(test::platform().irq.read());
}
