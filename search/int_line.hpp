// The best integer line for a set of weighted points: minimise sum w (K a + B c - t)^2 over
// integer codes K in [k_lo, k_hi], B in [b_lo, b_hi]. With a = x 2^-lambda_k and c = 2^-lambda_b
// this is exactly the error of one LUT entry of the INT datapath (y = K x 2^-lk + B 2^-lb).
// Used by `optimal` (per segment of the DP) and by the least-squares segment fit. The points
// enter only through their weighted moments, so a caller may shift a (a segment-relative
// input) or choose which points form a segment freely. max_line.hpp is the same for the
// maximum error.
#pragma once
#include <cstdint>
#include <functional>
#include <utility>

#include "search/lattice_walk.hpp"

namespace gqalut {

// Weighted moments of the points (a, t) with weight w. long double keeps the cancellation in
// prefix-sum differences far below the errors being compared.
struct LineSums {
    long double w = 0, wa = 0, waa = 0, wt = 0, wat = 0, wtt = 0;
    void add(double a, double t, double weight) {
        const long double la = a, lt = t, lw = weight;
        w += lw;
        wa += lw * la;
        waa += lw * la * la;
        wt += lw * lt;
        wat += lw * la * lt;
        wtt += lw * lt * lt;
    }
    LineSums& operator+=(const LineSums& o) {
        w += o.w, wa += o.wa, waa += o.waa, wt += o.wt, wat += o.wat, wtt += o.wtt;
        return *this;
    }
    // The moments of the same points with a - delta in place of a (a segment-relative input).
    LineSums shifted(long double delta) const {
        LineSums r = *this;
        r.wa = wa - delta * w;
        r.waa = waa - 2 * delta * wa + delta * delta * w;
        r.wat = wat - delta * wt;
        return r;
    }
    LineSums operator-(const LineSums& o) const {
        LineSums r = *this;
        r.w -= o.w, r.wa -= o.wa, r.waa -= o.waa, r.wt -= o.wt, r.wat -= o.wat, r.wtt -= o.wtt;
        return r;
    }
};

struct IntLine {
    int64_t k = 0, b = 0;
    double cost = 0;          // sum w (K a + B c - t)^2 from the moments (max_line: the max error)
    bool certified = true;    // false only if a safety cap on the enumeration was hit
    uint64_t lines = 0;       // lattice lines walked (the work done; see lattice_walk.hpp)
};

// sum w (K a + B c - t)^2 from the moments.
long double line_cost(const LineSums& m, int64_t k, int64_t b, double c);

// The exact minimiser. a_min/a_max: the smallest and largest a among the points (equal when
// the points share one input). c: the intercept unit. Empty sums give K = B = 0 (clamped).
// Fast for every box: O(1) lattice lines in all but contrived cases (lattice_walk.hpp).
IntLine best_int_line(const LineSums& m, double a_min, double a_max, double c, const CodeBox& box);

// The centred form of the squared error: F(K, B) = w u^2 + s (K - kappa)^2 + resid with
// u = K mu + B c - tau. Exposed for max_line (its starting point and line geometry).
struct QuadraticError {
    explicit QuadraticError(const LineSums& m, double c);
    long double w, mu, tau, s, kappa, resid, c;
    long double at(long double k, long double b) const;   // >= resid, the real least-squares minimum
    ErrorForm form() const { return {w, mu, c, s}; }
    // The real minimiser over the box.
    std::pair<long double, long double> box_minimum(const CodeBox& box) const;
};

// Points that all share one input a (the DP's one-code segments): every point sees the same
// y = K a + B c, and `score`, convex in y with its minimum at `target`, is minimised exactly over
// the y the box can reach (number theory at the top of int_line.cpp).
IntLine best_single_input(double a, double c, const CodeBox& box, long double target,
                          const std::function<long double(int64_t k, int64_t b)>& score);

// The real-valued least-squares line y = slope * a + intercept (a single input: slope 0).
struct RealLine {
    double slope, intercept;
};
RealLine lsq_line(const LineSums& m, double a_min, double a_max);

}  // namespace gqalut
