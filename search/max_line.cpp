// Why best_int_line_max is exact.
//
// E(K, B) = max_i w_i |K a_i + B c - t_i| is convex (a maximum of affine functions' absolute
// values), so the lattice walk applies (lattice_walk.hpp) once each line gives its integer
// minimum and a lower bound of E on its real segment.
// - Lines of constant K: with U_j = U_j(K), L_j = L_j(K) per weight class j, E is the maximum
//   of rising lines w_j (y - L_j) and falling lines w_j (U_j - y) in y = B c. By Helly's theorem
//   in one dimension (intervals meet if they meet pairwise), its minimum over the reals is
//   v* = max over pairs (p, q) of w_p w_q (U_q - L_p) / (w_p + w_q), reached at the single y*
//   where every rising line is <= v* and every falling one too. Clamped to the box this is the
//   line's exact real minimum, and the best integer B is the floor or the ceiling of y*/c.
// - Other lines: E along the line is convex in the integer parameter t, so the first t with
//   E(t+1) >= E(t) is the integer minimum (found by galloping from a guess, then bisection).
//   The real minimum lies within one step of it; on each unit cell [y, y+1] E is at least
//   both secants through (y-1, y) and (y+1, y+2) extended into the cell (convexity), which
//   gives the lower bound.
// - One distinct input: E depends on y = K a + B c only and is convex in y with its minimum at
//   y* (as above with K = 0): the single-input number theory of int_line.cpp applies.
#include "search/max_line.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace gqalut {

void PointHull::clear() {
    up_.clear();
    lo_.clear();
}

void PointHull::add(double a_in, double t_hi, double t_lo) {
    const long double a = a_in;
    // cross > 0: (p1 - p0, p2 - p0) turns left.
    auto cross = [](const P& p0, const P& p1, const P& p2) {
        return (p1.a - p0.a) * (p2.t - p0.t) - (p1.t - p0.t) * (p2.a - p0.a);
    };
    auto push = [&](std::vector<P>& h, P p, bool upper) {
        while (!h.empty() && h.back().a == p.a) {
            if (upper ? h.back().t >= p.t : h.back().t <= p.t) return;
            h.pop_back();
        }
        while (h.size() >= 2 && (upper ? cross(h[h.size() - 2], h.back(), p) >= 0 : cross(h[h.size() - 2], h.back(), p) <= 0))
            h.pop_back();
        h.push_back(p);
    };
    push(up_, {a, static_cast<long double>(t_hi)}, true);
    push(lo_, {a, static_cast<long double>(t_lo)}, false);
}

long double PointHull::upper(long double k) const {
    // t - k a is unimodal along the upper hull: find the first edge that does not rise.
    size_t lo = 0, hi = up_.size() - 1;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (up_[mid + 1].t - up_[mid].t > k * (up_[mid + 1].a - up_[mid].a)) lo = mid + 1;
        else hi = mid;
    }
    return up_[lo].t - k * up_[lo].a;
}

long double PointHull::lower(long double k) const {
    size_t lo = 0, hi = lo_.size() - 1;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (lo_[mid + 1].t - lo_[mid].t < k * (lo_[mid + 1].a - lo_[mid].a)) lo = mid + 1;
        else hi = mid;
    }
    return lo_[lo].t - k * lo_[lo].a;
}

namespace {

// Up to this many weight classes the minimum over y comes from the closed form over all pairs;
// beyond (a range reduction over many exponents) from the iteration in best_y, same value.
constexpr size_t kPairwiseClasses = 64;

// The channels grouped by weight; for one K the per-class extremes of t - K a.
class MaxError {
public:
    MaxError(const std::vector<MaxChannel>& channels, double c) : c_(c) {
        // A few channels (every INT grid, most scaler grids) are grouped by a scan; many (a
        // reduction over many exponents) through a map, so grouping stays linear.
        std::unordered_map<double, size_t> index;
        const bool many = channels.size() > kPairwiseClasses;
        for (const MaxChannel& ch : channels) {
            if (!ch.hull || ch.hull->empty()) continue;
            size_t j = 0;
            if (many) j = index.emplace(ch.weight, weights_.size()).first->second;
            else while (j < weights_.size() && weights_[j] != ch.weight) ++j;
            if (j == weights_.size()) {
                weights_.push_back(ch.weight);
                members_.emplace_back();
            }
            members_[j].push_back(ch.hull);
        }
    }
    bool empty() const { return weights_.empty(); }

