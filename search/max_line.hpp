// The best integer line for the maximum error: minimise max_i w_i |K a_i + B c - t_i| over
// integer codes in a box (int_line.hpp is the same for the squared error). The points come in
// channels, each a set with one weight w (an INT grid: weight 1; the scaler grid: one channel
// per result shift e, w = 2^-e), held as the upper and lower convex hulls of their (a, t): the
// error of a line over a channel is max(U(K) - B c, B c - L(K)) with U(K) = max (t - K a) on the
// upper hull and L(K) = min (t - K a) on the lower one.
#pragma once
#include <cstdint>
#include <vector>

#include "search/int_line.hpp"

namespace gqalut {

// Upper and lower hulls of points (a, t) added in nondecreasing a (a cell may carry a range
// [t_lo, t_hi] of targets: several inputs on one code).
class PointHull {
public:
    void clear();
    void add(double a, double t_hi, double t_lo);
    bool empty() const { return up_.empty(); }
    long double upper(long double k) const;   // max (t - k a)
    long double lower(long double k) const;   // min (t - k a)
    double a_min() const { return up_.front().a; }
    double a_max() const { return up_.back().a; }

private:
    struct P {
        long double a, t;
    };
    std::vector<P> up_, lo_;
};

struct MaxChannel {
    const PointHull* hull;
    double weight;   // the error of a point is weight * |y - t|
};

// Exact minimiser of the weighted maximum error over the non-empty channels. `m` holds the
// points' moments (any positive weights): they only place the start and shape the lattice
// lines, never the result. cost = the minimum maximum error.
IntLine best_int_line_max(const std::vector<MaxChannel>& channels, const LineSums& m, double c, const CodeBox& box);

// The same for loose points (any order): grouped by weight into hulls here.
struct MaxPoint {
    double a, t, weight;   // error weight * |K a + B c - t|
};
IntLine best_int_line_max(std::vector<MaxPoint> points, double c, const CodeBox& box);

}  // namespace gqalut
