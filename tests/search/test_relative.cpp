// Segment-relative intercepts in search (`--intercept relative`, numeric-definition.md §10): the
// exact optimum against brute force in the relative parametrisation, every method's table
// scored by the golden unit as the search scored it, relative below absolute where absolute
// intercepts clip, and determinism.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <optional>
#include <tuple>

#include "model/errors.hpp"
#include "model/int_datapath.hpp"
#include "model/metrics.hpp"
#include "search/optimal.hpp"
#include "search/search.hpp"

using namespace gqalut;

namespace {

SpecRequest request(const std::string& f, double lo, double hi, int entries, int width, int lk, int lb,
                    std::vector<int> scales, const std::string& objective) {
    SpecRequest r;
    r.function = f;
    r.lo = lo;
    r.hi = hi;
    r.entries = entries;
    r.width = width;
    r.lambda_k = lk;
    r.lambda_b = lb;
    r.scales = std::move(scales);
    r.objective = objective;
    r.intercept = "relative";
    return r;
}

// The relative datapath's value (§10: acc = K (q - start) 2^(lo-lk) + B 2^(s+lo-lb)), written out
// here so the brute force shares no code with the searcher.
double relative_value(const IntParams& p, int s, int64_t k, int64_t b, int64_t q, int64_t start) {
    const int lo = p.lambda_o();
    const int64_t acc = k * (q - start) * (int64_t(1) << (lo - p.lambda_k)) + b * (int64_t(1) << (s + lo - p.lambda_b));
    return std::ldexp(static_cast<double>(acc), -(lo + s));
}

struct Pt {
    int64_t q, start;
    int s;
    double t, w;
};

// The segment's least total (squared: sum w d^2; max: max sqrt(w) |d|) over every (K, B) of the box.
double brute_segment(const std::vector<Pt>& pts, const IntParams& p, Objective o) {
    if (pts.empty()) return 0;
    const FixFormat f = p.param_format(0);
    double best = INFINITY;
    for (int64_t k = f.min_code(); k <= f.max_code(); ++k)
        for (int64_t b = f.min_code(); b <= f.max_code(); ++b) {
            double e = 0;
            for (const Pt& x : pts) {
                const double d = relative_value(p, x.s, k, b, x.q, x.start) - x.t;
                e = o == Objective::max ? std::max(e, std::sqrt(x.w) * std::fabs(d)) : e + x.w * d * d;
            }
            best = std::min(best, e);
        }
    return best;
}

void choose(const std::vector<double>& cand, size_t count, std::vector<double>& cur, size_t from,
            const std::function<void(const std::vector<double>&)>& visit) {
    if (cur.size() == count) return visit(cur);
    for (size_t i = from; i < cand.size(); ++i) {
        cur.push_back(cand[i]);
        choose(cand, count, cur, i, visit);
        cur.pop_back();
    }
}

int64_t origin_code(const PwlTable& t, int s) { return t.mode_for_scale(s).origin; }

// Per scale: every choice of breakpoint codes above the grid's lowest code (segment 0 starts
// at ORIGIN: the optimum's domain, docs/search.md), each segment by enumeration.
double brute_per_scale(const Problem& p, const ScaleGrid& g, int entries, Objective o) {
    const PwlTable blank = p.blank_table("brute");
    const int64_t origin = origin_code(blank, g.s);
    std::vector<double> cand;
    for (size_t i = 1; i < g.q.size(); ++i) cand.push_back(static_cast<double>(g.q[i]));
    cand.push_back(static_cast<double>(p.spec().params.bp_max()));
    double best = INFINITY;
    std::vector<double> cur;
    choose(cand, static_cast<size_t>(entries - 1), cur, 0, [&](const std::vector<double>& bps) {
        double total = 0;
        for (size_t seg = 0; seg <= bps.size(); ++seg) {
            std::vector<Pt> pts;
            for (size_t i = 0; i < g.q.size(); ++i) {
                size_t idx = 0;
                for (double b : bps) idx += b <= static_cast<double>(g.q[i]);
                const int64_t start = seg == 0 ? origin : static_cast<int64_t>(bps[seg - 1]);
                if (idx == seg) pts.push_back({g.q[i], start, g.s, g.target[i], 1.0});
            }
            const double e = brute_segment(pts, p.spec().params, o);
            total = o == Objective::max ? std::max(total, e) : total + e;
        }
        best = std::min(best, total);
    });
    return o == Objective::max ? best : best / static_cast<double>(g.q.size());
}

// Shared, 3 entries: real breakpoints on a grid 4x finer than the DP's cells, above the first
// rounding threshold (so every scale's segment 0 starts at ORIGIN); the segment start at scale
// s is the breakpoint's code there.
double brute_shared(const Problem& p, double lo, double hi, Objective o) {
    const PwlTable blank = p.blank_table("brute");
    const IntParams& ip = p.spec().params;
    int smax = 0;
    for (const ScaleGrid& g : p.grids()) smax = std::max(smax, g.s);
    std::vector<double> cand;
    for (double x = lo - 1.0 + 1.0 / 32; x < hi + 1.0; x += 1.0 / 16)
        if (x > lo + std::ldexp(1.0, -(smax + 1))) cand.push_back(x);
    double best = INFINITY;
    std::vector<double> cur;
    choose(cand, 2, cur, 0, [&](const std::vector<double>& bps) {
        double total = 0;
        for (size_t seg = 0; seg < 3; ++seg) {
            std::vector<Pt> pts;
            for (const ScaleGrid& g : p.grids())
                for (size_t i = 0; i < g.q.size(); ++i) {
                    size_t idx = 0;
                    for (double b : bps) idx += breakpoint_code(b, g.s, ip) <= g.q[i];
                    const int64_t start = seg == 0 ? origin_code(blank, g.s) : breakpoint_code(bps[seg - 1], g.s, ip);
                    if (idx == seg)
                        pts.push_back({g.q[i], start, g.s, g.target[i], o == Objective::max ? 1.0 : 1.0 / static_cast<double>(g.q.size())});
                }
            const double e = brute_segment(pts, ip, o);
            total = o == Objective::max ? std::max(total, e) : total + e;
        }
        best = std::min(best, total);
    });
    return o == Objective::max ? best : best / static_cast<double>(p.grids().size());
}

const std::vector<int> kScales{2, 3, 4};

SearchResult searched(const std::string& method, const std::string& scheme, const std::string& intercept,
                    const std::string& objective = "mse", int threads = 1) {
    SearchOptions o;
    o.spec.function = "gelu";
    o.spec.entries = 8;
    o.spec.scales = kScales;
    o.spec.objective = objective;
    o.spec.intercept = intercept;
    o.method = method;
    o.scheme = scheme;
    o.threads = threads;
    o.generations = 20;
    o.population = 16;
    o.nn_steps = 300;
    o.seed = 5;
    return run_search(o);
}

}  // namespace

