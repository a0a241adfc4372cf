// Golden FP32 pwl datapath (docs/numeric-definition.md §5): i = #{ j : x >= p_j } with IEEE comparison, then
// y = fadd(fmul(k_i, x), b_i), each binary32 round-to-nearest-even and not fused. Subnormal
// operands read as zero, a subnormal rounded result becomes signed zero, any NaN result is the
// canonical quiet NaN 0x7FC00000.
#pragma once
#include <cstdint>

#include "pwl_table.hpp"

namespace gqalut {

constexpr uint32_t kCanonicalNaN = 0x7FC00000u;

uint32_t f32_bits(float f);
float f32_from_bits(uint32_t b);
float fp32_daz(float x);                    // subnormal -> signed zero
float fp32_mul(float a, float b);           // DAZ operands, RNE, FTZ result, canonical NaN
float fp32_add(float a, float b);
int fp32_segment(const Fp32Lut& lut, float x);
float fp32_pwl(const Fp32Lut& lut, float x);
inline uint32_t fp32_pwl_bits(const Fp32Lut& lut, uint32_t x) { return f32_bits(fp32_pwl(lut, f32_from_bits(x))); }

}  // namespace gqalut
