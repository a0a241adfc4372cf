// The datapath options (symmetry folding, input clamp, segment-relative intercepts) and the
// range reductions (EXP2, LOG2, EXP) through the accelerator: the driver programs them from a
// table, the golden and cycle platforms give the golden model's words for every INT8 code at
// every scale and every option combination, and values no table gives are refused.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "search/uniform.hpp"
#include "tests/common/option_tables.hpp"
#include "tlm_fixture.hpp"

using namespace gqalut;
using namespace gqalut::vp;
namespace vptest = gqalut::vp::test;   // the platforms; gqalut::test: the option tables
using vptest::kAcc;

namespace {

constexpr uint64_t kSrc = 0x10000, kDst = 0x200000;   // 2 MiB apart: the scaler windows are 1 MiB

// gelu8() with one LUT per scale (with_options folds per-scale breakpoints).
PwlTable gelu8_per_scale() {
    PwlTable t = vptest::gelu8();
    for (int s : t.scales) t.per_scale[s] = t.lut_for_scale(s);
    t.shared.reset();
    return t;
}

// Every INT8 code through the accelerator of platform p with table t at scale s: the number of
// output words that differ from the golden model's.
uint64_t int8_mismatches(Platform& p, const PwlTable& t, int s, const RequantConfig& rq = {}) {
    PwlDriver drv(p.cpu, kAcc);
    drv.load(t, s, rq);
    std::vector<uint8_t> in(256), out;
    for (int c = 0; c < 256; ++c) in[static_cast<size_t>(c)] = static_cast<uint8_t>(c);
    p.cpu.write_block(kSrc, in.data(), in.size());
    REQUIRE(drv.run(kSrc, kDst, in.size()).ok);
    out.resize(in.size() * drv.out_bytes());
    p.cpu.read_block(kDst, out.data(), out.size());
    return vptest::golden_mismatches(t, s, rq, in, out);
}

// Scaler words for function f: every word of gqalut::test::reduction_window(f), the corners of the
// 32-bit code and random words of every magnitude.
std::vector<uint8_t> scaler_words(const std::string& f, size_t random_count, uint64_t seed) {
    std::vector<uint32_t> w = {0u, 1u, 0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 0xFFF00000u, 0x00100000u};
    for (uint64_t u : gqalut::test::reduction_window(f)) w.push_back(static_cast<uint32_t>(u));
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < random_count; ++i)
        w.push_back(static_cast<uint32_t>(static_cast<int32_t>(static_cast<uint32_t>(rng())) >> (rng() % 32)));
    std::vector<uint8_t> b(w.size() * 4);
    std::memcpy(b.data(), w.data(), b.size());
    return b;
}

uint64_t scaler_mismatches(Platform& p, const PwlTable& t, const std::vector<uint8_t>& in) {
    PwlDriver drv(p.cpu, kAcc);
    drv.load(t);
    p.cpu.write_block(kSrc, in.data(), in.size());
    REQUIRE(drv.run(kSrc, kDst, in.size() / 4).ok);
    std::vector<uint8_t> out(in.size());
    p.cpu.read_block(kDst, out.data(), out.size());
    return vptest::golden_mismatches(t, t.scales.front(), {}, in, out);
}

std::string describe(const DatapathOptions& o) {
    return to_string(o.symmetry) + (o.clamp ? " clamp " : " ") + to_string(o.intercept);
}

}  // namespace

TEST_CASE("every datapath option combination: every INT8 code at every scale is the golden model's word", "[options]") {
    vptest::fresh();
    uint64_t seed = 1;
    for (Platform* p : {&vptest::platform(), &vptest::cycle_platform()}) {
        for (const DatapathOptions& o : gqalut::test::all_options()) {
            const PwlTable t = gqalut::test::with_options(gelu8_per_scale(), o, seed++);
            for (int s : t.scales) {
                INFO(p->accel.params().model << ": " << describe(o) << " at scale " << s);
                CHECK(int8_mismatches(*p, t, s) == 0);
            }
            INFO(p->accel.params().model << ": " << describe(o) << " requantized");
            CHECK(int8_mismatches(*p, t, 4, {true, 6}) == 0);
        }
    }
}

