// Multi-range scaler presets at their sub-range edges (UQ16.16 input, UQ3.5 core).
#include <catch2/catch.hpp>
#include <cmath>

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

TEST_CASE("octave preset: every exponent, x' from 4 up to 8", "[scaler][octave]") {
    const RangeScaler rs("rsqrt", preset("octave"), core());
    CHECK(rs.normalize());
    CHECK(rs.octave());
    CHECK(rs.select(code(1)).shift == -2);
    CHECK(rs.select(code(1)).core_code == 128);          // x' = 4
    CHECK(rs.select(code(2)).shift == -1);               // odd: the 1/sqrt(2) multiply
    CHECK(rs.odd_octave(rs.select(code(2))));
    CHECK_FALSE(rs.odd_octave(rs.select(code(4))));
    CHECK(rs.select(code(2) - 1).shift == -2);
    CHECK(rs.select(code(2) - 1).core_code == 255);      // x' = 7.99994 rounds to 256: saturates
    CHECK(rs.select(1).shift == -18);                    // x = 2^-16
    CHECK(rs.select(0xFFFFFFFFu).shift == 13);
    CHECK(rs.select(0xFFFFFFFFu).core_code == 255);
    CHECK(rs.result_shift(-1) == -1);                    // floor(sigma / 2)
    CHECK(rs.result_shift(-3) == -2);
    CHECK(rs.result_shift(5) == 2);
    CHECK(rs.result_shift(-18) == -9);
    for (uint64_t u = 1; u < (uint64_t(1) << 32); u = u * 3 + 1) {
        const auto c = rs.select(u);
        int lead = -1;
        for (uint64_t v = u; v; v >>= 1) ++lead;
        CHECK(c.shift == lead - 16 - 2);
        CHECK(c.core_code >= 128);
        CHECK(c.core_code <= 255);
    }
    CHECK(kHalfSqrtCode == std::llround(std::ldexp(1.0, kHalfSqrtFracBits) / std::sqrt(2.0)));
}

TEST_CASE("octave preset: result at x = 2^k, even and odd exponents", "[scaler][octave]") {
    // A one-segment core y = 0.5 (intercept 16/32), so the unit computes 0.5 * 2^-floor(sigma/2)
    // (* C / 2^16 for odd sigma) = 1/sqrt(x) at x = 2^k: x' = 4, pwl(4) = 1/sqrt(4).
    const ScalerDatapath dp("rsqrt", preset("octave"), core(), LutCodes{{}, {0}, {16}});
    for (int k = -16; k <= 15; ++k) {
        const uint64_t u = uint64_t(1) << (k + 16);
        const auto r = dp.exact(u);
        const int sigma = k - 2;
        const bool odd = (sigma & 1) != 0;
        const int e = odd ? (sigma - 1) / 2 : sigma / 2;
        REQUIRE(r.sigma == sigma);
        CHECK(r.core_code == 128);
        // Integer formula: acc = 16 << 5 at 10 fraction bits (lambda_o + 5), plus e, then odd:
        // acc * 46341 at 16 more fraction bits.
        CHECK(r.frac == 10 + e + (odd ? 16 : 0));
        CHECK(r.acc == (odd ? i128(512) * 46341 : i128(512)));
        CHECK(std::fabs(r.value() - std::pow(2.0, -k / 2.0)) <= 1.1e-6 * std::pow(2.0, -k / 2.0));
        // Output UQ8.24: 46341 * 2^(7 - e) (odd) or 2^(23 - e), round half up, saturated.
        const int64_t m = odd ? 46341 : 1;
        const int sh = odd ? 7 - e : 23 - e;
        const int64_t out = sh >= 0 ? m << sh : (m + (int64_t(1) << (-sh - 1))) >> -sh;
        CHECK(dp.output(u) == std::min<int64_t>(out, 0xFFFFFFFF));
    }
    // x = 2: sigma = -1, e = -1: 0.5 * 2^1 * 46341 / 2^16 = 0.70711 in UQ8.24 is 46341 * 2^8.
    CHECK(dp.output(code(2)) == 46341 * 256);
    CHECK(dp.output(code(8)) == 46341 * 128);            // sigma = 1, e = 0
}

TEST_CASE("bad scaler configurations are rejected", "[scaler]") {
    CHECK_THROWS_WITH(RangeScaler("div", preset("octave"), core()), Catch::Contains("'octave' is for rsqrt"));
    CHECK_THROWS(RangeScaler("gelu", preset("paper"), core()));
    CHECK_THROWS(RangeScaler("div", preset("bogus"), core()));
    CHECK_THROWS(RangeScaler("div", preset("paper"), IntParams{8, true, 8, 5, 5}));
}