TEST_CASE("relative per-scale optimum equals brute force over integer lines, both objectives", "[relative]") {
    struct Case {
        const char* f;
        double lo, hi;
        int entries, width, lk, lb;
    };
    for (const char* obj : {"mse", "max"})
        for (const Case& c : {Case{"gelu", -1.5, 1.5, 3, 4, 2, 2}, Case{"exp", -2, 0, 3, 4, 3, 3},
                              Case{"tanh", -1.1, 0.9, 3, 4, 2, 3}, Case{"hswish", -2, 1, 2, 4, 1, 1}}) {
            const Problem p(make_spec(request(c.f, c.lo, c.hi, c.entries, c.width, c.lk, c.lb, {0, 1, 2}, obj)));
            const Objective o = p.spec().objective;
            const OptimalResult r = optimal_per_scale(p);
            CHECK(r.exact);
            CHECK(r.table.datapath.intercept == InterceptMode::relative);
            const auto got = o == Objective::max ? p.max_error_per_scale(r.table) : p.score_per_scale(r.table);
            for (size_t gi = 0; gi < p.grids().size(); ++gi) {
                INFO(obj << " " << c.f << " s=" << p.grids()[gi].s);
                CHECK(got[gi] == Approx(brute_per_scale(p, p.grids()[gi], c.entries, o)).epsilon(1e-9));
            }
        }
}

