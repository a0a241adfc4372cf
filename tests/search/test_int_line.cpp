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

void check_against_brute_force(const std::vector<Pt>& pts, double c, const CodeBox& box) {
    LineSums m;
    double amin = INFINITY, amax = -INFINITY;
    for (const Pt& p : pts) {
        m.add(p.a, p.t, p.w);
        amin = std::min(amin, p.a);
        amax = std::max(amax, p.a);
    }
    double brute = INFINITY;
    for (int64_t k = box.k_lo; k <= box.k_hi; ++k)
        for (int64_t b = box.b_lo; b <= box.b_hi; ++b) brute = std::min(brute, direct_cost(pts, k, b, c));
    const IntLine l = best_int_line(m, amin, amax, c, box);
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
