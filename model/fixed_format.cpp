#include "fixed_format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "errors.hpp"

namespace gqalut {

std::string show_number(double v) {
    char buf[32];
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

double FixFormat::to_real(i128 code) const { return std::ldexp(static_cast<double>(code), -frac); }

std::string FixFormat::str() const {
    const int int_bits = width - frac - (is_signed ? 1 : 0);
    return std::string(is_signed ? "Q" : "UQ") + std::to_string(int_bits) + "." + std::to_string(frac);
}

int64_t saturate(i128 v, const FixFormat& f) {
    if (v < f.min_code()) return f.min_code();
    if (v > f.max_code()) return f.max_code();
    return static_cast<int64_t>(v);
}

i128 shift_round_half_up(i128 v, int r) {
    if (r <= 0) return v * (i128(1) << -r);
    return (v + (i128(1) << (r - 1))) >> r;  // arithmetic shift: floor((v + half) / 2^r)
}

int64_t requantize(i128 acc, int acc_frac, const FixFormat& out) {
    const int r = acc_frac - out.frac;
    if (r > 0) {
        if (r >= 120) return saturate(0, out);  // |acc| < 2^100 rounds to 0 at such shifts
        return saturate(shift_round_half_up(acc, r), out);
    }
    if (acc == 0) return 0;
    // Left shift: anything beyond the output range saturates before it could overflow.
    const int l = -r;
    if (l >= 64) return acc > 0 ? out.max_code() : out.min_code();
    const i128 lim = i128(1) << (127 - 1 - l);
    if (acc >= lim) return out.max_code();
    if (acc < -lim) return out.min_code();
    return saturate(acc * (i128(1) << l), out);
}

int64_t round_half_even_scaled(double v, int s, int64_t lo, int64_t hi) {
    const double scaled = std::ldexp(v, s);
    if (scaled <= static_cast<double>(lo)) return lo;
    if (scaled >= static_cast<double>(hi)) return hi;
    return static_cast<int64_t>(std::nearbyint(scaled));  // default rounding mode: half to even
}

}  // namespace gqalut
