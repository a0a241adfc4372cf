// Why best_int_line is exact.
//
// F(K, B) = sum w (K a + B c - t)^2 is a convex quadratic.
// (1) For fixed K, F is a parabola in B, symmetric about B*(K) = (wt - K wa) / (c w). The integer
//     nearest to B*(K), clamped to [b_lo, b_hi], minimises it: on a symmetric convex parabola the
//     value grows with the distance from the vertex, and outside the box the nearest edge is
//     the closest admissible integer. Call that minimum g(K).
// (2) Relaxing B to the reals gives h(K) = min_B F(K, B) <= g(K), and h is a convex parabola in
//     K: h(K) = h* + V (K - K*)^2 with V = waa - wa^2/w > 0 when the points have two distinct a.
// (3) Enumerate K from K0 = round(K*) upwards and downwards, keeping the best g found. Once
//     h(K) >= best in one direction, every K further out has h >= h(K) >= best (h grows away
//     from K*, and K0 +- 1 already lies beyond K*), so g cannot beat best there: the search
//     stops with the exact minimum over the whole box.
// (4) With a single distinct a (V = 0) every point gets the same y = K a + B c, and F is
//     minimised by the y closest to the weighted mean target. With a = u 2^-E, c = m 2^-E
//     (integers u, m; m a power of two) this is min |K u + B m - T|, T = mean 2^E. Any optimum
//     either has B at a box edge -- then K is the rounded (T - B m) / u for that edge -- or its
//     best B lies inside the box; there |K u + B m - T| depends only on K mod P, P = m / gcd(u, m),
//     because K + P shifts K u by a multiple of m that B absorbs. The reachable values are the
//     multiples of g = gcd(u, m), so the two multiples of g next to T, each hit by one residue
//     class (K (u/g) = V/g mod P), are the candidates when the interior K-interval holds a
//     whole period; otherwise the interval is enumerated. The best candidate is the optimum.
#include "search/int_line.hpp"

#include "model/fixed_format.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gqalut {

namespace {

int64_t clamp64(long double v, int64_t lo, int64_t hi) {
    if (!(v > static_cast<long double>(lo))) return lo;   // also NaN
    if (v >= static_cast<long double>(hi)) return hi;
    return static_cast<int64_t>(std::nearbyint(v));
}

int64_t gcd64(int64_t a, int64_t b) {
    while (b != 0) {
        const int64_t r = a % b;
        a = b;
        b = r;
    }
    return a < 0 ? -a : a;
}

// x^-1 mod p for gcd(x, p) = 1 (extended Euclid).
int64_t mod_inverse(int64_t x, int64_t p) {
    i128 t = 0, nt = 1, r = p, nr = ((x % p) + p) % p;
    while (nr != 0) {
        const i128 q = r / nr;
        const i128 tt = t - q * nt;
        t = nt;
        nt = tt;
        const i128 rr = r - q * nr;
        r = nr;
        nr = rr;
    }
    if (t < 0) t += p;
    return static_cast<int64_t>(t);
}

// Smallest E >= 0 with v 2^E an integer (every finite double is dyadic).
int dyadic_exponent(double v) {
    int e = 0;
    while (e < 1100 && std::ldexp(v, e) != std::floor(std::ldexp(v, e))) ++e;
    return e;
}

IntLine single_input(const LineSums& m, double a, double c, const CodeBox& box) {
    const int e = std::max(dyadic_exponent(a), dyadic_exponent(c));
    const long double ul = std::ldexp(static_cast<long double>(a), e);
    const long double ml = std::ldexp(static_cast<long double>(c), e);
    const long double target = std::ldexp(m.wt / m.w, e);
    IntLine out;
    if (std::fabs(ul) > 0x1p62L || ml > 0x1p62L || std::fabs(target) > 0x1p62L) out.certified = false;
    const int64_t u = static_cast<int64_t>(ul), mm = static_cast<int64_t>(ml);
    auto best_b = [&](int64_t k) {
        return clamp64((target - static_cast<long double>(k) * ul) / ml, box.b_lo, box.b_hi);
    };
    std::vector<int64_t> ks;
    auto push = [&](long double k) { ks.push_back(clamp64(k, box.k_lo, box.k_hi)); };
    if (u == 0) {
        push(0);
    } else {
        for (int64_t edge : {box.b_lo, box.b_hi}) {   // B at an edge of the box
            const long double k = std::nearbyint((target - static_cast<long double>(edge) * ml) / ul);
            push(k - 1), push(k), push(k + 1);
        }
        // K whose unclamped best B lies inside the box.
        long double k1 = (target - static_cast<long double>(box.b_hi) * ml) / ul;
        long double k2 = (target - static_cast<long double>(box.b_lo) * ml) / ul;
        if (k1 > k2) std::swap(k1, k2);
        const long double ka = std::max<long double>(std::ceil(k1), box.k_lo);
        const long double kb = std::min<long double>(std::floor(k2), box.k_hi);
        if (ka <= kb) {
            const int64_t g = gcd64(u, mm), period = mm / g;
            const int64_t lo = static_cast<int64_t>(ka), hi = static_cast<int64_t>(kb);
            if (static_cast<long double>(hi) - lo + 1 <= period) {
                if (hi - lo > (int64_t(1) << 22)) out.certified = false;
                for (int64_t k = lo; k <= std::min(hi, lo + (int64_t(1) << 22)); ++k) ks.push_back(k);
            } else {
                const long double base = std::floor(target / g) * g;
                for (long double v : {base, base + g}) {
                    const int64_t vg = static_cast<int64_t>(v / g);
                    const int64_t r = static_cast<int64_t>(
                        (static_cast<i128>(((vg % period) + period) % period) * mod_inverse(u / g, period)) % period);
                    ks.push_back(lo + (((r - lo) % period) + period) % period);
                }
            }
        }
    }
    long double best_err = INFINITY;
    for (int64_t k : ks) {
        const int64_t b = best_b(k);
        const long double err = std::fabs(static_cast<long double>(k) * ul + static_cast<long double>(b) * ml - target);
        if (err < best_err) {
            best_err = err;
            out.k = k;
            out.b = b;
        }
    }
    out.cost = static_cast<double>(std::max<long double>(0, line_cost(m, out.k, out.b, c)));
    return out;
}

}  // namespace

