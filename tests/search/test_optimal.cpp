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
#include "search/rng.hpp"
#include "search/search.hpp"
#include "tests/search/choose.hpp"

using namespace gqalut;
using gqalut::test::choose;

namespace {

Problem small_problem(const std::string& f, double lo, double hi, int entries, int width, int lambda,
                      std::vector<int> scales, const std::string& objective = "mse", int lambda_b = -1,
                      const std::string& intercept = "absolute") {
    SpecRequest r;
    r.objective = objective;
    r.intercept = intercept;
    r.function = f;
    r.lo = lo;
    r.hi = hi;
    r.entries = entries;
    r.width = width;
    r.lambda_k = lambda;
    r.lambda_b = lambda_b >= 0 ? lambda_b : lambda;
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

// Smallest max over the points of sqrt(w) |y - t| with codes of the W-bit box, by enumeration.
double brute_segment_max(const std::vector<std::tuple<int64_t, int, double, double>>& pts, const IntParams& p) {
    if (pts.empty()) return 0;
    const FixFormat f = p.param_format(0);
    double best = INFINITY;
    for (int64_t k = f.min_code(); k <= f.max_code(); ++k)
        for (int64_t b = f.min_code(); b <= f.max_code(); ++b) {
            double e = 0;
            for (const auto& [q, sc, t, w] : pts) e = std::max(e, std::sqrt(w) * std::fabs(datapath_value(p, sc, k, b, q) - t));
            best = std::min(best, e);
        }
    return best;
}



// With relative intercepts (numeric-definition.md §10) the datapath is the same formula on
// q - start: the brute forces below pass that operand as q.
bool relative(const Problem& p) { return p.spec().datapath.intercept == InterceptMode::relative; }
int64_t origin_code(const Problem& p, int s) { return p.blank_table("brute").mode_for_scale(s).origin; }

// The best total (MSE: sum of squared errors; max: the largest error) over every choice of
// entries - 1 breakpoint codes on grid g (any grid code, or "never fires"), each segment by
// enumeration of every (K, B). Relative intercepts: segment 0 starts at ORIGIN, so a
// breakpoint at the grid's lowest code (an empty entry 0) is outside the optimum's domain.
double brute_per_scale(const Problem& p, const ScaleGrid& g, int entries, Objective o) {
    std::vector<double> cand(g.q.begin() + (relative(p) ? 1 : 0), g.q.end());
    cand.push_back(static_cast<double>(p.spec().params.bp_max()));
    double best = INFINITY;
    std::vector<double> cur;
    choose(cand, static_cast<size_t>(entries - 1), cur, 0, [&](const std::vector<double>& bps) {
        double total = 0;
        for (size_t seg = 0; seg < bps.size() + 1; ++seg) {
            std::vector<std::tuple<int64_t, int, double, double>> pts;
            const int64_t start = !relative(p) ? 0 : seg == 0 ? origin_code(p, g.s) : static_cast<int64_t>(bps[seg - 1]);
            for (size_t i = 0; i < g.q.size(); ++i) {
                size_t idx = 0;
                for (double b : bps) idx += b <= static_cast<double>(g.q[i]);
                if (idx == seg) pts.emplace_back(g.q[i] - start, g.s, g.target[i], 1.0);
            }
            total = o == Objective::max ? std::max(total, brute_segment_max(pts, p.spec().params))
                                        : total + brute_segment(pts, p.spec().params);
        }
        best = std::min(best, total);
    });
    return o == Objective::max ? best : best / static_cast<double>(g.q.size());
}

// The same for a shared table of 3 entries, its 2 real breakpoints on a grid 4x finer than the
// DP's cells (offset to avoid ties); MSE: the scale-weighted mean. Relative intercepts: the
// breakpoints above the first rounding threshold (every scale's segment 0 starts at ORIGIN),
// a segment's start at scale s is its breakpoint's code there.
double brute_shared(const Problem& p, double lo, double hi, Objective o) {
    int smax = 0;
    for (const ScaleGrid& g : p.grids()) smax = std::max(smax, g.s);
    std::vector<double> cand;
    for (double x = lo - 1.0 + 1.0 / 32; x < hi + 1.0; x += 1.0 / 16)
        if (!relative(p) || x > lo + std::ldexp(1.0, -(smax + 1))) cand.push_back(x);
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
                    const int64_t start = !relative(p) ? 0 : seg == 0 ? origin_code(p, g.s) : breakpoint_code(bps[seg - 1], g.s, ip);
                    if (idx == seg)
                        pts.emplace_back(g.q[i] - start, g.s, g.target[i],
                                         o == Objective::max ? 1.0 : 1.0 / static_cast<double>(g.q.size()));
                }
            total = o == Objective::max ? std::max(total, brute_segment_max(pts, ip)) : total + brute_segment(pts, ip);
        }
        best = std::min(best, total);
    });
    return o == Objective::max ? best : best / static_cast<double>(p.grids().size());
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

