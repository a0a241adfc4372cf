// `optimal`: the minimum of the protocol's objective (MSE or maximum error, problem.hpp) for a
// table of the problem's format.
//
// per-scale: each scale's LUT is independent, so each scale is one exact problem: a dynamic
//   programme over all segmentations of the scale's grid (segments of consecutive input codes,
//   a breakpoint code at each segment start) with the exact best integer slope/intercept codes
//   per segment (int_line.hpp, max_line.hpp).
// shared: one set of real breakpoints for all scales. A breakpoint acts only through its codes
//   round_half_even(p 2^s); between two consecutive thresholds (c + 1/2) 2^-s (c a grid code of
//   scale s, over all scales) every p gives the same codes at every scale, so one candidate per
//   such interval reaches every rounding pattern. Segment costs depend only on the two
//   breakpoints around them (points of every scale; the MSE weighs scale s by 1/n_s as in the
//   per-scale mean), so the same DP over candidates is exact.
// uniform: per scale, N segments of 2^sh codes from the grid's lowest code (see below).
// fp32: DP over segmentations of the sample points with real least-squares lines, then the
//   parameters are rounded to binary32 -- optimal up to that rounding, not certified.
//
// The DP adds segment costs (MSE: their squared errors); for the maximum error, which never
// falls as a segment grows, the least bound a greedy cover meets is found by bisection.
//
// Relative intercepts (numeric-definition.md §10): a segment's inputs are measured from its
// start (ORIGIN for the first, else its breakpoint code at that scale), so the best integer
// line of a segment is fitted to q - start; its cost still depends on the segment's two
// boundaries only and the DPs stay exact. The maximum error then takes the full min-max DP (a
// later start is not always better, so the greedy cover does not apply). The optimum's domain:
// tables whose first segment holding inputs starts at ORIGIN (an empty first entry would let the
// next one start anywhere below the grid; that is not tried).
// Bounded work: a DP runs on at most max_boundaries(N) boundaries (2049 for N <= 64 entries,
// fewer for more entries so that N m^2 / 2 stays near 2^28 steps), and the squared-error DPs of
// a per-scale optimum make at most about kMaxFits segment fits together; a larger grid or
// pattern set is thinned evenly and the result says it is not exact. Grids themselves hold at
// most kMaxGridCodes codes per scale (metrics.hpp).
#pragma once
#include <functional>
#include <string>

#include "search/problem.hpp"

namespace gqalut {

// The largest number of DP boundaries for a table of `entries` entries.
size_t max_boundaries(size_t entries);
// At most this many segment fits for the squared error of all scales of a per-scale optimum
// together: with many scales (INT32 --scales 0..31) each DP gets fewer boundaries.
constexpr double kMaxFits = 1 << 24;

struct OptimalResult {
    PwlTable table;
    bool exact = true;
    std::string note;   // how the table was obtained
};

// max_cuts > 0 caps the DP's boundaries lower than max_boundaries (a quick, thinned optimum).
OptimalResult optimal_per_scale(const Problem& p, int threads = 1, size_t max_cuts = 0);
// Uniform segments addressed without comparators (the ac_math style, docs/explore.md): per scale,
// segment i covers codes [base + i 2^sh, base + (i+1) 2^sh) where base is the grid's lowest
// code; the index is min(N-1, (q - base) >> sh), a subtract and a shift, so the last segment
// is open-ended. For each width 2^sh up to the one that covers the grid the best integer codes
// per segment are exact; the best width is kept, which makes the table the exact optimum for
// this indexing style with its base at the grid's start. The table is an ordinary per-scale
// table (its breakpoints are base + i 2^sh).
OptimalResult optimal_uniform_segments(const Problem& p);
// max_cuts > 0 caps the DP's boundaries lower than max_boundaries (a quick, thinned optimum).
OptimalResult optimal_shared(const Problem& p, int threads = 1, size_t max_cuts = 0);
OptimalResult optimal_fp32(const Problem& p);

// Best split of boundaries 0..m-1 into at most `parts` runs (i, j), i < j, minimising the sum
// (or the maximum) of the run costs. `row(i, out)` writes cost(i, j) to out[j] for every
// j in (i, m). Returns the start boundaries of the runs (the first is 0). Exposed for tests.
enum class Combine { sum, max };
struct Partition {
    std::vector<size_t> starts;
    double cost = 0;
};
using CostRow = std::function<void(size_t i, double* out)>;
Partition best_partition(size_t m, size_t parts, const CostRow& row, Combine combine, int threads);
Partition best_partition(size_t m, size_t parts, const std::function<double(size_t, size_t)>& cost, int threads);
// The same as best_partition(..., Combine::max) for costs that never fall as a run grows
// (cost(i, j) <= cost(i', j') when i' <= i < j <= j'), with O(m) calls per bisection step
// instead of the matrix: the least eps whose greedy cover (runs as long as cost <= eps) needs
// at most `parts` runs. `cost` is called with j growing for one i at a time.
Partition min_max_partition(size_t m, size_t parts, const std::function<double(size_t, size_t)>& cost);

}  // namespace gqalut