    // Per class U_j(K) and L_j(K); up to kPairwiseClasses classes on the stack (at_k runs for
    // every lattice point a segment's fit visits), more on the heap.
    class AtK {
    public:
        explicit AtK(size_t n) : n_(n) {
            if (n > kPairwiseClasses) heap_.resize(2 * n);
        }
        long double* u() { return base(); }
        long double* l() { return base() + stride(); }
        const long double* u() const { return base(); }
        const long double* l() const { return base() + stride(); }

    private:
        size_t stride() const { return heap_.empty() ? kPairwiseClasses : n_; }
        long double* base() { return heap_.empty() ? stack_.data() : heap_.data(); }
        const long double* base() const { return heap_.empty() ? stack_.data() : heap_.data(); }
        size_t n_;
        std::array<long double, 2 * kPairwiseClasses> stack_;
        std::vector<long double> heap_;
    };
    AtK at_k(long double k) const {
        AtK r(weights_.size());
        long double *ru = r.u(), *rl = r.l();
        for (size_t j = 0; j < weights_.size(); ++j) {
            long double u = -INFINITY, l = INFINITY;
            for (const PointHull* h : members_[j]) {
                u = std::max(u, h->upper(k));
                l = std::min(l, h->lower(k));
            }
            ru[j] = u;
            rl[j] = l;
        }
        return r;
    }
    long double value(const AtK& x, long double b) const {
        const long double y = b * c_;
        long double v = 0;
        for (size_t j = 0; j < weights_.size(); ++j)
            v = std::max(v, static_cast<long double>(weights_[j]) * std::max(x.u()[j] - y, y - x.l()[j]));
        return v;
    }
    long double value(const Vec2& z) const { return value(at_k(to_ld(z.k)), to_ld(z.b)); }
    // The real minimiser y* of max over classes in y (and the minimum v*).
    std::pair<long double, long double> best_y(const AtK& x) const {
        const long double v = weights_.size() <= kPairwiseClasses ? pairwise_minimum(x) : iterated_minimum(x);
        long double ylo = -INFINITY, yhi = INFINITY;
        for (size_t j = 0; j < weights_.size(); ++j) {
            const long double w = weights_[j];
            ylo = std::max(ylo, x.u()[j] - v / w);
            yhi = std::min(yhi, x.l()[j] + v / w);
        }
        return {0.5L * (ylo + yhi), v};
    }
    long double c() const { return c_; }

private:
    // v* = max over pairs (p, q) of w_p w_q (U_q - L_p) / (w_p + w_q) (Helly, file comment).
    long double pair_value(const AtK& x, size_t p, size_t q) const {
        const long double wp = weights_[p], wq = weights_[q];
        return wp * wq * (x.u()[q] - x.l()[p]) / (wp + wq);
    }
    long double pairwise_minimum(const AtK& x) const {
        long double v = 0;
        for (size_t p = 0; p < weights_.size(); ++p)
            for (size_t q = 0; q < weights_.size(); ++q) v = std::max(v, pair_value(x, p, q));
        return v;
    }
    // The same v* in O(classes) per step: at a v below v* the most violating falling line q and
    // rising line p form a pair whose value exceeds v and is at most v* (every pair's is), so
    // v climbs through pair values to v*, where no line is violated.
    long double iterated_minimum(const AtK& x) const {
        long double v = 0;
        for (;;) {
            size_t p = 0, q = 0;
            long double top = -INFINITY, bottom = INFINITY;
            for (size_t j = 0; j < weights_.size(); ++j) {
                const long double w = weights_[j];
                if (x.u()[j] - v / w > top) top = x.u()[j] - v / w, q = j;
                if (x.l()[j] + v / w < bottom) bottom = x.l()[j] + v / w, p = j;
            }
            if (top <= bottom) return v;
            const long double next = pair_value(x, p, q);
            if (!(next > v)) return v;   // rounding: no pair value left above v
            v = next;
        }
    }

