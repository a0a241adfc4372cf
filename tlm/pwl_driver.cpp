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
    cpu_.write32(base_ + kCfgLambda, static_cast<uint32_t>(kLambdaK.put(t.params.lambda_k) | kLambdaB.put(t.params.lambda_b)));
    int s = scale;
    if (t.scaler) {
        const ScalerFunc f = parse_scaler_func(t.function);
        s = t.scales.front();   // the core scale
        cpu_.write32(base_ + kCfgScaler,
                     static_cast<uint32_t>(kScalerFunction.put(f == ScalerFunc::rsqrt) | kScalerPreset.put(t.scaler->preset == "normalize" || t.scaler->preset == "octave") |
                                           kScalerOctave.put(t.scaler->preset == "octave") |
                                           kScalerInFrac.put(static_cast<uint64_t>(t.scaler->input.frac)) |
                                           kScalerOutFrac.put(static_cast<uint64_t>(t.scaler->output.frac)) |
                                           kScalerReduce.put(static_cast<uint64_t>(reduce_register(f)))));
    } else {
        cpu_.write32(base_ + kCfgScale, static_cast<uint32_t>(scale));
        cpu_.write32(base_ + kCfgRequant, (rq.enable ? 1u : 0u) | (static_cast<uint32_t>(rq.out_frac & 0xFF) << 8));
        write_options(t, scale);
    }
    const LutCodes lut = t.lut_for_scale(s);
    for (size_t j = 0; j < lut.breakpoints.size(); ++j)
        cpu_.write64(base_ + kLutBreakpoint + 8 * j, static_cast<uint64_t>(lut.breakpoints[j]));
    for (size_t i = 0; i < lut.slopes.size(); ++i) {
        cpu_.write64(base_ + kLutSlope + 8 * i, static_cast<uint64_t>(lut.slopes[i]));
        cpu_.write64(base_ + kLutIntercept + 8 * i, static_cast<uint64_t>(lut.intercepts[i]));
    }
}

void PwlDriver::write_options(const PwlTable& t, int scale) {
    // Every table writes them (their reset values when it has no options): a table never
    // inherits the options of the one loaded before it.
    const IntMode m = t.mode_for_scale(scale);
    const bool folded = m.folded();
    cpu_.write32(base_ + kCfgDatapath,
                 static_cast<uint32_t>(kDatapathSymmetry.put(static_cast<uint64_t>(m.symmetry)) | kDatapathClamp.put(m.clamp) |
                                       kDatapathRelative.put(m.relative)));
    cpu_.write32(base_ + kCfgCenter, static_cast<uint32_t>(m.center));
    const bool ranged = m.clamp || m.relative;
    cpu_.write64(base_ + kCfgRangeLo, ranged ? static_cast<uint64_t>(operand_code(t.fit_lo(), scale, t.params, folded)) : 0);
    cpu_.write64(base_ + kCfgRangeHi, ranged ? static_cast<uint64_t>(operand_code(t.fit_hi(), scale, t.params, folded)) : 0);
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
