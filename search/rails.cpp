#include "search/rails.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gqalut {

namespace {

struct Point {
    double a, t, w;   // y = K a + B c; MSE weight w, max weight sqrt(w)
};

// The entry's objective for codes (k, b) over its points.
double entry_error(const std::vector<Point>& pts, int64_t k, int64_t b, double c, Objective o) {
    double e = 0;
    for (const Point& p : pts) {
        const double d = static_cast<double>(k) * p.a + static_cast<double>(b) * c - p.t;
        e = o == Objective::max ? std::max(e, std::fabs(d) * std::sqrt(p.w)) : e + p.w * d * d;
    }
    return e;
}

// Counts the clipped codes of one LUT load given each entry's points.
void count(const std::vector<std::vector<Point>>& entries, const std::vector<int64_t>& slopes,
           const std::vector<int64_t>& intercepts, const IntParams& ip, Objective o, RailReport& r) {
    const FixFormat f = ip.param_format(0);
    const double c = std::ldexp(1.0, -ip.lambda_b);
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].empty()) continue;
        const int64_t k = slopes[i], b = intercepts[i];
        const double now = entry_error(entries[i], k, b, c, o);
        auto better = [&](int64_t k2, int64_t b2) { return entry_error(entries[i], k2, b2, c, o) < now; };
        if ((k == f.min_code() && better(k - 1, b)) || (k == f.max_code() && better(k + 1, b))) ++r.slopes;
        if ((b == f.min_code() && better(k, b - 1)) || (b == f.max_code() && better(k, b + 1))) ++r.intercepts;
    }
}

}  // namespace

RailReport clipped_codes(const Problem& p, const PwlTable& t) {
    RailReport r;
    if (p.is_fp32()) return r;
    const IntParams& ip = t.params;
    const Objective o = p.spec().objective;
    const size_t n = static_cast<size_t>(t.entries);
    std::vector<std::vector<Point>> shared(n);
    for (const ScaleGrid& g : p.grids()) {
        const LutCodes lut = t.lut_for_scale(g.s);
        std::vector<std::vector<Point>> own(n);
        // Shared tables weigh each scale as the per-scale mean does.
        const double scale_w = t.is_shared() && !g.q.empty() ? 1.0 / static_cast<double>(g.q.size()) : 1.0;
        const SegmentStarts starts = segment_starts(t, g.s);
        for (size_t i = 0; i < g.q.size(); ++i) {
            const size_t seg = static_cast<size_t>(std::upper_bound(lut.breakpoints.begin(), lut.breakpoints.end(), g.q[i]) -
                                                   lut.breakpoints.begin());
            const int64_t operand = g.q[i] - starts.start(lut.breakpoints, seg);
            const Point pt{std::ldexp(static_cast<double>(operand), -(ip.lambda_k + g.s)), g.target[i],
                           g.weight[i] * (o == Objective::max ? 1.0 : scale_w)};
            (t.is_shared() ? shared : own)[seg].push_back(pt);
        }
        if (!t.is_shared()) count(own, lut.slopes, lut.intercepts, ip, o, r);
    }
    if (t.is_shared()) count(shared, t.shared->slopes, t.shared->intercepts, ip, o, r);
    return r;
}

}  // namespace gqalut
