// Register map: reset values, access rules, response statuses, debug access, reset, and a table
// test of docs/register-map.md with its offsets, resets and rights written out literally.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

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
    CHECK(cpu.read32(kAcc + kCfgDatapath) == 0);
    CHECK(cpu.read32(kAcc + kCfgCenter) == 0);
    CHECK(cpu.read64(kAcc + kCfgRangeLo) == 0);
    CHECK(cpu.read64(kAcc + kCfgRangeHi) == 0);
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

// docs/register-map.md, spelled out here (not taken from the model's constants): offset, size
// in bytes, access, reset value.
namespace {
enum class Rights { ro, rw, w1c };
struct Row {
    uint64_t offset;
    unsigned size;
    Rights rights;
    uint64_t reset;
    const char* name;
};
const Row kMap[] = {
    {0x000, 4, Rights::ro, 0x47514C55, "ID"},           {0x004, 4, Rights::ro, 0x00010002, "VERSION"},
    {0x008, 4, Rights::rw, 0, "CTRL"},                  {0x00C, 4, Rights::w1c, 0, "STATUS"},
    {0x010, 4, Rights::rw, 0, "CFG_MODE"},              {0x014, 4, Rights::rw, 8, "CFG_ENTRIES"},
    {0x018, 4, Rights::rw, 0, "CFG_SCALE"},             {0x01C, 4, Rights::rw, 0x0606, "CFG_LAMBDA"},
    {0x020, 4, Rights::rw, 0, "CFG_REQUANT"},           {0x024, 4, Rights::rw, 0x00181000, "CFG_SCALER"},
    {0x028, 4, Rights::rw, 0, "CFG_DATAPATH"},          {0x02C, 4, Rights::rw, 0, "CFG_CENTER"},
    {0x030, 8, Rights::rw, 0, "SRC_ADDR"},              {0x038, 8, Rights::rw, 0, "DST_ADDR"},
    {0x040, 4, Rights::rw, 0, "LENGTH"},                {0x044, 4, Rights::ro, 0, "ERROR_CODE"},
    {0x050, 8, Rights::ro, 0, "PERF_CYCLES"},           {0x058, 8, Rights::ro, 0, "PERF_ELEMENTS"},
    {0x060, 8, Rights::ro, 0, "PERF_ENERGY_FJ"},        {0x070, 8, Rights::rw, 0, "CFG_RANGE_LO"},
    {0x078, 8, Rights::rw, 0, "CFG_RANGE_HI"},          {0x1000, 8, Rights::rw, 0, "BP[0]"},
    {0x1000 + 8 * 62, 8, Rights::rw, 0, "BP[62]"},      {0x1400, 8, Rights::rw, 0, "SLOPE[0]"},
    {0x1400 + 8 * 63, 8, Rights::rw, 0, "SLOPE[63]"},   {0x1800, 8, Rights::rw, 0, "ICPT[0]"},
    {0x1800 + 8 * 63, 8, Rights::rw, 0, "ICPT[63]"},
};
// Offsets inside the 0x2000-byte window that hold no register.
const uint64_t kHoles[] = {0x048, 0x04C, 0x068, 0x06C, 0x080, 0x0C8, 0x100, 0x800, 0xFFC,
                           0x11F8, 0x1200, 0x13FC, 0x1600, 0x17FC, 0x1A00, 0x1FFC};
}  // namespace

TEST_CASE("register map table: offsets, reset values and access rights of docs/register-map.md", "[registers]") {
    for (const Row& r : kMap) {
        INFO(r.name);
        test::fresh();
        uint64_t v = 0;
        REQUIRE(raw(tlm::TLM_READ_COMMAND, kAcc + r.offset, &v, r.size) == tlm::TLM_OK_RESPONSE);
        CHECK(v == r.reset);
        uint64_t w = r.size == 8 ? 0x0123456789ABCDEFull : (r.offset == 0x008 ? 0x2 : 0x5);   // CTRL: IRQ_ENABLE
        const auto st = raw(tlm::TLM_WRITE_COMMAND, kAcc + r.offset, &w, r.size);
        uint64_t back = 0;
        REQUIRE(raw(tlm::TLM_READ_COMMAND, kAcc + r.offset, &back, r.size) == tlm::TLM_OK_RESPONSE);
        switch (r.rights) {
            case Rights::ro:
                CHECK(st == tlm::TLM_COMMAND_ERROR_RESPONSE);
                CHECK(back == r.reset);
                break;
            case Rights::rw:
                CHECK(st == tlm::TLM_OK_RESPONSE);
                CHECK(back == w);
                break;
            case Rights::w1c:   // nothing set: writing 1s clears nothing and sets nothing
                CHECK(st == tlm::TLM_OK_RESPONSE);
                CHECK(back == 0);
                break;
        }
    }
}