TEST_CASE("tables fitted with the options: sigmoid, tanh, GELU, SiLU, x^2 at INT8 equal the golden model", "[options]") {
    vptest::fresh();
    for (Platform* p : {&vptest::platform(), &vptest::cycle_platform()})
        for (const PwlTable& t : gqalut::test::option_fits(Precision::int8, 8))
            for (int s : t.scales) {
                INFO(p->accel.params().model << ": " << t.function << " " << describe(t.datapath) << " at scale " << s);
                CHECK(int8_mismatches(*p, t, s) == 0);
            }
}

TEST_CASE("a table without options after one with them runs as before: the driver resets the option fields", "[options]") {
    vptest::fresh();
    DatapathOptions o;
    o.symmetry = Symmetry::point;
    o.clamp = true;
    o.intercept = InterceptMode::relative;
    const PwlTable folded = gqalut::test::with_options(gelu8_per_scale(), o, 7);
    REQUIRE(int8_mismatches(vptest::platform(), folded, 3) == 0);
    CHECK(int8_mismatches(vptest::platform(), vptest::gelu8(), 3) == 0);
}

TEST_CASE("range-reduced EXP2, LOG2 and EXP jobs are the golden model's words", "[options]") {
    vptest::fresh();
    uint64_t seed = 11;
    for (const char* f : {"exp2", "log2", "exp"}) {
        const std::vector<uint8_t> in = scaler_words(f, 3000, seed);
        for (Platform* p : {&vptest::platform(), &vptest::cycle_platform()})
            for (uint64_t random : {uint64_t(0), seed + 1})
                for (auto [in_frac, out_frac] : {std::pair{16, 16}, std::pair{16, 31}, std::pair{24, 8}}) {
                    const PwlTable t = gqalut::test::reduction_table(f, 16, random, in_frac, out_frac);
                    INFO(p->accel.params().model << ": " << f << " random " << random << " in " << in_frac << " out " << out_frac);
                    CHECK(scaler_mismatches(*p, t, in) == 0);
                }
        seed += 2;
    }
}

TEST_CASE("the driver writes the option fields a table asks for", "[options]") {
    using namespace acc;
    vptest::fresh();
    Cpu& cpu = vptest::platform().cpu;
    PwlDriver drv(cpu, kAcc);
    const std::vector<PwlTable> fits = gqalut::test::option_fits(Precision::int8, 8);
    const PwlTable& sigmoid = fits.at(1);   // point symmetry about 1/2, clamped, relative intercepts
    REQUIRE(sigmoid.function == "sigmoid");
    drv.load(sigmoid, 4);
    CHECK(cpu.read32(kAcc + kCfgDatapath) == (sym_point | (1u << 4) | (1u << 5)));
    CHECK(cpu.read32(kAcc + kCfgCenter) == 32);                         // 1/2 at lambda_b = 6
    CHECK(cpu.read64(kAcc + kCfgRangeLo) == 0);                         // folded: from 0
    CHECK(cpu.read64(kAcc + kCfgRangeHi) == 128);                       // 8 at scale 4 is 128, the folded top
    drv.load(fits.at(11), 2);                                           // GELU on [-4, 4], clamped, relative
    CHECK(cpu.read32(kAcc + kCfgDatapath) == ((1u << 4) | (1u << 5)));
    CHECK(cpu.read64(kAcc + kCfgRangeLo) == static_cast<uint64_t>(-16));   // -4 at scale 2
    CHECK(cpu.read64(kAcc + kCfgRangeHi) == 16);
    drv.load(vptest::gelu8(), 2);
    CHECK(cpu.read32(kAcc + kCfgDatapath) == 0);
    CHECK(cpu.read32(kAcc + kCfgCenter) == 0);
    drv.load(gqalut::test::reduction_table("log2", 8, 0));
    CHECK(kScalerReduce.get(cpu.read32(kAcc + kCfgScaler)) == reduce_log2);
    drv.load(gqalut::test::reduction_table("exp", 8, 0));
    CHECK(kScalerReduce.get(cpu.read32(kAcc + kCfgScaler)) == reduce_exp);
}

