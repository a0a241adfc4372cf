// The exact minimum of a convex function f(K, B) over the integer points of a box, by walking
// parallel lattice lines. Both segment objectives use it: the squared error (int_line.cpp) and
// the maximum error (max_line.cpp); each supplies the minimum of f along one line.
//
// Why the walk is exact. Take a unimodular basis (d1, d2) of Z^2: every integer point is
// y1 d1 + y2 d2 for exactly one integer pair (y1, y2), so the lines "y2 = const" (running along
// d1) partition the integer points. Let phi(y2) be the minimum of f over the real segment of
// line y2 inside the box. f and the box are convex, so phi is convex. Start on the line of the
// best point found so far (phi there <= best) and walk up and down. In each direction, stop at
// the first line whose lower bound on phi is >= best, unless the current best lies on that very
// line: if a line y further out had phi(y) < best, the stopping line lies strictly between y
// and the line holding the best point, and convexity would give it phi < best. Lines that miss
// the box end the walk too (the box's projection is an interval). Each line contributes its
// exact integer minimum (f is convex along it), so the best point at the end is the minimum.
//
// Any unimodular basis gives the exact result; a good one makes the walk short. Lines of
// constant K are cheap and short when the slope matters (the usual case); lines of constant B
// are short when an intercept sits at a rail; lines along the shortest vector of the
// Lagrange-reduced basis of the error's quadratic form are short when the slope barely matters
// over the segment (a segment much narrower than the intercept's LSB can see), where the other
// two would cross thousands of lines. `minimise` tries the three with growing budgets.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>

#include "model/fixed_format.hpp"

namespace gqalut {

struct CodeBox {
    int64_t k_lo, k_hi, b_lo, b_hi;
};

struct Vec2 {
    i128 k = 0, b = 0;
};

// The segment of line y2 inside the box: integer range [lo, hi] of y1 (empty if lo > hi) and
// the real range [rlo, rhi]; `misses` when the line does not meet the box at all.
struct LineSpan {
    bool misses = false;
    i128 lo = 0, hi = -1;
    long double rlo = 0, rhi = 0;
};

struct LineFamily {
    Vec2 d1, d2;   // det(d1, d2) = +-1; lines run along d1
    i128 det = 1;

    static LineFamily make(Vec2 d1, Vec2 d2) { return {d1, d2, d1.k * d2.b - d1.b * d2.k}; }
    static LineFamily constant_k() { return make({0, 1}, {1, 0}); }   // lines K = const, along B
    static LineFamily constant_b() { return make({1, 0}, {0, 1}); }   // lines B = const, along K

    i128 inner(const Vec2& z) const { return (z.k * d2.b - z.b * d2.k) * det; }   // y1
    i128 outer(const Vec2& z) const { return (d1.k * z.b - d1.b * z.k) * det; }   // y2
    Vec2 at(i128 y1, i128 y2) const { return {y1 * d1.k + y2 * d2.k, y1 * d1.b + y2 * d2.b}; }
    LineSpan span(i128 y2, const CodeBox& box) const;
    // The lattice point whose coordinates (y1, y2) are those of the real point (k, b) rounded
    // (Babai's rounding: close to (k, b) in the form the basis was reduced for).
    Vec2 round(long double k, long double b) const;
};

// The positive semi-definite quadratic form of a segment's error in (K, B), written as
// Q(v) = w (v_k mu + v_b c)^2 + s v_k^2 (mu: mean input a, c: intercept unit, s: spread of a).
struct ErrorForm {
    long double w = 0, mu = 0, c = 0, s = 0;
    long double dot(const Vec2& u, const Vec2& v) const;
};

// Lagrange (Gauss) reduction of Z^2 under the form: the lines run along the shortest vector.
// Components stay below 2^28, so coordinates of box points fit easily in 128 bits.
LineFamily reduced_family(const ErrorForm& q);

// The minimum of f along one line, as the walk needs it.
struct LineMin {
    bool has_point = false;   // the line holds an integer point of the box
    Vec2 z;                   // its best integer point
    long double value = 0;    // f(z)
    long double lower = 0;    // a lower bound of f on the line's real segment in the box
};

// The family of lines K = const with inner coordinate B, in plain integers: the common case,
// kept free of 128-bit arithmetic.
struct ConstantK {
    i128 outer(const Vec2& z) const { return z.k; }
    LineSpan span(i128 k, const CodeBox& box) const {
        LineSpan s;
        s.misses = k < box.k_lo || k > box.k_hi;
        s.lo = box.b_lo, s.hi = box.b_hi;
        s.rlo = static_cast<long double>(box.b_lo), s.rhi = static_cast<long double>(box.b_hi);
        return s;
    }
};

// Walks one family (LineFamily or ConstantK) from the line of `best` (see the top of this
// file). Returns false if the budget of lines ran out first; `best` is then still the best
// point seen.
template <class Family, class LineFn>
bool walk_family(const LineFn& line, const Family& fam, const CodeBox& box, Vec2& best, long double& best_value,
                 uint64_t budget, uint64_t& lines) {
    const i128 start = fam.outer(best);
    for (int dir : {+1, -1}) {
        for (i128 y2 = dir > 0 ? start : start - 1;; y2 += dir) {
            const LineSpan sp = fam.span(y2, box);
            if (sp.misses) break;
            if (lines >= budget) return false;
            ++lines;
            const LineMin m = line(fam, y2, sp);
            bool improved = false;
            if (m.has_point && m.value < best_value) {
                best = m.z;
                best_value = m.value;
                improved = true;
            }
            // A slightly lowered bound: rounding must never end the walk early.
            const long double bound = m.lower - 1e-15L * std::fabs(m.lower) - 1e-300L;
            if (y2 != start && !improved && bound >= best_value) break;
        }
    }
    return true;
}

// The families in turn with budgets of 64, 1024, ... lines, until one walk completes (exact,
// returns true) or the last budget is spent (returns false: best seen, not certified).
template <class LineFn>
bool minimise_on_lines(const LineFn& line, const std::array<LineFamily, 3>& families, const CodeBox& box, Vec2& best,
                       long double& best_value, uint64_t& lines) {
    for (uint64_t budget = 64; budget <= (uint64_t(1) << 20); budget *= 16)   // at most ~4 M lines
        for (const LineFamily& fam : families) {
            uint64_t used = 0;
            const bool done = walk_family(line, fam, box, best, best_value, budget, used);
            lines += used;
            if (done) return true;
        }
    return false;
}

// Fast conversions for the values the walk meets (below 2^62 in magnitude: through int64,
// without the library calls of 128-bit and x87 rounding), exact otherwise.
inline long double to_ld(i128 v) {
    const int64_t n = static_cast<int64_t>(v);
    return static_cast<i128>(n) == v ? static_cast<long double>(n) : static_cast<long double>(v);
}
inline i128 to_i128(long double v) {
    return std::fabs(v) < 0x1p62L ? static_cast<i128>(static_cast<int64_t>(v)) : static_cast<i128>(v);
}
// The nearest integer (halves away from zero), as a long double.
inline long double round_ld(long double v) {
    if (!(std::fabs(v) < 0x1p62L)) return v;   // already an integer (or NaN / infinite)
    return static_cast<long double>(static_cast<int64_t>(v + (v < 0 ? -0.5L : 0.5L)));
}

// floor(n / d) and ceil(n / d) for d != 0.
i128 floor_div(i128 n, i128 d);
i128 ceil_div(i128 n, i128 d);

}  // namespace gqalut