long double line_cost(const LineSums& m, int64_t k, int64_t b, double c) {
    const long double K = k, B = static_cast<long double>(b) * c;
    return K * K * m.waa + 2 * K * B * m.wa + B * B * m.w - 2 * K * m.wat - 2 * B * m.wt + m.wtt;
}

IntLine best_int_line(const LineSums& m, double a_min, double a_max, double c, const CodeBox& box) {
    if (!(m.w > 0)) {
        IntLine z;
        z.k = clamp64(0, box.k_lo, box.k_hi);
        z.b = clamp64(0, box.b_lo, box.b_hi);
        return z;
    }
    if (a_min == a_max) return single_input(m, a_min, c, box);

    const long double v = m.waa - m.wa * m.wa / m.w;
    const long double cov = m.wat - m.wa * m.wt / m.w;
    IntLine out;
    if (!(v > 0)) out.certified = false;   // distinct inputs always give v > 0; rounding guard
    const long double vv = v > 0 ? v : 1e-300L;
    const long double k_star = cov / vv;
    const long double h_star = (m.wtt - m.wt * m.wt / m.w) - cov * cov / vv;
    auto h = [&](int64_t k) {
        const long double d = static_cast<long double>(k) - k_star;
        return h_star + vv * d * d;
    };
    auto g = [&](int64_t k, int64_t& b) {
        b = clamp64((m.wt - static_cast<long double>(k) * m.wa) / (static_cast<long double>(c) * m.w), box.b_lo, box.b_hi);
        return line_cost(m, k, b, c);
    };
    const int64_t k0 = clamp64(k_star, box.k_lo, box.k_hi);
    int64_t b0;
    long double best = g(k0, b0);
    out.k = k0;
    out.b = b0;
    const int64_t cap = int64_t(1) << 24;
    for (int dir : {+1, -1}) {
        int64_t steps = 0;
        for (int64_t k = k0 + dir; k >= box.k_lo && k <= box.k_hi; k += dir) {
            if (h(k) >= best) break;
            if (++steps > cap) {
                out.certified = false;
                break;
            }
            int64_t b;
            const long double f = g(k, b);
            if (f < best) {
                best = f;
                out.k = k;
                out.b = b;
            }
        }
    }
    out.cost = static_cast<double>(std::max<long double>(0, best));
    return out;
}

RealLine lsq_line(const LineSums& m, double a_min, double a_max) {
    if (!(m.w > 0)) return {0.0, 0.0};
    const long double v = m.waa - m.wa * m.wa / m.w;
    if (a_min == a_max || !(v > 0)) return {0.0, static_cast<double>(m.wt / m.w)};
    const long double slope = (m.wat - m.wa * m.wt / m.w) / v;
    return {static_cast<double>(slope), static_cast<double>((m.wt - slope * m.wa) / m.w)};
}

}  // namespace gqalut