TEST_CASE("option and reduction values no table gives are refused with ERROR_CODE 1 before any memory access", "[options]") {
    using namespace acc;
    Cpu& cpu = vptest::platform().cpu;
    struct Write {
        uint64_t reg, value;
        unsigned size;
    };
    struct Case {
        const char* what;
        std::vector<Write> writes;
    };
    const uint64_t clamp = 1u << 4, relative = 1u << 5;
    const Case cases[] = {
        {"symmetry 5", {{kCfgDatapath, 5, 4}}},
        {"symmetry 7", {{kCfgDatapath, 7, 4}}},
        {"reduction 4", {{kCfgMode, mode_scaler, 4}, {kCfgScaler, kScalerReset | kScalerReduce.put(4), 4}}},
        {"reduction 15", {{kCfgMode, mode_scaler, 4}, {kCfgScaler, kScalerReset | kScalerReduce.put(15), 4}}},
        {"centre wider than 8 bits", {{kCfgDatapath, sym_point, 4}, {kCfgCenter, 128, 4}}},
        {"centre below -128", {{kCfgDatapath, sym_point, 4}, {kCfgCenter, static_cast<uint32_t>(-129), 4}}},
        {"clamp low below -128", {{kCfgDatapath, clamp, 4}, {kCfgRangeLo, static_cast<uint64_t>(-129), 8}, {kCfgRangeHi, 10, 8}}},
        {"clamp high above 127", {{kCfgDatapath, clamp, 4}, {kCfgRangeLo, 0, 8}, {kCfgRangeHi, 128, 8}}},
        {"folded clamp high above 128", {{kCfgDatapath, sym_odd | clamp, 4}, {kCfgRangeHi, 129, 8}}},
        {"folded range from -1", {{kCfgDatapath, sym_even | relative, 4}, {kCfgRangeLo, static_cast<uint64_t>(-1), 8}, {kCfgRangeHi, 5, 8}}},
        {"range reversed", {{kCfgDatapath, relative, 4}, {kCfgRangeLo, 20, 8}, {kCfgRangeHi, 10, 8}}},
        {"range code 2^32 (not 0)", {{kCfgDatapath, clamp, 4}, {kCfgRangeLo, uint64_t(1) << 32, 8}, {kCfgRangeHi, 10, 8}}},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        vptest::fresh();
        vptest::platform().ram.data()[kDst] = 0xA5;
        PwlDriver drv(cpu, kAcc);
        drv.load(vptest::gelu8(), 3);
        for (const Write& w : c.writes) {
            if (w.size == 4) cpu.write32(kAcc + w.reg, static_cast<uint32_t>(w.value));
            else cpu.write64(kAcc + w.reg, w.value);
        }
        const uint64_t transactions = vptest::platform().ram.transactions();
        drv.start(kSrc, kDst, 64);
        cpu.wait_irq();
        CHECK(cpu.read32(kAcc + kErrorCode) == err_config);
        CHECK(vptest::platform().ram.transactions() == transactions);
        CHECK(vptest::platform().ram.data()[kDst] == 0xA5);
    }
    // The same fields outside the modes that use them are ignored, as CFG_SCALE is in FP32 mode;
    // and the range is read only with CLAMP or relative intercepts.
    struct Ignored {
        const char* what;
        PwlTable table;
        std::vector<Write> writes;
    };
    const Ignored ignored[] = {
        {"symmetry 7 in FP32 mode", uniform_table("silu", Precision::fp32, 8, -8, 8), {{kCfgDatapath, 7, 4}}},
        {"reduction 15 in INT8 mode", vptest::gelu8(), {{kCfgScaler, kScalerReduce.put(15), 4}}},
        {"centre 1000 without point symmetry", vptest::gelu8(), {{kCfgDatapath, sym_odd, 4}, {kCfgCenter, 1000, 4}}},
        {"range reversed without clamp or relative intercepts", vptest::gelu8(), {{kCfgRangeLo, 20, 8}, {kCfgRangeHi, 10, 8}}},
    };
    for (const Ignored& c : ignored) {
        INFO(c.what);
        vptest::fresh();
        PwlDriver drv(cpu, kAcc);
        drv.load(c.table, 3);
        for (const Write& w : c.writes) {
            if (w.size == 4) cpu.write32(kAcc + w.reg, static_cast<uint32_t>(w.value));
            else cpu.write64(kAcc + w.reg, w.value);
        }
        drv.start(kSrc, kDst, 64);
        cpu.wait_irq();
        CHECK(cpu.read32(kAcc + kErrorCode) == err_none);
    }
}