TEST_CASE("every address hole answers reads and writes with an address error", "[registers]") {
    test::fresh();
    for (uint64_t h : kHoles) {
        INFO("offset 0x" << std::hex << h);
        uint32_t v = 0x1234;
        CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + h, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
        CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + h, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    }
}

TEST_CASE("every 4-byte word of the window: a register's word reads OK, any other is a hole", "[registers]") {
    // The mapped bytes: the rows below the LUT, and the three LUT arrays whole (BP[0..62],
    // SLOPE[0..63], ICPT[0..63]).
    struct Span {
        uint64_t begin, end;
    };
    std::vector<Span> mapped = {{0x1000, 0x1000 + 8 * 63}, {0x1400, 0x1400 + 8 * 64}, {0x1800, 0x1800 + 8 * 64}};
    for (const Row& r : kMap)
        if (r.offset < 0x1000) mapped.push_back({r.offset, r.offset + r.size});
    test::fresh();
    int holes = 0;
    for (uint64_t w = 0; w < 0x2000; w += 4) {
        bool in_register = false;
        for (const Span& s : mapped) in_register = in_register || (w >= s.begin && w < s.end);
        INFO("offset 0x" << std::hex << w);
        uint32_t v = 0x1234;
        if (in_register) {
            CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + w, &v, 4) == tlm::TLM_OK_RESPONSE);
        } else {
            ++holes;
            CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + w, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
            CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + w, &v, 4) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
            CHECK(v == 0x1234);   // an address error leaves the data alone
        }
    }
    // The holes of docs/register-map.md in words: 0x048-0x04F, 0x068-0x06F, 0x080-0x0FFF,
    // 0x11F8-0x13FF, 0x1600-0x17FF, 0x1A00-0x1FFF.
    CHECK(holes == 2 + 2 + 992 + 130 + 128 + 384);
}

TEST_CASE("the last breakpoint BP 62 takes 8-byte and 4-byte writes, BP 63 does not exist", "[registers]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    cpu.write64(kAcc + 0x11F0, 0xFFFFFFFFFFFFFF80ull);
    CHECK(cpu.read64(kAcc + 0x11F0) == 0xFFFFFFFFFFFFFF80ull);
    cpu.write32(kAcc + 0x11F4, 0x7);
    CHECK(cpu.read64(kAcc + 0x11F0) == 0x00000007FFFFFF80ull);
    uint64_t v = 1;
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x11F8, &v, 8) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_CASE("write-side length, alignment and streaming-width errors leave the register unchanged", "[registers]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    cpu.write32(kAcc + 0x018, 3);   // CFG_SCALE
    uint64_t v = 0x55;
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x018, &v, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x018, &v, 8) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x019, &v, 4) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x018, &v, 4, nullptr, 0, 2) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x032, &v, 4) == tlm::TLM_BURST_ERROR_RESPONSE);   // inside SRC_ADDR
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x034, &v, 8) == tlm::TLM_BURST_ERROR_RESPONSE);   // across SRC/DST
    CHECK(cpu.read32(kAcc + 0x018) == 3);
    CHECK(cpu.read64(kAcc + 0x030) == 0);
    CHECK(cpu.read64(kAcc + 0x038) == 0);
}

TEST_CASE("a streaming width larger than the data length is an ordinary access", "[registers]") {
    test::fresh();
    uint32_t v = 5;
    CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x018, &v, 4, nullptr, 0, 8) == tlm::TLM_OK_RESPONSE);
    uint32_t back = 0;
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + 0x018, &back, 4, nullptr, 0, 64) == tlm::TLM_OK_RESPONSE);
    CHECK(back == 5);
}

