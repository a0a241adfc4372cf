#include "search/optimal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>

#include "model/errors.hpp"
#include "search/int_line.hpp"
#include "search/max_line.hpp"
#include "search/parallel.hpp"

namespace gqalut {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The points of one scale with one weight (an INT grid is one channel; the scaler grid has one
// per result shift), grouped by input code in ascending order: one cell per code.
struct Channel {
    int scale = 0;
    double max_weight = 1;   // a point's error counts weight * |y - t| (sqrt of its MSE weight)
    std::vector<int64_t> code;
    std::vector<double> a;            // a = q 2^-(lambda_k + s)
    std::vector<double> t_hi, t_lo;   // the cell's largest and smallest target
    std::vector<LineSums> sums;       // the cell's moments (MSE weights)
};

// The channels of one grid; `mse_scale` multiplies the MSE weights (shared: 1/n_s).
std::vector<Channel> make_channels(const ScaleGrid& g, const IntParams& p, double mse_scale) {
    std::vector<size_t> order(g.q.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
        return g.weight[x] != g.weight[y] ? g.weight[x] > g.weight[y] : g.q[x] < g.q[y];
    });
    std::vector<Channel> out;
    for (size_t k : order) {
        const double mw = std::sqrt(g.weight[k]);
        if (out.empty() || out.back().max_weight != mw) {   // sorted by weight: a new channel
            out.emplace_back();
            out.back().scale = g.s;
            out.back().max_weight = mw;
        }
        Channel& ch = out.back();
        if (ch.code.empty() || ch.code.back() != g.q[k]) {
            ch.code.push_back(g.q[k]);
            ch.a.push_back(std::ldexp(static_cast<double>(g.q[k]), -(p.lambda_k + g.s)));
            ch.t_hi.push_back(g.target[k]);
            ch.t_lo.push_back(g.target[k]);
            ch.sums.emplace_back();
        }
        ch.t_hi.back() = std::max(ch.t_hi.back(), g.target[k]);
        ch.t_lo.back() = std::min(ch.t_lo.back(), g.target[k]);
        ch.sums.back().add(ch.a.back(), g.target[k], g.weight[k] * mse_scale);
    }
    return out;
}

// DP boundaries over a set of channels: boundary b splits channel c before cell pos[b][c];
// prefix[b] holds the moments of every cell below it, channel_prefix[b][c] those of channel c.
struct Cuts {
    std::vector<std::vector<size_t>> pos;
    std::vector<LineSums> prefix;
    std::vector<std::vector<LineSums>> channel_prefix;
    size_t size() const { return pos.size(); }
};

Cuts make_cuts(const std::vector<Channel>& ch, std::vector<std::vector<size_t>> pos) {
    Cuts c;
    c.pos = std::move(pos);
    std::vector<size_t> at(ch.size(), 0);
    std::vector<LineSums> own(ch.size());
    LineSums run;
    for (const auto& p : c.pos) {
        for (size_t k = 0; k < ch.size(); ++k)
            for (; at[k] < p[k]; ++at[k]) run += ch[k].sums[at[k]], own[k] += ch[k].sums[at[k]];
        c.prefix.push_back(run);
        c.channel_prefix.push_back(own);
    }
    return c;
}

// Relative intercepts (numeric-definition.md §10): the operand code a run starting at cut b
// measures channel c's inputs from (its segment start P_{i-1}, or ORIGIN at the first cut).
using RunStart = std::function<int64_t(size_t cut, size_t channel)>;

// Evenly spaced subset of 0..m-1 (first and last included) of at most `most`.
std::vector<size_t> thin(size_t m, size_t most) {
    std::vector<size_t> c;
    if (m <= most) {
        for (size_t i = 0; i < m; ++i) c.push_back(i);
        return c;
    }
    for (size_t k = 0; k < most; ++k) c.push_back(k * (m - 1) / (most - 1));
    return c;
}

// The best integer line of the segment between two cuts under the problem's objective. With
// `start` (relative intercepts) a run's inputs are measured from its start: a - delta, delta the
// start's a, so the intercept code is the value at the segment start. The cost of a run still
// depends on its two cuts only, so the DPs stay exact.
class SegmentFitter {
public:
    SegmentFitter(const std::vector<Channel>& ch, const Cuts& cuts, const IntParams& p, Objective obj,
                  const RunStart& start = nullptr)
        : ch_(ch), cuts_(cuts), obj_(obj), c_(std::ldexp(1.0, -p.lambda_b)) {
        const FixFormat f = p.param_format(0);
        box_ = {f.min_code(), f.max_code(), f.min_code(), f.max_code()};
        if (start) {
            delta_.assign(cuts.size(), std::vector<double>(ch.size(), 0.0));
            for (size_t b = 0; b + 1 < cuts.size(); ++b)
                for (size_t k = 0; k < ch.size(); ++k)
                    delta_[b][k] = std::ldexp(static_cast<double>(start(b, k)), -(p.lambda_k + ch[k].scale));
        }
    }

