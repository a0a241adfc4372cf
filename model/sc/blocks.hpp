// Hardware blocks of the pwl unit (docs/cycle-model.md), one sc_module each: LUT storage, comparator bank
// (parallel, or one level of a pipelined binary search), shift unit, MAC (INT or binary32),
// requantizer, multi-range scaler, pipeline registers. Each block computes what its hardware
// computes in one cycle and counts its actions on the power monitor; the units (pwl_*_unit.hpp)
// hold the pipeline and call the blocks stage by stage.
#pragma once
#include <cstdint>
#include <type_traits>

#include "model/fixed_format.hpp"
#include "model/sc/fp32_ops.hpp"
#include "model/sc/port_types.hpp"
#include "model/sc/power_monitor.hpp"

namespace gqalut::sc {

constexpr int clog2(int n) {
    int b = 0;
    while ((1 << b) < n) ++b;
    return b;
}

// Sign extension of the low `w` bits of v (1 <= w <= 64).
inline int64_t sext(uint64_t v, int w) {
    if (w >= 64) return static_cast<int64_t>(v);
    const uint64_t m = uint64_t(1) << (w - 1);
    v &= (m << 1) - 1;
    return static_cast<int64_t>((v ^ m) - m);
}
inline uint64_t low_bits(uint64_t v, int w) { return w >= 64 ? v : v & ((uint64_t(1) << w) - 1); }

// Two's complement shifts on signed values without undefined behaviour.
template <class T>
struct UnsignedOf {
    using type = std::make_unsigned_t<T>;
};
template <>
struct UnsignedOf<i128> {
    using type = u128;
};
template <class T>
inline T shl(T v, int n) {
    using U = typename UnsignedOf<T>::type;
    return static_cast<T>(static_cast<U>(v) << n);
}

// --- LUT storage ------------------------------------------------------------------------------
// Configuration-writable registers: active entries N, N-1 breakpoints (held as comparator keys),
// N slopes and N intercepts. One read port per lane (a multiplexer on the entry index).
template <int MaxEntries, int Lanes, class Par>
class LutStorage : public Block {
public:
    static constexpr int kBp = MaxEntries > 1 ? MaxEntries - 1 : 1;
    LutStorage(const sc_core::sc_module_name& n, PowerMonitor& pm, int par_bits)
        : Block(n, pm, "lut"), par_bits_(par_bits) {
        reset();
    }
    void reset() {
        n_ = 1;
        for (auto& b : bp_) b = 0;
        for (int i = 0; i < MaxEntries; ++i) slope_[i] = icpt_[i] = Par{};
    }
    bool set_entries(int64_t v) {
        if (v < 1 || v > MaxEntries) return false;
        n_ = static_cast<int>(v);
        return true;
    }
    void set_breakpoint_key(int j, int64_t key) { bp_[j] = key; }
    void set_slope(int i, Par v) { slope_[i] = v; }
    void set_intercept(int i, Par v) { icpt_[i] = v; }
    int entries() const { return n_; }
    const int64_t* keys() const { return bp_; }

    void read(int lane, int i, Par& k, Par& b) {
        k = slope_[i];
        b = icpt_[i];
        ctr_.add(Action::lut_read);
        if (toggles()) {
            ctr_.toggles(Action::lut_read,
                         popcount64(low_bits(static_cast<uint64_t>(k) ^ static_cast<uint64_t>(pk_[lane]), par_bits_)) +
                             popcount64(low_bits(static_cast<uint64_t>(b) ^ static_cast<uint64_t>(pb_[lane]), par_bits_)),
                         2 * par_bits_);
            pk_[lane] = k;
            pb_[lane] = b;
        }
    }

private:
    int par_bits_;
    int n_ = 1;
    int64_t bp_[kBp];
    Par slope_[MaxEntries], icpt_[MaxEntries];
    Par pk_[Lanes] = {}, pb_[Lanes] = {};
};

// --- comparator bank --------------------------------------------------------------------------
// Parallel: N-1 comparators side by side, i = #{ j < N-1 : P_j <= q }, the thermometer code
// turned into an index. Binary search: level l of a pipelined search compares q with one
// breakpoint chosen by the index bits found so far (log2(MaxEntries) levels; breakpoints must
// be ascending, which every table is).
template <int MaxEntries, int Lanes>
class ComparatorBank : public Block {
public:
    static constexpr int kLevels = clog2(MaxEntries);
    ComparatorBank(const sc_core::sc_module_name& n, PowerMonitor& pm, int key_bits)
        : Block(n, pm, "comparators"), key_bits_(key_bits) {}