TEST_CASE("relative shared optimum equals brute force over a finer breakpoint grid, both objectives", "[relative]") {
    struct Case {
        const char* f;
        double lo, hi;
        int width, lk, lb;
    };
    for (const char* obj : {"mse", "max"})
        for (const Case& c : {Case{"gelu", -1.5, 1.5, 4, 2, 1}, Case{"exp", -2, 0, 4, 3, 3}}) {
            const Problem p(make_spec(request(c.f, c.lo, c.hi, 3, c.width, c.lk, c.lb, {0, 1, 2}, obj)));
            const OptimalResult r = optimal_shared(p);
            CHECK(r.exact);
            INFO(obj << " " << c.f);
            CHECK(p.score(r.table) == Approx(brute_shared(p, c.lo, c.hi, p.spec().objective)).epsilon(1e-9));
        }
}

TEST_CASE("relative uniform optimum: each segment is the brute-force line measured from its start", "[relative]") {
    for (const char* obj : {"mse", "max"}) {
        const Problem p(make_spec(request("gelu", -2, 2, 4, 4, 2, 2, {1}, obj)));
        const Objective o = p.spec().objective;
        const OptimalResult r = optimal_uniform_segments(p);
        const ScaleGrid& g = p.grids().front();
        const LutCodes& lut = r.table.per_scale.at(g.s);
        const int64_t origin = origin_code(r.table, g.s);
        double total = 0;
        for (size_t seg = 0; seg < lut.slopes.size(); ++seg) {
            std::vector<Pt> pts;
            for (size_t i = 0; i < g.q.size(); ++i) {
                size_t idx = 0;
                for (int64_t b : lut.breakpoints) idx += b <= g.q[i];
                if (idx == seg) pts.push_back({g.q[i], seg == 0 ? origin : lut.breakpoints[seg - 1], g.s, g.target[i], 1.0});
            }
            const double e = brute_segment(pts, p.spec().params, o);
            total = o == Objective::max ? std::max(total, e) : total + e;
        }
        // Segment 0 starts at ORIGIN, and the breakpoints are ORIGIN + i 2^sh (MSB addressing of q - ORIGIN).
        const int64_t width = lut.breakpoints.front() - origin;
        CHECK((width & (width - 1)) == 0);
        for (size_t i = 0; i < lut.breakpoints.size(); ++i)
            CHECK(lut.breakpoints[i] == std::min(r.table.bp_max(), origin + static_cast<int64_t>(i + 1) * width));
        INFO(obj);
        CHECK(p.score(r.table) == Approx(o == Objective::max ? total : total / static_cast<double>(g.q.size())).epsilon(1e-9));
    }
}

TEST_CASE("every method's relative table: the golden unit reproduces the metrics search reports", "[relative]") {
    for (const auto& [method, scheme] : std::vector<std::pair<std::string, std::string>>{
             {"optimal", "per-scale"}, {"optimal", "shared"}, {"optimal", "uniform"}, {"gqa", ""}, {"gqa-rm", ""}, {"nnlut", ""}})
        for (const char* obj : {"mse", "max"}) {
            if (method == "nnlut" && std::string(obj) == "max") continue;   // refused by design
            INFO(method << " " << scheme << " " << obj);
            const SearchResult r = searched(method, scheme, "relative", obj);
            REQUIRE(r.table.datapath.intercept == InterceptMode::relative);
            // The golden unit, code by code, at every protocol point of every scale.
            const Problem p(make_spec([&] {
                SpecRequest q;
                q.function = "gelu";
                q.entries = 8;
                q.scales = kScales;
                q.intercept = "relative";
                q.lambda_k = r.table.params.lambda_k;
                q.lambda_b = r.table.params.lambda_b;
                return q;
            }()));
            double sum = 0, mx = 0;
            for (const ScaleGrid& g : p.grids()) {
                const IntDatapath dp = int_datapath(r.table, g.s);
                double sq = 0;
                for (size_t i = 0; i < g.q.size(); ++i) {
                    const double d = dp.value(g.q[i]) - g.target[i];
                    sq += d * d;
                    mx = std::max(mx, std::fabs(d));
                }
                sum += sq / static_cast<double>(g.q.size());
            }
            CHECK(r.metrics.mse_mean == Approx(sum / static_cast<double>(p.grids().size())).epsilon(1e-12));
            CHECK(r.metrics.max_abs_error == Approx(mx).epsilon(1e-12));
            // The search's own scorer (the GA's fitness, the optimum's objective) is the golden metric.
            CHECK(p.score_mse(r.table) == r.metrics.mse_mean);
            CHECK(p.score_max(r.table) == r.metrics.max_abs_error);
        }
}

