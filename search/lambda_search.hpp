// `--lambda auto`: the fraction bits (lambda_k, lambda_b) of a W-bit format chosen by the
// objective instead of fixed, so that slopes and intercepts are neither clipped at a rail nor
// coarser than they need to be.
//
// How: the largest lambda at which the lines the table needs still fit W bits is estimated from
// the protocol's points (least-squares lines over N equal-count runs of every grid: the
// largest |slope| and |intercept|), for slopes and intercepts separately. From that pair the
// search descends: every neighbour (each auto coordinate +-1, within 0..W: the unit runs
// fraction bits up to its parameter width, docs/numeric-definition.md §1) of the
// best pair so far is solved by `optimal` in the scheme asked for, until the best pair has no
// better neighbour (ties: the pair tried first). The GA ranks pairs by a quick shared optimum
// (the scheme it searches in, its DP on at most 257 boundaries): its tables are not optima, so
// the ranking need not be exact; `optimal` does the same when the full DPs would take more than
// about 2^22 segment fits per pair (many scales or huge grids), then solves the winner in full.
// For `optimal` the table is the exact optimum of the chosen pair,
// and the chosen pair is a local minimum over the pairs: no neighbour is better. Pairs far
// from it are not tried (on the built-in functions the full grid of pairs finds nothing
// better: docs/search.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "search/optimal.hpp"

namespace gqalut {

struct LambdaTrial {
    int lambda_k, lambda_b;
    double objective;
};

struct LambdaChoice {
    int lambda_k = 0, lambda_b = 0;
    std::vector<LambdaTrial> tried;        // in the order tried
    std::optional<OptimalResult> optimum;  // the optimum of the chosen pair in `scheme`
    bool quick = false;                    // pairs ranked by quick (thinned) optima
};

// The largest |slope| and |intercept| (real units, y = slope x + intercept) of least-squares
// lines over `entries` equal-count runs of every grid of p.
std::pair<double, double> needed_magnitudes(const Problem& p);

// The largest fraction bits --lambda auto tries: W (the numeric definition's range), within
// max_lambda.
int auto_lambda_limit(const SearchSpec& s);

// The largest lambda in 0..most at which the magnitude v rounds into `width` signed bits.
int widest_fit(double v, int width, int most);

// The optimum of p in scheme per-scale, shared or uniform (quick: DPs on at most 257 cuts).
OptimalResult optimal_in(const Problem& p, const std::string& scheme, int threads, bool quick = false);

// Chooses the auto coordinates of p's format (p.spec().auto_lambda_k / _b) as described above;
// `quick` forces the quick ranking.
LambdaChoice choose_lambda(const Problem& p, const std::string& scheme, int threads, bool quick = false);

// Segment fits of a full optimum of p in `scheme` (an estimate from the grid sizes).
double optimal_fits(const Problem& p, const std::string& scheme);

}  // namespace gqalut