    int parallel(int lane, int64_t q, const int64_t* bp, int n) {
        int i = 0;
        for (int j = 0; j < n - 1; ++j) i += bp[j] <= q;
        ctr_.add(Action::compare, static_cast<uint64_t>(n - 1));
        if (toggles()) observe(lane, q, n - 1);
        return i;
    }
    // One level: `lo` entries are known to lie below q; returns the new lower bound.
    int level(int lane, int lvl, int lo, int64_t q, const int64_t* bp, int n) {
        const int step = 1 << (kLevels - 1 - lvl);
        const int j = lo + step - 1;
        ctr_.add(Action::compare);
        if (toggles()) observe(lane, q, 1);
        return (j < n - 1 && bp[j] <= q) ? lo + step : lo;
    }
    // Level registers of the search (all but the last level's, which is the index stage).
    void level_register(int lane, int64_t q, int lo) {
        ctr_.add(Action::reg_write, static_cast<uint64_t>(key_bits_ + kLevels));
        if (toggles()) {
            ctr_.toggles(Action::reg_write,
                         popcount64(low_bits(static_cast<uint64_t>(q ^ rq_[lane]), key_bits_)) +
                             popcount64(static_cast<uint64_t>(lo ^ rlo_[lane])),
                         static_cast<uint64_t>(key_bits_ + kLevels));
            rq_[lane] = q;
            rlo_[lane] = lo;
        }
    }

private:
    void observe(int lane, int64_t q, int comparators) {
        const uint64_t t = popcount64(low_bits(static_cast<uint64_t>(q ^ pq_[lane]), key_bits_));
        ctr_.toggles(Action::compare, t * static_cast<uint64_t>(comparators),
                     static_cast<uint64_t>(key_bits_) * static_cast<uint64_t>(comparators));
        pq_[lane] = q;
    }
    int key_bits_;
    int64_t pq_[Lanes] = {};
    int64_t rq_[Lanes] = {};
    int rlo_[Lanes] = {};
};

// --- shift unit -------------------------------------------------------------------------------
// Intercept shift B' = B << (s + lo - lb) and product alignment (K*q) << (lo - lk).
template <int Lanes, class Acc>
class ShiftUnit : public Block {
public:
    // par_bits: intercept width; product_bits: width of K*q.
    ShiftUnit(const sc_core::sc_module_name& n, PowerMonitor& pm, int par_bits, int product_bits)
        : Block(n, pm, "shift"), par_bits_(par_bits), product_bits_(product_bits) {}
    Acc intercept(int lane, int64_t b, int sh) {
        const Acc r = shl(static_cast<Acc>(b), sh);
        ctr_.add(Action::shift);
        if (toggles()) {
            ctr_.toggles(Action::shift, popcount64(low_bits(static_cast<uint64_t>(b ^ pb_[lane]), par_bits_)), par_bits_);
            pb_[lane] = b;
        }
        return r;
    }
    Acc align(int lane, int64_t p, int sh) {
        const Acc r = shl(static_cast<Acc>(p), sh);
        if (toggles()) {
            ctr_.toggles(Action::shift, popcount64(low_bits(static_cast<uint64_t>(p ^ pp_[lane]), product_bits_)),
                         product_bits_);
            pp_[lane] = p;
        }
        return r;
    }

private:
    int par_bits_, product_bits_;
    int64_t pb_[Lanes] = {}, pp_[Lanes] = {};
};

// --- MAC: multiplier and adder (INT) ----------------------------------------------------------
template <int Lanes, class Acc>
class IntMac : public Block {
public:
    IntMac(const sc_core::sc_module_name& n, PowerMonitor& pm, int par_bits, int in_bits, int acc_bits)
        : Block(n, pm, "mac"), par_bits_(par_bits), in_bits_(in_bits), acc_bits_(acc_bits) {}
    // K (ParW bits signed) times q (InW bits): exact in 64 bits for ParW + InW <= 64.
    int64_t multiply(int lane, int64_t k, int64_t q) {
        ctr_.add(Action::multiply);
        if (toggles()) {
            ctr_.toggles(Action::multiply,
                         popcount64(low_bits(static_cast<uint64_t>(k ^ pk_[lane]), par_bits_)) +
                             popcount64(low_bits(static_cast<uint64_t>(q ^ pq_[lane]), in_bits_)),
                         par_bits_ + in_bits_);
            pk_[lane] = k;
            pq_[lane] = q;
        }
        return k * q;
    }
    Acc add(int lane, Acc a, Acc b) {
        ctr_.add(Action::add);
        const Acc s = a + b;
        if (toggles()) {
            ctr_.toggles(Action::add, popcount128(static_cast<u128>(s ^ ps_[lane]) & low_mask(acc_bits_)), acc_bits_);
            ps_[lane] = s;
        }
        return s;
    }

private:
    int par_bits_, in_bits_, acc_bits_;
    int64_t pk_[Lanes] = {}, pq_[Lanes] = {};
    Acc ps_[Lanes] = {};
};

// --- MAC: binary32 multiplier and adder -------------------------------------------------------
template <int Lanes>
class Fp32Mac : public Block {
public:
    Fp32Mac(const sc_core::sc_module_name& n, PowerMonitor& pm) : Block(n, pm, "mac") {}
    uint32_t multiply(int lane, uint32_t k, uint32_t x) {
        ctr_.add(Action::multiply);
        if (toggles()) {
            ctr_.toggles(Action::multiply, popcount64(k ^ pk_[lane]) + popcount64(x ^ px_[lane]), 64);
            pk_[lane] = k;
            px_[lane] = x;
        }
        return fp32::mul(k, x);
    }
    uint32_t add(int lane, uint32_t p, uint32_t b) {
        ctr_.add(Action::add);
        if (toggles()) {
            ctr_.toggles(Action::add, popcount64(p ^ pp_[lane]) + popcount64(b ^ pb_[lane]), 64);
            pp_[lane] = p;
            pb_[lane] = b;
        }
        return fp32::add(p, b);
    }

private:
    uint32_t pk_[Lanes] = {}, px_[Lanes] = {}, pp_[Lanes] = {}, pb_[Lanes] = {};
};

// --- requantizer ------------------------------------------------------------------------------
// acc * 2^-r to an out_bits code: r > 0 adds half an LSB and shifts right arithmetically
// (round half up); r <= 0 shifts left. Either way the result saturates to the output range.
template <int Lanes>
class Requantizer : public Block {
public:
    Requantizer(const sc_core::sc_module_name& n, PowerMonitor& pm, int acc_bits)
        : Block(n, pm, "requantizer"), acc_bits_(acc_bits) {}
    int64_t apply(int lane, i128 acc, int r, int out_bits, bool is_signed) {
        ctr_.add(Action::requantize);
        const i128 hi = is_signed ? (i128(1) << (out_bits - 1)) - 1 : (i128(1) << out_bits) - 1;
        const i128 lo = is_signed ? -(i128(1) << (out_bits - 1)) : 0;
        i128 v;
        if (r >= 120) {
            v = 0;   // |acc| < 2^100: rounds to zero
        } else if (r > 0) {
            v = (acc + (i128(1) << (r - 1))) >> r;
        } else {
            // Left shift; saturation decided before shifting: acc << l > hi <=> acc > hi >> l,
            // acc << l < lo <=> acc < ceil(lo / 2^l).
            const int l = -r;
            if (l >= 64) {
                if (acc == 0) return 0;
                return static_cast<int64_t>(acc > 0 ? hi : lo);
            }
            if (acc > (hi >> l)) return static_cast<int64_t>(hi);
            if (acc < -((-lo) >> l)) return static_cast<int64_t>(lo);
            v = acc * (i128(1) << l);
        }
        if (toggles()) {
            ctr_.toggles(Action::requantize, popcount128(static_cast<u128>(acc ^ pa_[lane]) & low_mask(acc_bits_)), acc_bits_);
            pa_[lane] = acc;
        }
        return static_cast<int64_t>(v > hi ? hi : v < lo ? lo : v);
    }

private:
    int acc_bits_;
    i128 pa_[Lanes] = {};
};

// --- pipeline registers -----------------------------------------------------------------------
// Counts the data bits written into the stage registers (and, with toggle weighting, how many
// of them changed).
template <int Lanes>
class PipelineRegs : public Block {
public:
    PipelineRegs(const sc_core::sc_module_name& n, PowerMonitor& pm) : Block(n, pm, "pipeline") {}
    void write(int bits) { ctr_.add(Action::reg_write, static_cast<uint64_t>(bits)); }
    void write(int bits, uint64_t changed) {
        ctr_.add(Action::reg_write, static_cast<uint64_t>(bits));
        ctr_.toggles(Action::reg_write, changed, static_cast<uint64_t>(bits));
    }
};

// --- control ----------------------------------------------------------------------------------
// The configuration write decoder and the unit's scalar registers (the unit fills in the
// fields its register map has).
class ControlRegs : public Block {
public:
    ControlRegs(const sc_core::sc_module_name& n, PowerMonitor& pm) : Block(n, pm, "control") {}
    void count_write() { ctr_.add(Action::cfg_write); }
    int scale = 0, lambda_k = 0, lambda_b = 0;
    bool rq_enable = false;
    int rq_frac = 0;
    // INT datapath options (numeric-definition.md §8-§10); the unit sets their reset values.
    int symmetry = 0;        // 0 none, 1 odd, 2 even, 3 point, 4 shifted
    int64_t center = 0;      // point symmetry c (intercept code)
    int64_t clamp_lo = 0, clamp_hi = 0;
    bool relative = false;
    int64_t origin = 0;
    bool folded() const { return symmetry != 0; }
    bool options_active(int in_bits) const {
        return symmetry != 0 || relative || clamp_lo != -(int64_t(1) << in_bits) || clamp_hi != (int64_t(1) << in_bits) - 1;
    }
};

// --- INT datapath options ---------------------------------------------------------------------
// Before the comparators: fold the sign and clamp (q'' = min(max(|q| or q, L), H)); before the
// multiplier: the relative operand d = q'' - P_{i-1} in k+1 bits; after the add: the symmetry
// fix for q < 0 (numeric-definition.md §11). Counted only while an option is in use.
template <int Lanes, class Acc>
class OptionLogic : public Block {
public:
    OptionLogic(const sc_core::sc_module_name& n, PowerMonitor& pm, int in_bits)
        : Block(n, pm, "options"), in_bits_(in_bits) {}
    int64_t operand(int lane, int64_t q, const ControlRegs& c) {
        int64_t v = c.folded() && q < 0 ? -q : q;
        v = v < c.clamp_lo ? c.clamp_lo : v;
        v = v > c.clamp_hi ? c.clamp_hi : v;
        if (c.options_active(in_bits_)) {
            ctr_.add(Action::operand);
            if (toggles()) {
                ctr_.toggles(Action::operand, popcount64(low_bits(static_cast<uint64_t>(q ^ pq_[lane]), in_bits_)), in_bits_);
                pq_[lane] = q;
            }
        }
        return v;
    }
    // d = op - start as a (k+1)-bit two's complement value.
    int64_t relative(int64_t op, int64_t start) const { return sext(static_cast<uint64_t>(op - start), in_bits_ + 1); }
    // y for q < 0 per SYMMETRY; `center_term` = CENTER << (s + lo - lb + 1), lo = lambda_o.
    Acc fix(int lane, Acc acc, int64_t q, const ControlRegs& c, Acc center_term, int lo) {
        if (c.symmetry == 0 || c.symmetry == 2) return acc;
        ctr_.add(Action::fix);
        if (toggles()) {
            ctr_.toggles(Action::fix, popcount64(low_bits(static_cast<uint64_t>(q ^ pf_[lane]), in_bits_)), in_bits_);
            pf_[lane] = q;
        }
        if (q >= 0) return acc;
        if (c.symmetry == 1) return static_cast<Acc>(-acc);
        if (c.symmetry == 3) return static_cast<Acc>(center_term - acc);
        return static_cast<Acc>(acc + shl(static_cast<Acc>(q), lo));
    }

private:
    int in_bits_;
    int64_t pq_[Lanes] = {}, pf_[Lanes] = {};
};

// --- multi-range scaler (DIV, RSQRT) and range reduction (EXP2, LOG2, EXP) -------------------
// Sub-range select (comparators on the input, or the leading one) gives sigma; the core code is
// min(2^CoreW - 1, round_half_up(u * 2^-(in_frac + sigma - (CoreW - 3)))). With REDUCE != 0
// the range reduction of numeric-definition.md §12 gives the UQ0.CoreW code, the exponent or
// the integer part (select() returns the result shift e and the additive integer part). OCTAVE
// (RSQRT normalize): sigma = msb - 2, e = floor(sigma/2), odd sigma flags the 1/sqrt(2) multiply.
template <int InW, int CoreW, int Lanes>
class RangeScalerBlock : public Block {
public:
    static constexpr int kRanges = 4;
    static constexpr int kMaxExponent = 511;   // n saturates to 10 bits (never changes the output)
    RangeScalerBlock(const sc_core::sc_module_name& n, PowerMonitor& pm) : Block(n, pm, "scaler") { reset(); }
    void reset() {
        func_rsqrt = false;
        normalize = false;
        octave = false;
        reduce = 0;
        in_frac = InW < 16 ? InW : 16;
        out_frac = 24;
        for (int i = 0; i < kRanges; ++i) {
            sr_lo[i] = uint64_t(1) << InW;   // never fires
            sr_shift[i] = 0;
        }
    }
    struct Choice {
        int sigma;          // DIV/RSQRT
        int64_t code;       // the core's input code
        int e = 0;          // result = pwl * 2^-e (+ ip)
        int64_t ip = 0;     // LOG2: lead - IN_FRAC
        bool zero = false;  // LOG2 of 0
        bool odd = false;   // RSQRT octave, odd sigma: result * 46341 / 2^16
    };
    // The core's scale: UQ3.(CoreW-3) for DIV/RSQRT, UQ0.CoreW for the range reductions.
    int core_frac() const { return reduce ? CoreW : CoreW - 3; }
    bool log2() const { return reduce == 2; }
    Choice select(int lane, uint64_t u) {
        if (reduce) return reduced(lane, u);
        ctr_.add(Action::scale_select);
        if (toggles()) {
            ctr_.toggles(Action::scale_select, popcount64(u ^ pu_[lane]), InW);
            pu_[lane] = u;
        }
        int sigma = 0;
        if (normalize) {
            const int lead = u == 0 ? 0 : 63 - __builtin_clzll(u);
            const int msb = lead - in_frac;
            sigma = !func_rsqrt ? msb - 1 : octaves() ? msb - 2 : (msb >= 0 ? msb / 2 * 2 : -((-msb + 1) / 2) * 2);
        } else {
            for (int i = 0; i < kRanges; ++i)
                if (u >= sr_lo[i]) sigma = sr_shift[i];
        }
        const int r = in_frac + sigma - (CoreW - 3);
        constexpr int64_t kMax = (int64_t(1) << CoreW) - 1;
        int64_t code;
        if (r > 0) {
            const u128 c = (u128(u) + (u128(1) << (r - 1))) >> r;
            code = c > u128(kMax) ? kMax : static_cast<int64_t>(c);
        } else {
            // Exact left shift; anything at or above 2^CoreW saturates.
            code = (u != 0 && (-r >= CoreW || (u >> (CoreW - -r)) != 0)) ? kMax : static_cast<int64_t>(u << -r);
            if (code > kMax) code = kMax;
        }
        Choice c{sigma, code, result_shift(sigma)};
        c.odd = octaves() && (sigma & 1) != 0;
        if (c.odd) ctr_.add(Action::octave);   // the constant multiply in the last stage
        return c;
    }
    // Exponent applied to the core result: sigma (DIV) or sigma/2 rounded toward zero (RSQRT),
    // floor(sigma/2) with the octave.
    int result_shift(int sigma) const {
        if (!func_rsqrt) return sigma;
        return octaves() ? (sigma >= 0 ? sigma / 2 : -((1 - sigma) / 2)) : sigma / 2;
    }
    // OCTAVE acts on RSQRT with the leading one (PRESET = 1) only.
    bool octaves() const { return octave && func_rsqrt && normalize; }