// The golden level has no power monitor: its job energy is the cost model's nominal estimate,
// which must price what the loaded table uses: the operand logic for a fold, clamp or relative
// intercepts, the fix for odd/point/shifted symmetry, the range reduction on the scaler.
TEST_CASE("the golden level's job energy prices the option blocks and the range reduction", "[options]") {
    vptest::fresh();
    Platform& p = vptest::platform();
    auto energy_fj = [&p](const PwlTable& t, int s, size_t n, unsigned bytes) {
        PwlDriver drv(p.cpu, kAcc);
        drv.load(t, s);
        const std::vector<uint8_t> in(n * bytes, 1);
        p.cpu.write_block(kSrc, in.data(), in.size());
        const PwlDriver::Job j = drv.run(kSrc, kDst, n);
        REQUIRE(j.ok);
        return j.energy_fj;
    };
    auto with = [](Symmetry sym, bool clamp, InterceptMode icpt) {
        DatapathOptions o;
        o.symmetry = sym;
        o.clamp = clamp;
        o.intercept = icpt;
        return gqalut::test::with_options(gelu8_per_scale(), o, 3);
    };
    const uint64_t plain = energy_fj(gelu8_per_scale(), 4, 256, 1);
    const uint64_t clamp = energy_fj(with(Symmetry::none, true, InterceptMode::absolute), 4, 256, 1);
    const uint64_t relative = energy_fj(with(Symmetry::none, false, InterceptMode::relative), 4, 256, 1);
    const uint64_t even = energy_fj(with(Symmetry::even, false, InterceptMode::absolute), 4, 256, 1);
    const uint64_t odd = energy_fj(with(Symmetry::odd, false, InterceptMode::absolute), 4, 256, 1);
    const uint64_t all = energy_fj(with(Symmetry::point, true, InterceptMode::relative), 4, 256, 1);
    INFO("plain " << plain << " clamp " << clamp << " relative " << relative << " even " << even << " odd " << odd);
    CHECK(clamp > plain);
    CHECK(relative == clamp);   // the same operand logic, priced once per element
    CHECK(even == clamp);       // folds, no fix
    CHECK(odd > even);          // the fix
    CHECK(all == odd);

    // The same core codes as a DIV table (sub-range selection) and as EXP's range reduction.
    const PwlTable reduced = gqalut::test::reduction_table("exp", 16, 0);
    PwlTable div = reduced;
    div.function = "div";
    div.scaler = ScalerSpec{};
    div.scaler->preset = "normalize";
    div.scales = {5};
    div.per_scale = {{5, reduced.per_scale.at(8)}};
    const uint64_t e_div = energy_fj(div, 0, 512, 4), e_red = energy_fj(reduced, 0, 512, 4);
    INFO("div " << e_div << " exp reduction " << e_red);
    CHECK(e_red > e_div);
}