TEST_CASE("per-scale optimum equals exhaustive search on small grids, both objectives and intercept modes", "[optimal]") {
    struct Case {
        const char* f;
        double lo, hi;
        int entries, width, lk, lb;
    };
    for (const char* intercept : {"absolute", "relative"})
    for (const char* obj : {"mse", "max"})
        for (const Case& c : {Case{"gelu", -1.5, 1.5, 3, 4, 2, 2}, Case{"exp", -2, 0, 3, 5, 3, 4},
                              Case{"hswish", -2, 1, 2, 4, 1, 1}, Case{"tanh", -1, 1, 4, 4, 2, 3}}) {
            const Problem p = small_problem(c.f, c.lo, c.hi, c.entries, c.width, c.lk, {0, 1, 2}, obj, c.lb, intercept);
            const Objective o = p.spec().objective;
            const OptimalResult r = optimal_per_scale(p);
            CHECK(r.exact);
            const auto got = o == Objective::max ? p.max_error_per_scale(r.table) : p.score_per_scale(r.table);
            for (size_t gi = 0; gi < p.grids().size(); ++gi) {
                INFO(intercept << " " << obj << " " << c.f << " s=" << p.grids()[gi].s);
                CHECK(got[gi] == Approx(brute_per_scale(p, p.grids()[gi], c.entries, o)).epsilon(1e-9));
            }
            // The table's objective is the golden metric's.
            const Metrics m = evaluate(r.table, Protocol::paper);
            CHECK(p.score(r.table) == (o == Objective::max ? m.max_abs_error : m.mse_mean));
        }
}

TEST_CASE("shared optimum equals exhaustive search over a finer breakpoint grid, both objectives and intercept modes",
          "[optimal]") {
    struct Case {
        const char* f;
        double lo, hi;
        int width, lk, lb;
    };
    for (const char* intercept : {"absolute", "relative"})
    for (const char* obj : {"mse", "max"})
        for (const Case& c : {Case{"gelu", -1.5, 1.5, 4, 2, 1}, Case{"exp", -2, 0, 4, 3, 3}, Case{"hswish", -2, 1, 4, 1, 2}}) {
            const Problem p = small_problem(c.f, c.lo, c.hi, 3, c.width, c.lk, {0, 1, 2}, obj, c.lb, intercept);
            const OptimalResult r = optimal_shared(p);
            CHECK(r.exact);
            INFO(intercept << " " << obj << " " << c.f);
            CHECK(p.score(r.table) == Approx(brute_shared(p, c.lo, c.hi, p.spec().objective)).epsilon(1e-9));
        }
}

