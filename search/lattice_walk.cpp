#include "search/lattice_walk.hpp"

#include <algorithm>
#include <utility>

namespace gqalut {

i128 floor_div(i128 n, i128 d) {
    if (d == 1) return n;   // the common case, without a 128-bit division
    if (d == -1) return -n;
    i128 q = n / d;
    if ((n % d != 0) && ((n < 0) != (d < 0))) --q;
    return q;
}

i128 ceil_div(i128 n, i128 d) { return -floor_div(-n, d); }

LineSpan LineFamily::span(i128 y2, const CodeBox& box) const {
    LineSpan s;
    bool bounded = false;
    long double rlo = 0, rhi = 0;
    i128 lo = 0, hi = 0;
    // lo_c <= y1 p + y2 q <= hi_c for one coordinate.
    auto limit = [&](i128 p, i128 q, i128 lo_c, i128 hi_c) {
        const i128 off = y2 * q;
        if (p == 0) {
            if (off < lo_c || off > hi_c) s.misses = true;
            return;
        }
        i128 a = lo_c - off, b = hi_c - off;
        if (p < 0) {
            std::swap(a, b);
            a = -a, b = -b, p = -p;
        }
        const i128 il = ceil_div(a, p), ih = floor_div(b, p);
        const long double fl = to_ld(a) / to_ld(p), fh = to_ld(b) / to_ld(p);
        if (!bounded) {
            lo = il, hi = ih, rlo = fl, rhi = fh;
            bounded = true;
        } else {
            lo = std::max(lo, il), hi = std::min(hi, ih);
            rlo = std::max(rlo, fl), rhi = std::min(rhi, fh);
        }
    };
    limit(d1.k, d2.k, box.k_lo, box.k_hi);
    limit(d1.b, d2.b, box.b_lo, box.b_hi);
    if (s.misses || !bounded || rlo > rhi) {
        s.misses = true;
        return s;
    }
    s.lo = lo, s.hi = hi, s.rlo = rlo, s.rhi = rhi;
    return s;
}

Vec2 LineFamily::round(long double k, long double b) const {
    const long double sign = to_ld(det);
    const long double y1 = (k * to_ld(d2.b) - b * to_ld(d2.k)) * sign;
    const long double y2 = (to_ld(d1.k) * b - to_ld(d1.b) * k) * sign;
    return at(to_i128(round_ld(y1)), to_i128(round_ld(y2)));
}

long double ErrorForm::dot(const Vec2& u, const Vec2& v) const {
    const long double uk = to_ld(u.k), ub = to_ld(u.b), vk = to_ld(v.k), vb = to_ld(v.b);
    return w * (uk * mu + ub * c) * (vk * mu + vb * c) + s * uk * vk;
}

LineFamily reduced_family(const ErrorForm& q) {
    Vec2 b1{1, 0}, b2{0, 1};
    const i128 cap = i128(1) << 28;
    for (int it = 0; it < 200; ++it) {
        if (q.dot(b2, b2) < q.dot(b1, b1)) std::swap(b1, b2);
        const long double n1 = q.dot(b1, b1);
        if (!(n1 > 0)) break;
        const long double r = round_ld(q.dot(b1, b2) / n1);
        if (r == 0 || !(std::fabs(r) < 0x1p40L)) break;
        const i128 m = to_i128(r);
        const Vec2 nb{b2.k - m * b1.k, b2.b - m * b1.b};
        if (nb.k > cap || nb.k < -cap || nb.b > cap || nb.b < -cap) break;
        if (!(q.dot(nb, nb) < q.dot(b2, b2))) break;
        b2 = nb;
    }
    return LineFamily::make(b1, b2);
}

}  // namespace gqalut
