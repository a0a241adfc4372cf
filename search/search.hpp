// `gqalut search` as a library call: resolve the problem, run one method, evaluate the result
// with the golden metrics and record what it achieved in the table.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "model/metrics.hpp"
#include "search/breakpoint_problem.hpp"
#include "search/genetic.hpp"
#include "search/nnlut.hpp"
#include "search/lambda_search.hpp"
#include "search/problem.hpp"
#include "search/rails.hpp"

namespace gqalut {

struct SearchOptions {
    SpecRequest spec;
    std::string method = "gqa-rm";   // gqa | gqa-rm | nnlut | optimal
    std::string scheme;              // "" = the method's default; shared | per-scale
    uint64_t seed = 1;
    int threads = 1;
    Fit fit = Fit::chord;
    std::optional<int> generations, population;
    std::optional<double> theta_r;
    std::optional<std::pair<int, int>> rm_range;
    std::optional<int> nn_steps;
    std::function<void(const std::string&)> progress;   // one line per call
};

struct SearchResult {
    PwlTable table;
    Metrics metrics;           // evaluate(table, the spec's protocol: paper or codes)
    double seconds = 0;        // the search, without the final evaluation
    std::string scheme;        // shared | per-scale | fp32
    std::optional<bool> exact; // optimal only
    std::string note;
    uint64_t evaluations = 0;  // GA fitness evaluations
    double search_fitness = 0; // the objective as the method saw it (GA: its best fitness)
    Objective objective = Objective::mse;
    double objective_value = 0;   // mse_mean or max_abs_error of the table
    RailReport rails;             // codes the format clipped (also in table.metrics.codes_at_rail)
    std::vector<LambdaTrial> lambda_trials;   // --lambda auto: every pair tried
    std::string lambda_by;                    // ... and how each was scored
    int bits_per_entry = 0;       // breakpoint (k+1 bits, none for uniform) + slope + intercept; FP32 96
};

// A GA run scores every protocol point in every fitness evaluation; beyond this many point
// evaluations (about 20 s here) the request is refused up front.
constexpr double kMaxGaPointEvaluations = 17179869184.0;   // 2^34

// Throws BadInput. The result records in table.metrics what the table achieved, whether it is
// exact, and `codes_at_rail`.
SearchResult run_search(const SearchOptions& opt);

// One line for stderr when the format clipped codes, else empty.
std::string rail_warning(const SearchResult& r);

}  // namespace gqalut
