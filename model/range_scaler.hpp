// Multi-range input scaling for DIV and RSQRT (paper Table 2, docs/numeric-definition.md §6).
// The input is an unsigned fixed-point code u (default UQ16.16). A sub-range i is chosen by
// comparators (preset `paper`) or by the leading one (preset `normalize`); it fixes a shift
// sigma, and the pwl core sees x' = x * 2^-sigma as a UQ3.(k-3) code (round half up,
// saturating). The result is pwl(x') * 2^-sigma (DIV) or pwl(x') * 2^-(sigma/2) (RSQRT).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "fixed_format.hpp"

namespace gqalut {

struct IntParams;

struct ScalerSpec {
    std::string preset = "paper";        // "paper" | "normalize"
    FixFormat input{32, 16, false};      // UQ16.16
    FixFormat output{32, 24, false};     // UQ8.24, the requantized output of the unit
    bool operator==(const ScalerSpec& o) const {
        return preset == o.preset && input.width == o.input.width && input.frac == o.input.frac &&
               output.width == o.output.width && output.frac == o.output.frac &&
               output.is_signed == o.output.is_signed;
    }
};

// A comparator of the `paper` preset: inputs x >= lo (as code lo_code) use `shift`.
struct SubRange {
    double lo;
    int shift;
    uint64_t lo_code;   // lo in input codes; beyond the format: never fires
};

struct ScalerChoice {
    int shift;          // sigma
    int64_t core_code;  // UQ3.(k-3) code the pwl core sees
};

class RangeScaler {
public:
    // function: "div" or "rsqrt"; core: the unsigned INT-k core parameters. Throws BadInput.
    RangeScaler(const std::string& function, const ScalerSpec& spec, const IntParams& core);

    ScalerChoice select(uint64_t u) const;
    // Exponent applied to the pwl result: sigma (DIV) or sigma / 2 (RSQRT).
    int result_shift(int sigma) const { return rsqrt_ ? sigma / 2 : sigma; }
    int core_frac() const { return core_frac_; }
    const std::vector<SubRange>& sub_ranges() const { return ranges_; }   // paper preset only
    bool normalize() const { return normalize_; }
    const ScalerSpec& spec() const { return spec_; }
    // The shift for leading-one position msb (x in [2^msb, 2^(msb+1))), preset normalize.
    int normalize_shift(int msb) const;

private:
    ScalerSpec spec_;
    bool rsqrt_ = false;
    bool normalize_ = false;
    int core_bits_ = 8;
    int core_frac_ = 5;
    std::vector<SubRange> ranges_;
};

// The scaler's input-code-to-core-code conversion: round_half_up(u * 2^(core_frac - sigma -
// in_frac)) saturated to [0, 2^core_bits - 1].
int64_t scaler_core_code(uint64_t u, int in_frac, int sigma, int core_frac, int core_bits);

}  // namespace gqalut
