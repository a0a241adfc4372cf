// Binary32 operators of the FP32 unit as hardware computes them, on bit patterns (docs/numeric-definition.md §5):
// operands that are subnormal read as signed zero (DAZ), each operation rounds to nearest even
// once, a subnormal rounded result is flushed to signed zero (FTZ), any NaN result is the
// canonical quiet NaN 0x7FC00000. Written from the integer significands and exponents, not
// with the host's floating point, so the cycle model checks the golden model independently.
#pragma once
#include <cstdint>

namespace gqalut::sc::fp32 {

uint32_t mul(uint32_t a, uint32_t b);
uint32_t add(uint32_t a, uint32_t b);

// Comparator keys: x >= p  <=>  key_breakpoint(p) <= key_input(x), with DAZ on both sides,
// -0 = +0, and NaN on either side never firing.
int64_t key_input(uint32_t x);
int64_t key_breakpoint(uint32_t p);

}  // namespace gqalut::sc::fp32
