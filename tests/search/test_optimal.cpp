// `optimal` is exact: per-scale and shared tables against exhaustive search on small grids,
// and never above any other method on the same protocol.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <functional>

#include "model/int_datapath.hpp"
#include "model/metrics.hpp"
#include "model/table_io.hpp"
#include "search/optimal.hpp"
#include "search/search.hpp"

using namespace gqalut;

namespace {

Problem small_problem(const std::string& f, double lo, double hi, int entries, int width, int lambda,
                      std::vector<int> scales) {
    SpecRequest r;
    r.function = f;
    r.lo = lo;
    r.hi = hi;
    r.entries = entries;
    r.width = width;
    r.lambda = lambda;
    r.scales = std::move(scales);
    return Problem(make_spec(r));
}

// The golden datapath's value for codes (K, B) at input q, scale s (docs/numeric-definition.md §2 steps 3-5, written
// out here so the brute force does not share code with the searcher; checked against
// IntDatapath below).
double datapath_value(const IntParams& p, int s, int64_t k, int64_t b, int64_t q) {
    const int lo = p.lambda_o();
    const int64_t acc = k * q * (int64_t(1) << (lo - p.lambda_k)) + b * (int64_t(1) << (s + lo - p.lambda_b));
    return std::ldexp(static_cast<double>(acc), -(lo + s));
}

// Smallest sum over a set of (q, s, target, weight) points of w (y - t)^2 with y from codes
// (K, B) of the W-bit box, by enumeration.
double brute_segment(const std::vector<std::tuple<int64_t, int, double, double>>& pts, const IntParams& p) {
    if (pts.empty()) return 0;
    const FixFormat f = p.param_format(0);
    double best = INFINITY;
    for (int64_t k = f.min_code(); k <= f.max_code(); ++k)
        for (int64_t b = f.min_code(); b <= f.max_code(); ++b) {
            double s = 0;
            for (const auto& [q, sc, t, w] : pts) {
                const double d = datapath_value(p, sc, k, b, q) - t;
                s += w * d * d;
            }
            best = std::min(best, s);
        }
    return best;
}

// Every nondecreasing choice of `count` values from `cand`.
void choose(const std::vector<double>& cand, size_t count, std::vector<double>& cur, size_t from,
            const std::function<void(const std::vector<double>&)>& visit) {
    if (cur.size() == count) {
        visit(cur);
        return;
    }
    for (size_t i = from; i < cand.size(); ++i) {
        cur.push_back(cand[i]);
        choose(cand, count, cur, i, visit);
        cur.pop_back();
    }
}

}  // namespace

TEST_CASE("the brute force's datapath formula is the golden datapath", "[optimal]") {
    IntParams p = default_int_params(Precision::int8);
    p.width = 5;
    p.lambda_k = 3;
    p.lambda_b = 1;
    for (int s = 0; s < 4; ++s)
        for (int64_t k = -16; k < 16; k += 3)
            for (int64_t b = -16; b < 16; b += 5) {
                const IntDatapath dp(p, s, LutCodes{{}, {k}, {b}});
                for (int64_t q = -128; q < 128; q += 7) CHECK(dp.value(q) == datapath_value(p, s, k, b, q));
            }
}

