// Why best_int_line is exact.
//
// F(K, B) = sum w (K a + B c - t)^2 is a convex quadratic. Centred on the weighted means
// (mu of a, tau of t) it reads F = w (K mu + B c - tau)^2 + s (K - kappa)^2 + resid, with
// s = sum w (a - mu)^2 > 0 when the points have two distinct inputs and kappa the least-squares
// slope; the centred form keeps the large, cancelling terms of the expanded sums out of every
// comparison. Along any lattice line F is a parabola, so its integer minimum on the line's
// segment in the box is the nearest integer to the vertex clamped to the segment, and the
// vertex clamped to the real segment bounds the line from below: exactly what the lattice walk
// needs (lattice_walk.hpp has the proof that walking lines with that bound is exact). The walk
// starts at the real minimiser over the box, rounded.
//
// One distinct input (s = 0). Every point gets the same y = K a + B c, and F is minimised by
// the y closest to the weighted mean target. With a = u 2^-E, c = m 2^-E (integers u, m; m a
// power of two) this is min |K u + B m - T|, T = mean 2^E. Any optimum either has B at a box
// edge -- then K is the rounded (T - B m) / u for that edge -- or its best B lies inside the
// box; there |K u + B m - T| depends only on K mod P, P = m / gcd(u, m), because K + P shifts
// K u by a multiple of m that B absorbs. The reachable values are the multiples of g = gcd(u,
// m), so the two multiples of g next to T, each hit by one residue class (K (u/g) = V/g mod P),
// are the candidates when the interior K-interval holds a whole period; otherwise the interval
// is enumerated. The candidates are the reachable values nearest to T on either side, so the
// best of them under any score convex in y with its minimum at T is the optimum (the maximum
// error uses this too).
#include "search/int_line.hpp"

#include "model/fixed_format.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace gqalut {

