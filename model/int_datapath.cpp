#include "int_datapath.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "errors.hpp"

namespace gqalut {

namespace {
// Sign extension of the low `w` bits of v: the (k+1)-bit registers and operand.
int64_t wrap_signed(int64_t v, int w) {
    const uint64_t m = uint64_t(1) << (w - 1);
    const uint64_t bits = static_cast<uint64_t>(v) & ((m << 1) - 1);
    return static_cast<int64_t>((bits ^ m) - m);
}
bool fits_signed(int64_t v, int w) { return wrap_signed(v, w) == v; }
}  // namespace

IntDatapath::IntDatapath(const IntParams& params, int s, LutCodes lut, IntMode mode)
    : params_(params), s_(s), lut_(std::move(lut)), mode_(mode) {
    if (s < 0 || s > max_scale(params))
        throw BadInput("scale s = " + std::to_string(s) + " outside [0, " + std::to_string(max_scale(params)) + "]");
    const size_t n = lut_.slopes.size();
    if (n == 0 || lut_.intercepts.size() != n || lut_.breakpoints.size() != n - 1)
        throw BadInput("LUT needs N slopes, N intercepts and N-1 breakpoints");
    const FixFormat pf = params.param_format(0);
    for (size_t i = 0; i < n; ++i)
        if (!pf.fits(lut_.slopes[i]) || !pf.fits(lut_.intercepts[i]))
            throw BadInput("LUT entry " + std::to_string(i) + " does not fit " + std::to_string(params.width) + " bits");
    if (mode.folded() && !params.input_signed) throw BadInput("symmetry folding needs a signed input");
    const int64_t top = params.bp_max(mode.folded());
    for (size_t j = 0; j < lut_.breakpoints.size(); ++j) {
        const int64_t p = lut_.breakpoints[j];
        if (p < params.bp_min() || p > top || (j > 0 && p < lut_.breakpoints[j - 1]))
            throw BadInput("breakpoint code " + std::to_string(j) + " = " + std::to_string(p) +
                           " out of range or out of order");
    }
    if (mode.symmetry == Symmetry::point && !pf.fits(mode.center))
        throw BadInput("symmetry centre code " + std::to_string(mode.center) + " does not fit " +
                       std::to_string(params.width) + " bits");
    const int ow = params.k + 1;   // the (k+1)-bit registers CLAMP_LO/HI and ORIGIN
    if (mode.clamp && (!fits_signed(mode.clamp_lo, ow) || !fits_signed(mode.clamp_hi, ow)))
        throw BadInput("clamp bounds do not fit " + std::to_string(ow) + " bits");
    if (mode.relative && !fits_signed(mode.origin, ow))
        throw BadInput("origin code " + std::to_string(mode.origin) + " does not fit " + std::to_string(ow) + " bits");
}

int64_t IntDatapath::fold_and_clamp(int64_t q) const {
    int64_t v = mode_.folded() && q < 0 ? -q : q;   // exact: |-2^(k-1)| fits k+1 bits
    if (mode_.clamp) v = std::min(std::max(v, mode_.clamp_lo), mode_.clamp_hi);
    return v;
}

int IntDatapath::segment(int64_t q) const {
    const int64_t v = fold_and_clamp(q);
    int i = 0;
    for (int64_t p : lut_.breakpoints) i += (p <= v) ? 1 : 0;   // N-1 parallel comparators
    return i;
}

IntDatapath::Steps IntDatapath::steps(int64_t q) const {
    Steps st{};
    st.folded = mode_.folded() && q < 0 ? -q : q;
    st.operand = fold_and_clamp(q);
    st.segment = segment(q);
    const size_t i = static_cast<size_t>(st.segment);
    st.mac_in = st.operand;
    if (mode_.relative) {
        st.start = i == 0 ? mode_.origin : lut_.breakpoints[i - 1];
        st.mac_in = wrap_signed(st.operand - st.start, params_.k + 1);
    }
    const int lo = params_.lambda_o();
    // Shifts of signed values as multiplications by 2^n: a left shift of a negative value is
    // undefined in C++17; the hardware shifter is the same either way.
    const int sb = s_ + lo - params_.lambda_b;
    const i128 shifted_b = static_cast<i128>(lut_.intercepts[i]) * (i128(1) << sb);
    const i128 product = static_cast<i128>(lut_.slopes[i]) * st.mac_in;
    st.acc = product * (i128(1) << (lo - params_.lambda_k)) + shifted_b;
    st.y = st.acc;
    if (q < 0) {
        switch (mode_.symmetry) {
            case Symmetry::none:
            case Symmetry::even: break;
            case Symmetry::odd: st.y = -st.acc; break;
            case Symmetry::point: st.y = static_cast<i128>(mode_.center) * (i128(1) << (sb + 1)) - st.acc; break;
            case Symmetry::shifted: st.y = st.acc + static_cast<i128>(q) * (i128(1) << lo); break;
        }
    }
    return st;
}

int IntDatapath::acc_width(const IntParams& p) {
    const int lo = p.lambda_o();
    const int in_bits = p.k + (p.input_signed ? 0 : 1);           // as a signed operand
    const int product = p.width + in_bits + (lo - p.lambda_k);     // signed product, aligned
    const int shifted = p.width + max_scale(p) + (lo - p.lambda_b);   // B << (s + lo - lb)
    return std::max(product, shifted) + 1;
}

IntDatapath int_datapath(const PwlTable& t, int s) { return IntDatapath(t.params, s, t.lut_for_scale(s), t.mode_for_scale(s)); }

IntBatch::IntBatch(const IntDatapath& dp) : dp_(dp), min_code_(dp.params().min_code()) {
    // The options widen the operand by one bit (|q|, d) and add the symmetry fix: two more bits.
    if (dp.params().k <= 16 && IntDatapath::acc_width(dp.params()) + 2 <= 63) {
        const int64_t n = dp.params().max_code() - min_code_ + 1;
        acc_table_.resize(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) acc_table_[static_cast<size_t>(i)] = static_cast<int64_t>(dp.acc(min_code_ + i));
    }
}

void IntBatch::values(const int64_t* q, double* y, size_t n) const {
    const int frac = dp_.result_frac();
    if (tabulated()) {
        const double scale = std::ldexp(1.0, -frac);
        for (size_t i = 0; i < n; ++i) y[i] = static_cast<double>(acc_table_[static_cast<size_t>(q[i] - min_code_)]) * scale;
    } else {
        for (size_t i = 0; i < n; ++i) y[i] = dp_.value(q[i]);
    }
}

void IntBatch::requantized(const int64_t* q, int64_t* out, size_t n, const FixFormat& fmt) const {
    const int frac = dp_.result_frac();
    if (tabulated()) {
        for (size_t i = 0; i < n; ++i) out[i] = requantize(acc_table_[static_cast<size_t>(q[i] - min_code_)], frac, fmt);
    } else {
        for (size_t i = 0; i < n; ++i) out[i] = requantize(dp_.acc(q[i]), frac, fmt);
    }
}

}  // namespace gqalut
