#include "unit_config.hpp"

#include "errors.hpp"
#include "fp32_datapath.hpp"

namespace gqalut {

int UnitShape::out_width() const {
    switch (kind) {
        case UnitKind::int_unit: return acc_width();
        case UnitKind::fp32_unit: return 32;
        case UnitKind::scaler_unit: return 32;
    }
    return 0;
}

std::string UnitShape::name() const {
    const char* k = kind == UnitKind::fp32_unit ? "fp32" : kind == UnitKind::scaler_unit ? "scaler" : "int";
    std::string n = std::string(k) + (kind == UnitKind::fp32_unit ? "" : std::to_string(in_width));
    if (kind != UnitKind::fp32_unit) n += "_p" + std::to_string(par_width);
    return n + "_n" + std::to_string(max_entries) + "_l" + std::to_string(lanes);
}

UnitShape int_shape(int k, int max_entries, int lanes) {
    UnitShape s;
    s.kind = UnitKind::int_unit;
    s.in_width = s.par_width = k;
    s.max_entries = max_entries;
    s.lanes = lanes;
    return s;
}

UnitShape fp32_shape(int max_entries, int lanes) {
    UnitShape s = int_shape(32, max_entries, lanes);
    s.kind = UnitKind::fp32_unit;
    return s;
}

UnitShape scaler_shape(int max_entries, int lanes, int in_width, int core_width) {
    UnitShape s = int_shape(core_width, max_entries, lanes);
    s.kind = UnitKind::scaler_unit;
    s.in_width = in_width;
    s.core_width = core_width;
    return s;
}

UnitShape shape_for(const PwlTable& t, int max_entries, int lanes) {
    if (t.precision == Precision::fp32) return fp32_shape(max_entries, lanes);
    if (t.scaler) return scaler_shape(max_entries, lanes, t.scaler->input.width, t.params.k);
    return int_shape(t.params.k, max_entries, lanes);
}

i128 mask_bits(i128 v, int width) {
    if (width >= 127) return v;
    return v & ((i128(1) << width) - 1);
}

int64_t sign_extend(uint64_t v, int width) {
    if (width >= 64) return static_cast<int64_t>(v);
    const uint64_t m = uint64_t(1) << (width - 1);
    v &= (m << 1) - 1;
    return static_cast<int64_t>((v ^ m) - m);
}

namespace {

uint64_t twos(int64_t v) { return static_cast<uint64_t>(v); }

void check_fits(const PwlTable& t, int scale, const UnitShape& shape, const RequantConfig& rq) {
    if (t.entries > shape.max_entries)
        throw BadInput("table has " + std::to_string(t.entries) + " entries, the unit holds at most " +
                       std::to_string(shape.max_entries));
    if (t.precision == Precision::fp32) {
        if (shape.kind != UnitKind::fp32_unit) throw BadInput("an fp32 table needs the fp32 unit");
        return;
    }
    if (t.params.width > shape.par_width)
        throw BadInput("table parameters are " + std::to_string(t.params.width) + " bits, the unit holds " +
                       std::to_string(shape.par_width));
    for (int l : {t.params.lambda_k, t.params.lambda_b})
        if (l > shape.par_width)
            throw BadInput("fraction bits " + std::to_string(l) + " exceed the unit's limit " + std::to_string(shape.par_width));
    if (t.scaler) {
        if (shape.kind != UnitKind::scaler_unit || shape.core_width != t.params.k || shape.in_width != t.scaler->input.width)
            throw BadInput("a " + t.function + " table needs the scaler unit with a " + std::to_string(t.params.k) +
                           "-bit core and " + std::to_string(t.scaler->input.width) + "-bit input");
        if (t.scaler->output.width != 32 || t.scaler->output.frac < 0 || t.scaler->output.frac > 32 ||
            t.scaler->output.is_signed != scaler_output_signed(parse_scaler_func(t.function)))
            throw BadInput("the scaler unit's output is UQ(32-F).F (log2: Q(31-F).F) with F in 0..32");
        if (t.scaler->input.is_signed != scaler_input_signed(parse_scaler_func(t.function)))
            throw BadInput("the scaler unit's input is unsigned (exp2, exp: two's complement)");
        return;
    }
    if (shape.kind != UnitKind::int_unit || shape.in_width != t.params.k)
        throw BadInput("an " + to_string(t.precision) + " table needs the " + std::to_string(t.params.k) + "-bit INT unit");
    if (scale < 0 || scale > t.params.k - 1)
        throw BadInput("scale " + std::to_string(scale) + " outside [0, " + std::to_string(t.params.k - 1) + "]");
    if (!t.is_shared() && !t.per_scale.count(scale))
        throw BadInput("the table has no LUT for scale " + std::to_string(scale));
    if (rq.enable && (rq.out_frac < -shape.in_width || rq.out_frac > 2 * shape.in_width))
        throw BadInput("requantizer output fraction bits " + std::to_string(rq.out_frac) + " outside [" +
                       std::to_string(-shape.in_width) + ", " + std::to_string(2 * shape.in_width) + "]");
}

}  // namespace

std::vector<CfgWrite> config_writes(const PwlTable& t, int scale, const UnitShape& shape, const RequantConfig& rq) {
    check_fits(t, scale, shape, rq);
    std::vector<CfgWrite> w;
    w.push_back({reg::kNEntries, static_cast<uint64_t>(t.entries)});
    if (t.precision == Precision::fp32) {
        for (size_t j = 0; j < t.fp32.breakpoints.size(); ++j)
            w.push_back({reg::kBreakpoint + static_cast<uint32_t>(j), f32_bits(t.fp32.breakpoints[j])});
        for (size_t i = 0; i < t.fp32.slopes.size(); ++i) {
            w.push_back({reg::kSlope + static_cast<uint32_t>(i), f32_bits(t.fp32.slopes[i])});
            w.push_back({reg::kIntercept + static_cast<uint32_t>(i), f32_bits(t.fp32.intercepts[i])});
        }
        return w;
    }
    const int s = t.scaler ? t.scales.front() : scale;
    const LutCodes lut = t.lut_for_scale(s);
    w.push_back({reg::kLambdaK, static_cast<uint64_t>(t.params.lambda_k)});
    w.push_back({reg::kLambdaB, static_cast<uint64_t>(t.params.lambda_b)});
    if (t.scaler) {
        const RangeScaler sc(t.function, *t.scaler, t.params);
        w.push_back({reg::kFunc, t.function == "rsqrt" ? 1u : 0u});
        w.push_back({reg::kPreset, sc.normalize() ? 1u : 0u});
        w.push_back({reg::kInFrac, static_cast<uint64_t>(t.scaler->input.frac)});
        w.push_back({reg::kOutFrac, twos(t.scaler->output.frac)});
        w.push_back({reg::kReduce, static_cast<uint64_t>(reduce_register(sc.func()))});
        w.push_back({reg::kOctave, sc.octave() ? 1u : 0u});
        for (int i = 0; i < reg::kMaxSubRanges; ++i) {
            // Unused comparators get a threshold one past the largest input code: never fire.
            const bool used = i < static_cast<int>(sc.sub_ranges().size());
            const uint64_t never = static_cast<uint64_t>(t.scaler->input.max_code()) + 1;
            w.push_back({reg::kSubRangeLo + static_cast<uint32_t>(i), used ? sc.sub_ranges()[static_cast<size_t>(i)].lo_code : never});
            w.push_back({reg::kSubRangeShift + static_cast<uint32_t>(i), used ? twos(sc.sub_ranges()[static_cast<size_t>(i)].shift) : 0});
        }
    } else {
        w.push_back({reg::kScale, static_cast<uint64_t>(scale)});
        w.push_back({reg::kRqEnable, rq.enable ? 1u : 0u});
        w.push_back({reg::kRqFrac, twos(rq.out_frac)});
        for (const CfgWrite& m : mode_writes(t.mode_for_scale(scale), shape.in_width)) w.push_back(m);
    }
    for (size_t j = 0; j < lut.breakpoints.size(); ++j)
        w.push_back({reg::kBreakpoint + static_cast<uint32_t>(j), twos(lut.breakpoints[j])});
    for (size_t i = 0; i < lut.slopes.size(); ++i) {
        w.push_back({reg::kSlope + static_cast<uint32_t>(i), twos(lut.slopes[i])});
        w.push_back({reg::kIntercept + static_cast<uint32_t>(i), twos(lut.intercepts[i])});
    }
    return w;
}

std::vector<CfgWrite> mode_writes(const IntMode& mode, int k) {
    const int64_t never_lo = -(int64_t(1) << k), never_hi = (int64_t(1) << k) - 1;
    return {{reg::kSymmetry, static_cast<uint64_t>(mode.symmetry)},
            {reg::kCenter, twos(mode.center)},
            {reg::kClampLo, twos(mode.clamp ? mode.clamp_lo : never_lo)},
            {reg::kClampHi, twos(mode.clamp ? mode.clamp_hi : never_hi)},
            {reg::kIcptMode, mode.relative ? 1u : 0u},
            {reg::kOrigin, twos(mode.origin)}};
}

GoldenUnit::GoldenUnit(const PwlTable& t, int scale, const UnitShape& shape, const RequantConfig& rq)
    : shape_(shape), rq_(rq) {
    check_fits(t, scale, shape, rq);
    if (t.precision == Precision::fp32) fp32_ = t.fp32;
    else if (t.scaler) scaler_.emplace(t);
    else int_.emplace(int_datapath(t, scale));
}

int64_t GoldenUnit::code_of(uint64_t in_word) const { return sign_extend(in_word, shape_.in_width); }

uint64_t GoldenUnit::word_of(int64_t code) const {
    return static_cast<uint64_t>(mask_bits(code, shape_.in_width));
}

i128 GoldenUnit::output(uint64_t in_word) const {
    const int w = shape_.out_width();
    if (shape_.kind == UnitKind::fp32_unit) return fp32_pwl_bits(fp32_, static_cast<uint32_t>(in_word));
    if (scaler_) return mask_bits(static_cast<i128>(static_cast<uint64_t>(scaler_->output(in_word))), w);
    const int64_t q = code_of(in_word);
    if (rq_.enable) return mask_bits(int_->requantized(q, FixFormat{shape_.in_width, rq_.out_frac, true}), w);
    return mask_bits(int_->acc(q), w);
}

}  // namespace gqalut
