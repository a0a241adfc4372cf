// Verilated FP32 unit against the golden model: uniform tables over random and corner inputs,
// random tables with special values, and crafted operands at the rounding, underflow,
// cancellation and overflow edges of fmul and fadd.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "model/fp32_datapath.hpp"
#include "rtl_tables.hpp"
#include "search/uniform.hpp"

using namespace gqalut;
using namespace gqalut::rtltest;

namespace {

const std::vector<uint32_t> kSpecials = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00400000,   // zeros, subnormals
    0x00800000, 0x80800000, 0x00800001, 0x00FFFFFF, 0x7F7FFFFF, 0xFF7FFFFF, 0x7F000000,   // normal extremes
    0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0xFF800001, 0x7FFFFFFF,   // inf, NaN
    0x3F800000, 0xBF800000, 0x3F7FFFFF, 0x3F800001, 0x34000000, 0x4B800000, 0x5F000000};

// Random binary32 patterns: special values, random bits, and normals of random exponent.
uint32_t random_f32(Rng& rng) {
    switch (rng.next() % 6) {
        case 0: return rng.pick(kSpecials);
        case 1: return static_cast<uint32_t>(rng.next());
        case 2: {   // a normal around 1 (|exponent| < 10)
            const uint32_t e = static_cast<uint32_t>(rng.range(117, 137));
            return (static_cast<uint32_t>(rng.next() & 1) << 31) | (e << 23) | static_cast<uint32_t>(rng.next() & 0x7FFFFF);
        }
        default: {  // any normal
            const uint32_t e = static_cast<uint32_t>(rng.range(1, 254));
            return (static_cast<uint32_t>(rng.next() & 1) << 31) | (e << 23) | static_cast<uint32_t>(rng.next() & 0x7FFFFF);
        }
    }
}

// A binary32 step of d units in the last place (bit pattern arithmetic, staying finite).
uint32_t ulp_step(uint32_t b, int d) {
    const int64_t v = static_cast<int64_t>(b & 0x7FFFFFFF) + d;
    return (b & 0x80000000) | static_cast<uint32_t>(std::clamp<int64_t>(v, 0, 0x7F7FFFFF));
}

PwlTable fp32_table(const Fp32Lut& lut) {
    PwlTable t;
    t.function = "gelu";
    t.precision = Precision::fp32;
    t.entries = static_cast<int>(lut.slopes.size());
    t.fp32 = lut;
    return t;
}

// Corner inputs: the specials, each breakpoint and its neighbours.
std::vector<uint64_t> corner_inputs(const Fp32Lut& lut) {
    std::vector<uint64_t> w(kSpecials.begin(), kSpecials.end());
    for (float p : lut.breakpoints)
        for (int d : {-2, -1, 0, 1, 2}) w.push_back(ulp_step(f32_bits(p), d));
    return w;
}

size_t uniform_tables(Driver& d, StreamResult& total) {
    Rng rng(3201);
    int run = 0;
    const std::vector<std::tuple<const char*, double, double>> fns = {
        {"gelu", -4, 4}, {"hswish", -4, 4}, {"exp", -8, 0}, {"sigmoid", -8, 8}, {"tanh", -4, 4}, {"silu", -8, 8}};
    for (const auto& [name, lo, hi] : fns) {
        for (int n : {8, 16, 32}) {
            const PwlTable t = uniform_table(name, Precision::fp32, n, lo, hi);
            std::vector<uint64_t> words = corner_inputs(t.fp32);
            while (words.size() < 20000) {
                if (rng.chance(0.6)) words.push_back(f32_bits(static_cast<float>(lo + (hi - lo) * (rng.unit() * 1.2 - 0.1))));
                else words.push_back(random_f32(rng));
            }
            total.add(run_table(d, t, 0, {}, words, profile(run, 700 + static_cast<uint64_t>(run))));
            ++run;
        }
    }
    return 100000u;
}

