// Fixed-point formats written as (width, frac): a code c of `width` bits stands for c * 2^-frac.
#pragma once
#include <cstdint>
#include <string>

namespace gqalut {

// 128-bit integer for exact accumulators (the INT32 datapath needs up to 65 bits).
__extension__ typedef __int128 i128;

struct FixFormat {
    int width = 8;          // total bits, 1..64
    int frac = 0;           // fraction bits (may be negative or exceed width)
    bool is_signed = true;

    int64_t min_code() const { return is_signed ? (width >= 64 ? INT64_MIN : -(int64_t(1) << (width - 1))) : 0; }
    int64_t max_code() const {
        if (width >= 64 || (!is_signed && width >= 63)) return INT64_MAX;   // unsigned 64: clipped to int64
        return is_signed ? (int64_t(1) << (width - 1)) - 1 : (int64_t(1) << width) - 1;
    }
    bool fits(i128 code) const { return code >= min_code() && code <= max_code(); }
    double to_real(i128 code) const;
    // "(8,6)" style with a U prefix for unsigned, plus the Q notation: "Q1.6", "UQ3.5".
    std::string str() const;
};

// Saturate an exact value to the format's code range.
int64_t saturate(i128 v, const FixFormat& f);

// Round half up (add half an LSB, arithmetic shift right) by r > 0 bits; r <= 0 shifts left
// exactly (the caller saturates). Valid for |v| < 2^100 and r < 127.
i128 shift_round_half_up(i128 v, int r);

// Requantizer (docs/numeric-definition.md §2 step 6): value acc * 2^-acc_frac to format `out`, round half up,
// saturating both ways; left shifts saturate as well.
int64_t requantize(i128 acc, int acc_frac, const FixFormat& out);

// Round half to even of v * 2^s, then clamp to [lo, hi]; NaN is rejected by callers.
int64_t round_half_even_scaled(double v, int s, int64_t lo, int64_t hi);

}  // namespace gqalut