    bool func_rsqrt = false, normalize = false, octave = false;
    int reduce = 0;   // 0 none, 1 EXP2, 2 LOG2, 3 EXP
    int in_frac = 16, out_frac = 24;
    uint64_t sr_lo[kRanges];
    int sr_shift[kRanges];

private:
    Choice reduced(int lane, uint64_t u) {
        ctr_.add(Action::reduce);
        if (toggles()) {
            ctr_.toggles(Action::reduce, popcount64(u ^ pu_[lane]), InW);
            pu_[lane] = u;
        }
        Choice c{0, 0};
        if (log2()) {
            if (u == 0) {
                c.zero = true;
                return c;
            }
            int lead = 63 - __builtin_clzll(u);
            // CoreW + 1 significant bits, rounded half up; a carry moves the leading one.
            uint64_t v = lead <= CoreW ? u << (CoreW - lead) : (u + (uint64_t(1) << (lead - CoreW - 1))) >> (lead - CoreW);
            if (v == uint64_t(1) << (CoreW + 1)) {
                ++lead;
                v >>= 1;
            }
            c.code = static_cast<int64_t>(v) - (int64_t(1) << CoreW);
            c.ip = lead - in_frac;
            return c;
        }
        // EXP2/EXP: z = round_half_up(x * M * 2^-(in_frac + 16 - CoreW)), n = z >> CoreW.
        const int64_t x = sext(u, InW);
        const i128 p = static_cast<i128>(x) * (reduce == 3 ? kLog2e : (int64_t(1) << 16));
        const int r = in_frac + 16 - CoreW;
        const i128 z = r > 0 ? (p + (i128(1) << (r - 1))) >> r : p * (i128(1) << -r);
        const i128 n = z >> CoreW;
        c.code = static_cast<int64_t>(z - n * (i128(1) << CoreW));
        const int64_t ns = n > kMaxExponent ? kMaxExponent : n < -kMaxExponent - 1 ? -kMaxExponent - 1 : static_cast<int64_t>(n);
        c.e = static_cast<int>(-ns);
        return c;
    }
    static constexpr int64_t kLog2e = 94548;   // round(log2(e) * 2^16)
    uint64_t pu_[Lanes] = {};
};

}  // namespace gqalut::sc
