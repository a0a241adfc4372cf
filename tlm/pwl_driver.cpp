#include "tlm/pwl_driver.hpp"

#include "model/fp32_datapath.hpp"
#include "tlm/pwl_accelerator.hpp"
#include "model/unit/elements.hpp"

namespace gqalut::vp {

using namespace acc;

void PwlDriver::load(const PwlTable& t, int scale, const RequantConfig& rq) {
    const bool fp = t.precision == Precision::fp32;
    const uint32_t mode = fp ? mode_fp32 : t.scaler ? mode_scaler
                         : t.precision == Precision::int16 ? mode_int16
                         : t.precision == Precision::int32 ? mode_int32 : mode_int8;
    cpu_.write32(base_ + kCfgMode, mode);
    cpu_.write32(base_ + kCfgEntries, static_cast<uint32_t>(t.entries));
    const UnitShape shape = shape_for(t, kMaxEntries);
    in_bytes_ = unit::input_element_bytes(shape);
    out_bytes_ = unit::output_element_bytes(shape, rq.enable && !fp && !t.scaler);
    if (fp) {
        for (size_t j = 0; j < t.fp32.breakpoints.size(); ++j)
            cpu_.write64(base_ + kLutBreakpoint + 8 * j, f32_bits(t.fp32.breakpoints[j]));
        for (size_t i = 0; i < t.fp32.slopes.size(); ++i) {
            cpu_.write64(base_ + kLutSlope + 8 * i, f32_bits(t.fp32.slopes[i]));
            cpu_.write64(base_ + kLutIntercept + 8 * i, f32_bits(t.fp32.intercepts[i]));
        }
        return;
    }
    cpu_.write32(base_ + kCfgLambda, static_cast<uint32_t>(t.params.lambda_k | (t.params.lambda_b << 8)));
    const int s = t.scaler ? t.params.k - 3 : scale;
    if (t.scaler) {
        const uint32_t sc = (t.function == "rsqrt" ? 1u : 0u) | (t.scaler->preset == "normalize" ? 2u : 0u) |
                            (static_cast<uint32_t>(t.scaler->input.frac) << 8) |
                            (static_cast<uint32_t>(t.scaler->output.frac) << 16);
        cpu_.write32(base_ + kCfgScaler, sc);
    } else {
        cpu_.write32(base_ + kCfgScale, static_cast<uint32_t>(scale));
        cpu_.write32(base_ + kCfgRequant, (rq.enable ? 1u : 0u) | (static_cast<uint32_t>(rq.out_frac & 0xFF) << 8));
    }
    const LutCodes lut = t.lut_for_scale(s);
    for (size_t j = 0; j < lut.breakpoints.size(); ++j)
        cpu_.write64(base_ + kLutBreakpoint + 8 * j, static_cast<uint64_t>(lut.breakpoints[j]));
    for (size_t i = 0; i < lut.slopes.size(); ++i) {
        cpu_.write64(base_ + kLutSlope + 8 * i, static_cast<uint64_t>(lut.slopes[i]));
        cpu_.write64(base_ + kLutIntercept + 8 * i, static_cast<uint64_t>(lut.intercepts[i]));
    }
}

void PwlDriver::start(uint64_t src, uint64_t dst, uint64_t n) {
    cpu_.write64(base_ + kSrcAddr, src);
    cpu_.write64(base_ + kDstAddr, dst);
    cpu_.write32(base_ + kLength, static_cast<uint32_t>(n));
    cpu_.write32(base_ + kCtrl, kCtrlIrqEnable | kCtrlStart);
}

PwlDriver::Job PwlDriver::run(uint64_t src, uint64_t dst, uint64_t n) {
    const uint64_t cycles0 = cpu_.read64(base_ + kPerfCycles), energy0 = cpu_.read64(base_ + kPerfEnergy);
    start(src, dst, n);
    cpu_.wait_irq();
    const uint32_t status = cpu_.read32(base_ + kStatus);
    Job j{(status & kStatusError) == 0, cpu_.read32(base_ + kErrorCode), cpu_.read64(base_ + kPerfCycles) - cycles0,
          cpu_.read64(base_ + kPerfEnergy) - energy0};
    cpu_.write32(base_ + kStatus, kStatusDone | kStatusError);   // write 1 to clear: drops the interrupt
    return j;
}

}  // namespace gqalut::vp
