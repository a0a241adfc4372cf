#include "int_datapath.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "errors.hpp"

namespace gqalut {

IntDatapath::IntDatapath(const IntParams& params, int s, LutCodes lut)
    : params_(params), s_(s), lut_(std::move(lut)) {
    if (s < 0 || s > params.k - 1)
        throw BadInput("scale s = " + std::to_string(s) + " outside [0, " + std::to_string(params.k - 1) + "]");
    const size_t n = lut_.slopes.size();
    if (n == 0 || lut_.intercepts.size() != n || lut_.breakpoints.size() != n - 1)
        throw BadInput("LUT needs N slopes, N intercepts and N-1 breakpoints");
    const FixFormat pf = params.param_format(0);
    for (size_t i = 0; i < n; ++i)
        if (!pf.fits(lut_.slopes[i]) || !pf.fits(lut_.intercepts[i]))
            throw BadInput("LUT entry " + std::to_string(i) + " does not fit " + std::to_string(params.width) + " bits");
    for (size_t j = 0; j < lut_.breakpoints.size(); ++j) {
        const int64_t p = lut_.breakpoints[j];
        if (p < params.bp_min() || p > params.bp_max() || (j > 0 && p < lut_.breakpoints[j - 1]))
            throw BadInput("breakpoint code " + std::to_string(j) + " = " + std::to_string(p) +
                           " out of range or out of order");
    }
}

int IntDatapath::segment(int64_t q) const {
    int i = 0;
    for (int64_t p : lut_.breakpoints) i += (p <= q) ? 1 : 0;   // N-1 parallel comparators
    return i;
}

i128 IntDatapath::acc(int64_t q) const {
    const int i = segment(q);
    const int lo = params_.lambda_o();
    // Shifts of signed values as multiplications by 2^n: a left shift of a negative value is
    // undefined in C++17; the hardware shifter is the same either way.
    const i128 shifted_b = static_cast<i128>(lut_.intercepts[i]) * (i128(1) << (s_ + lo - params_.lambda_b));
    const i128 product = static_cast<i128>(lut_.slopes[i]) * q;
    return product * (i128(1) << (lo - params_.lambda_k)) + shifted_b;
}

int IntDatapath::acc_width(const IntParams& p) {
    const int lo = p.lambda_o();
    const int in_bits = p.k + (p.input_signed ? 0 : 1);           // as a signed operand
    const int product = p.width + in_bits + (lo - p.lambda_k);     // signed product, aligned
    const int shifted = p.width + (p.k - 1) + (lo - p.lambda_b);   // B << (s + lo - lb), s <= k-1
    return std::max(product, shifted) + 1;
}

IntBatch::IntBatch(const IntDatapath& dp) : dp_(dp), min_code_(dp.params().min_code()) {
    if (dp.params().k <= 16 && IntDatapath::acc_width(dp.params()) <= 63) {
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
