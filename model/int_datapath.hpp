// Golden INT-k pwl datapath (docs/numeric-definition.md §2, with the options of §8-§11): the
// single source of truth the SystemC cycle model and the RTL are checked against. Kept literal:
// fold, clamp, compare, read, operand, shift, MAC, symmetry fix, optional requantizer.
#pragma once
#include <cstdint>
#include <vector>

#include "fixed_format.hpp"
#include "pwl_table.hpp"

namespace gqalut {

class IntDatapath {
public:
    // One LUT load at scale s with the option registers `mode`. Throws BadInput if codes do not
    // fit the parameters.
    IntDatapath(const IntParams& params, int s, LutCodes lut, IntMode mode = {});

    // Every step of §11 for one input code q.
    struct Steps {
        int64_t folded;    // q' = |q| with symmetry, else q
        int64_t operand;   // q'' = clamp(q'), what the comparators see
        int segment;       // i = #{ j : P_j <= q'' }
        int64_t start;     // relative intercepts: P_{i-1} (ORIGIN for i = 0); else 0
        int64_t mac_in;    // d = q'' - P_{i-1} ((k+1)-bit two's complement), or q''
        i128 acc;          // (K_i * d) << (lo - lk) + (B_i << (s + lo - lb))
        i128 y;            // after the symmetry fix: the result word
    };
    Steps steps(int64_t q) const;

    // Step 1 on the folded, clamped input: i = #{ j : P_j <= q'' }.
    int segment(int64_t q) const;
    // The exact result word y (acc of §2 without options), it stands for y * 2^-result_frac().
    i128 acc(int64_t q) const { return steps(q).y; }
    int result_frac() const { return params_.lambda_o() + s_; }
    double value(int64_t q) const { return std::ldexp(static_cast<double>(acc(q)), -result_frac()); }
    // Step 6: the requantizer to `out`.
    int64_t requantized(int64_t q, const FixFormat& out) const {
        return requantize(acc(q), result_frac(), out);
    }

    const IntParams& params() const { return params_; }
    int scale() const { return s_; }
    const LutCodes& lut() const { return lut_; }
    const IntMode& mode() const { return mode_; }
    // Bits needed to hold acc for any input code and any s the input allows (hardware sizing).
    static int acc_width(const IntParams& p);
    // The largest scale: k-1 for signed inputs, k for the unsigned scaler core (UQ0.k).
    static int max_scale(const IntParams& p) { return p.input_signed ? p.k - 1 : p.k; }

private:
    int64_t fold_and_clamp(int64_t q) const;
    IntParams params_;
    int s_;
    LutCodes lut_;
    IntMode mode_;
};

// The golden datapath of table t at scale s, with the table's options.
IntDatapath int_datapath(const PwlTable& t, int s);

// Fast batch evaluation of one LUT load. INT8/INT16 precompute the result of every input
// code; INT32 evaluates directly. Results are identical to IntDatapath.
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
