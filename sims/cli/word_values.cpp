#include "sims/cli/word_values.hpp"

#include <cmath>
#include <cstdio>

#include "model/fp32_datapath.hpp"

namespace gqalut::cli {

namespace {
double fixed(i128 word, int width, int frac, bool is_signed) {
    const i128 v = mask_bits(word, width);
    const double code = is_signed && width < 127 && (v >> (width - 1)) != 0 ? static_cast<double>(v - (i128(1) << width))
                                                                             : static_cast<double>(v);
    return std::ldexp(code, -frac);
}
}  // namespace

double WordValues::input(uint64_t word, int scale) const {
    if (shape_.kind == UnitKind::fp32_unit) return f32_from_bits(static_cast<uint32_t>(word));
    if (shape_.kind == UnitKind::scaler_unit) return fixed(word, t_.scaler->input.width, t_.scaler->input.frac, false);
    return fixed(word, shape_.in_width, scale, true);
}

double WordValues::output(i128 word, int scale) const {
    if (shape_.kind == UnitKind::fp32_unit) return f32_from_bits(static_cast<uint32_t>(word));
    if (shape_.kind == UnitKind::scaler_unit) return fixed(word, t_.scaler->output.width, t_.scaler->output.frac, false);
    if (rq_.enable) return fixed(word, shape_.in_width, rq_.out_frac, true);
    return fixed(word, shape_.out_width(), t_.params.lambda_o() + scale, true);
}

std::string WordValues::describe(uint64_t input_word, i128 golden, i128 cycle, i128 rtl, int scale) const {
    char b[320];
    const double g = output(golden, scale), c = output(cycle, scale), r = output(rtl, scale);
    const double wrong = c != g ? c : r;
    std::snprintf(b, sizeof b, "input x = %.10g: golden %.10g, cycle %.10g, rtl %.10g (difference %s - golden %+.10g)",
                  input(input_word, scale), g, c, r, c != g ? "cycle" : "rtl", wrong - g);
    return b;
}

}  // namespace gqalut::cli
