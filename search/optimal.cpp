#include "search/optimal.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "model/errors.hpp"
#include "search/int_line.hpp"
#include "search/parallel.hpp"

namespace gqalut {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Points of one grid grouped by input code, ascending, with prefix sums of their moments.
struct Groups {
    std::vector<int64_t> code;
    std::vector<double> a;          // a = q 2^-(lambda_k + s)
    std::vector<LineSums> prefix;   // prefix[i] = sums of groups [0, i)
};

Groups group_grid(const ScaleGrid& g, const IntParams& p, double weight_scale) {
    std::vector<size_t> order(g.q.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return g.q[x] < g.q[y]; });
    Groups out;
    out.prefix.emplace_back();
    for (size_t k : order) {
        if (out.code.empty() || out.code.back() != g.q[k]) {
            out.code.push_back(g.q[k]);
            out.a.push_back(std::ldexp(static_cast<double>(g.q[k]), -(p.lambda_k + g.s)));
            out.prefix.push_back(out.prefix.back());
        }
        out.prefix.back().add(out.a.back(), g.target[k], g.weight[k] * weight_scale);
    }
    return out;
}

CodeBox param_box(const IntParams& p) {
    const FixFormat f = p.param_format(0);
    return {f.min_code(), f.max_code(), f.min_code(), f.max_code()};
}

// The best integer line of a segment in the table's format: slope and intercept codes within
// the parameter format, an intercept code weighing 2^-lambda_b.
struct IntLines {
    explicit IntLines(const IntParams& p) : box(param_box(p)), c(std::ldexp(1.0, -p.lambda_b)) {}
    IntLine best(const LineSums& s, double a_min, double a_max) const { return best_int_line(s, a_min, a_max, c, box); }
    CodeBox box;
    double c;
};

// Evenly spaced subset of 0..m-1 (first and last included) of at most kMaxBoundaries.
std::vector<size_t> thin(size_t m) {
    std::vector<size_t> c;
    if (m <= kMaxBoundaries) {
        for (size_t i = 0; i < m; ++i) c.push_back(i);
        return c;
    }
    for (size_t k = 0; k < kMaxBoundaries; ++k) c.push_back(k * (m - 1) / (kMaxBoundaries - 1));
    return c;
}

}  // namespace

Partition best_partition(size_t m, size_t parts, const std::function<double(size_t, size_t)>& cost, int threads) {
    Partition out;
    out.starts = {0};
    if (m < 2 || parts == 0) return out;
    // Cost matrix, rows in parallel (each entry is independent).
    std::vector<double> c(m * m, kInf);
    {
        WorkerPool pool(threads);
        pool.for_each(m - 1, [&](size_t i) {
            for (size_t j = i + 1; j < m; ++j) c[i * m + j] = cost(i, j);
        });
    }
    const size_t levels = std::min(parts, m - 1);
    // d[e][j]: best cost of boundaries 0..j in exactly e+1 runs; arg for the reconstruction.
    std::vector<std::vector<double>> d(levels, std::vector<double>(m, kInf));
    std::vector<std::vector<size_t>> arg(levels, std::vector<size_t>(m, 0));
    for (size_t j = 1; j < m; ++j) d[0][j] = c[j];
    for (size_t e = 1; e < levels; ++e)
        for (size_t j = e + 1; j < m; ++j) {
            double best = kInf;
            size_t bi = 0;
            for (size_t i = e; i < j; ++i) {
                const double v = d[e - 1][i] + c[i * m + j];
                if (v < best) {
                    best = v;
                    bi = i;
                }
            }
            d[e][j] = best;
            arg[e][j] = bi;
        }
    size_t be = 0;
    for (size_t e = 1; e < levels; ++e)
        if (d[e][m - 1] < d[be][m - 1]) be = e;   // fewer runs on ties
    out.cost = d[be][m - 1];
    std::vector<size_t> starts;
    size_t j = m - 1;
    for (size_t e = be; e > 0; --e) {
        j = arg[e][j];
        starts.push_back(j);
    }
    starts.push_back(0);
    std::reverse(starts.begin(), starts.end());
    out.starts = starts;
    return out;
}

