// `optimal`: the minimum of the paper protocol for a table of the problem's format.
//
// per-scale: each scale's LUT is independent, so each scale is one exact problem: a dynamic
//   programme over all segmentations of the scale's grid (segments of consecutive input codes,
//   a breakpoint code at each segment start) with the exact best integer slope/intercept codes
//   per segment (int_line.hpp).
// shared: one set of real breakpoints for all scales. A breakpoint acts only through its codes
//   round_half_even(p 2^s); all p strictly between consecutive multiples of 2^-(smax+1) give
//   the same codes at every scale, so one candidate per such cell reaches every rounding
//   pattern. Segment costs depend only on the two breakpoints around them (points of every
//   scale, weighted 1/n_s as in the per-scale mean), so the same DP over candidates is exact.
// fp32: DP over segmentations of the sample points with real least-squares lines, then the
//   parameters are rounded to binary32 -- optimal up to that rounding, not certified.
// When a DP would have more than kMaxBoundaries boundaries (large grids from --scales), it runs
// on evenly thinned candidates and says it is not exact.
#pragma once
#include <string>

#include "search/problem.hpp"

namespace gqalut {

constexpr size_t kMaxBoundaries = 2049;

struct OptimalResult {
    PwlTable table;
    bool exact = true;
    std::string note;   // how the table was obtained
};

OptimalResult optimal_per_scale(const Problem& p, int threads = 1);
// Uniform segments addressed without comparators (the ac_math style, docs/explore.md): per scale,
// segment i covers codes [base + i 2^sh, base + (i+1) 2^sh) where base is the grid's lowest
// code; the index is min(N-1, (q - base) >> sh), a subtract and a shift, so the last segment
// is open-ended. For each width 2^sh up to the one that covers the grid the best integer codes
// per segment are exact; the best width is kept, which makes the table the exact optimum for
// this indexing style with its base at the grid's start. The table is an ordinary per-scale
// table (its breakpoints are base + i 2^sh).
OptimalResult optimal_uniform_segments(const Problem& p);
OptimalResult optimal_shared(const Problem& p, int threads = 1);
OptimalResult optimal_fp32(const Problem& p);

// Best split of boundaries 0..m-1 into at most `parts` runs (i, j), i < j, minimising the sum
// of cost(i, j). Returns the start boundaries of the runs (the first is 0). Exposed for tests.
struct Partition {
    std::vector<size_t> starts;
    double cost = 0;
};
Partition best_partition(size_t m, size_t parts, const std::function<double(size_t, size_t)>& cost, int threads);

}  // namespace gqalut
