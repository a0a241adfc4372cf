// Golden INT-k pwl datapath (docs/numeric-definition.md §2): the single source of truth the SystemC cycle model and
// the RTL are checked against. Kept literal: compare, read, shift, MAC, optional requantizer.
#pragma once
#include <cstdint>
#include <vector>

#include "fixed_format.hpp"
#include "pwl_table.hpp"

namespace gqalut {

class IntDatapath {
public:
    // One LUT load at scale s. Throws BadInput if codes do not fit the parameters.
    IntDatapath(const IntParams& params, int s, LutCodes lut);

    // Step 1: i = #{ j : P_j <= q }.
    int segment(int64_t q) const;
    // Steps 2-4: the exact accumulator acc = (K_i * q) << (lo - lk) + (B_i << (s + lo - lb)).
    i128 acc(int64_t q) const;
    // acc stands for y = acc * 2^-result_frac().
    int result_frac() const { return params_.lambda_o() + s_; }
    double value(int64_t q) const { return std::ldexp(static_cast<double>(acc(q)), -result_frac()); }
    // Step 5: the requantizer to `out`.
    int64_t requantized(int64_t q, const FixFormat& out) const {
        return requantize(acc(q), result_frac(), out);
    }

    const IntParams& params() const { return params_; }
    int scale() const { return s_; }
    const LutCodes& lut() const { return lut_; }
    // Bits needed to hold acc for any input code and any s in [0, k-1] (hardware sizing).
    static int acc_width(const IntParams& p);

private:
    IntParams params_;
    int s_;
    LutCodes lut_;
};

// Fast batch evaluation of one LUT load. INT8/INT16 precompute the accumulator of every
// input code; INT32 evaluates directly. Results are identical to IntDatapath.
class IntBatch {
public:
    explicit IntBatch(const IntDatapath& dp);
    void values(const int64_t* q, double* y, size_t n) const;
    void requantized(const int64_t* q, int64_t* out, size_t n, const FixFormat& fmt) const;
    bool tabulated() const { return !acc_table_.empty(); }

private:
    const IntDatapath& dp_;
    std::vector<int64_t> acc_table_;   // index q - min_code; empty for INT32
    int64_t min_code_;
};

}  // namespace gqalut
