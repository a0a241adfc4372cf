#include "range_scaler.hpp"

#include <cmath>

#include "errors.hpp"
#include "pwl_table.hpp"

namespace gqalut {

int64_t scaler_core_code(uint64_t u, int in_frac, int sigma, int core_frac, int core_bits) {
    const int64_t max = (int64_t(1) << core_bits) - 1;
    const i128 c = shift_round_half_up(static_cast<i128>(u), in_frac + sigma - core_frac);
    return c > max ? max : static_cast<int64_t>(c);
}

ScalerFunc parse_scaler_func(const std::string& function) {
    if (function == "div") return ScalerFunc::div;
    if (function == "rsqrt") return ScalerFunc::rsqrt;
    if (function == "exp2") return ScalerFunc::exp2;
    if (function == "log2") return ScalerFunc::log2;
    if (function == "exp") return ScalerFunc::exp;
    throw BadInput("the multi-range scaler serves div, rsqrt, exp2, log2 and exp, not '" + function + "'");
}

int reduce_register(ScalerFunc f) {
    switch (f) {
        case ScalerFunc::exp2: return 1;
        case ScalerFunc::log2: return 2;
        case ScalerFunc::exp: return 3;
        default: return 0;
    }
}

RangeScaler::RangeScaler(const std::string& function, const ScalerSpec& spec, const IntParams& core)
    : spec_(spec), func_(parse_scaler_func(function)), core_bits_(core.k), core_frac_(core.k - 3) {
    if (core.input_signed) throw BadInput("the multi-range scaler needs an unsigned core input");
    if (spec.input.width < 2 || spec.input.width > 32 || spec.input.frac < 0 || spec.input.frac > spec.input.width)
        throw BadInput("scaler input format must be 2..32 bits with 0..width fraction bits");
    if (spec.input.is_signed != scaler_input_signed(func_))
        throw BadInput(std::string("the scaler input of ") + function + " must be " +
                       (scaler_input_signed(func_) ? "signed" : "unsigned"));
    if (spec.output.width < 2 || spec.output.width > 64 || spec.output.frac < -64 || spec.output.frac > 96)
        throw BadInput("scaler output format must be 2..64 bits with -64..96 fraction bits");
    if (spec.output.is_signed != scaler_output_signed(func_))
        throw BadInput(std::string("the scaler output of ") + function + " must be " +
                       (scaler_output_signed(func_) ? "signed" : "unsigned"));
    if (is_reduction(func_)) {
        if (spec.preset != "reduce")
            throw BadInput("the scaler preset of " + function + " is 'reduce', not '" + spec.preset + "'");
        core_frac_ = core.k;   // the reduced argument x' in [0, 1) as a UQ0.k code
        return;
    }
    if (spec.preset == "normalize") {
        normalize_ = true;
    } else if (spec.preset == "octave") {
        if (func_ != ScalerFunc::rsqrt)
            throw BadInput("the scaler preset 'octave' is for rsqrt (div's 'normalize' already spans one octave)");
        normalize_ = octave_ = true;
    } else if (spec.preset == "paper") {
        // Table 2 as printed. DIV SR_2 = [256, inf) with 2^-6 repeats SR_1's shift, so x' =
        // x / 64 >= 4 leaves the core range and saturates the core code from x >= 510:
        // the printed row is kept for fidelity; the `normalize` preset has no such hole.
        const double max_x = std::ldexp(static_cast<double>(spec.input.max_code()), -spec.input.frac);
        const std::vector<std::pair<double, int>> rows =
            func_ == ScalerFunc::rsqrt ? std::vector<std::pair<double, int>>{{4, 4}, {64, 8}, {1024, 12}}
                                       : std::vector<std::pair<double, int>>{{4, 3}, {32, 6}, {256, 6}};
        for (const auto& [lo, shift] : rows) {
            const uint64_t code = lo > max_x ? spec.input.max_code() + uint64_t(1)
                                             : static_cast<uint64_t>(std::ldexp(lo, spec.input.frac));
            ranges_.push_back({lo, shift, code});
        }
    } else {
        throw BadInput("unknown scaler preset '" + spec.preset + "' (known: paper, normalize, octave)");
    }
}

int RangeScaler::normalize_shift(int msb) const {
    // DIV: x' in [2, 4); RSQRT: x' in [1, 4) with an even shift so sqrt(2^sigma) is a shift;
    // RSQRT octave: x' in [4, 8), the core's top octave (UQ3.(k-3): every code bit used).
    if (func_ != ScalerFunc::rsqrt) return msb - 1;
    if (octave_) return msb - 2;
    return msb >= 0 ? (msb / 2) * 2 : -(((-msb) + 1) / 2) * 2;
}

int64_t RangeScaler::input_code(uint64_t u) const {
    const int w = spec_.input.width;
    const uint64_t bits = w >= 64 ? u : u & ((uint64_t(1) << w) - 1);
    if (!spec_.input.is_signed) return static_cast<int64_t>(bits);
    const uint64_t m = uint64_t(1) << (w - 1);
    return static_cast<int64_t>((bits ^ m) - m);
}

int RangeScaler::result_shift(const ScalerChoice& c) const {
    switch (func_) {
        case ScalerFunc::exp2:
        case ScalerFunc::exp: return static_cast<int>(-c.int_part);
        case ScalerFunc::log2: return 0;
        default: return result_shift(c.shift);
    }
}

ScalerChoice RangeScaler::reduce(uint64_t u) const {
    const int k = core_bits_;
    const int64_t x = input_code(u);
    ScalerChoice c{0, 0};
    if (func_ == ScalerFunc::log2) {
        if (x == 0) {
            c.zero = true;
            return c;
        }
        int lead = -1;
        for (uint64_t v = static_cast<uint64_t>(x); v != 0; v >>= 1) ++lead;
        // k + 1 significant bits, rounded half up; a carry moves the leading one up.
        int64_t v = static_cast<int64_t>(shift_round_half_up(x, lead - k));
        if (v == (int64_t(1) << (k + 1))) {
            ++lead;
            v = int64_t(1) << k;
        }
        c.core_code = v - (int64_t(1) << k);
        c.int_part = lead - spec_.input.frac;
        return c;
    }
    // EXP2 / EXP: z = x * M rounded to k fraction bits, n = floor(z / 2^k), c = z mod 2^k.
    const int64_t m = func_ == ScalerFunc::exp ? kLog2eCode : (int64_t(1) << kLog2eFracBits);
    const i128 z = shift_round_half_up(static_cast<i128>(x) * m, spec_.input.frac + kLog2eFracBits - k);
    const i128 n = z >> k;   // arithmetic: floor
    c.core_code = static_cast<int64_t>(z - n * (i128(1) << k));
    c.int_part = n > kMaxReducedExponent ? kMaxReducedExponent
                 : n < -kMaxReducedExponent - 1 ? -kMaxReducedExponent - 1 : static_cast<int64_t>(n);
    return c;
}

ScalerChoice RangeScaler::select(uint64_t u) const {
    if (is_reduction(func_)) return reduce(u);
    int sigma = 0;
    if (normalize_) {
        int lead = -1;  // index of the leading one of u
        for (uint64_t v = u; v != 0; v >>= 1) ++lead;
        sigma = normalize_shift((lead < 0 ? 0 : lead) - spec_.input.frac);
    } else {
        for (const auto& r : ranges_)
            if (u >= r.lo_code) sigma = r.shift;
    }
    return {sigma, scaler_core_code(u, spec_.input.frac, sigma, core_frac_, core_bits_)};
}

}  // namespace gqalut
