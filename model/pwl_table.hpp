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
    // Breakpoint codes range one past the largest operand code: that value never fires. The
    // operand is the input code, or |q| with symmetry folding (one more: 2^(k-1)).
    int64_t top_operand(bool folded = false) const { return folded ? max_code() + 1 : max_code(); }
    int64_t bp_min() const { return min_code(); }
    int64_t bp_max(bool folded = false) const { return top_operand(folded) + 1; }
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

// Symmetry folding of the INT unit (docs/numeric-definition.md §8): the LUT covers x >= 0, the
// unit folds the input sign and fixes the output for x < 0.
enum class Symmetry { none, odd, even, point, shifted };
Symmetry parse_symmetry(const std::string& s);   // throws BadInput
std::string to_string(Symmetry s);
enum class InterceptMode { absolute, relative };  // §10
InterceptMode parse_intercept_mode(const std::string& s);
std::string to_string(InterceptMode m);

// The INT unit's option registers for one LUT load (docs/pin-interface.md, §8-§11): the values
// config_writes() loads. Defaults are the reset values: the datapath of §2.
struct IntMode {
    Symmetry symmetry = Symmetry::none;
    int64_t center = 0;                 // CENTER: point symmetry c, an intercept code
    bool clamp = false;                 // false: CLAMP_LO/HI at their reset values (never clamp)
    int64_t clamp_lo = 0, clamp_hi = 0; // (k+1)-bit codes when clamp
    bool relative = false;              // ICPT_MODE
    int64_t origin = 0;                 // ORIGIN: P_{-1}
    bool folded() const { return symmetry != Symmetry::none; }
};

// What a table asks of the INT unit (the table file's "datapath", docs/table-format.md); the
// scale-dependent registers (clamp bounds, origin) follow from the table's fitted range.
struct DatapathOptions {
    Symmetry symmetry = Symmetry::none;
    int64_t center = 0;   // point symmetry: c as an intercept code (W bits, lambda_b fraction bits)
    bool clamp = false;
    InterceptMode intercept = InterceptMode::absolute;
    bool folded() const { return symmetry != Symmetry::none; }
    bool is_default() const {
        return symmetry == Symmetry::none && center == 0 && !clamp && intercept == InterceptMode::absolute;
    }
    bool operator==(const DatapathOptions& o) const {
        return symmetry == o.symmetry && center == o.center && clamp == o.clamp && intercept == o.intercept;
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
    std::optional<ScalerSpec> scaler;         // DIV/RSQRT: multi-range input scaling; EXP2/LOG2/EXP: range reduction
    DatapathOptions datapath;                 // INT unit options (version 2)

    // FP32.
    Fp32Lut fp32;

    nlohmann::json metrics = nlohmann::json::object();  // what the table achieved, as stored

    bool is_shared() const { return shared.has_value(); }
    // The LUT contents for scale s (derived from shared breakpoints or stored per scale).
    LutCodes lut_for_scale(int s) const;
    // The option registers for scale s (§9: clamp bounds and origin from the fitted range).
    IntMode mode_for_scale(int s) const;
    // The range the LUT covers: [range_lo, range_hi], or [0, max(|lo|, |hi|)] with symmetry.
    double fit_lo() const;
    double fit_hi() const;
    // The largest breakpoint code (never fires): 2^(k-1), or 2^(k-1) + 1 with symmetry.
    int64_t bp_max() const { return params.bp_max(datapath.folded()); }
    // File format version this table needs: 2 with datapath options or a range reduction.
    int format_version() const;
};

// The breakpoint code for real breakpoint p at scale s under `params` (numeric-definition.md
// §3); `folded`: the operand is |q| (symmetry), whose never-firing code is one higher.
int64_t breakpoint_code(double p, int s, const IntParams& params, bool folded = false);
// The code of a real bound v at scale s inside the operand range (§9: clamp bounds, origin).
int64_t operand_code(double v, int s, const IntParams& params, bool folded);

// Checks every invariant (sorted breakpoints, lengths N-1/N, codes within their widths,
// known function, scales in range...). Throws BadInput "field[index]: value: problem".
void validate(const PwlTable& t);

}  // namespace gqalut
