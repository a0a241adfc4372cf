// Multi-range scaler presets at their sub-range edges (UQ16.16 input, UQ3.5 core).
#include <catch2/catch.hpp>

#include "model/pwl_table.hpp"
#include "model/range_scaler.hpp"
#include "model/scaler_datapath.hpp"

using namespace gqalut;

namespace {
IntParams core() { return IntParams{8, false, 8, 5, 5}; }
uint64_t code(double x) { return static_cast<uint64_t>(x * 65536.0); }
ScalerSpec preset(const char* p) {
    ScalerSpec s;
    s.preset = p;
    return s;
}
}  // namespace

TEST_CASE("paper preset, DIV: Table 2 sub-ranges", "[scaler]") {
    const RangeScaler sc("div", preset("paper"), core());
    CHECK(sc.select(code(4) - 1).shift == 0);
    CHECK(sc.select(code(4) - 1).core_code == 128);    // 3.99998 * 32 rounds to 128
    CHECK(sc.select(code(4)).shift == 3);
    CHECK(sc.select(code(4)).core_code == 16);         // 4 / 8 = 0.5
    CHECK(sc.select(code(32) - 1).shift == 3);
    CHECK(sc.select(code(32) - 1).core_code == 128);
    CHECK(sc.select(code(32)).shift == 6);
    CHECK(sc.select(code(32)).core_code == 16);
    CHECK(sc.select(code(256)).shift == 6);            // SR_2 as printed: same shift as SR_1
    CHECK(sc.select(code(256)).core_code == 128);
    CHECK(sc.select(code(510)).core_code == 255);
    CHECK(sc.select(code(511)).core_code == 255);      // 255.5 rounds to 256: saturates
    CHECK(sc.select(0xFFFFFFFFu).core_code == 255);
    CHECK(sc.select(code(0.25)).shift == 0);           // below IR: no sub-range in Table 2
    CHECK(sc.select(code(0.25)).core_code == 8);
}

TEST_CASE("paper preset, RSQRT: Table 2 sub-ranges", "[scaler]") {
    const RangeScaler sc("rsqrt", preset("paper"), core());
    CHECK(sc.select(code(4) - 1).shift == 0);
    CHECK(sc.select(code(4)).shift == 4);
    CHECK(sc.select(code(4)).core_code == 8);      // 4 / 16 = 0.25
    CHECK(sc.select(code(64)).shift == 8);
    CHECK(sc.select(code(64)).core_code == 8);
    CHECK(sc.select(code(1024)).shift == 12);
    CHECK(sc.select(code(1024)).core_code == 8);
    CHECK(sc.result_shift(12) == 6);
}

TEST_CASE("normalize preset keeps x' in the core range", "[scaler]") {
    const RangeScaler div("div", preset("normalize"), core());
    CHECK(div.select(code(1)).shift == -1);
    CHECK(div.select(code(1)).core_code == 64);          // x' = 2
    CHECK(div.select(code(4) - 1).shift == 0);
    CHECK(div.select(code(4) - 1).core_code == 128);
    CHECK(div.select(code(4)).shift == 1);
    CHECK(div.select(code(4)).core_code == 64);
    CHECK(div.select(1).shift == -17);                   // x = 2^-16
    CHECK(div.select(1).core_code == 64);
    CHECK(div.select(0xFFFFFFFFu).shift == 14);
    const RangeScaler rs("rsqrt", preset("normalize"), core());
    CHECK(rs.select(code(1)).shift == 0);
    CHECK(rs.select(code(1)).core_code == 32);
    CHECK(rs.select(code(2)).shift == 0);
    CHECK(rs.select(code(4)).shift == 2);
    CHECK(rs.select(code(0.5)).shift == -2);
    CHECK(rs.select(code(0.5)).core_code == 64);
    CHECK(rs.select(code(0.25)).shift == -2);
    CHECK(rs.select(code(0.125)).shift == -4);
    for (uint64_t u = 1; u < (uint64_t(1) << 32); u = u * 3 + 1) {
        const auto c = rs.select(u);
        CHECK(c.shift % 2 == 0);
        CHECK(c.core_code >= 32);
        CHECK(c.core_code <= 128);
    }
}

TEST_CASE("scaler datapath rescales the core result", "[scaler]") {
    // A one-segment core y = 0.5 (intercept 16/32): DIV output = 0.5 * 2^-sigma.
    const ScalerDatapath dp("div", preset("normalize"), core(), LutCodes{{}, {0}, {16}});
    const auto r = dp.exact(code(8));   // sigma = 2
    CHECK(r.sigma == 2);
    CHECK(r.value() == 0.125);
    CHECK(dp.output(code(8)) == (int64_t(1) << 21));   // 0.125 in UQ8.24
    const auto small = dp.exact(1);                    // sigma = -17: y = 0.5 * 2^17
    CHECK(small.value() == 65536.0);
    CHECK(dp.output(1) == 0xFFFFFFFF);                 // saturates UQ8.24
}

TEST_CASE("bad scaler configurations are rejected", "[scaler]") {
    CHECK_THROWS(RangeScaler("gelu", preset("paper"), core()));
    CHECK_THROWS(RangeScaler("div", preset("bogus"), core()));
    CHECK_THROWS(RangeScaler("div", preset("paper"), IntParams{8, true, 8, 5, 5}));
}