    bool relative() const { return !delta_.empty(); }

    IntLine fit(size_t i, size_t j) const {
        if (obj_ == Objective::mse) return fit_mse(i, j);
        std::vector<PointHull> hulls(ch_.size());
        for (size_t k = 0; k < ch_.size(); ++k) add_cells(hulls[k], k, cuts_.pos[i][k], cuts_.pos[j][k], delta(i, k));
        return fit_max(i, j, hulls);
    }

    // out[j] = fit(i, j).cost for j in (i, m) (squared error).
    void row(size_t i, double* out) const {
        for (size_t j = i + 1; j < cuts_.size(); ++j) out[j] = fit_mse(i, j).cost;
    }

    // The maximum error of runs (i, j) as a run grows: the hulls keep the cells of the current
    // start and only take the new ones (a call with another start begins again).
    class Grower {
    public:
        explicit Grower(const SegmentFitter& f) : f_(f), hulls_(f.ch_.size()) {}
        double cost(size_t i, size_t j) {
            if (i != start_ || j < end_) {
                for (PointHull& h : hulls_) h.clear();
                start_ = end_ = i;
            }
            for (size_t k = 0; k < hulls_.size(); ++k)
                f_.add_cells(hulls_[k], k, f_.cuts_.pos[end_][k], f_.cuts_.pos[j][k], f_.delta(i, k));
            end_ = j;
            return f_.fit_max(i, j, hulls_).cost;
        }

    private:
        const SegmentFitter& f_;
        std::vector<PointHull> hulls_;
        size_t start_ = SIZE_MAX, end_ = 0;
    };

private:
    double delta(size_t i, size_t k) const { return delta_.empty() ? 0.0 : delta_[i][k]; }
    void add_cells(PointHull& h, size_t k, size_t from, size_t to, double shift) const {
        for (size_t c = from; c < to; ++c) h.add(ch_[k].a[c] - shift, ch_[k].t_hi[c], ch_[k].t_lo[c]);
    }
    // The run's moments in its own input coordinate.
    LineSums sums(size_t i, size_t j) const {
        if (delta_.empty()) return cuts_.prefix[j] - cuts_.prefix[i];
        LineSums m;
        for (size_t k = 0; k < ch_.size(); ++k)
            if (cuts_.pos[j][k] > cuts_.pos[i][k])
                m += (cuts_.channel_prefix[j][k] - cuts_.channel_prefix[i][k]).shifted(delta(i, k));
        return m;
    }
    IntLine fit_mse(size_t i, size_t j) const {
        double amin = kInf, amax = -kInf;
        for (size_t k = 0; k < ch_.size(); ++k) {
            const size_t a = cuts_.pos[i][k], b = cuts_.pos[j][k];
            if (b == a) continue;
            amin = std::min(amin, ch_[k].a[a] - delta(i, k));
            amax = std::max(amax, ch_[k].a[b - 1] - delta(i, k));
        }
        return best_int_line(sums(i, j), amin, amax, c_, box_);
    }
    IntLine fit_max(size_t i, size_t j, const std::vector<PointHull>& hulls) const {
        std::vector<MaxChannel> mc;
        for (size_t k = 0; k < ch_.size(); ++k)
            if (!hulls[k].empty()) mc.push_back({&hulls[k], ch_[k].max_weight});
        return best_int_line_max(mc, sums(i, j), c_, box_);
    }