TEST_CASE("per-scale optimum equals exhaustive search on small grids", "[optimal]") {
    struct Case {
        const char* f;
        double lo, hi;
        int entries, width, lambda;
    };
    for (const Case& c : {Case{"gelu", -1.5, 1.5, 3, 4, 2}, Case{"exp", -2, 0, 3, 5, 3}, Case{"hswish", -2, 1, 2, 4, 1},
                          Case{"tanh", -1, 1, 4, 4, 2}}) {
        const Problem p = small_problem(c.f, c.lo, c.hi, c.entries, c.width, c.lambda, {0, 1, 2});
        const OptimalResult r = optimal_per_scale(p);
        CHECK(r.exact);
        const auto got = p.score_per_scale(r.table);
        for (size_t gi = 0; gi < p.grids().size(); ++gi) {
            const ScaleGrid& g = p.grids()[gi];
            // Breakpoint codes: any grid code, or "never fires".
            std::vector<double> cand(g.q.begin(), g.q.end());
            cand.push_back(static_cast<double>(p.spec().params.bp_max()));
            double best = INFINITY;
            std::vector<double> cur;
            choose(cand, static_cast<size_t>(c.entries - 1), cur, 0, [&](const std::vector<double>& bps) {
                double total = 0;
                for (size_t seg = 0; seg < bps.size() + 1; ++seg) {
                    std::vector<std::tuple<int64_t, int, double, double>> pts;
                    for (size_t i = 0; i < g.q.size(); ++i) {
                        size_t idx = 0;
                        for (double b : bps) idx += b <= static_cast<double>(g.q[i]);
                        if (idx == seg) pts.emplace_back(g.q[i], g.s, g.target[i], 1.0);
                    }
                    total += brute_segment(pts, p.spec().params);
                }
                best = std::min(best, total);
            });
            INFO(c.f << " s=" << g.s);
            CHECK(got[gi] == Approx(best / static_cast<double>(g.q.size())).epsilon(1e-9));
        }
    }
}

TEST_CASE("shared optimum equals exhaustive search over a finer breakpoint grid", "[optimal]") {
    struct Case {
        const char* f;
        double lo, hi;
        int width, lambda;
    };
    for (const Case& c : {Case{"gelu", -1.5, 1.5, 4, 2}, Case{"exp", -2, 0, 4, 3}, Case{"hswish", -2, 1, 4, 1}}) {
        const std::vector<int> scales{0, 1, 2};
        const Problem p = small_problem(c.f, c.lo, c.hi, 3, c.width, c.lambda, scales);
        const OptimalResult r = optimal_shared(p);
        CHECK(r.exact);
        const double got = p.score(r.table);
        // Real breakpoints on a grid 4x finer than the DP's cells, offset to avoid ties.
        std::vector<double> cand;
        for (double x = c.lo - 1.0 + 1.0 / 32; x < c.hi + 1.0; x += 1.0 / 16) cand.push_back(x);
        const IntParams& ip = p.spec().params;
        double best = INFINITY;
        std::vector<double> cur;
        choose(cand, 2, cur, 0, [&](const std::vector<double>& bps) {
            double total = 0;
            for (size_t seg = 0; seg < 3; ++seg) {
                std::vector<std::tuple<int64_t, int, double, double>> pts;
                for (const ScaleGrid& g : p.grids())
                    for (size_t i = 0; i < g.q.size(); ++i) {
                        size_t idx = 0;
                        for (double b : bps) idx += breakpoint_code(b, g.s, ip) <= g.q[i];
                        if (idx == seg) pts.emplace_back(g.q[i], g.s, g.target[i], 1.0 / static_cast<double>(g.q.size()));
                    }
                total += brute_segment(pts, ip);
            }
            best = std::min(best, total / static_cast<double>(scales.size()));
        });
        INFO(c.f);
        CHECK(got == Approx(best).epsilon(1e-9));
    }
}