    double c_;
    std::vector<double> weights_;
    std::vector<std::vector<const PointHull*>> members_;
};

int64_t clamp_code(long double v, int64_t lo, int64_t hi) {
    if (!(v > static_cast<long double>(lo))) return lo;
    if (v >= static_cast<long double>(hi)) return hi;
    return static_cast<int64_t>(round_ld(v));
}

// The first t in [lo, hi] with e(t + 1) >= e(t) (e convex), from a guess g.
template <class E>
i128 convex_argmin(const E& e, i128 lo, i128 hi, i128 g) {
    if (lo >= hi) return lo;
    auto rising = [&](i128 t) { return t >= hi || e(t + 1) >= e(t); };
    g = std::min(std::max(g, lo), hi);
    i128 t0, t1;   // !rising(t0) (t0 = lo - 1 stands for "none"), rising(t1)
    if (rising(g)) {
        t1 = g;
        for (i128 step = 1;; step *= 2) {
            t0 = t1 - step;
            if (t0 < lo) {
                t0 = lo - 1;
                break;
            }
            if (!rising(t0)) break;
            t1 = t0;
        }
    } else {
        t0 = g;
        for (i128 step = 1;; step *= 2) {
            t1 = t0 + step;
            if (t1 >= hi) {
                t1 = hi;
                break;
            }
            if (rising(t1)) break;
            t0 = t1;
        }
    }
    while (t1 - t0 > 1) {
        const i128 mid = t0 + (t1 - t0) / 2;
        (rising(mid) ? t1 : t0) = mid;
    }
    return t1;
}

// A lower bound of convex e on [y, y + 1] from the secants through (y-1, y) and (y+1, y+2).
template <class E>
long double cell_bound(const E& e, i128 y) {
    const long double em = e(y - 1), e0 = e(y), e1 = e(y + 1), e2 = e(y + 2);
    const long double s1 = e0 - em, s2 = e2 - e1;
    auto bound = [&](long double th) { return std::max(e0 + s1 * th, e1 + s2 * (th - 1)); };
    long double best = std::min(bound(0), bound(1));
    if (s1 != s2) {
        const long double th = (e1 - s2 - e0) / (s1 - s2);
        if (th > 0 && th < 1) best = std::min(best, bound(th));
    }
    return best;
}

}  // namespace