OptimalResult optimal_per_scale(const Problem& p, int threads) {
    if (p.is_fp32()) return optimal_fp32(p);
    OptimalResult r;
    r.table = p.blank_table("optimal");
    const IntParams& ip = r.table.params;
    const IntLines lines(ip);
    const size_t n = static_cast<size_t>(p.spec().entries);
    size_t largest = 0;
    for (const ScaleGrid& g : p.grids()) {
        const Groups gr = group_grid(g, ip, 1.0);
        const size_t m = gr.code.size() + 1;   // boundaries: before each group, and the end
        largest = std::max(largest, m);
        const std::vector<size_t> cand = thin(m);
        auto solve = [&](size_t i, size_t j) {
            const size_t a = cand[i], b = cand[j];
            return lines.best(gr.prefix[b] - gr.prefix[a], gr.a[a], gr.a[b - 1]);
        };
        LutCodes lut;
        if (cand.size() >= 2) {
            const Partition part = best_partition(cand.size(), n, [&](size_t i, size_t j) { return solve(i, j).cost; }, threads);
            for (size_t k = 0; k < part.starts.size(); ++k) {
                const size_t i = part.starts[k];
                const size_t j = k + 1 < part.starts.size() ? part.starts[k + 1] : cand.size() - 1;
                if (k > 0) lut.breakpoints.push_back(gr.code[cand[i]]);
                const IntLine l = solve(i, j);
                if (!l.certified) r.exact = false;
                lut.slopes.push_back(l.k);
                lut.intercepts.push_back(l.b);
            }
        }
        // Unused entries: a breakpoint that never fires, zero parameters.
        while (lut.slopes.size() < n) {
            if (!lut.slopes.empty()) lut.breakpoints.push_back(ip.bp_max());
            lut.slopes.push_back(0);
            lut.intercepts.push_back(0);
        }
        r.table.per_scale[g.s] = lut;
    }
    if (largest > kMaxBoundaries) {
        r.exact = false;
        r.note = "not exact: a scale has " + std::to_string(largest - 1) +
                 " distinct inputs; the DP ran on " + std::to_string(kMaxBoundaries) + " evenly spaced boundaries";
    } else {
        r.note = std::string(r.exact ? "exact" : "not certified (enumeration cap hit)") +
                 ": DP over every segmentation of each scale's grid, best integer codes per segment";
    }
    return r;
}

OptimalResult optimal_uniform_segments(const Problem& p) {
    if (p.is_fp32()) throw BadInput("uniform segments address INT inputs by their MSBs; FP32 tables need comparators");
    OptimalResult r;
    r.table = p.blank_table("optimal-uniform");
    const IntParams& ip = r.table.params;
    const IntLines lines(ip);
    const int64_t n = p.spec().entries;
    for (const ScaleGrid& g : p.grids()) {
        const Groups gr = group_grid(g, ip, 1.0);
        LutCodes lut;
        if (gr.code.empty()) {
            lut.breakpoints.assign(static_cast<size_t>(n - 1), ip.bp_max());
            lut.slopes.assign(static_cast<size_t>(n), 0);
            lut.intercepts.assign(static_cast<size_t>(n), 0);
            r.table.per_scale[g.s] = lut;
            continue;
        }
        const int64_t base = gr.code.front(), span = gr.code.back() - base + 1;
        // The last segment is open-ended (the index saturates at N-1), so any width 2^sh with
        // N 2^sh <= 2 span is a candidate; each is fitted exactly and the best one kept.
        auto fit = [&](int sh, LutCodes& out) {
            double cost = 0;
            size_t first = 0;   // first group of the current segment
            for (int64_t i = 0; i < n; ++i) {
                size_t last = first;
                if (i == n - 1) last = gr.code.size();
                else
                    while (last < gr.code.size() && gr.code[last] < base + ((i + 1) << sh)) ++last;
                if (i > 0) out.breakpoints.push_back(std::min(ip.bp_max(), base + (i << sh)));
                IntLine l;
                if (last > first) l = lines.best(gr.prefix[last] - gr.prefix[first], gr.a[first], gr.a[last - 1]);
                if (!l.certified) r.exact = false;
                out.slopes.push_back(l.k);
                out.intercepts.push_back(l.b);
                cost += l.cost;
                first = last;
            }
            return cost;
        };
        double best = INFINITY;
        for (int sh = 0; sh == 0 || (n << (sh - 1)) < span; ++sh) {
            LutCodes cand;
            const double cost = fit(sh, cand);
            if (cost < best) {
                best = cost;
                lut = cand;
            }
        }
        r.table.per_scale[g.s] = lut;
    }
    r.note = std::string(r.exact ? "exact" : "not certified (enumeration cap hit)") +
             " for uniform power-of-two segments from each scale's lowest grid code (best width per scale)";
    return r;
}

