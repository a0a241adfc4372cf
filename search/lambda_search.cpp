#include "search/lambda_search.hpp"

#include <algorithm>
#include <cmath>

#include "search/int_line.hpp"

namespace gqalut {

std::pair<double, double> needed_magnitudes(const Problem& p) {
    double slope = 0, icpt = 0;
    const bool relative = p.spec().datapath.intercept == InterceptMode::relative;
    const size_t runs = static_cast<size_t>(p.spec().entries);
    for (const ScaleGrid& g : p.grids()) {
        std::vector<size_t> order(g.q.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return g.q[a] < g.q[b]; });
        for (size_t r = 0; r < runs; ++r) {
            const size_t from = r * order.size() / runs, to = (r + 1) * order.size() / runs;
            if (to <= from) continue;
            LineSums m;
            double xmin = INFINITY, xmax = -INFINITY;
            for (size_t k = from; k < to; ++k) {
                const double x = std::ldexp(static_cast<double>(g.q[order[k]]), -g.s);
                m.add(x, g.target[order[k]], g.weight[order[k]]);
                xmin = std::min(xmin, x), xmax = std::max(xmax, x);
            }
            const RealLine l = lsq_line(m, xmin, xmax);
            slope = std::max(slope, std::fabs(l.slope));
            // Relative intercepts hold the line's value at the run's start (§10).
            icpt = std::max(icpt, std::fabs(l.intercept + (relative ? l.slope * xmin : 0.0)));
        }
    }
    return {slope, icpt};
}

int widest_fit(double v, int width, int most) {
    const double top = std::ldexp(1.0, width - 1) - 1;   // the largest positive code
    for (int l = most; l > 0; --l)
        if (std::nearbyint(std::ldexp(v, l)) <= top) return l;
    return 0;
}

int auto_lambda_limit(const SearchSpec& s) { return std::min(max_lambda(s.precision), s.params.width); }

OptimalResult optimal_in(const Problem& p, const std::string& scheme, int threads, bool quick) {
    if (scheme == "uniform") return optimal_uniform_segments(p);
    if (scheme == "shared") return optimal_shared(p, threads, quick ? 257 : 0);
    return optimal_per_scale(p, threads, quick ? 257 : 0);
}

double optimal_fits(const Problem& p, const std::string& scheme) {
    if (scheme == "uniform") return 0;
    const size_t n = static_cast<size_t>(p.spec().entries);
    const double most = static_cast<double>(max_boundaries(n));
    double fits = 0, cells = 0;
    for (const ScaleGrid& g : p.grids()) {
        const double m = std::min(most, static_cast<double>(g.q.size() + 1));
        fits += m * m / 2;
        cells += static_cast<double>(g.q.size());
    }
    if (scheme == "shared") {
        const double m = std::min(most, cells + 1);
        return m * m / 2;
    }
    return std::min(fits, kMaxFits);
}

LambdaChoice choose_lambda(const Problem& p, const std::string& scheme, int threads, bool quick) {
    const SearchSpec& s = p.spec();
    // The maximum error's DPs are greedy bisections (O(m) fits a step): never large; with
    // relative intercepts they fill the matrix as the squared error's do, with fits about eight
    // times dearer (hulls), so they rank by quick optima from 2^19 fits.
    const bool relative_max = s.objective == Objective::max && s.datapath.intercept == InterceptMode::relative;
    const double most_fits = relative_max ? (1 << 19) : (1 << 22);
    quick = quick || ((s.objective == Objective::mse || relative_max) && optimal_fits(p, scheme) > most_fits);
    const int w = s.params.width, most = auto_lambda_limit(s);
    const auto [slope, icpt] = needed_magnitudes(p);
    LambdaChoice c;
    c.quick = quick;
    double best = INFINITY;
    auto solved = [&](int lk, int lb) {
        for (const LambdaTrial& t : c.tried)
            if (t.lambda_k == lk && t.lambda_b == lb) return true;
        return false;
    };
    auto solve = [&](int lk, int lb) {
        const Problem q = p.with_lambda(lk, lb);
        OptimalResult r = optimal_in(q, scheme, threads, quick);
        const double v = q.score(r.table);
        c.tried.push_back({lk, lb, v});
        if (!c.optimum || v < best) {
            best = v;
            c.lambda_k = lk;
            c.lambda_b = lb;
            c.optimum = std::move(r);
        }
    };
    // Descend from the estimate over the neighbours (+-1 in each auto coordinate) until the
    // best pair has no better neighbour.
    solve(s.auto_lambda_k ? widest_fit(slope, w, most) : s.params.lambda_k, s.auto_lambda_b ? widest_fit(icpt, w, most) : s.params.lambda_b);
    for (;;) {
        const int ck = c.lambda_k, cb = c.lambda_b;
        for (int dk = s.auto_lambda_k ? -1 : 0; dk <= (s.auto_lambda_k ? 1 : 0); ++dk)
            for (int db = s.auto_lambda_b ? -1 : 0; db <= (s.auto_lambda_b ? 1 : 0); ++db) {
                const int lk = ck + dk, lb = cb + db;
                if (lk < 0 || lk > most || lb < 0 || lb > most || solved(lk, lb)) continue;
                solve(lk, lb);
            }
        if (c.lambda_k == ck && c.lambda_b == cb) return c;
    }
}

}  // namespace gqalut
