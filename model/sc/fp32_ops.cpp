#include "model/sc/fp32_ops.hpp"

#include <limits>

namespace gqalut::sc::fp32 {

namespace {

constexpr uint32_t kNaN = 0x7FC00000u;
constexpr uint32_t kInf = 0x7F800000u;

__extension__ typedef unsigned __int128 u128;

uint32_t exp_field(uint32_t x) { return (x >> 23) & 0xFFu; }
uint32_t frac_field(uint32_t x) { return x & 0x7FFFFFu; }
bool is_nan(uint32_t x) { return exp_field(x) == 0xFF && frac_field(x) != 0; }
bool is_inf(uint32_t x) { return exp_field(x) == 0xFF && frac_field(x) == 0; }
bool is_zero_daz(uint32_t x) { return exp_field(x) == 0; }   // zero or subnormal (DAZ)

int bit_length(u128 m) {
    int n = 0;
    while (m != 0) {
        m >>= 1;
        ++n;
    }
    return n;
}

// Rounds the exact value (-1)^sign * m * 2^e (m > 0) to binary32: nearest even, gradual
// underflow, overflow to infinity; then flushes a subnormal result to signed zero.
uint32_t round_pack(uint32_t sign, u128 m, int e) {
    const int msb = bit_length(m) - 1;
    const int E = msb + e;   // value in [2^E, 2^(E+1))
    if (E > 127) return sign | kInf;
    int qe = E - 23 > -149 ? E - 23 : -149;   // exponent of the result's last place
    const int d = qe - e;                     // bits to drop
    u128 mant;
    if (d <= 0) {
        mant = m << -d;
    } else if (d >= 128) {
        mant = 0;   // far below half a quantum: rounds to zero
    } else {
        mant = m >> d;
        const u128 rem = m & ((u128(1) << d) - 1);
        const u128 half = u128(1) << (d - 1);
        if (rem > half || (rem == half && (mant & 1) != 0)) ++mant;
    }
    if (mant == (u128(1) << 24)) {
        mant >>= 1;
        ++qe;
    }
    if (mant >= (u128(1) << 23)) {
        const int biased = qe + 150;
        if (biased > 254) return sign | kInf;
        return sign | (static_cast<uint32_t>(biased) << 23) | (static_cast<uint32_t>(mant) & 0x7FFFFFu);
    }
    return sign;   // zero or subnormal: flushed to signed zero
}

}  // namespace

uint32_t mul(uint32_t a, uint32_t b) {
    if (is_nan(a) || is_nan(b)) return kNaN;
    const uint32_t sign = (a ^ b) & 0x80000000u;
    const bool za = is_zero_daz(a), zb = is_zero_daz(b);
    if (is_inf(a) || is_inf(b)) return (za || zb) ? kNaN : (sign | kInf);
    if (za || zb) return sign;
    const uint64_t ma = (1u << 23) | frac_field(a), mb = (1u << 23) | frac_field(b);
    const int e = (static_cast<int>(exp_field(a)) - 150) + (static_cast<int>(exp_field(b)) - 150);
    return round_pack(sign, u128(ma * mb), e);
}

uint32_t add(uint32_t a, uint32_t b) {
    if (is_nan(a) || is_nan(b)) return kNaN;
    if (is_inf(a) || is_inf(b)) {
        if (is_inf(a) && is_inf(b) && ((a ^ b) & 0x80000000u)) return kNaN;
        return is_inf(a) ? a : b;
    }
    const bool za = is_zero_daz(a), zb = is_zero_daz(b);
    if (za && zb) return (a & b) & 0x80000000u;   // -0 only if both are -0
    if (za) return b;
    if (zb) return a;
    const int ea = static_cast<int>(exp_field(a)) - 150, eb = static_cast<int>(exp_field(b)) - 150;
    // Far apart: the smaller operand is below a quarter of the larger one's last place.
    if (ea - eb > 30) return a;
    if (eb - ea > 30) return b;
    const int e = ea < eb ? ea : eb;
    const int64_t ma = static_cast<int64_t>((1u << 23) | frac_field(a)) << (ea - e);
    const int64_t mb = static_cast<int64_t>((1u << 23) | frac_field(b)) << (eb - e);
    const int64_t s = ((a >> 31) ? -ma : ma) + ((b >> 31) ? -mb : mb);
    if (s == 0) return 0;   // x + (-x) = +0 when rounding to nearest
    return round_pack(s < 0 ? 0x80000000u : 0u, u128(static_cast<uint64_t>(s < 0 ? -s : s)), e);
}

int64_t key_input(uint32_t x) {
    if (is_nan(x)) return std::numeric_limits<int64_t>::min();
    const int64_t mag = is_zero_daz(x) ? 0 : static_cast<int64_t>(x & 0x7FFFFFFFu);
    return (x >> 31) ? -mag : mag;
}

int64_t key_breakpoint(uint32_t p) {
    if (is_nan(p)) return std::numeric_limits<int64_t>::max();
    const int64_t mag = is_zero_daz(p) ? 0 : static_cast<int64_t>(p & 0x7FFFFFFFu);
    return (p >> 31) ? -mag : mag;
}

}  // namespace gqalut::sc::fp32