OptimalResult optimal_shared(const Problem& p, int threads) {
    if (p.is_fp32()) return optimal_fp32(p);
    OptimalResult r;
    r.table = p.blank_table("optimal");
    const IntParams& ip = r.table.params;
    const IntLines lines(ip);
    const size_t n = static_cast<size_t>(p.spec().entries);

    std::vector<Groups> groups;
    std::vector<int> scale_of;
    double xmin = kInf, xmax = -kInf;
    int smax = 0;
    for (const ScaleGrid& g : p.grids()) {
        if (g.q.empty()) continue;
        groups.push_back(group_grid(g, ip, 1.0 / static_cast<double>(g.q.size())));
        scale_of.push_back(g.s);
        xmin = std::min(xmin, std::ldexp(static_cast<double>(groups.back().code.front()), -g.s));
        xmax = std::max(xmax, std::ldexp(static_cast<double>(groups.back().code.back()), -g.s));
        smax = std::max(smax, g.s);
    }
    // One candidate per cell between multiples of h = 2^-(smax+1), from below every grid to
    // above every grid (one unit of margin reaches past the coarsest scale's codes).
    const double h = std::ldexp(1.0, -(smax + 1));
    const int64_t j0 = static_cast<int64_t>(std::floor((xmin - 1.0) / h)) - 1;
    const int64_t j1 = static_cast<int64_t>(std::ceil((xmax + 1.0) / h)) + 1;
    const size_t ns = groups.size();
    std::vector<double> rep;
    std::vector<std::vector<size_t>> pos;   // pos[candidate][scale]: grid groups below its code
    std::vector<size_t> cur(ns);
    for (int64_t j = j0; j <= j1; ++j) {
        const double pj = (static_cast<double>(j) + 0.5) * h;
        for (size_t k = 0; k < ns; ++k) {
            const int64_t code = breakpoint_code(pj, scale_of[k], ip);
            cur[k] = static_cast<size_t>(std::lower_bound(groups[k].code.begin(), groups[k].code.end(), code) -
                                         groups[k].code.begin());
        }
        if (pos.empty() || pos.back() != cur) {
            pos.push_back(cur);
            rep.push_back(pj);
        }
    }
    for (size_t k = 0; k < ns; ++k)
        if (pos.front()[k] != 0 || pos.back()[k] != groups[k].code.size())
            throw std::logic_error("optimal_shared: candidate range does not cover the grids");
    const size_t m = pos.size();
    const std::vector<size_t> cand = thin(m);
    auto solve = [&](size_t i, size_t j) {
        const auto& pa = pos[cand[i]];
        const auto& pb = pos[cand[j]];
        LineSums s;
        double amin = kInf, amax = -kInf;
        for (size_t k = 0; k < ns; ++k) {
            if (pb[k] == pa[k]) continue;
            s += groups[k].prefix[pb[k]] - groups[k].prefix[pa[k]];
            amin = std::min(amin, groups[k].a[pa[k]]);
            amax = std::max(amax, groups[k].a[pb[k] - 1]);
        }
        return lines.best(s, amin, amax);
    };
    SharedBreakpoints sh;
    const Partition part = best_partition(cand.size(), n, [&](size_t i, size_t j) { return solve(i, j).cost; }, threads);
    for (size_t k = 0; k < part.starts.size(); ++k) {
        const size_t i = part.starts[k];
        const size_t j = k + 1 < part.starts.size() ? part.starts[k + 1] : cand.size() - 1;
        if (k > 0) sh.breakpoints.push_back(rep[cand[i]]);
        const IntLine l = solve(i, j);
        if (!l.certified) r.exact = false;
        sh.slopes.push_back(l.k);
        sh.intercepts.push_back(l.b);
    }
    while (sh.slopes.size() < n) {   // unused entries: breakpoints above every grid
        sh.breakpoints.push_back(rep.back());
        sh.slopes.push_back(0);
        sh.intercepts.push_back(0);
    }
    r.table.shared = sh;
    if (m > kMaxBoundaries) {
        r.exact = false;
        r.note = "not exact: " + std::to_string(m) + " breakpoint rounding patterns; the DP ran on " +
                 std::to_string(kMaxBoundaries) + " evenly spaced ones";
    } else {
        r.note = std::string(r.exact ? "exact" : "not certified (enumeration cap hit)") + ": DP over all " +
                 std::to_string(m) + " per-scale rounding patterns of a shared breakpoint, best integer codes per segment";
    }
    return r;
}