namespace {

int64_t clamp64(long double v, int64_t lo, int64_t hi) {
    if (!(v > static_cast<long double>(lo))) return lo;   // also NaN
    if (v >= static_cast<long double>(hi)) return hi;
    return static_cast<int64_t>(round_ld(v));
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

}  // namespace

IntLine best_single_input(double a, double c, const CodeBox& box, long double target_real,
                          const std::function<long double(int64_t k, int64_t b)>& score) {
    const int e = std::max(dyadic_exponent(a), dyadic_exponent(c));
    const long double ul = std::ldexp(static_cast<long double>(a), e);
    const long double ml = std::ldexp(static_cast<long double>(c), e);
    const long double target = std::ldexp(target_real, e);
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
    long double best = INFINITY;
    for (int64_t k : ks) {
        // Both roundings of B: with a score that is not symmetric about the target the
        // nearest B need not be the best one.
        const int64_t b0 = best_b(k);
        for (int64_t b : {b0 - 1, b0, b0 + 1}) {
            if (b < box.b_lo || b > box.b_hi) continue;
            const long double v = score(k, b);
            if (v < best) {
                best = v;
                out.k = k;
                out.b = b;
            }
        }
    }
    out.cost = static_cast<double>(std::max<long double>(0, best));
    return out;
}

long double line_cost(const LineSums& m, int64_t k, int64_t b, double c) {
    const long double K = k, B = static_cast<long double>(b) * c;
    return K * K * m.waa + 2 * K * B * m.wa + B * B * m.w - 2 * K * m.wat - 2 * B * m.wt + m.wtt;
}

QuadraticError::QuadraticError(const LineSums& m, double c_in) : c(c_in) {
    w = m.w;
    mu = m.wa / m.w;
    tau = m.wt / m.w;
    s = std::max<long double>(0, m.waa - m.wa * mu);   // >= 0 also after rounding: F >= resid always
    const long double sat = m.wat - m.wa * tau, stt = m.wtt - m.wt * tau;
    kappa = s > 0 ? sat / s : 0;
    resid = s > 0 ? stt - sat * kappa : stt;
}

long double QuadraticError::at(long double k, long double b) const {
    const long double u = k * mu + b * c - tau, d = k - kappa;
    return w * u * u + s * d * d + resid;
}

std::pair<long double, long double> QuadraticError::box_minimum(const CodeBox& box) const {
    const long double klo = box.k_lo, khi = box.k_hi, blo = box.b_lo, bhi = box.b_hi;
    auto clampl = [](long double v, long double lo, long double hi) { return v < lo ? lo : v > hi ? hi : v; };
    long double kc = kappa, bc = (tau - kappa * mu) / c;
    if (!(kc >= klo && kc <= khi && bc >= blo && bc <= bhi)) {
        // The minimum lies on the boundary: the best point of each edge.
        long double best = INFINITY;
        for (long double k : {klo, khi}) {
            const long double b = clampl((tau - k * mu) / c, blo, bhi);
            if (at(k, b) < best) best = at(k, b), kc = k, bc = b;
        }
        for (long double b : {blo, bhi}) {
            const long double k = clampl((s * kappa - w * mu * (b * c - tau)) / (w * mu * mu + s), klo, khi);
            if (at(k, b) < best) best = at(k, b), kc = k, bc = b;
        }
    }
    return {kc, bc};
}

IntLine best_int_line(const LineSums& m, double a_min, double a_max, double c, const CodeBox& box) {
    if (!(m.w > 0)) {
        IntLine z;
        z.k = clamp64(0, box.k_lo, box.k_hi);
        z.b = clamp64(0, box.b_lo, box.b_hi);
        return z;
    }
    const QuadraticError q(m, c);
    if (a_min == a_max)
        return best_single_input(a_min, c, box, q.tau, [&](int64_t k, int64_t b) { return q.at(k, b); });

    IntLine out;
    if (!(q.s > 0)) out.certified = false;   // distinct inputs always give s > 0; rounding guard
    const auto [kc, bc] = q.box_minimum(box);
    Vec2 best{clamp64(kc, box.k_lo, box.k_hi), clamp64(bc, box.b_lo, box.b_hi)};
    long double best_value = q.at(to_ld(best.k), to_ld(best.b));
    // F along line y2 of a family, parametrised from the point with the same inner coordinate as
    // `ref` so that the terms stay small near the optimum.
    const Vec2 ref = best;
    const long double u_ref = to_ld(ref.k) * q.mu + to_ld(ref.b) * q.c - q.tau;
    auto line = [&](const LineFamily& fam, i128 y2, const LineSpan& sp) {
        const i128 y1r = fam.inner(ref), dy2 = y2 - fam.outer(ref);
        const Vec2 z0 = {ref.k + dy2 * fam.d2.k, ref.b + dy2 * fam.d2.b};
        const long double u0 = u_ref + to_ld(dy2) * (to_ld(fam.d2.k) * q.mu + to_ld(fam.d2.b) * q.c);
        const long double d0 = to_ld(z0.k) - q.kappa;
        const long double gu = to_ld(fam.d1.k) * q.mu + to_ld(fam.d1.b) * q.c, gd = to_ld(fam.d1.k);
        const long double a2 = q.w * gu * gu + q.s * gd * gd, a1 = q.w * u0 * gu + q.s * d0 * gd;
        auto f = [&](long double t) {
            const long double u = u0 + t * gu, d = d0 + t * gd;
            return q.w * u * u + q.s * d * d + q.resid;
        };
        const long double vertex = a2 > 0 ? -a1 / a2 : 0;
        const long double tr_lo = sp.rlo - to_ld(y1r), tr_hi = sp.rhi - to_ld(y1r);
        LineMin r;
        r.lower = f(std::min(std::max(vertex, tr_lo), tr_hi));
        if (sp.lo <= sp.hi) {
            const long double ti_lo = to_ld(sp.lo - y1r), ti_hi = to_ld(sp.hi - y1r);
            long double tv = round_ld(vertex);
            if (!(tv > ti_lo)) tv = ti_lo;
            if (tv > ti_hi) tv = ti_hi;
            const i128 t = to_i128(tv);
            r.has_point = true;
            r.z = {z0.k + t * fam.d1.k, z0.b + t * fam.d1.b};
            r.value = f(tv);
        }
        return r;
    };
    // Lines of constant K first, in plain integers: they finish in a few lines unless the
    // lattice is skewed; only then is the reduced basis worth computing.
    auto k_line = [&](const ConstantK&, i128 k, const LineSpan&) {
        const long double kl = to_ld(k);
        const long double vertex = (q.tau - kl * q.mu) / q.c;
        LineMin r;
        const long double lo = static_cast<long double>(box.b_lo), hi = static_cast<long double>(box.b_hi);
        r.lower = q.at(kl, std::min(std::max(vertex, lo), hi));
        const int64_t b = clamp64(vertex, box.b_lo, box.b_hi);
        r.has_point = true;
        r.z = {k, b};
        r.value = q.at(kl, static_cast<long double>(b));
        return r;
    };
    if (!walk_family(k_line, ConstantK{}, box, best, best_value, 64, out.lines)) {
        const LineFamily reduced = reduced_family(q.form());
        const Vec2 babai = reduced.round(kc, bc);
        if (babai.k >= box.k_lo && babai.k <= box.k_hi && babai.b >= box.b_lo && babai.b <= box.b_hi) {
            const long double v = q.at(to_ld(babai.k), to_ld(babai.b));
            if (v < best_value) best = babai, best_value = v;
        }
        const std::array<LineFamily, 3> families{reduced, LineFamily::constant_k(), LineFamily::constant_b()};
        if (!minimise_on_lines(line, families, box, best, best_value, out.lines)) out.certified = false;
    }
    out.k = static_cast<int64_t>(best.k);
    out.b = static_cast<int64_t>(best.b);
    out.cost = static_cast<double>(std::max<long double>(0, best_value));
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
