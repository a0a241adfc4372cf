#include "search/breakpoint_problem.hpp"

#include <algorithm>
#include <cmath>

#include "model/errors.hpp"
#include "search/int_line.hpp"
#include "search/max_line.hpp"
#include "search/segment_fit.hpp"

namespace gqalut {

Fit parse_fit(const std::string& s) {
    if (s == "chord") return Fit::chord;
    if (s == "lsq") return Fit::lsq;
    throw BadInput("--fit: '" + s + "' is neither chord nor lsq");
}

std::string to_string(Fit f) { return f == Fit::chord ? "chord" : "lsq"; }

std::pair<double, double> BreakpointProblem::chord_anchors(const std::string& function, double lo, double hi) {
    if (function == "gelu" || function == "hswish" || function == "silu") return {-10000.0, 10000.0};
    if (function == "exp") return {-16.0, 0.0};
    return {lo, hi};
}

BreakpointProblem::BreakpointProblem(const Problem& problem, Fit fit) : problem_(problem), fit_(fit) {
    const auto a = chord_anchors(problem.function().name(), problem.fit_lo(), problem.fit_hi());
    anchor_lo_ = a.first;
    anchor_hi_ = a.second;
}

PwlTable BreakpointProblem::decode(const Genome& g, const std::string& method) const {
    PwlTable t = problem_.blank_table(method);
    const RefFunction& f = problem_.function();
    std::vector<double> edges;
    edges.reserve(g.size() + 2);
    edges.push_back(anchor_lo_);
    edges.insert(edges.end(), g.begin(), g.end());
    edges.push_back(anchor_hi_);
    const size_t n = g.size() + 1;

    if (problem_.is_fp32()) {
        for (size_t i = 0; i < n; ++i) {
            if (i > 0) t.fp32.breakpoints.push_back(static_cast<float>(g[i - 1]));
            const Line l = chord_fit(f, edges[i], edges[i + 1]);
            t.fp32.slopes.push_back(static_cast<float>(l.slope));
            t.fp32.intercepts.push_back(static_cast<float>(l.intercept));
        }
        if (fit_ == Fit::lsq) fit_fp32_lsq(t);
        return t;
    }
    SharedBreakpoints sh;
    sh.breakpoints = g;
    const bool relative = t.datapath.intercept == InterceptMode::relative;
    for (size_t i = 0; i < n; ++i) {
        const Line l = chord_fit(f, edges[i], edges[i + 1]);
        // Relative intercepts: B is the line's value at the segment start (§10).
        const double start = !relative ? 0.0 : i == 0 ? problem_.fit_lo() : g[i - 1];
        sh.slopes.push_back(param_code(l.slope, t.params.lambda_k, t.params));
        sh.intercepts.push_back(param_code(l.intercept + l.slope * start, t.params.lambda_b, t.params));
    }
    t.shared = std::move(sh);
    if (fit_ == Fit::lsq) fit_int_lsq(g, t);
    return t;
}

// The best integer codes per segment for the problem's objective over the protocol's points
// of every scale: least squares with each scale weighted 1/n_s as in the per-scale mean, or
// the maximum error. Segments without points keep their chord.
void BreakpointProblem::fit_int_lsq(const Genome& g, PwlTable& t) const {
    const size_t n = g.size() + 1;
    const bool max_obj = problem_.spec().objective == Objective::max;
    std::vector<LineSums> sums(n);
    std::vector<std::vector<MaxPoint>> points(max_obj ? n : 0);
    std::vector<double> amin(n, INFINITY), amax(n, -INFINITY);
    const IntParams& p = t.params;
    std::vector<int64_t> codes(g.size());
    for (const ScaleGrid& grid : problem_.grids()) {
        if (grid.q.empty()) continue;
        for (size_t j = 0; j < g.size(); ++j) codes[j] = breakpoint_code(g[j], grid.s, p, t.datapath.folded());
        const SegmentStarts starts = segment_starts(t, grid.s);
        const double inv_n = 1.0 / static_cast<double>(grid.q.size());
        for (size_t i = 0; i < grid.q.size(); ++i) {
            const int64_t q = grid.q[i];
            const size_t seg = static_cast<size_t>(std::upper_bound(codes.begin(), codes.end(), q) - codes.begin());
            const double a = std::ldexp(static_cast<double>(q - starts.start(codes, seg)), -(p.lambda_k + grid.s));
            sums[seg].add(a, grid.target[i], grid.weight[i] * inv_n);
            if (max_obj) points[seg].push_back({a, grid.target[i], std::sqrt(grid.weight[i])});
            amin[seg] = std::min(amin[seg], a);
            amax[seg] = std::max(amax[seg], a);
        }
    }
    const FixFormat pf = p.param_format(0);
    const CodeBox box{pf.min_code(), pf.max_code(), pf.min_code(), pf.max_code()};
    const double c = std::ldexp(1.0, -p.lambda_b);
    for (size_t i = 0; i < n; ++i) {
        if (!(sums[i].w > 0)) continue;
        const IntLine l = max_obj ? best_int_line_max(std::move(points[i]), c, box) : best_int_line(sums[i], amin[i], amax[i], c, box);
        t.shared->slopes[i] = l.k;
        t.shared->intercepts[i] = l.b;
    }
}

void BreakpointProblem::fit_fp32_lsq(PwlTable& t) const {
    const size_t n = t.fp32.slopes.size();
    std::vector<LineSums> sums(n);
    std::vector<double> amin(n, INFINITY), amax(n, -INFINITY);
    const auto& xs = problem_.fp32_x();
    for (size_t i = 0; i < xs.size(); ++i) {
        size_t seg = 0;   // the FP32 datapath's i = #{ j : x >= p_j }
        for (float b : t.fp32.breakpoints) seg += xs[i] >= b ? 1 : 0;
        sums[seg].add(xs[i], problem_.fp32_target()[i], 1.0);
        amin[seg] = std::min<double>(amin[seg], xs[i]);
        amax[seg] = std::max<double>(amax[seg], xs[i]);
    }
    for (size_t i = 0; i < n; ++i) {
        if (!(sums[i].w > 0)) continue;
        const RealLine l = lsq_line(sums[i], amin[i], amax[i]);
        t.fp32.slopes[i] = static_cast<float>(l.slope);
        t.fp32.intercepts[i] = static_cast<float>(l.intercept);
    }
}

}  // namespace gqalut