OptimalResult optimal_fp32(const Problem& p) {
    OptimalResult r;
    r.table = p.blank_table("optimal");
    r.exact = false;
    const auto& xs = p.fp32_x();
    std::vector<size_t> order(xs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return xs[a] < xs[b]; });
    std::vector<float> xg;
    std::vector<LineSums> prefix{LineSums{}};
    for (size_t k : order) {
        if (xg.empty() || xg.back() != xs[k]) {
            xg.push_back(xs[k]);
            prefix.push_back(prefix.back());
        }
        prefix.back().add(xs[k], p.fp32_target()[k], 1.0);
    }
    const size_t n = static_cast<size_t>(p.spec().entries);
    const std::vector<size_t> cand = thin(xg.size() + 1);
    auto sums = [&](size_t i, size_t j) { return prefix[cand[j]] - prefix[cand[i]]; };
    auto sse = [&](size_t i, size_t j) {
        const LineSums s = sums(i, j);
        const RealLine l = lsq_line(s, xg[cand[i]], xg[cand[j] - 1]);
        return static_cast<double>(std::max<long double>(
            0, s.wtt - 2 * l.slope * s.wat - 2 * l.intercept * s.wt + static_cast<long double>(l.slope) * l.slope * s.waa +
                   2 * static_cast<long double>(l.slope) * l.intercept * s.wa + static_cast<long double>(l.intercept) * l.intercept * s.w));
    };
    const Partition part = best_partition(cand.size(), n, sse, 1);
    for (size_t k = 0; k < part.starts.size(); ++k) {
        const size_t i = part.starts[k];
        const size_t j = k + 1 < part.starts.size() ? part.starts[k + 1] : cand.size() - 1;
        if (k > 0) r.table.fp32.breakpoints.push_back(xg[cand[i]]);
        const RealLine l = lsq_line(sums(i, j), xg[cand[i]], xg[cand[j] - 1]);
        r.table.fp32.slopes.push_back(static_cast<float>(l.slope));
        r.table.fp32.intercepts.push_back(static_cast<float>(l.intercept));
    }
    while (r.table.fp32.slopes.size() < n) {
        r.table.fp32.breakpoints.push_back(xg.back() + 1.0f);   // above every sample
        r.table.fp32.slopes.push_back(0);
        r.table.fp32.intercepts.push_back(0);
    }
    r.note = "DP over segmentations of the sample points with real least-squares lines, parameters rounded to "
             "binary32 (optimal up to that rounding, not certified)";
    if (xg.size() + 1 > kMaxBoundaries) r.note += "; thinned to " + std::to_string(kMaxBoundaries) + " boundaries";
    return r;
}

}  // namespace gqalut