IntLine best_int_line_max(const std::vector<MaxChannel>& channels, const LineSums& m, double c, const CodeBox& box) {
    const MaxError err(channels, c);
    IntLine out;
    if (err.empty() || !(m.w > 0)) {
        out.k = clamp_code(0, box.k_lo, box.k_hi);
        out.b = clamp_code(0, box.b_lo, box.b_hi);
        return out;
    }
    double a_min = INFINITY, a_max = -INFINITY;
    for (const MaxChannel& ch : channels)
        if (ch.hull && !ch.hull->empty()) a_min = std::min(a_min, ch.hull->a_min()), a_max = std::max(a_max, ch.hull->a_max());
    if (a_min == a_max) {
        const long double target = err.best_y(err.at_k(0)).first;
        return best_single_input(a_min, c, box, target, [&](int64_t k, int64_t b) { return err.value(Vec2{k, b}); });
    }

    // Start where the least-squares line lies; the walk does the rest.
    const QuadraticError q(m, c);
    const auto [kc, bc] = q.box_minimum(box);
    Vec2 best{clamp_code(kc, box.k_lo, box.k_hi), clamp_code(bc, box.b_lo, box.b_hi)};
    long double best_value = err.value(best);

    const long double blo = static_cast<long double>(box.b_lo), bhi = static_cast<long double>(box.b_hi);
    auto k_line = [&](const ConstantK&, i128 k, const LineSpan&) {
        const auto x = err.at_k(to_ld(k));
        const auto [y, v] = err.best_y(x);
        const long double bs = y / err.c();
        LineMin r;
        r.lower = bs >= blo && bs <= bhi ? v : err.value(x, bs < blo ? blo : bhi);
        r.has_point = true;
        r.value = INFINITY;
        for (long double bv : {std::floor(bs), std::floor(bs) + 1}) {
            const int64_t b = clamp_code(bv, box.b_lo, box.b_hi);
            const long double e = err.value(x, static_cast<long double>(b));
            if (e < r.value) r.value = e, r.z = {k, b};
        }
        return r;
    };
    auto line = [&](const LineFamily& fam, i128 y2, const LineSpan& sp) {
        const Vec2 z0 = fam.at(0, y2);
        auto e = [&](i128 t) { return err.value(Vec2{z0.k + t * fam.d1.k, z0.b + t * fam.d1.b}); };
        // Guess: the vertex of the squared error along the line.
        const long double gu = to_ld(fam.d1.k) * q.mu + to_ld(fam.d1.b) * q.c, gd = to_ld(fam.d1.k);
        const long double u0 = to_ld(z0.k) * q.mu + to_ld(z0.b) * q.c - q.tau, d0 = to_ld(z0.k) - q.kappa;
        const long double a2 = q.w * gu * gu + q.s * gd * gd;
        const long double guess = a2 > 0 ? -(q.w * u0 * gu + q.s * d0 * gd) / a2 : 0;
        LineMin r;
        if (sp.lo <= sp.hi) {
            const i128 tm = convex_argmin(e, sp.lo, sp.hi, to_i128(std::min(std::max(round_ld(guess), to_ld(sp.lo)), to_ld(sp.hi))));
            r.has_point = true;
            r.z = {z0.k + tm * fam.d1.k, z0.b + tm * fam.d1.b};
            r.value = e(tm);
            r.lower = std::min(cell_bound(e, tm - 1), cell_bound(e, tm));
        } else {
            r.lower = cell_bound(e, to_i128(std::floor(sp.rlo)));
        }
        return r;
    };
    if (!walk_family(k_line, ConstantK{}, box, best, best_value, 64, out.lines)) {
        const std::array<LineFamily, 3> families{reduced_family(q.form()), LineFamily::constant_k(), LineFamily::constant_b()};
        if (!minimise_on_lines(line, families, box, best, best_value, out.lines)) out.certified = false;
    }
    out.k = static_cast<int64_t>(best.k);
    out.b = static_cast<int64_t>(best.b);
    out.cost = static_cast<double>(best_value);
    return out;
}

IntLine best_int_line_max(std::vector<MaxPoint> points, double c, const CodeBox& box) {
    std::sort(points.begin(), points.end(), [](const MaxPoint& x, const MaxPoint& y) {
        return x.weight != y.weight ? x.weight > y.weight : x.a < y.a;
    });
    std::vector<PointHull> hulls;
    std::vector<double> weights;
    LineSums m;
    for (const MaxPoint& p : points) {
        if (weights.empty() || weights.back() != p.weight) {
            hulls.emplace_back();
            weights.push_back(p.weight);
        }
        hulls.back().add(p.a, p.t, p.t);
        m.add(p.a, p.t, 1.0);
    }
    std::vector<MaxChannel> ch;
    for (size_t j = 0; j < hulls.size(); ++j) ch.push_back({&hulls[j], weights[j]});
    return best_int_line_max(ch, m, c, box);
}

}  // namespace gqalut
