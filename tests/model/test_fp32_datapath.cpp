// FP32 datapath corner cases (docs/numeric-definition.md §5): NaN, infinities, subnormals, signed zero, FTZ.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "model/fp32_datapath.hpp"

using namespace gqalut;

namespace {
const Fp32Lut kLut{{-1.0f, 0.0f}, {0.5f, 2.0f, 0.0f}, {0.25f, 0.0f, 1.0f}};
float bits(uint32_t b) { return f32_from_bits(b); }
}  // namespace

TEST_CASE("fp32 segments use x >= p with -0 == +0", "[fp32]") {
    CHECK(fp32_segment(kLut, -2.0f) == 0);
    CHECK(fp32_segment(kLut, -1.0f) == 1);
    CHECK(fp32_segment(kLut, -0.0f) == 2);
    CHECK(fp32_segment(kLut, 0.0f) == 2);
    CHECK(fp32_segment(kLut, bits(0x80000001u)) == 2);   // negative subnormal reads as -0
    CHECK(fp32_segment(kLut, std::nanf("")) == 0);       // NaN compares false everywhere
}

TEST_CASE("fp32 NaN in gives the canonical NaN out", "[fp32]") {
    CHECK(fp32_pwl_bits(kLut, 0x7FC00000u) == kCanonicalNaN);
    CHECK(fp32_pwl_bits(kLut, 0x7F800001u) == kCanonicalNaN);   // signalling NaN
    CHECK(fp32_pwl_bits(kLut, 0xFFC12345u) == kCanonicalNaN);   // negative NaN with payload
}

TEST_CASE("fp32 infinities", "[fp32]") {
    const float inf = std::numeric_limits<float>::infinity();
    CHECK(fp32_pwl(kLut, -inf) == -inf);                             // 0.5 * -inf + 0.25
    CHECK(f32_bits(fp32_pwl(kLut, inf)) == kCanonicalNaN);          // 0 * inf is NaN
    const Fp32Lut up{{}, {1.0f}, {0.0f}};
    CHECK(fp32_pwl(up, inf) == inf);
    CHECK(f32_bits(fp32_add(inf, -inf)) == kCanonicalNaN);
}

TEST_CASE("fp32 subnormal operands read as zero and results flush", "[fp32]") {
    CHECK(fp32_pwl(kLut, bits(0x00000001u)) == 1.0f);   // x -> +0: segment 2, y = 0*0 + 1
    // Product 2^-100 * 2^-30 = 2^-130 is subnormal: flushed to +0, so y = b.
    const Fp32Lut tiny{{}, {std::ldexp(1.0f, -100)}, {0.0f}};
    CHECK(f32_bits(fp32_pwl(tiny, std::ldexp(1.0f, -30))) == 0x00000000u);
    CHECK(f32_bits(fp32_mul(tiny.slopes[0], -std::ldexp(1.0f, -30))) == 0x80000000u);   // signed zero kept
    CHECK(f32_bits(fp32_pwl(tiny, -std::ldexp(1.0f, -30))) == 0x00000000u);   // -0 + +0 = +0
    // A product that rounds up to the smallest normal stays normal.
    const float a = bits(0x3F7FFFFFu), b = std::ldexp(1.0f, -126);   // (1 - 2^-24) * 2^-126
    CHECK(f32_bits(fp32_mul(a, b)) == 0x00800000u);
    // Subnormal table parameters read as zero too.
    CHECK(fp32_mul(bits(0x00400000u), 1.0f) == 0.0f);
}

TEST_CASE("fp32 signed zero follows IEEE addition", "[fp32]") {
    const Fp32Lut z{{}, {1.0f}, {0.0f}};
    CHECK(f32_bits(fp32_pwl(z, -0.0f)) == 0x00000000u);   // -0 + +0 = +0 under RNE
    const Fp32Lut nz{{}, {1.0f}, {-0.0f}};
    CHECK(f32_bits(fp32_pwl(nz, -0.0f)) == 0x80000000u);  // -0 + -0 = -0
}

TEST_CASE("fp32 multiply and add round separately (no fused multiply-add)", "[fp32]") {
    // k*k = 1 + 2^-22 + 2^-46 exactly; rounding it first loses 2^-46, so y = 2^-22, not 2^-22 + 2^-46.
    const float k = 1.0f + std::ldexp(1.0f, -23);
    const Fp32Lut l{{}, {k}, {-1.0f}};
    CHECK(fp32_pwl(l, k) == std::ldexp(1.0f, -22));
}
