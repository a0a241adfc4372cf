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

// What the user asks for; unset fields take the defaults of docs/numeric-definition.md §2, §7 and paper Table 1.
struct SpecRequest {
    std::string function = "gelu";   // builtin name, or "expr" with `expr`
    std::string expr;
    std::optional<double> lo, hi;     // default: the function's Table 1 range
    int entries = 8;
    std::string precision = "int8";
    std::optional<int> lambda;        // fraction bits of slopes and intercepts (default k-2; scaler core k-3)
    std::optional<int> width;         // parameter width W (default k)
    std::optional<std::vector<int>> scales;   // INT scale set (default 0..6)
    std::string preset = "paper";     // DIV/RSQRT scaler preset
};

// A resolved, validated problem definition.
struct SearchSpec {
    std::string function, expr;
    double lo = -4, hi = 4;
    int entries = 8;
    Precision precision = Precision::int8;
    IntParams params;                   // INT precisions
    std::vector<int> scales;            // INT: the protocol's scales (scaler: the core scale)
    std::optional<ScalerSpec> scaler;   // DIV/RSQRT
};

// Validates everything the CLI takes (function, range, entries, precision, lambda, width,
// scales, preset). Throws BadInput with one line naming the problem.
SearchSpec make_spec(const SpecRequest& r);

// The protocol's points and a scorer that equals evaluate(t, Protocol::paper).mse_mean bit for
// bit (same points, same order of summation), but fast enough to sit in a GA's inner loop.
class Problem {
public:
    explicit Problem(SearchSpec spec);

    const SearchSpec& spec() const { return spec_; }
    const RefFunction& function() const { return *f_; }
    bool is_fp32() const { return spec_.precision == Precision::fp32; }
    bool has_scaler() const { return spec_.scaler.has_value(); }

    // INT: one grid per scale of spec().scales (the scaler: one grid at the core scale).
    const std::vector<ScaleGrid>& grids() const { return grids_; }
    // FP32: the protocol's inputs (binary32) and f at each; out-of-domain points are dropped.
    const std::vector<float>& fp32_x() const { return fp32_x_; }
    const std::vector<double>& fp32_target() const { return fp32_t_; }

    // The largest entry count the protocol's input grid can tell apart (distinct codes of the
    // largest per-scale grid; FP32: sample points).
    int max_entries() const { return max_entries_; }

    // A table with this problem's metadata and no LUT contents yet.
    PwlTable blank_table(const std::string& method) const;
    // The protocol's mean MSE of t (t must be a table of this problem).
    double score(const PwlTable& t) const;
    // Per-scale (or single) MSEs in protocol order.
    std::vector<double> score_per_scale(const PwlTable& t) const;

private:
    SearchSpec spec_;
    RefFunctionPtr f_;
    std::vector<ScaleGrid> grids_;
    std::vector<float> fp32_x_;
    std::vector<double> fp32_t_;
    int max_entries_ = 1;
};

// Mean squared error of one grid under one LUT load, summed exactly as evaluate() does.
double grid_mse_fast(const ScaleGrid& g, const IntParams& p, const LutCodes& lut);

}  // namespace gqalut
