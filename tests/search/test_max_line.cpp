// best_int_line_max against enumeration: every (K, B) in small boxes, every K with an
// independent search over B in wider ones; one and several weight classes, one input.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "search/max_line.hpp"
#include "search/rng.hpp"

using namespace gqalut;

namespace {

struct Pt {
    double a, t;
    int channel;
};

double max_error(const std::vector<Pt>& pts, const std::vector<double>& weight, int64_t k, int64_t b, double c) {
    double e = 0;
    for (const Pt& p : pts)
        e = std::max(e, weight[p.channel] * std::fabs(static_cast<double>(k) * p.a + static_cast<double>(b) * c - p.t));
    return e;
}

// For each K, the best B by ternary search over the integers (the error is convex in B).
double every_slope_code(const std::vector<Pt>& pts, const std::vector<double>& weight, double c, const CodeBox& box) {
    double best = INFINITY;
    for (int64_t k = box.k_lo; k <= box.k_hi; ++k) {
        int64_t lo = box.b_lo, hi = box.b_hi;
        while (hi - lo > 2) {
            const int64_t m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
            if (max_error(pts, weight, k, m1, c) <= max_error(pts, weight, k, m2, c)) hi = m2;
            else lo = m1;
        }
        for (int64_t b = lo; b <= hi; ++b) best = std::min(best, max_error(pts, weight, k, b, c));
    }
    return best;
}

IntLine solve(const std::vector<Pt>& pts, const std::vector<double>& weight, double c, const CodeBox& box) {
    // Hulls need nondecreasing a per channel.
    std::vector<Pt> sorted = pts;
    std::sort(sorted.begin(), sorted.end(), [](const Pt& x, const Pt& y) { return x.a < y.a; });
    std::vector<PointHull> hulls(weight.size());
    LineSums m;
    for (const Pt& p : sorted) {
        hulls[p.channel].add(p.a, p.t, p.t);
        m.add(p.a, p.t, 1.0);
    }
    std::vector<MaxChannel> ch;
    for (size_t j = 0; j < hulls.size(); ++j) ch.push_back({&hulls[j], weight[j]});
    return best_int_line_max(ch, m, c, box);
}

// distinct: every class its own weight 2^-j (a range reduction over many exponents).
void random_case(Rng& rng, int w_lo, int w_hi, int classes, bool one_input, bool brute, bool distinct = false) {
    const int w = w_lo + static_cast<int>(rng.uniform_int(0, w_hi - w_lo));
    const int lk = static_cast<int>(rng.uniform_int(0, 8)), lb = static_cast<int>(rng.uniform_int(0, 8));
    const int s = static_cast<int>(rng.uniform_int(0, 6));
    const int64_t half = int64_t(1) << (w - 1);
    const CodeBox box{-half, half - 1, -half, half - 1};
    std::vector<double> weight;
    for (int j = 0; j < classes; ++j)
        weight.push_back(classes == 1 ? 1.0 : std::ldexp(1.0, distinct ? -j : -static_cast<int>(rng.uniform_int(0, 3))));
    const double slope = rng.uniform(-3, 3), icpt = rng.uniform(-3, 3);
    const int64_t q0 = rng.uniform_int(-60, 60);
    std::vector<Pt> pts;
    const int n = distinct ? 2 * classes : 1 + static_cast<int>(rng.uniform_int(0, 12));
    for (int i = 0; i < n; ++i) {
        const int64_t q = one_input ? q0 : q0 + rng.uniform_int(0, 9);
        const double x = std::ldexp(static_cast<double>(q), -s);
        pts.push_back({std::ldexp(x, -lk), slope * x + icpt + 0.3 * std::sin(5 * x) + 0.05 * rng.normal(),
                       distinct ? i % classes : static_cast<int>(rng.uniform_int(0, classes - 1))});
    }
    if (!one_input) pts.push_back({std::ldexp(std::ldexp(static_cast<double>(q0 + 10), -s), -lk), slope, 0});
    const double c = std::ldexp(1.0, -lb);
    const IntLine l = solve(pts, weight, c, box);
    double ref = INFINITY;
    if (brute) {
        for (int64_t k = box.k_lo; k <= box.k_hi; ++k)
            for (int64_t b = box.b_lo; b <= box.b_hi; ++b) ref = std::min(ref, max_error(pts, weight, k, b, c));
    } else {
        ref = every_slope_code(pts, weight, c, box);
    }
    INFO("W " << w << " lk " << lk << " lb " << lb << " s " << s << " classes " << classes << " n " << pts.size());
    CHECK(l.certified);
    CHECK(l.k >= box.k_lo);
    CHECK(l.k <= box.k_hi);
    CHECK(l.b >= box.b_lo);
    CHECK(l.b <= box.b_hi);
    const double got = max_error(pts, weight, l.k, l.b, c);
    CHECK(got <= ref * (1 + 1e-12) + 1e-15);
    CHECK(l.cost == Approx(got).epsilon(1e-9).margin(1e-15));
}

}  // namespace

TEST_CASE("max-error line equals brute force over every (K, B)", "[max_line]") {
    Rng rng(11);
    for (int rep = 0; rep < 300; ++rep) random_case(rng, 3, 6, 1, false, true);
    for (int rep = 0; rep < 200; ++rep) random_case(rng, 3, 5, 3, false, true);
}

TEST_CASE("max-error line with one input equals brute force", "[max_line]") {
    Rng rng(12);
    for (int rep = 0; rep < 200; ++rep) random_case(rng, 3, 6, 1, true, true);
    for (int rep = 0; rep < 200; ++rep) random_case(rng, 3, 5, 2, true, true);
}

TEST_CASE("max-error line with more than 64 weight classes equals brute force", "[max_line]") {
    // A reduction over 71 exponents (exp2 on [-64, 7]) has 71 classes; 64 was a hard limit.
    Rng rng(14);
    for (int rep = 0; rep < 40; ++rep) random_case(rng, 3, 5, 65 + static_cast<int>(rng.uniform_int(0, 60)), false, true, true);
    for (int rep = 0; rep < 20; ++rep) random_case(rng, 3, 5, 65 + static_cast<int>(rng.uniform_int(0, 60)), true, true, true);
}

TEST_CASE("max-error line equals the walk over every slope code in wider boxes", "[max_line]") {
    Rng rng(13);
    for (int rep = 0; rep < 150; ++rep) random_case(rng, 7, 11, 1 + static_cast<int>(rng.uniform_int(0, 2)), false, false);
}

TEST_CASE("point hull: max and min of t - k a equal the direct ones", "[max_line]") {
    Rng rng(5);
    for (int rep = 0; rep < 100; ++rep) {
        PointHull h;
        std::vector<std::pair<double, double>> p;
        double a = rng.uniform(-5, 5);
        for (int i = 0; i < 1 + rep % 30; ++i) {
            a += rng.uniform01() < 0.2 ? 0.0 : rng.uniform(0, 1);
            p.emplace_back(a, rng.uniform(-4, 4));
            h.add(p.back().first, p.back().second, p.back().second);
        }
        for (double k : {-7.0, -1.5, 0.0, 0.3, 2.0, 9.0}) {
            double mx = -INFINITY, mn = INFINITY;
            for (auto [pa, pt] : p) mx = std::max(mx, pt - k * pa), mn = std::min(mn, pt - k * pa);
            CHECK(static_cast<double>(h.upper(k)) == Approx(mx).margin(1e-12));
            CHECK(static_cast<double>(h.lower(k)) == Approx(mn).margin(1e-12));
        }
    }
}