TEST_CASE("optimal is never above another method on the same protocol", "[optimal]") {
    for (const char* f : {"gelu", "hswish", "exp", "div", "rsqrt"}) {
        for (int n : {8, 16}) {
            SearchOptions o;
            o.spec.function = f;
            o.spec.entries = n;
            o.method = "optimal";
            const double per_scale = run_search(o).metrics.mse_mean;
            o.scheme = "shared";
            const double shared = run_search(o).metrics.mse_mean;
            o.scheme = "";
            INFO(f << " " << n);
            CHECK(per_scale <= shared * (1 + 1e-9));
            for (const char* m : {"gqa", "gqa-rm", "nnlut"}) {
                o.method = m;
                o.generations = 60;
                o.nn_steps = 300;
                for (uint64_t seed : {1u, 2u}) {
                    o.seed = seed;
                    const double other = run_search(o).metrics.mse_mean;
                    INFO(m << " seed " << seed);
                    CHECK(shared <= other * (1 + 1e-9));
                }
            }
            o.method = "optimal";
        }
    }
    // The reference implementation's published (per-scale) tables.
    for (const char* name : {"gelu_pwl_7.json", "gelu_pwl_15.json", "hswish_pwl_7.json", "hswish_pwl_15.json",
                             "exp_pwl_7.json", "exp_pwl_15.json"}) {
        const PwlTable t = load_table(std::string(GQALUT_TEST_DATA) + "/gqa-lut-pretrained/" + name);
        SearchOptions o;
        o.spec.function = t.function;
        o.spec.entries = t.entries;
        o.method = "optimal";
        INFO(name);
        CHECK(run_search(o).metrics.mse_mean <= evaluate(t, Protocol::paper).mse_mean);
    }
}

TEST_CASE("partition DP: at most `parts` runs, optimal on a toy cost", "[optimal]") {
    // cost(i, j) = (j - i)^2: the best split of 0..9 into <= 3 runs is 3 + 3 + 3.
    const Partition p = best_partition(10, 3, [](size_t i, size_t j) { return static_cast<double>((j - i) * (j - i)); }, 2);
    CHECK(p.cost == 27);
    CHECK(p.starts == std::vector<size_t>{0, 3, 6});
    // Fewer runs when they cost nothing more.
    const Partition q = best_partition(10, 4, [](size_t, size_t) { return 1.0; }, 1);
    CHECK(q.starts.size() == 1);
}

TEST_CASE("uniform segments: power-of-two widths from the lowest code, each segment exactly fitted", "[optimal]") {
    const Problem p = small_problem("gelu", -4, 4, 4, 5, 3, {0, 2});
    const OptimalResult u = optimal_uniform_segments(p);
    const IntParams& ip = u.table.params;
    for (const ScaleGrid& g : p.grids()) {
        const LutCodes& lut = u.table.per_scale.at(g.s);
        const int64_t base = *std::min_element(g.q.begin(), g.q.end());
        // Breakpoints: base + j 2^sh for one power of two.
        const int64_t width = lut.breakpoints[0] - base;
        REQUIRE(width > 0);
        REQUIRE((width & (width - 1)) == 0);
        int sh = 0;
        while ((int64_t(1) << sh) < width) ++sh;
        for (size_t j = 0; j < lut.breakpoints.size(); ++j)
            CHECK(lut.breakpoints[j] == std::min(ip.bp_max(), base + (int64_t(j + 1) << sh)));
        // Each segment's codes are the enumerated optimum for its points.
        double total = 0;
        for (size_t seg = 0; seg < 4; ++seg) {
            std::vector<std::tuple<int64_t, int, double, double>> pts;
            for (size_t i = 0; i < g.q.size(); ++i)
                if (IntDatapath(ip, g.s, lut).segment(g.q[i]) == static_cast<int>(seg))
                    pts.emplace_back(g.q[i], g.s, g.target[i], g.weight[i]);
            const double best = brute_segment(pts, ip);
            double got = 0;
            for (const auto& [q, sc, t, w] : pts) {
                const double d = datapath_value(ip, sc, lut.slopes[seg], lut.intercepts[seg], q) - t;
                got += w * d * d;
            }
            CHECK(got == Approx(best).epsilon(1e-9).margin(1e-15));
            total += got;
        }
        CHECK(total / static_cast<double>(g.q.size()) == Approx(grid_mse(g, ip, lut)).epsilon(1e-9).margin(1e-15));
    }
    // A fixed segmentation can be no better than the best one.
    CHECK(evaluate(optimal_per_scale(p).table, Protocol::paper).mse_mean <=
          evaluate(u.table, Protocol::paper).mse_mean);
}
