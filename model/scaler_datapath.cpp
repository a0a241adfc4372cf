#include "scaler_datapath.hpp"

#include "errors.hpp"

namespace gqalut {

ScalerDatapath::ScalerDatapath(const std::string& function, const ScalerSpec& spec, const IntParams& core,
                               const LutCodes& lut)
    : scaler_(function, spec, core), core_(core, scaler_.core_frac(), lut) {}

ScalerDatapath::ScalerDatapath(const PwlTable& t)
    : ScalerDatapath(t.function, t.scaler ? *t.scaler : throw BadInput("table has no scaler"), t.params,
                     t.lut_for_scale(t.scales.empty() ? t.params.k - 3 : t.scales.front())) {}

ScalerDatapath::Result ScalerDatapath::exact(uint64_t u) const {
    const ScalerChoice c = scaler_.select(u);
    Result r{c.shift, c.core_code, core_.acc(c.core_code), core_.result_frac() + scaler_.result_shift(c), c.zero};
    // LOG2: the integer part joins the accumulator at its fraction (lambda_o + k).
    r.acc += static_cast<i128>(scaler_.result_offset(c)) * (i128(1) << core_.result_frac());
    // RSQRT octave, odd sigma: times C / 2^16, exact (acc < 2^81, so acc * C < 2^97).
    if (scaler_.odd_octave(c)) {
        r.acc *= kHalfSqrtCode;
        r.frac += kHalfSqrtFracBits;
    }
    return r;
}

}  // namespace gqalut
