#include "fp32_datapath.hpp"

#include <cmath>
#include <cstring>

namespace gqalut {

uint32_t f32_bits(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

float f32_from_bits(uint32_t b) {
    float f;
    std::memcpy(&f, &b, sizeof f);
    return f;
}

float fp32_daz(float x) {
    return std::fpclassify(x) == FP_SUBNORMAL ? std::copysign(0.0f, x) : x;
}

namespace {
// Flush a subnormal rounded result to signed zero; make any NaN canonical.
float finish(float r) {
    if (std::isnan(r)) return f32_from_bits(kCanonicalNaN);
    return fp32_daz(r);
}
}  // namespace

// volatile keeps the compiler from contracting or reassociating across the two roundings.
float fp32_mul(float a, float b) {
    volatile float r = fp32_daz(a) * fp32_daz(b);
    return finish(r);
}

float fp32_add(float a, float b) {
    volatile float r = fp32_daz(a) + fp32_daz(b);
    return finish(r);
}

int fp32_segment(const Fp32Lut& lut, float x) {
    const float xd = fp32_daz(x);
    int i = 0;
    for (float p : lut.breakpoints) i += (xd >= fp32_daz(p)) ? 1 : 0;   // NaN compares false
    return i;
}

float fp32_pwl(const Fp32Lut& lut, float x) {
    const int i = fp32_segment(lut, x);
    return fp32_add(fp32_mul(lut.slopes[static_cast<size_t>(i)], x), lut.intercepts[static_cast<size_t>(i)]);
}

}  // namespace gqalut
