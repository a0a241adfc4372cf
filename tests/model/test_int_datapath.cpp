// Hand-worked examples of the INT-k datapath (docs/numeric-definition.md §2).
#include <catch2/catch.hpp>

#include "model/int_datapath.hpp"

using namespace gqalut;

namespace {
const IntParams kInt8{8, true, 8, 6, 6};
// P = [-16, 0, 20], K = [0, 32, 64, -64], B = [-8, 0, 16, 127] (Q1.6).
const LutCodes kLut{{-16, 0, 20}, {0, 32, 64, -64}, {-8, 0, 16, 127}};
}  // namespace

TEST_CASE("segment index counts breakpoints <= q", "[int]") {
    const IntDatapath dp(kInt8, 0, kLut);
    CHECK(dp.segment(-128) == 0);
    CHECK(dp.segment(-17) == 0);
    CHECK(dp.segment(-16) == 1);   // q equal to a breakpoint selects the segment to its right
    CHECK(dp.segment(-1) == 1);
    CHECK(dp.segment(0) == 2);
    CHECK(dp.segment(19) == 2);
    CHECK(dp.segment(20) == 3);
    CHECK(dp.segment(127) == 3);
}

TEST_CASE("s = 0: acc = K*q + B", "[int]") {
    const IntDatapath dp(kInt8, 0, kLut);
    CHECK(dp.acc(-17) == -8);              // K=0
    CHECK(dp.acc(-16) == 32 * -16);        // negative q, at a breakpoint
    CHECK(dp.acc(0) == 16);
    CHECK(dp.acc(20) == -64 * 20 + 127);
    CHECK(dp.result_frac() == 6);
    CHECK(dp.value(-16) == -8.0);          // (0.5 * -16) exactly
}

TEST_CASE("s = k-1: intercept shifted by s", "[int]") {
    const IntDatapath dp(kInt8, 7, kLut);
    CHECK(dp.acc(127) == -64 * 127 + (127 << 7));   // 8128
    CHECK(dp.value(127) == 8128.0 / 8192.0);
    CHECK(dp.acc(-128) == -8 * 128);               // same real intercept -0.125
    CHECK(dp.value(-128) == -0.125);
}

TEST_CASE("equal breakpoints leave an empty segment", "[int]") {
    const IntDatapath dp(kInt8, 2, LutCodes{{0, 0}, {1, 2, 3}, {0, 0, 0}});
    CHECK(dp.segment(-1) == 0);
    CHECK(dp.segment(0) == 2);
    CHECK(dp.acc(5) == 15);
}

TEST_CASE("lambda_k != lambda_b aligns slope and intercept", "[int]") {
    const IntParams p{8, true, 8, 4, 7};   // slopes Q3.4, intercepts Q0.7, lambda_o = 7
    const IntDatapath dp(p, 2, LutCodes{{}, {3}, {-5}});
    // k = 3/16, b = -5/128, x = 5/4: y = 0.234375 - 0.0390625 = 0.1953125.
    CHECK(dp.acc(5) == 15 * 8 - 5 * 4);
    CHECK(dp.result_frac() == 9);
    CHECK(dp.value(5) == 0.1953125);
    CHECK(dp.requantized(5, FixFormat{8, 4, true}) == 3);
}

TEST_CASE("breakpoint one past the top code never fires", "[int]") {
    const IntDatapath dp(kInt8, 6, LutCodes{{128}, {64, 0}, {0, 0}});
    CHECK(dp.segment(127) == 0);
    const IntDatapath low(kInt8, 6, LutCodes{{-128}, {64, 0}, {0, 0}});
    CHECK(low.segment(-128) == 1);
}

TEST_CASE("INT16 extreme codes: exact accumulator", "[int]") {
    const IntParams p{16, true, 16, 14, 14};
    const IntDatapath dp(p, 15, LutCodes{{}, {-32768}, {32767}});
    CHECK(dp.acc(-32768) == i128(1 << 30) + (i128(32767) << 15));
    CHECK(dp.acc(32767) == i128(-32768) * 32767 + (i128(32767) << 15));
    CHECK(IntDatapath::acc_width(p) == 33);
}

TEST_CASE("INT32 extreme codes: the accumulator never overflows", "[int]") {
    const IntParams p{32, true, 32, 28, 30};   // product shifted by 2: needs 67 bits
    const int64_t kmin = INT32_MIN, kmax = INT32_MAX;
    const IntDatapath dp(p, 31, LutCodes{{}, {kmin}, {kmax}});
    const i128 expected = i128(kmin) * kmin * 4 + i128(kmax) * (i128(1) << 31);
    CHECK(dp.acc(kmin) == expected);
    CHECK(expected > i128(INT64_MAX));
    CHECK(IntDatapath::acc_width(p) == 67);
    // |acc| fits the computed width for the corner operands.
    const i128 lim = i128(1) << (IntDatapath::acc_width(p) - 1);
    for (int64_t k : {kmin, kmax})
        for (int64_t b : {kmin, kmax})
            for (int64_t q : {kmin, kmax}) {
                const i128 a = IntDatapath(p, 31, LutCodes{{}, {k}, {b}}).acc(q);
                CHECK(a < lim);
                CHECK(a >= -lim);
            }
}

TEST_CASE("batch path equals the scalar path", "[int]") {
    for (const IntParams& p : {kInt8, IntParams{16, true, 16, 14, 14}, IntParams{32, true, 32, 30, 30}}) {
        const int64_t top = p.max_code();
        const IntDatapath dp(p, p.k - 1, LutCodes{{-5, 7, top + 1}, {3, -top - 1, top, 1}, {-top - 1, 11, top, 0}});
        const IntBatch batch(dp);
        std::vector<int64_t> in = {p.min_code(), -6, -5, -1, 0, 6, 7, top};
        std::vector<double> y(in.size());
        std::vector<int64_t> r(in.size());
        batch.values(in.data(), y.data(), in.size());
        const FixFormat out{p.k, p.k - 2, true};
        batch.requantized(in.data(), r.data(), in.size(), out);
        for (size_t i = 0; i < in.size(); ++i) {
            CHECK(y[i] == dp.value(in[i]));
            CHECK(r[i] == dp.requantized(in[i], out));
        }
    }
}

TEST_CASE("bad LUT loads are rejected", "[int]") {
    CHECK_THROWS(IntDatapath(kInt8, 8, kLut));                                  // s > k-1
    CHECK_THROWS(IntDatapath(kInt8, 0, LutCodes{{1, 0}, {0, 0, 0}, {0, 0, 0}}));  // unsorted
    CHECK_THROWS(IntDatapath(kInt8, 0, LutCodes{{129}, {0, 0}, {0, 0}}));         // code too wide
    CHECK_THROWS(IntDatapath(kInt8, 0, LutCodes{{}, {128}, {0}}));                // slope too wide
}
