// The search problem, kept apart from the algorithms: which function, which table format, and
// the accuracy protocol every method minimises (docs/numeric-definition.md §7 `paper`: per-scale MSE on the INT grids,
// IR with step 0.01 through the multi-range scaler for DIV/RSQRT, step 0.01 for FP32).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/functions.hpp"
#include "model/metrics.hpp"
#include "model/pwl_table.hpp"

namespace gqalut {

// What a search minimises over the protocol's points: the mean of the per-scale MSEs
// (`mse_mean`, the paper's objective) or the maximum absolute error (`max_abs_error`).
enum class Objective { mse, max };
Objective parse_objective(const std::string& s);   // throws BadInput
std::string to_string(Objective o);

// What the user asks for; unset fields take the defaults of docs/numeric-definition.md §2, §7 and paper Table 1.
struct SpecRequest {
    std::string function = "gelu";   // builtin name, or "expr" with `expr`
    std::string expr;
    std::optional<double> lo, hi;     // default: the function's Table 1 range
    int entries = 8;
    std::string precision = "int8";
    // Fraction bits of slopes (lambda_k) and intercepts (lambda_b), each 0..min(W, 2k, 40). Unset:
    // chosen by the search (`--lambda auto`, lambda_search.hpp), or with `reference_lambda` the
    // reference implementation's k-2 (scaler core k-3).
    std::optional<int> lambda_k, lambda_b;
    bool reference_lambda = false;
    std::optional<int> width;         // parameter width W (default k)
    std::optional<std::vector<int>> scales;   // INT scale set (default 0..6)
    // Scaler preset: DIV/RSQRT paper | normalize (default: every input code); EXP2, LOG2 reduce
    // (the only one, the default); EXP reduce moves it from the INT unit onto the scaler's
    // range reduction (numeric-definition.md §12).
    std::optional<std::string> preset;
    // The scaler's input and output formats as "Q15.16" / "UQ1.31" (default §6, §12).
    std::optional<std::string> scaler_input, scaler_output;
    std::string objective = "mse";
    // The points fitted and reported (docs/numeric-definition.md §7): "paper", or "codes" on the
    // scaler (every input code in the range instead of the step-0.01 points).
    std::string protocol = "paper";
    // INT datapath options (docs/numeric-definition.md §8, §9): "none" (default), "auto", or a
    // symmetry name; clamp inputs to the range.
    std::string symmetry = "none";
    bool clamp = false;
    std::string intercept = "absolute";   // "relative": segment-relative intercepts (§10)
};

// A resolved, validated problem definition.
struct SearchSpec {
    std::string function, expr;
    double lo = -4, hi = 4;
    int entries = 8;
    Precision precision = Precision::int8;
    IntParams params;                   // INT precisions (an auto lambda holds k-2 / k-3 until chosen)
    bool auto_lambda_k = false, auto_lambda_b = false;
    std::vector<int> scales;            // INT: the protocol's scales (scaler: the core scale)
    std::optional<ScalerSpec> scaler;   // DIV/RSQRT, and the range reductions (preset reduce)
    Objective objective = Objective::mse;
    Protocol protocol = Protocol::paper;   // paper, or codes (scaler only)
    // The table's datapath options; point symmetry's centre c as a real (its code follows lambda_b).
    DatapathOptions datapath;
    double center = 0;
};

// The largest fraction bits a search takes: min(2k, 40) (40: the table format's limit).
int max_lambda(Precision p);

// Validates everything the CLI takes (function, range, entries, precision, lambda, width,
// scales, preset). Throws BadInput with one line naming the problem.
SearchSpec make_spec(const SpecRequest& r);

// The protocol's points and a scorer that equals evaluate(t, spec().protocol).mse_mean bit for
// bit (same points, same order of summation), but fast enough to sit in a GA's inner loop.
class Problem {
public:
    explicit Problem(SearchSpec spec);
    // The same problem (same grids) with other fraction bits.
    Problem with_lambda(int lambda_k, int lambda_b) const;