size_t random_tables_special_values(Driver& d, StreamResult& total) {
    Rng rng(3202);
    for (int run = 0; run < 60; ++run) {
        Fp32Lut lut;
        const int n = static_cast<int>(rng.range(1, 32));
        for (int j = 0; j + 1 < n; ++j) lut.breakpoints.push_back(f32_from_bits(random_f32(rng)));
        // Sorted by value (the golden model does not need it; NaN breakpoints never fire).
        std::sort(lut.breakpoints.begin(), lut.breakpoints.end(),
                  [](float a, float b) { return std::isnan(b) ? !std::isnan(a) : a < b; });
        for (int i = 0; i < n; ++i) {
            lut.slopes.push_back(f32_from_bits(random_f32(rng)));
            lut.intercepts.push_back(f32_from_bits(random_f32(rng)));
        }
        std::vector<uint64_t> words = corner_inputs(lut);
        while (words.size() < 5000) words.push_back(random_f32(rng));
        total.add(run_table(d, fp32_table(lut), 0, {}, words, profile(run, 800 + static_cast<uint64_t>(run))));
    }
    return 100000u;
}

size_t rounding_edges(Driver& d, StreamResult& total) {
    // One-entry tables y = k*x + b with inputs x chosen so that k*x lands on the underflow edge
    // (2^-126 and the band that rounds up to it), on -b (cancellation), near the overflow
    // threshold, or at random exponents relative to b (every alignment of the adder).
    Rng rng(3203);
    for (int run = 0; run < 600; ++run) {
        const uint32_t ke = static_cast<uint32_t>(rng.range(60, 194));
        const float k = f32_from_bits((static_cast<uint32_t>(rng.next() & 1) << 31) | (ke << 23) |
                                      static_cast<uint32_t>(rng.chance(0.2) ? 0 : rng.next() & 0x7FFFFF));
        float b;
        switch (run % 4) {
            case 0: b = 0.0f; break;
            case 1: b = f32_from_bits(random_f32(rng)); break;
            case 2: b = f32_from_bits((static_cast<uint32_t>(rng.next() & 1) << 31) | (static_cast<uint32_t>(rng.range(1, 4)) << 23) |
                                      static_cast<uint32_t>(rng.next() & 0x7FFFFF)); break;   // near 2^-126
            default: b = f32_from_bits((static_cast<uint32_t>(rng.range(1, 254)) << 23) | static_cast<uint32_t>(rng.next() & 0x7FFFFF)); break;
        }
        const Fp32Lut lut{{}, {k}, {b}};
        std::vector<uint64_t> words;
        const auto aim = [&](double target, int spread) {   // x with k*x ~ target, +-spread ulps
            const float x = static_cast<float>(target / static_cast<double>(k));
            if (!std::isfinite(x) || x == 0.0f) return;
            for (int dd = -spread; dd <= spread; ++dd) words.push_back(ulp_step(f32_bits(x), dd));
        };
        const double min_normal = std::ldexp(1.0, -126);
        for (double m : {1.0, 1.0 - std::ldexp(1.0, -24), 1.0 - std::ldexp(1.0, -23), 1.0 - std::ldexp(3.0, -25), 0.5, 2.0})
            for (double sgn : {1.0, -1.0}) aim(sgn * m * min_normal, 3);
        if (b != 0.0f && std::isfinite(b)) {
            aim(-static_cast<double>(b), 4);
            for (int e = -30; e <= 30; e += 3) aim(std::ldexp(static_cast<double>(b), e) * (rng.chance(0.5) ? 1 : -1), 1);
        }
        for (double sgn : {1.0, -1.0}) {
            aim(sgn * 3.4028234663852886e38, 2);
            aim(sgn * std::ldexp(1.0, 128), 2);
        }
        while (words.size() < 500) aim(std::ldexp(rng.unit() + 0.5, static_cast<int>(rng.range(-140, 130))) * (rng.chance(0.5) ? 1 : -1), 0);
        total.add(run_table(d, fp32_table(lut), 0, {}, words, profile(run, 900 + static_cast<uint64_t>(run))));
    }
    return 100000u;
}

const RtlCase kCases[] = {
    {"6 functions x N 8/16/32, corner + random inputs", fp32_shape(), uniform_tables, false},
    {"60 random tables with special values", fp32_shape(), random_tables_special_values, false},
    {"600 one-entry tables with crafted fmul/fadd edge operands", fp32_shape(), rounding_edges, false},
};
}  // namespace

TEST_CASE("fp32_uniform_tables_random_and_corner_inputs", "[fp32]") { run_case(kCases[0]); }
TEST_CASE("fp32_random_tables_special_values", "[fp32]") { run_case(kCases[1]); }
TEST_CASE("fp32_rounding_underflow_cancellation_overflow", "[fp32]") { run_case(kCases[2]); }
