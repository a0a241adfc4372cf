// best_int_line against exhaustive enumeration of every (K, B) in small code boxes.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "search/int_line.hpp"
#include "search/rng.hpp"

using namespace gqalut;

namespace {

struct Pt {
    double a, t, w;
};

double direct_cost(const std::vector<Pt>& pts, int64_t k, int64_t b, double c) {
    double s = 0;
    for (const Pt& p : pts) {
        const double d = static_cast<double>(k) * p.a + static_cast<double>(b) * c - p.t;
        s += p.w * d * d;
    }
    return s;
}

IntLine solve(const std::vector<Pt>& pts, double c, const CodeBox& box) {
    LineSums m;
    double amin = INFINITY, amax = -INFINITY;
    for (const Pt& p : pts) {
        m.add(p.a, p.t, p.w);
        amin = std::min(amin, p.a);
        amax = std::max(amax, p.a);
    }
    return best_int_line(m, amin, amax, c, box);
}

void check_against_brute_force(const std::vector<Pt>& pts, double c, const CodeBox& box) {
    double brute = INFINITY;
    for (int64_t k = box.k_lo; k <= box.k_hi; ++k)
        for (int64_t b = box.b_lo; b <= box.b_hi; ++b) brute = std::min(brute, direct_cost(pts, k, b, c));
    const IntLine l = solve(pts, c, box);
    CHECK(l.certified);
    CHECK(l.k >= box.k_lo);
    CHECK(l.k <= box.k_hi);
    CHECK(l.b >= box.b_lo);
    CHECK(l.b <= box.b_hi);
    const double got = direct_cost(pts, l.k, l.b, c);
    CHECK(got <= brute + 1e-12 * (1.0 + brute));
    CHECK(l.cost == Approx(got).margin(1e-12));
}

}  // namespace

TEST_CASE("best integer line equals brute force (two or more inputs)", "[int_line]") {
    Rng rng(42);
    for (int rep = 0; rep < 400; ++rep) {
        const int w = 4 + static_cast<int>(rng.uniform_int(0, 2));   // W = 4..6 bits
        const int lk = static_cast<int>(rng.uniform_int(0, 4)), lb = static_cast<int>(rng.uniform_int(0, 4));
        const int s = static_cast<int>(rng.uniform_int(0, 4));
        const int64_t half = int64_t(1) << (w - 1);
        const CodeBox box{-half, half - 1, -half, half - 1};
        const int n = 2 + static_cast<int>(rng.uniform_int(0, 12));
        std::vector<Pt> pts;
        const double slope = rng.uniform(-3, 3), icpt = rng.uniform(-3, 3);   // often outside the box
        const int64_t q0 = rng.uniform_int(-40, 40);
        for (int i = 0; i < n; ++i) {
            const int64_t q = q0 + rng.uniform_int(0, 6);   // repeats allowed
            const double x = std::ldexp(static_cast<double>(q), -s);
            pts.push_back({std::ldexp(x, -lk), slope * x + icpt + 0.3 * rng.normal() + std::sin(3 * x), rng.uniform(0.2, 2)});
        }
        bool distinct = false;
        for (const Pt& p : pts) distinct = distinct || p.a != pts[0].a;
        if (!distinct) pts.push_back({pts[0].a + std::ldexp(1.0, -(lk + s)), pts[0].t, 1.0});
        INFO("rep " << rep << " W " << w << " lk " << lk << " lb " << lb << " s " << s);
        check_against_brute_force(pts, std::ldexp(1.0, -lb), box);
    }
}

TEST_CASE("best integer line equals brute force (one input, any weights)", "[int_line]") {
    Rng rng(7);
    for (int rep = 0; rep < 400; ++rep) {
        const int w = 3 + static_cast<int>(rng.uniform_int(0, 3));
        const int lk = static_cast<int>(rng.uniform_int(0, 5)), lb = static_cast<int>(rng.uniform_int(0, 5));
        const int s = static_cast<int>(rng.uniform_int(0, 6));
        const int64_t half = int64_t(1) << (w - 1);
        const CodeBox box{-half, half - 1, -half, half - 1};
        const int64_t q = rng.uniform_int(-70, 70);
        const double a = std::ldexp(static_cast<double>(q), -(lk + s));
        std::vector<Pt> pts;
        const int n = 1 + static_cast<int>(rng.uniform_int(0, 3));
        for (int i = 0; i < n; ++i) pts.push_back({a, rng.uniform(-6, 6), rng.uniform(0.1, 1)});
        INFO("rep " << rep << " W " << w << " q " << q << " lk " << lk << " lb " << lb << " s " << s);
        check_against_brute_force(pts, std::ldexp(1.0, -lb), box);
    }
}

TEST_CASE("empty point sets give a zero line", "[int_line]") {
    const IntLine l = best_int_line(LineSums{}, 0, 0, 1.0 / 64, CodeBox{-128, 127, -128, 127});
    CHECK(l.k == 0);
    CHECK(l.b == 0);
    CHECK(l.cost == 0);
}