TEST_CASE("byte enables on reads are refused", "[registers]") {
    test::fresh();
    uint64_t v = 0;
    unsigned char be[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + 0x000, &v, 4, be, 4) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    CHECK(raw(tlm::TLM_READ_COMMAND, kAcc + 0x030, &v, 8, be, 8) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    CHECK(v == 0);
}

TEST_CASE("4-byte writes to either half of a read-only 64-bit register are refused", "[registers]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 1);
    REQUIRE(drv.run(0x10000, 0x80000, 100).ok);   // non-zero counters
    for (uint64_t reg : {0x050ull, 0x058ull, 0x060ull}) {
        const uint64_t before = cpu.read64(kAcc + reg);
        for (uint64_t half : {0ull, 4ull}) {
            uint32_t v = 0xFFFFFFFF;
            CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + reg + half, &v, 4) == tlm::TLM_COMMAND_ERROR_RESPONSE);
        }
        CHECK(cpu.read64(kAcc + reg) == before);
    }
    CHECK(cpu.read64(kAcc + 0x058) == 100);
}

TEST_CASE("every configuration, address, length and LUT register is frozen while busy", "[registers]") {
    test::fresh();
    Cpu& cpu = test::platform().cpu;
    test::platform().ram.set_dmi_allowed(false);   // a long job
    PwlDriver drv(cpu, kAcc);
    drv.load(test::gelu8(), 5);
    drv.start(0x10000, 0x80000, 200000);
    struct Frozen {
        uint64_t offset;
        unsigned size;
    };
    std::vector<Frozen> frozen = {{0x010, 4}, {0x014, 4}, {0x018, 4}, {0x01C, 4}, {0x020, 4}, {0x024, 4},
                                  {0x028, 4}, {0x02C, 4}, {0x070, 8}, {0x074, 4}, {0x078, 8}, {0x030, 8},
                                  {0x030, 4}, {0x034, 4}, {0x038, 8}, {0x03C, 4}, {0x040, 4},
                                  {0x11F4, 4}, {0x19F8, 4}};
    for (uint64_t j = 0; j < 63; ++j) frozen.push_back({0x1000 + 8 * j, 8});   // every LUT register
    for (uint64_t i = 0; i < 64; ++i) {
        frozen.push_back({0x1400 + 8 * i, 8});
        frozen.push_back({0x1800 + 8 * i, 8});
    }
    for (const Frozen& f : frozen) {
        INFO("offset 0x" << std::hex << f.offset << " size " << std::dec << f.size);
        REQUIRE((cpu.read32(kAcc + 0x00C) & 1) != 0);   // BUSY
        uint64_t before = 0, v = 0x1F, after = 0;
        raw(tlm::TLM_READ_COMMAND, kAcc + f.offset, &before, f.size);
        cpu.write32(kAcc + 0x00C, 0x4);                 // clear ERROR (W1C works while busy)
        CHECK(raw(tlm::TLM_WRITE_COMMAND, kAcc + f.offset, &v, f.size) == tlm::TLM_COMMAND_ERROR_RESPONSE);
        raw(tlm::TLM_READ_COMMAND, kAcc + f.offset, &after, f.size);
        CHECK(after == before);
        CHECK(cpu.read32(kAcc + 0x044) == 5);           // ERROR_CODE
        CHECK((cpu.read32(kAcc + 0x00C) & 0x4) != 0);   // STATUS.ERROR
    }
    cpu.write32(kAcc + 0x008, 0);   // CTRL is not frozen: the interrupt can be masked
    CHECK(cpu.read32(kAcc + 0x008) == 0);
}

TEST_CASE("register accesses are logged through sc_report with the response they got", "[registers]") {
    test::fresh();
    static std::vector<std::string> seen;
    seen.clear();
    const auto previous = sc_core::sc_report_handler::set_handler(
        [](const sc_core::sc_report& r, const sc_core::sc_actions&) {
            if (std::string(r.get_msg_type()) == "gqalut/accelerator/registers") seen.push_back(r.get_msg());
        });
    const int verbosity = sc_core::sc_report_handler::get_verbosity_level();
    sc_core::sc_report_handler::set_verbosity_level(sc_core::SC_DEBUG);
    test::platform().accel.set_log_level(sc_core::SC_DEBUG);
    uint32_t v = 1;
    raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x000, &v, 4);   // ID is read-only
    test::platform().accel.set_log_level(sc_core::SC_NONE);
    raw(tlm::TLM_WRITE_COMMAND, kAcc + 0x000, &v, 4);   // not logged
    sc_core::sc_report_handler::set_verbosity_level(verbosity);
    sc_core::sc_report_handler::set_handler(previous);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].find("ID") != std::string::npos);
    CHECK(seen[0].find("TLM_COMMAND_ERROR_RESPONSE") != std::string::npos);
}