    const SearchSpec& spec() const { return spec_; }
    // The function the LUT's lines approximate on [fit_lo, fit_hi] (the GA's chords, NN-LUT's
    // samples): f, or for a range reduction its core's 2^x' or log2(1 + x') on [0, 1).
    const RefFunction& function() const { return core_ ? *core_ : *f_; }
    bool is_reduction() const { return spec_.scaler && spec_.scaler->preset == "reduce"; }
    bool is_fp32() const { return spec_.precision == Precision::fp32; }
    bool has_scaler() const { return spec_.scaler.has_value(); }

    // INT: one grid per scale of spec().scales (the scaler: one grid at the core scale).
    const std::vector<ScaleGrid>& grids() const { return grids_; }
    // FP32: the protocol's inputs (binary32) and f at each; out-of-domain points are dropped.
    const std::vector<float>& fp32_x() const { return fp32_x_; }
    const std::vector<double>& fp32_target() const { return fp32_t_; }

    // The part of the range the input format reaches: for INT problems without the scaler the
    // range clamped to the codes of the coarsest scale (a range of +-1e308 gives the format's
    // extremes), a range reduction's core argument [0, 1), the RSQRT octave's x' in [4, 8), otherwise the range. GA genes, chord anchors at the range ends and NN-LUT
    // samples stay inside it.
    double fit_lo() const { return fit_lo_; }
    double fit_hi() const { return fit_hi_; }

    // The largest entry count the protocol's input grid can tell apart (distinct codes of the
    // largest per-scale grid; FP32: sample points).
    int max_entries() const { return max_entries_; }

    // A table with this problem's metadata and no LUT contents yet.
    PwlTable blank_table(const std::string& method) const;
    // The objective of t (t must be a table of this problem): score_mse or score_max.
    double score(const PwlTable& t) const;
    // The protocol's mean MSE of t.
    double score_mse(const PwlTable& t) const;
    // The protocol's maximum absolute error of t (equals evaluate(t, paper).max_abs_error).
    double score_max(const PwlTable& t) const;
    // Per-scale (or single) MSEs in protocol order.
    std::vector<double> score_per_scale(const PwlTable& t) const;
    // Per-scale (or single) maximum absolute errors in protocol order.
    std::vector<double> max_error_per_scale(const PwlTable& t) const;

private:
    SearchSpec spec_;
    RefFunctionPtr f_;
    RefFunctionPtr core_;   // range reductions only
    std::vector<ScaleGrid> grids_;
    std::vector<float> fp32_x_;
    std::vector<double> fp32_t_;
    int max_entries_ = 1;
    double fit_lo_ = 0, fit_hi_ = 0;
};

// Where the MAC measures the operand from in each entry of one LUT load (numeric-definition.md
// §10): 0 with absolute intercepts; with relative ones the entry's start P_{i-1}, ORIGIN for
// entry 0, so the operand is q'' - start and B_i is the value at the segment start.
struct SegmentStarts {
    bool relative = false;
    int64_t origin = 0;
    int64_t start(const std::vector<int64_t>& breakpoints, size_t entry) const {
        return !relative ? 0 : entry == 0 ? origin : breakpoints[entry - 1];
    }
};
// The starts of table t at scale s (ORIGIN from the table's fitted range).
SegmentStarts segment_starts(const PwlTable& t, int s);

// Mean squared error and maximum absolute error of one grid under one LUT load, summed
// exactly as evaluate() does.
struct GridError {
    double mse = 0, max_abs = 0;
};
GridError grid_error_fast(const ScaleGrid& g, const IntParams& p, const LutCodes& lut, const SegmentStarts& starts = {});
inline double grid_mse_fast(const ScaleGrid& g, const IntParams& p, const LutCodes& lut) {
    return grid_error_fast(g, p, lut).mse;
}

}  // namespace gqalut
