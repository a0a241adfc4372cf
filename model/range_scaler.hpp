// Multi-range input scaling for DIV and RSQRT (paper Table 2, docs/numeric-definition.md §6)
// and the range reductions of EXP2, LOG2 and EXP (§12).
// DIV/RSQRT: the input is an unsigned fixed-point code u (default UQ16.16). A sub-range i is
// chosen by comparators (preset `paper`) or by the leading one (presets `normalize`, `octave`);
// it fixes a shift sigma, and the pwl core sees x' = x * 2^-sigma as a UQ3.(k-3) code (round
// half up, saturating). The result is pwl(x') * 2^-sigma (DIV) or pwl(x') * 2^-(sigma/2)
// (RSQRT); RSQRT `octave`: x' in [4, 8) for every exponent, pwl(x') * 2^-floor(sigma/2), times
// C / 2^16 ~ 1/sqrt(2) when sigma is odd.
// EXP2/EXP (preset `reduce`): x (signed) times 1 or log2(e), rounded to k fraction bits, split
// into n and a UQ0.k fraction c: pwl(c) * 2^n. LOG2: the leading one `lead` and the k bits after
// it (rounded): (lead - IN_FRAC) + pwl(c).
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "fixed_format.hpp"

namespace gqalut {

struct IntParams;

struct ScalerSpec {
    std::string preset = "paper";        // "paper" | "normalize" (DIV/RSQRT), "octave" (RSQRT), "reduce" (EXP2/LOG2/EXP)
    FixFormat input{32, 16, false};      // UQ16.16 (EXP2/EXP: signed Q15.16)
    FixFormat output{32, 24, false};     // UQ8.24, the requantized output of the unit (LOG2: signed)
    bool operator==(const ScalerSpec& o) const {
        return preset == o.preset && input.width == o.input.width && input.frac == o.input.frac &&
               input.is_signed == o.input.is_signed && output.width == o.output.width &&
               output.frac == o.output.frac && output.is_signed == o.output.is_signed;
    }
};

// The functions the scaler unit computes, and the value of its REDUCE register (§12).
enum class ScalerFunc { div, rsqrt, exp2, log2, exp };
// "div", "rsqrt", "exp2", "log2", "exp"; throws BadInput for anything else.
ScalerFunc parse_scaler_func(const std::string& function);
inline bool is_reduction(ScalerFunc f) { return f == ScalerFunc::exp2 || f == ScalerFunc::log2 || f == ScalerFunc::exp; }
int reduce_register(ScalerFunc f);   // 0 (DIV/RSQRT), 1 EXP2, 2 LOG2, 3 EXP
// Signedness of the input and output codes of a scaler function (EXP2/EXP take two's
// complement inputs, LOG2 gives two's complement outputs).
inline bool scaler_input_signed(ScalerFunc f) { return f == ScalerFunc::exp2 || f == ScalerFunc::exp; }
inline bool scaler_output_signed(ScalerFunc f) { return f == ScalerFunc::log2; }

// EXP through EXP2: x * log2(e) with log2(e) as M / 2^MF (§12).
constexpr int kLog2eFracBits = 16;
constexpr int64_t kLog2eCode = 94548;   // round(log2(e) * 2^16)
// The exponent n the hardware carries (10 bits signed); beyond it the output is 0 or saturated.
constexpr int64_t kMaxReducedExponent = 511;

// RSQRT `octave`: an odd sigma multiplies the result by C / 2^CF, C = round(2^CF / sqrt(2))
// (relative error 1.1e-6), exactly: acc * C at CF more fraction bits, one rounding in the output.
constexpr int kHalfSqrtFracBits = 16;
constexpr int64_t kHalfSqrtCode = 46341;   // round(2^16 / sqrt(2))

// A comparator of the `paper` preset: inputs x >= lo (as code lo_code) use `shift`.
struct SubRange {
    double lo;
    int shift;
    uint64_t lo_code;   // lo in input codes; beyond the format: never fires
};

struct ScalerChoice {
    int shift;              // DIV/RSQRT: sigma
    int64_t core_code;      // the code the pwl core sees
    int64_t int_part = 0;   // EXP2/EXP: n (pwl * 2^n); LOG2: lead - IN_FRAC (pwl + int_part)
    bool zero = false;      // LOG2 of 0: the most negative output
};

class RangeScaler {
public:
    // function: div, rsqrt, exp2, log2 or exp; core: the unsigned INT-k core parameters.
    // Throws BadInput.
    RangeScaler(const std::string& function, const ScalerSpec& spec, const IntParams& core);

    // u: the input word (the low input.width bits; two's complement for EXP2/EXP).
    ScalerChoice select(uint64_t u) const;
    // DIV/RSQRT: exponent applied to the pwl result, sigma (DIV) or sigma / 2 (RSQRT; toward
    // zero, or floor(sigma / 2) with the octave preset).
    int result_shift(int sigma) const {
        if (func_ != ScalerFunc::rsqrt) return sigma;
        return octave_ ? (sigma >= 0 ? sigma / 2 : -((1 - sigma) / 2)) : sigma / 2;
    }
    // RSQRT octave, odd sigma: the result is also multiplied by kHalfSqrtCode / 2^kHalfSqrtFracBits.
    bool odd_octave(const ScalerChoice& c) const { return octave_ && (c.shift & 1) != 0; }
    // Any function: result = pwl(x') * 2^-result_shift(c) + result_offset(c).
    int result_shift(const ScalerChoice& c) const;
    int64_t result_offset(const ScalerChoice& c) const { return func_ == ScalerFunc::log2 ? c.int_part : 0; }
    // The constant factor of the result: C / 2^16 for an odd octave sigma, else 1.
    double result_factor(const ScalerChoice& c) const {
        return odd_octave(c) ? std::ldexp(static_cast<double>(kHalfSqrtCode), -kHalfSqrtFracBits) : 1.0;
    }
    int core_frac() const { return core_frac_; }
    const std::vector<SubRange>& sub_ranges() const { return ranges_; }   // paper preset only
    bool normalize() const { return normalize_; }   // normalize and octave: by the leading one
    bool octave() const { return octave_; }
    ScalerFunc func() const { return func_; }
    const ScalerSpec& spec() const { return spec_; }
    // The shift for leading-one position msb (x in [2^msb, 2^(msb+1))), presets normalize and octave.
    int normalize_shift(int msb) const;
    // The input word's value as a signed (EXP2/EXP) or unsigned code.
    int64_t input_code(uint64_t u) const;

private:
    ScalerChoice reduce(uint64_t u) const;
    ScalerSpec spec_;
    ScalerFunc func_ = ScalerFunc::div;
    bool normalize_ = false;
    bool octave_ = false;
    int core_bits_ = 8;
    int core_frac_ = 5;
    std::vector<SubRange> ranges_;
};

// The scaler's input-code-to-core-code conversion: round_half_up(u * 2^(core_frac - sigma -
// in_frac)) saturated to [0, 2^core_bits - 1].
int64_t scaler_core_code(uint64_t u, int in_frac, int sigma, int core_frac, int core_bits);

}  // namespace gqalut