namespace {

// The walk the solver used to do in the worst case: every slope code, each with its best
// intercept (the rounded vertex of the parabola in B, clamped). Exact, and slow for wide boxes.
double every_slope_code(const std::vector<Pt>& pts, double c, const CodeBox& box) {
    double w = 0, wa = 0, wt = 0;
    for (const Pt& p : pts) w += p.w, wa += p.w * p.a, wt += p.w * p.t;
    double best = INFINITY;
    for (int64_t k = box.k_lo; k <= box.k_hi; ++k) {
        const double bv = std::nearbyint((wt - static_cast<double>(k) * wa) / (c * w));
        const int64_t b = static_cast<int64_t>(std::min<double>(std::max<double>(bv, box.b_lo), box.b_hi));
        best = std::min(best, direct_cost(pts, k, b, c));
    }
    return best;
}

}  // namespace

TEST_CASE("best integer line equals the walk over every slope code (wide, narrow and railed boxes)", "[int_line]") {
    Rng rng(2024);
    for (int rep = 0; rep < 600; ++rep) {
        const int w = 3 + static_cast<int>(rng.uniform_int(0, 9));   // W = 3..12 bits
        const int lk = static_cast<int>(rng.uniform_int(0, 16)), lb = static_cast<int>(rng.uniform_int(0, 16));
        const int s = static_cast<int>(rng.uniform_int(0, 12));
        const int64_t half = int64_t(1) << (w - 1);
        const CodeBox box{-half, half - 1, -half, half - 1};
        const int n = 2 + static_cast<int>(rng.uniform_int(0, 20));
        const int64_t q0 = rng.uniform_int(-300, 300), span = 1 + rng.uniform_int(0, 1) * rng.uniform_int(0, 200);
        const double slope = rng.uniform(-4, 4), icpt = rng.uniform(-4, 4);
        std::vector<Pt> pts;
        for (int i = 0; i < n; ++i) {
            const int64_t q = q0 + rng.uniform_int(0, span);
            const double x = std::ldexp(static_cast<double>(q), -s);
            pts.push_back({std::ldexp(x, -lk), slope * x + icpt + 0.05 * rng.normal(), rng.uniform(0.2, 2)});
        }
        const double c = std::ldexp(1.0, -lb);
        const IntLine l = solve(pts, c, box);
        const double ref = every_slope_code(pts, c, box);
        INFO("rep " << rep << " W " << w << " lk " << lk << " lb " << lb << " s " << s << " span " << span);
        CHECK(l.certified);
        CHECK(direct_cost(pts, l.k, l.b, c) <= ref + 1e-12 * (1.0 + ref));
    }
}

TEST_CASE("best integer line: bounded work where the old walk crossed every slope code", "[int_line]") {
    // Each case: an INT16/INT32-sized box, a segment of the GELU-like line; the old walk took
    // up to 2^W slope codes (a narrow box: the intercept at a rail) or 2^(lk + s - lb) (a
    // segment far narrower than an intercept LSB).
    struct Case {
        int w, lk, lb, s;
        int64_t q0, span;
        double slope, icpt;
    };
    const Case cases[] = {
        {16, 16, 16, 6, 100, 40, 1.0, 2.0},     // INT16 lambda 16: intercepts rail at +-0.5
        {12, 14, 14, 6, -200, 90, 0.9, -3.0},   // INT16 width 12 at lambda 14
        {32, 34, 34, 6, 150, 60, 1.1, 3.5},     // INT32 lambda 34
        {32, 30, 0, 6, 10, 3, 0.7, 1.3},        // slope LSB 2^-36 against an intercept LSB of 1
        {32, 30, 30, 31, 1 << 20, 2, 0.5, 0.25},   // two codes at scale 31
        {16, 0, 14, 0, -3, 6, 0.3, 0.1},        // slope LSB 1: the slope barely fits
    };
    for (const Case& k : cases) {
        const int64_t half = int64_t(1) << (k.w - 1);
        const CodeBox box{-half, half - 1, -half, half - 1};
        std::vector<Pt> pts;
        for (int64_t i = 0; i <= k.span; ++i) {
            const double x = std::ldexp(static_cast<double>(k.q0 + i), -k.s);
            pts.push_back({std::ldexp(x, -k.lk), k.slope * x + k.icpt + 0.01 * std::sin(7 * x), 1.0});
        }
        const double c = std::ldexp(1.0, -k.lb);
        const IntLine l = solve(pts, c, box);
        INFO("W " << k.w << " lk " << k.lk << " lb " << k.lb << " s " << k.s << ": " << l.lines << " lines");
        CHECK(l.certified);
        CHECK(l.lines <= 200);
        if (k.w <= 16) CHECK(direct_cost(pts, l.k, l.b, c) <= every_slope_code(pts, c, box) * (1 + 1e-9) + 1e-300);
    }
}
