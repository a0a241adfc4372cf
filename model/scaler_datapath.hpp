// Golden DIV/RSQRT unit: multi-range scaler in front of the unsigned INT-k core (docs/numeric-definition.md §6).
#pragma once
#include <cstdint>

#include "int_datapath.hpp"
#include "range_scaler.hpp"

namespace gqalut {

class ScalerDatapath {
public:
    struct Result {
        int sigma;          // chosen shift
        int64_t core_code;  // what the core saw
        i128 acc;           // core accumulator
        int frac;           // exact result = acc * 2^-frac
        double value() const { return std::ldexp(static_cast<double>(acc), -frac); }
    };

    // function: "div" or "rsqrt"; lut: the core's LUT load at scale core_frac.
    ScalerDatapath(const std::string& function, const ScalerSpec& spec, const IntParams& core, const LutCodes& lut);
    explicit ScalerDatapath(const PwlTable& t);

    Result exact(uint64_t u) const;
    // The unit's output: the exact result requantized to spec.output.
    int64_t output(uint64_t u) const {
        const Result r = exact(u);
        return requantize(r.acc, r.frac, scaler_.spec().output);
    }
    const RangeScaler& scaler() const { return scaler_; }
    const IntDatapath& core() const { return core_; }

private:
    RangeScaler scaler_;
    IntDatapath core_;
};

}  // namespace gqalut
