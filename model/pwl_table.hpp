// A pwl table: what the LUT of the unit holds, for every scale it serves (docs/table-format.md).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixed_format.hpp"
#include "range_scaler.hpp"

namespace gqalut {

enum class Precision { int8, int16, int32, fp32 };

Precision parse_precision(const std::string& s);   // throws BadInput
std::string to_string(Precision p);
int input_bits(Precision p);                         // k: 8, 16, 32 (32 for fp32)
inline bool is_int(Precision p) { return p != Precision::fp32; }

// Parameters of the INT-k datapath (docs/numeric-definition.md §2). Input codes are signed k-bit, or unsigned k-bit
// for the core behind the multi-range scaler (it sees UQ3.(k-3) codes).
struct IntParams {
    int k = 8;                 // input width
    bool input_signed = true;
    int width = 8;             // W: slope and intercept code width (signed)
    int lambda_k = 6;          // slope fraction bits
    int lambda_b = 6;          // intercept fraction bits
    int lambda_o() const { return lambda_k > lambda_b ? lambda_k : lambda_b; }

    int64_t min_code() const { return input_signed ? -(int64_t(1) << (k - 1)) : 0; }
    int64_t max_code() const { return input_signed ? (int64_t(1) << (k - 1)) - 1 : (int64_t(1) << k) - 1; }
    // Breakpoint codes range one past the largest input code: that value never fires.
    int64_t bp_min() const { return min_code(); }
    int64_t bp_max() const { return max_code() + 1; }
    FixFormat param_format(int frac) const { return FixFormat{width, frac, true}; }
    bool operator==(const IntParams& o) const {
        return k == o.k && input_signed == o.input_signed && width == o.width &&
               lambda_k == o.lambda_k && lambda_b == o.lambda_b;
    }
};

// Default INT-k parameters: W = k, lambda_k = lambda_b = k - 2 (INT8: Q1.6).
IntParams default_int_params(Precision p);

// One LUT load: N-1 breakpoint codes, N slope codes, N intercept codes.
struct LutCodes {
    std::vector<int64_t> breakpoints, slopes, intercepts;
    bool operator==(const LutCodes& o) const {
        return breakpoints == o.breakpoints && slopes == o.slopes && intercepts == o.intercepts;
    }
};

// The paper's storage scheme: one set of real breakpoints (codes derived per scale by
// P = clamp(round_half_even(p * 2^s))) and one set of slope/intercept codes for all scales.
struct SharedBreakpoints {
    std::vector<double> breakpoints;
    std::vector<int64_t> slopes, intercepts;
};

// FP32 table: binary32 breakpoints, slopes, intercepts.
struct Fp32Lut {
    std::vector<float> breakpoints, slopes, intercepts;
};

struct PwlTable {
    std::string function = "gelu";      // builtin name, or "expr"
    std::string expr;                   // the expression when function == "expr"
    double range_lo = -4, range_hi = 4; // search / paper-protocol range
    std::string method = "unknown";
    std::optional<uint64_t> seed;
    int entries = 8;
    Precision precision = Precision::int8;

    // INT precisions.
    IntParams params;
    std::vector<int> scales;                  // the scales s the table serves, ascending
    std::optional<SharedBreakpoints> shared;  // either this ...
    std::map<int, LutCodes> per_scale;        // ... or one LUT load per scale
    std::optional<ScalerSpec> scaler;         // DIV/RSQRT: multi-range input scaling

    // FP32.
    Fp32Lut fp32;

    nlohmann::json metrics = nlohmann::json::object();  // what the table achieved, as stored

    bool is_shared() const { return shared.has_value(); }
    // The LUT contents for scale s (derived from shared breakpoints or stored per scale).
    LutCodes lut_for_scale(int s) const;
};

// The breakpoint code for real breakpoint p at scale s under `params` (docs/numeric-definition.md §3).
int64_t breakpoint_code(double p, int s, const IntParams& params);

// Checks every invariant (sorted breakpoints, lengths N-1/N, codes within their widths,
// known function, scales in range...). Throws BadInput "field[index]: value: problem".
void validate(const PwlTable& t);

}  // namespace gqalut
