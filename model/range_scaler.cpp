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

RangeScaler::RangeScaler(const std::string& function, const ScalerSpec& spec, const IntParams& core)
    : spec_(spec), core_bits_(core.k), core_frac_(core.k - 3) {
    if (function != "div" && function != "rsqrt")
        throw BadInput("the multi-range scaler serves div and rsqrt, not '" + function + "'");
    if (core.input_signed) throw BadInput("the multi-range scaler needs an unsigned core input");
    if (spec.input.is_signed || spec.input.width < 2 || spec.input.width > 32 || spec.input.frac < 0 ||
        spec.input.frac > spec.input.width)
        throw BadInput("scaler input format must be unsigned, 2..32 bits with 0..width fraction bits");
    if (spec.output.width < 2 || spec.output.width > 64 || spec.output.frac < -64 || spec.output.frac > 96)
        throw BadInput("scaler output format must be 2..64 bits with -64..96 fraction bits");
    rsqrt_ = function == "rsqrt";
    if (spec.preset == "normalize") {
        normalize_ = true;
    } else if (spec.preset == "paper") {
        // Table 2 as printed. DIV SR_2 = [256, inf) with 2^-6 repeats SR_1's shift, so x' =
        // x / 64 >= 4 leaves the core range and saturates the core code from x >= 510:
        // the printed row is kept for fidelity; the `normalize` preset has no such hole.
        const double max_x = std::ldexp(static_cast<double>(spec.input.max_code()), -spec.input.frac);
        const std::vector<std::pair<double, int>> rows =
            rsqrt_ ? std::vector<std::pair<double, int>>{{4, 4}, {64, 8}, {1024, 12}}
                   : std::vector<std::pair<double, int>>{{4, 3}, {32, 6}, {256, 6}};
        for (const auto& [lo, shift] : rows) {
            const uint64_t code = lo > max_x ? spec.input.max_code() + uint64_t(1)
                                             : static_cast<uint64_t>(std::ldexp(lo, spec.input.frac));
            ranges_.push_back({lo, shift, code});
        }
    } else {
        throw BadInput("unknown scaler preset '" + spec.preset + "' (known: paper, normalize)");
    }
}

int RangeScaler::normalize_shift(int msb) const {
    // DIV: x' in [2, 4); RSQRT: x' in [1, 4) with an even shift so sqrt(2^sigma) is a shift.
    if (!rsqrt_) return msb - 1;
    return msb >= 0 ? (msb / 2) * 2 : -(((-msb) + 1) / 2) * 2;
}

ScalerChoice RangeScaler::select(uint64_t u) const {
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