TEST_CASE("relative intercepts beat absolute ones where absolute intercepts clip: 1/x on 0.5..1 INT16 W=11", "[relative]") {
    auto run = [](const std::string& intercept, const std::string& objective, std::optional<int> lk, std::optional<int> lb) {
        SearchOptions o;
        o.spec.function = "expr";
        o.spec.expr = "1/x";
        o.spec.lo = 0.5;
        o.spec.hi = 0.999969482421875;
        o.spec.scales = std::vector<int>{15};
        o.spec.precision = "int16";
        o.spec.entries = 8;
        o.spec.width = 11;
        o.spec.objective = objective;
        o.spec.intercept = intercept;
        o.spec.lambda_k = lk;
        o.spec.lambda_b = lb;
        o.method = "optimal";
        o.scheme = "uniform";
        return run_search(o);
    };
    for (const char* obj : {"mse", "max"}) {
        INFO(obj);
        // Q1.9 intercepts: the absolute ones of 1/x near x = 0.5 reach 4 and clip at the rail;
        // the values at the segment starts (in [1, 2]) fit.
        const SearchResult abs = run("absolute", obj, 8, 9), rel = run("relative", obj, 8, 9);
        if (std::string(obj) == "mse") CHECK(abs.rails.intercepts > 0);   // max: only the worst segment counts
        CHECK(rel.rails.intercepts == 0);
        CHECK(rel.metrics.mse_mean < abs.metrics.mse_mean / 10);
        CHECK(rel.metrics.max_abs_error < abs.metrics.max_abs_error / 2);
        CHECK(rel.bits_per_entry == abs.bits_per_entry);
        // --lambda auto: absolute intercepts take one fraction bit fewer to fit, relative ones
        // keep it, and the relative optimum is at least as good.
        const SearchResult abs_auto = run("absolute", obj, std::nullopt, std::nullopt);
        const SearchResult rel_auto = run("relative", obj, std::nullopt, std::nullopt);
        CHECK(rel_auto.table.params.lambda_b > abs_auto.table.params.lambda_b);
        CHECK(rel_auto.objective_value <= abs_auto.objective_value);
    }
}

TEST_CASE("relative search is deterministic: the same table for the same seed on 1 and 2 threads", "[relative]") {
    for (const auto& [method, scheme] : std::vector<std::pair<std::string, std::string>>{
             {"optimal", "per-scale"}, {"optimal", "shared"}, {"gqa-rm", ""}, {"nnlut", ""}}) {
        INFO(method << " " << scheme);
        const SearchResult a = searched(method, scheme, "relative", "mse", 1), b = searched(method, scheme, "relative", "mse", 2);
        CHECK(a.table.per_scale == b.table.per_scale);
        CHECK(a.table.is_shared() == b.table.is_shared());
        if (a.table.is_shared()) {
            CHECK(a.table.shared->breakpoints == b.table.shared->breakpoints);
            CHECK(a.table.shared->slopes == b.table.shared->slopes);
            CHECK(a.table.shared->intercepts == b.table.shared->intercepts);
        }
        CHECK(a.metrics.mse_mean == b.metrics.mse_mean);
    }
}

TEST_CASE("relative intercepts are refused off the INT unit", "[relative]") {
    for (const auto& [f, precision] : std::vector<std::pair<std::string, std::string>>{{"gelu", "fp32"}, {"div", "int8"}, {"rsqrt", "int16"}}) {
        SpecRequest r;
        r.function = f;
        r.precision = precision;
        r.intercept = "relative";
        CHECK_THROWS_WITH(make_spec(r), Catch::Contains("--intercept relative") && Catch::Contains("INT unit"));
    }
    SpecRequest r;
    r.intercept = "segment";
    CHECK_THROWS_WITH(make_spec(r), Catch::Contains("--intercept: 'segment'"));
}