    const std::vector<Channel>& ch_;
    const Cuts& cuts_;
    Objective obj_;
    double c_;
    CodeBox box_;
    std::vector<std::vector<double>> delta_;   // [cut][channel]; empty: absolute intercepts
};

// The DP over the cuts: squared errors add (the full matrix, rows in parallel); the maximum
// error is monotone in the run, so the greedy bisection finds its optimum with O(m) fits per
// step instead of the matrix's m^2 / 2. With relative intercepts a later start is not always
// better (the lines measured from it are another lattice), so the greedy cover does not apply:
// the full matrix, each row grown from its start.
Partition partition(const SegmentFitter& fit, size_t m, size_t parts, Objective o, int threads) {
    if (o == Objective::max && fit.relative()) {
        return best_partition(
            m, parts,
            [&](size_t i, double* out) {
                SegmentFitter::Grower grow(fit);
                for (size_t j = i + 1; j < m; ++j) out[j] = grow.cost(i, j);
            },
            Combine::max, threads);
    }
    if (o == Objective::max) {
        SegmentFitter::Grower grow(fit);
        return min_max_partition(m, parts, [&](size_t i, size_t j) { return grow.cost(i, j); });
    }
    return best_partition(m, parts, [&](size_t i, double* out) { fit.row(i, out); }, Combine::sum, threads);
}

// The set-up every INT DP shares: a blank table of the problem, its parameters and entries.
struct IntJob {
    explicit IntJob(const Problem& p, const std::string& method)
        : table(p.blank_table(method)), params(table.params), entries(static_cast<size_t>(p.spec().entries)),
          objective(p.spec().objective), relative(table.datapath.intercept == InterceptMode::relative) {}
    int64_t origin(int s) const { return segment_starts(table, s).origin; }
    PwlTable table;
    const IntParams& params;
    size_t entries;
    Objective objective;
    bool relative;
};

// One run of a partition: its cut indices.
std::vector<std::pair<size_t, size_t>> runs_of(const Partition& part, size_t m) {
    std::vector<std::pair<size_t, size_t>> r;
    for (size_t k = 0; k < part.starts.size(); ++k)
        r.emplace_back(part.starts[k], k + 1 < part.starts.size() ? part.starts[k + 1] : m - 1);
    return r;
}

std::string exactness(bool certified) { return certified ? "exact" : "not certified (enumeration cap hit)"; }

std::string objective_text(Objective o) {
    return o == Objective::max ? "largest absolute error" : "squared error";
}

}  // namespace

size_t max_boundaries(size_t entries) {
    // N m^2 / 2 DP steps within about 2^28, but never fewer boundaries than N + 1.
    const double budget = std::ldexp(1.0, 29) / static_cast<double>(std::max<size_t>(entries, 1));
    const size_t m = static_cast<size_t>(std::sqrt(budget));
    return std::max(entries + 1, std::min<size_t>(2049, m));
}