TEST_CASE("optimal is never above another method on the same protocol", "[optimal]") {
    for (const char* f : {"gelu", "hswish", "exp", "div", "rsqrt"}) {
        for (int n : {8, 16}) {
            SearchOptions o;
            o.spec.function = f;
            o.spec.entries = n;
            o.spec.reference_lambda = true;   // one format for every method
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
        o.spec.reference_lambda = true;   // the published tables' Q1.6
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

TEST_CASE("uniform max-error optimum: each segment's codes are the enumerated minimax", "[optimal]") {
    const Problem p = small_problem("gelu", -4, 4, 4, 5, 3, {0, 2}, "max", 2);
    const OptimalResult u = optimal_uniform_segments(p);
    const IntParams& ip = u.table.params;
    for (const ScaleGrid& g : p.grids()) {
        const LutCodes& lut = u.table.per_scale.at(g.s);
        double worst = 0, got = 0;
        for (size_t seg = 0; seg < 4; ++seg) {
            std::vector<std::tuple<int64_t, int, double, double>> pts;
            for (size_t i = 0; i < g.q.size(); ++i)
                if (IntDatapath(ip, g.s, lut).segment(g.q[i]) == static_cast<int>(seg)) pts.emplace_back(g.q[i], g.s, g.target[i], 1.0);
            worst = std::max(worst, brute_segment_max(pts, ip));
            for (const auto& [q, sc, t, w] : pts)
                got = std::max(got, std::fabs(datapath_value(ip, sc, lut.slopes[seg], lut.intercepts[seg], q) - t));
        }
        CHECK(got == Approx(worst).epsilon(1e-9));
    }
    CHECK(p.score(optimal_per_scale(p).table) <= p.score(u.table));
}

TEST_CASE("relative uniform optimum: segments from ORIGIN, each the brute-force line measured from its start", "[optimal]") {
    for (const char* obj : {"mse", "max"}) {
        const Problem p = small_problem("gelu", -2, 2, 4, 4, 2, {1}, obj, 2, "relative");
        const Objective o = p.spec().objective;
        const OptimalResult r = optimal_uniform_segments(p);
        const ScaleGrid& g = p.grids().front();
        const LutCodes& lut = r.table.per_scale.at(g.s);
        const int64_t origin = origin_code(p, g.s);
        double total = 0;
        for (size_t seg = 0; seg < lut.slopes.size(); ++seg) {
            std::vector<std::tuple<int64_t, int, double, double>> pts;
            const int64_t start = seg == 0 ? origin : lut.breakpoints[seg - 1];
            for (size_t i = 0; i < g.q.size(); ++i)
                if (IntDatapath(r.table.params, g.s, lut).segment(g.q[i]) == static_cast<int>(seg))
                    pts.emplace_back(g.q[i] - start, g.s, g.target[i], 1.0);
            total = o == Objective::max ? std::max(total, brute_segment_max(pts, r.table.params))
                                        : total + brute_segment(pts, r.table.params);
        }
        // Breakpoints ORIGIN + i 2^sh: an MSB-addressed unit indexes q - ORIGIN.
        const int64_t width = lut.breakpoints.front() - origin;
        CHECK((width > 0 && (width & (width - 1)) == 0));
        for (size_t i = 0; i < lut.breakpoints.size(); ++i)
            CHECK(lut.breakpoints[i] == std::min(r.table.bp_max(), origin + static_cast<int64_t>(i + 1) * width));
        INFO(obj);
        CHECK(p.score(r.table) == Approx(o == Objective::max ? total : total / static_cast<double>(g.q.size())).epsilon(1e-9));
    }
}

TEST_CASE("each objective's optimum is the best of the two under its own objective", "[optimal]") {
    for (const char* f : {"gelu", "hswish", "exp", "div"}) {
        for (const char* scheme : {"per-scale", "shared", "uniform"}) {
            SearchOptions o;
            o.spec.function = f;
            o.spec.entries = 8;
            o.spec.reference_lambda = true;
            o.method = "optimal";
            o.scheme = scheme;
            const SearchResult mse = run_search(o);
            o.spec.objective = "max";
            const SearchResult mx = run_search(o);
            INFO(f << " " << scheme);
            CHECK(mx.objective_value == mx.metrics.max_abs_error);
            CHECK(mx.metrics.max_abs_error <= mse.metrics.max_abs_error * (1 + 1e-12));
            CHECK(mse.metrics.mse_mean <= mx.metrics.mse_mean * (1 + 1e-12));
            CHECK(mx.table.metrics["objective"] == "max");
        }
    }
}

TEST_CASE("min-max partition by greedy bisection equals the full min-max DP on monotone costs", "[optimal]") {
    Rng rng(99);
    for (int rep = 0; rep < 300; ++rep) {
        const size_t m = 2 + static_cast<size_t>(rng.uniform_int(0, 30));
        const size_t parts = 1 + static_cast<size_t>(rng.uniform_int(0, 6));
        // cost(i, j): the largest of random point weights in [i, j) -- monotone like a max error.
        std::vector<double> w(m);
        for (double& v : w) v = rng.uniform01() < 0.2 ? 0.0 : std::floor(rng.uniform(0, 50)) / 8;
        auto cost = [&](size_t i, size_t j) {
            double c = 0, s = 0;
            for (size_t k = i; k < j; ++k) c = std::max(c, w[k]), s += w[k];
            return c + 0.01 * s * (j - i > 1);   // grows with the run too
        };
        const Partition full = best_partition(
            m, parts, [&](size_t i, double* out) { for (size_t j = i + 1; j < m; ++j) out[j] = cost(i, j); }, Combine::max, 1);
        const Partition greedy = min_max_partition(m, parts, cost);
        INFO("m " << m << " parts " << parts);
        CHECK(greedy.cost == full.cost);
        CHECK(greedy.starts.size() <= parts);
        double worst = 0;
        for (size_t k = 0; k < greedy.starts.size(); ++k)
            worst = std::max(worst, cost(greedy.starts[k], k + 1 < greedy.starts.size() ? greedy.starts[k + 1] : m - 1));
        CHECK(worst == greedy.cost);
    }
}
