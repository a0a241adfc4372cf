// Golden scaler unit: the multi-range scaler (DIV, RSQRT) or the range reduction (EXP2, LOG2,
// EXP) in front of the unsigned INT-k core (docs/numeric-definition.md §6, §12).
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

#include "int_datapath.hpp"
#include "range_scaler.hpp"

namespace gqalut {

class ScalerDatapath {
public:
    struct Result {
        int sigma;          // DIV/RSQRT: chosen shift
        int64_t core_code;  // what the core saw
        i128 acc;           // core accumulator (LOG2: plus the integer part)
        int frac;           // exact result = acc * 2^-frac
        bool zero = false;  // LOG2 of 0: -infinity
        double value() const {
            return zero ? -std::numeric_limits<double>::infinity() : std::ldexp(static_cast<double>(acc), -frac);
        }
    };

    // function: div, rsqrt, exp2, log2 or exp; lut: the core's LUT load at scale core_frac.
    ScalerDatapath(const std::string& function, const ScalerSpec& spec, const IntParams& core, const LutCodes& lut);
    explicit ScalerDatapath(const PwlTable& t);

    Result exact(uint64_t u) const;
    // The unit's output: the exact result requantized to spec.output (LOG2 of 0: its minimum).
    int64_t output(uint64_t u) const {
        const Result r = exact(u);
        if (r.zero) return scaler_.spec().output.min_code();
        return requantize(r.acc, r.frac, scaler_.spec().output);
    }
    const RangeScaler& scaler() const { return scaler_; }
    const IntDatapath& core() const { return core_; }

private:
    RangeScaler scaler_;
    IntDatapath core_;
};

}  // namespace gqalut