Partition best_partition(size_t m, size_t parts, const CostRow& row, Combine combine, int threads) {
    Partition out;
    out.starts = {0};
    if (m < 2 || parts == 0) return out;
    // Cost matrix, rows in parallel (each row is independent).
    std::vector<double> c(m * m, kInf);
    {
        WorkerPool pool(threads);
        pool.for_each(m - 1, [&](size_t i) { row(i, &c[i * m]); });
    }
    auto join = [combine](double a, double b) { return combine == Combine::sum ? a + b : std::max(a, b); };
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
                const double v = join(d[e - 1][i], c[i * m + j]);
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

Partition best_partition(size_t m, size_t parts, const std::function<double(size_t, size_t)>& cost, int threads) {
    return best_partition(
        m, parts, [&](size_t i, double* out) { for (size_t j = i + 1; j < m; ++j) out[j] = cost(i, j); }, Combine::sum,
        threads);
}

Partition min_max_partition(size_t m, size_t parts, const std::function<double(size_t, size_t)>& cost) {
    Partition out;
    out.starts = {0};
    if (m < 2 || parts == 0) return out;
    // The greedy cover for eps: each run as long as its cost stays <= eps.
    auto cover = [&](double eps, std::vector<size_t>* starts) {
        size_t i = 0, runs = 0;
        if (starts) starts->clear();
        while (i < m - 1) {
            if (++runs > parts || !(cost(i, i + 1) <= eps)) return false;
            if (starts) starts->push_back(i);
            size_t j = i + 1;
            while (j + 1 < m && cost(i, j + 1) <= eps) ++j;
            i = j;
        }
        return true;
    };
    // Bisection over the non-negative doubles by bit pattern (ordered like their values):
    // the cover is feasible at one run's cost (hi) and the least feasible eps is a run cost.
    auto bits = [](double v) {
        uint64_t u;
        std::memcpy(&u, &v, sizeof u);
        return u;
    };
    auto value = [](uint64_t u) {
        double v;
        std::memcpy(&v, &u, sizeof v);
        return v;
    };
    uint64_t hi = bits(std::max(0.0, cost(0, m - 1)));
    if (cover(0.0, nullptr)) {
        hi = 0;
    } else {
        uint64_t lo = 0;
        while (hi - lo > 1) {
            const uint64_t mid = lo + (hi - lo) / 2;
            (cover(value(mid), nullptr) ? hi : lo) = mid;
        }
    }
    cover(value(hi), &out.starts);
    out.cost = value(hi);
    return out;
}

OptimalResult optimal_per_scale(const Problem& p, int threads, size_t max_cuts) {
    if (p.is_fp32()) return optimal_fp32(p);
    IntJob job(p, "optimal");
    OptimalResult r;
    size_t most = max_boundaries(job.entries);
    if (job.objective == Objective::mse || job.relative) {   // the DPs that fill the matrix
        const double per_dp = 2.0 * kMaxFits / static_cast<double>(std::max<size_t>(1, p.grids().size()));
        most = std::min(most, std::max(job.entries + 1, static_cast<size_t>(std::sqrt(per_dp))));
    }
    if (max_cuts > 0) most = std::min(most, std::max(job.entries + 1, max_cuts));
    size_t largest = 0;
    bool sampled = false;
    for (const ScaleGrid& g : p.grids()) {
        sampled = sampled || g.stride > 1;
        const std::vector<Channel> ch = make_channels(g, job.params, 1.0);
        // Boundaries: before each distinct code, and the end.
        std::vector<int64_t> codes;
        for (const Channel& c : ch) codes.insert(codes.end(), c.code.begin(), c.code.end());
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
        const size_t m = codes.size() + 1;
        largest = std::max(largest, m);
        const std::vector<size_t> cand = thin(m, most);
        std::vector<std::vector<size_t>> pos;
        for (size_t i : cand) {
            std::vector<size_t> at;
            for (const Channel& c : ch)
                at.push_back(i == codes.size() ? c.code.size()
                                               : static_cast<size_t>(std::lower_bound(c.code.begin(), c.code.end(), codes[i]) -
                                                                     c.code.begin()));
            pos.push_back(at);
        }
        const Cuts cuts = make_cuts(ch, pos);
        const int64_t origin = job.origin(g.s);
        const RunStart start = [&](size_t b, size_t) { return b == 0 ? origin : codes[cand[b]]; };
        const SegmentFitter fit(ch, cuts, job.params, job.objective, job.relative ? start : nullptr);
        LutCodes lut;
        if (cuts.size() >= 2) {
            const Partition part = partition(fit, cuts.size(), job.entries, job.objective, threads);
            for (const auto& [i, j] : runs_of(part, cuts.size())) {
                if (i > 0) lut.breakpoints.push_back(codes[cand[i]]);
                const IntLine l = fit.fit(i, j);
                if (!l.certified) r.exact = false;
                lut.slopes.push_back(l.k);
                lut.intercepts.push_back(l.b);
            }
        }
        // Unused entries: a breakpoint that never fires, zero parameters.
        while (lut.slopes.size() < job.entries) {
            if (!lut.slopes.empty()) lut.breakpoints.push_back(job.table.bp_max());
            lut.slopes.push_back(0);
            lut.intercepts.push_back(0);
        }
        job.table.per_scale[g.s] = lut;
    }
    r.table = job.table;
    const std::string what = "DP over every segmentation of each scale's grid, best integer codes per segment for the " +
                             objective_text(job.objective);
    if (largest > most) {
        r.exact = false;
        r.note = "not exact: a scale has " + std::to_string(largest - 1) + " distinct inputs; the DP ran on " +
                 std::to_string(most) + " evenly spaced boundaries";
    } else {
        r.note = exactness(r.exact) + ": " + what;
    }
    if (sampled) {
        r.exact = false;
        r.note += "; grids above " + std::to_string(kMaxGridCodes) + " codes sampled with a constant stride";
    }
    return r;
}

OptimalResult optimal_uniform_segments(const Problem& p) {
    if (p.is_fp32()) throw BadInput("uniform segments address INT inputs by their MSBs; FP32 tables need comparators");
    IntJob job(p, "optimal-uniform");
    OptimalResult r;
    const int64_t n = static_cast<int64_t>(job.entries);
    const bool max_obj = job.objective == Objective::max;
    bool sampled = false;
    for (const ScaleGrid& g : p.grids()) {
        sampled = sampled || g.stride > 1;
        const std::vector<Channel> ch = make_channels(g, job.params, 1.0);
        LutCodes lut;
        int64_t lowest = INT64_MAX, highest = INT64_MIN;
        for (const Channel& c : ch) lowest = std::min(lowest, c.code.front()), highest = std::max(highest, c.code.back());
        if (ch.empty()) {
            lut.breakpoints.assign(static_cast<size_t>(n - 1), job.table.bp_max());
            lut.slopes.assign(static_cast<size_t>(n), 0);
            lut.intercepts.assign(static_cast<size_t>(n), 0);
            job.table.per_scale[g.s] = lut;
            continue;
        }
        // Relative intercepts: the segments start at ORIGIN, so an MSB-addressed unit forms both the
        // index and the operand from q - ORIGIN (no segment start is stored).
        const int64_t base = job.relative ? std::min(lowest, job.origin(g.s)) : lowest, span = highest - base + 1;
        // The last segment is open-ended (the index saturates at N-1), so any width 2^sh with
        // N 2^sh <= 2 span is a candidate; each is fitted exactly and the best one kept.
        auto fit_width = [&](int sh, LutCodes& out) {
            std::vector<std::vector<size_t>> pos;
            for (int64_t i = 0; i <= n; ++i) {
                std::vector<size_t> at;
                for (const Channel& c : ch) {
                    if (i == n) {
                        at.push_back(c.code.size());
                        continue;
                    }
                    const int64_t edge = base + (i << sh);
                    at.push_back(static_cast<size_t>(std::lower_bound(c.code.begin(), c.code.end(), edge) - c.code.begin()));
                }
                pos.push_back(at);
            }
            const Cuts cuts = make_cuts(ch, pos);
            const int64_t origin = job.origin(g.s);
            const RunStart start = [&](size_t b, size_t) {
                return b == 0 ? origin : std::min(job.table.bp_max(), base + (static_cast<int64_t>(b) << sh));
            };
            const SegmentFitter fit(ch, cuts, job.params, job.objective, job.relative ? start : nullptr);
            double cost = 0;
            for (int64_t i = 0; i < n; ++i) {
                if (i > 0) out.breakpoints.push_back(std::min(job.table.bp_max(), base + (i << sh)));
                IntLine l;
                bool any = false;
                for (size_t k = 0; k < ch.size(); ++k) any = any || cuts.pos[i + 1][k] > cuts.pos[i][k];
                if (any) l = fit.fit(static_cast<size_t>(i), static_cast<size_t>(i + 1));
                if (!l.certified) r.exact = false;
                out.slopes.push_back(l.k);
                out.intercepts.push_back(l.b);
                cost = max_obj ? std::max(cost, l.cost) : cost + l.cost;
            }
            return cost;
        };
        double best = kInf;
        for (int sh = 0; sh == 0 || (n << (sh - 1)) < span; ++sh) {
            LutCodes cand;
            const double cost = fit_width(sh, cand);
            if (cost < best) {
                best = cost;
                lut = cand;
            }
        }
        job.table.per_scale[g.s] = lut;
    }
    r.table = job.table;
    r.note = exactness(r.exact) + " for uniform power-of-two segments from each scale's lowest grid code (best width per scale, " +
             objective_text(job.objective) + ")";
    if (sampled) {
        r.exact = false;
        r.note += "; grids above " + std::to_string(kMaxGridCodes) + " codes sampled with a constant stride";
    }
    return r;
}

OptimalResult optimal_shared(const Problem& p, int threads, size_t max_cuts) {
    if (p.is_fp32()) return optimal_fp32(p);
    IntJob job(p, "optimal");
    OptimalResult r;
    std::vector<Channel> ch;
    bool sampled = false;
    for (const ScaleGrid& g : p.grids()) {
        if (g.q.empty()) continue;
        sampled = sampled || g.stride > 1;
        for (Channel& c : make_channels(g, job.params, 1.0 / static_cast<double>(g.q.size()))) ch.push_back(std::move(c));
    }
    // The thresholds where a breakpoint's code at some scale passes a grid code: (c + 1/2) 2^-s,
    // odd multiples of 2^-(s+1). One candidate just above each, and one below them all.
    std::vector<double> thresholds;
    int smax = 0;
    for (const Channel& c : ch) {
        smax = std::max(smax, c.scale);
        for (int64_t code : c.code) thresholds.push_back(std::ldexp(static_cast<double>(code) + 0.5, -c.scale));
    }
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    const double half_cell = std::ldexp(1.0, -(smax + 2));   // half of 2^-(smax+1)
    const size_t m = thresholds.size() + 1;
    const size_t most = max_cuts > 0 ? std::max(job.entries + 1, std::min(max_cuts, max_boundaries(job.entries)))
                                     : max_boundaries(job.entries);
    const std::vector<size_t> cand = thin(m, most);
    std::vector<double> rep;
    std::vector<std::vector<size_t>> pos;
    for (size_t i : cand) {
        const double pj = i == 0 ? thresholds.front() - half_cell : thresholds[i - 1] + half_cell;
        std::vector<size_t> at;
        for (const Channel& c : ch) {
            const int64_t code = breakpoint_code(pj, c.scale, job.params, job.table.datapath.folded());
            at.push_back(static_cast<size_t>(std::lower_bound(c.code.begin(), c.code.end(), code) - c.code.begin()));
        }
        rep.push_back(pj);
        pos.push_back(at);
    }
    for (size_t k = 0; k < ch.size(); ++k)
        if (pos.front()[k] != 0 || pos.back()[k] != ch[k].code.size())
            throw std::logic_error("optimal_shared: candidate range does not cover the grids");
    const Cuts cuts = make_cuts(ch, pos);
    const RunStart start = [&](size_t b, size_t k) {
        return b == 0 ? job.origin(ch[k].scale) : breakpoint_code(rep[b], ch[k].scale, job.params, job.table.datapath.folded());
    };
    const SegmentFitter fit(ch, cuts, job.params, job.objective, job.relative ? start : nullptr);
    SharedBreakpoints sh;
    const Partition part = partition(fit, cuts.size(), job.entries, job.objective, threads);
    for (const auto& [i, j] : runs_of(part, cuts.size())) {
        if (i > 0) sh.breakpoints.push_back(rep[i]);
        const IntLine l = fit.fit(i, j);
        if (!l.certified) r.exact = false;
        sh.slopes.push_back(l.k);
        sh.intercepts.push_back(l.b);
    }
    while (sh.slopes.size() < job.entries) {   // unused entries: breakpoints above every grid
        sh.breakpoints.push_back(rep.back());
        sh.slopes.push_back(0);
        sh.intercepts.push_back(0);
    }
    job.table.shared = sh;
    r.table = job.table;
    if (m > most) {
        r.exact = false;
        r.note = "not exact: " + std::to_string(m) + " breakpoint rounding patterns; the DP ran on " + std::to_string(most) +
                 " evenly spaced ones";
    } else {
        r.note = exactness(r.exact) + ": DP over all " + std::to_string(m) +
                 " per-scale rounding patterns of a shared breakpoint, best integer codes per segment for the " +
                 objective_text(job.objective);
    }
    if (sampled) {
        r.exact = false;
        r.note += "; grids above " + std::to_string(kMaxGridCodes) + " codes sampled with a constant stride";
    }
    return r;
}

OptimalResult optimal_fp32(const Problem& p) {
    if (p.spec().objective == Objective::max)
        throw BadInput("--objective max: fp32 tables are fitted by least squares only (the INT precisions have the exact "
                       "maximum-error optimum)");
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
    const size_t most = max_boundaries(n);
    const std::vector<size_t> cand = thin(xg.size() + 1, most);
    auto sums = [&](size_t i, size_t j) { return prefix[cand[j]] - prefix[cand[i]]; };
    auto sse = [&](size_t i, size_t j) {
        const LineSums s = sums(i, j);
        const RealLine l = lsq_line(s, xg[cand[i]], xg[cand[j] - 1]);
        return static_cast<double>(std::max<long double>(
            0, s.wtt - 2 * l.slope * s.wat - 2 * l.intercept * s.wt + static_cast<long double>(l.slope) * l.slope * s.waa +
                   2 * static_cast<long double>(l.slope) * l.intercept * s.wa + static_cast<long double>(l.intercept) * l.intercept * s.w));
    };
    const Partition part = best_partition(cand.size(), n, sse, 1);
    for (const auto& [i, j] : runs_of(part, cand.size())) {
        if (i > 0) r.table.fp32.breakpoints.push_back(xg[cand[i]]);
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
    if (xg.size() + 1 > most) r.note += "; thinned to " + std::to_string(most) + " boundaries";
    return r;
}

}  // namespace gqalut
