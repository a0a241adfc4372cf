// DIV/RSQRT/EXP2/LOG2/EXP unit (numeric-definition.md §6, §12), cycle level: the multi-range
// scaler or the range reduction in front of an unsigned INT core at s = CoreW-3 (DIV/RSQRT) or
// s = CoreW (reductions), then the requantizer to the 32-bit output.
// Pipeline: input register -> scaler (sigma or reduction, core code) -> index stage(s) -> LUT
// read, multiply, intercept shift -> align, add (LOG2: integer part; RSQRT octave, odd sigma:
// times round(2^16/sqrt(2)) at 16 more fraction bits), requantize (latency 4 with parallel comparators).
#pragma once
#include <algorithm>
#include <type_traits>

#include "model/sc/pwl_unit_base.hpp"

namespace gqalut::sc {

template <int InW, int CoreW, int MaxEntries, int Lanes, int ParW = CoreW>
class PwlScalerUnit : public PwlUnitBase<PwlScalerUnit<InW, CoreW, MaxEntries, Lanes, ParW>, Lanes * InW, Lanes * 32, Lanes> {
public:
    static constexpr int kAccW = 2 * ParW + CoreW + 1;
    static constexpr int kLevels = clog2(MaxEntries);
    static constexpr int kCoreFrac = CoreW - 3;
    // Carried down the pipeline: the result shift e (11 bits: sigma, sigma/2 or -n), the LOG2
    // integer part and its zero flag, the octave's odd flag.
    static constexpr int kEW = 11;
    static constexpr int kIpW = clog2(InW + 1) + 2;
    static constexpr int kCarried = kEW + kIpW + 2;
    // The octave's constant round(2^16 / sqrt(2)) (numeric-definition.md §6), its fraction bits.
    static constexpr int64_t kHalfSqrt = 46341;
    static constexpr int kHalfSqrtFrac = 16;
    static constexpr int kMaxEntries = MaxEntries;
    static constexpr int kLanes = Lanes;
    using acc_t = std::conditional_t<(kAccW <= 63), int64_t, i128>;
    using Base = PwlUnitBase<PwlScalerUnit, Lanes * InW, Lanes * 32, Lanes>;
    friend Base;
    static_assert(InW >= 2 && InW <= 32 && CoreW >= 4 && CoreW <= 24 && ParW >= 2 && ParW <= 32, "widths");
    static_assert(MaxEntries >= 1 && MaxEntries <= 256, "MaxEntries: the register map holds 256 entries");

    explicit PwlScalerUnit(const sc_core::sc_module_name& n, cost::Indexing ix = cost::Indexing::parallel)
        : Base(n, ix, Base::depth_for(ix, MaxEntries, 2)),
          ctl("control", this->pm_),
          scaler("scaler", this->pm_),
          lut("lut", this->pm_, ParW),
          cmp("comparators", this->pm_, CoreW + 1),
          shift("shift", this->pm_, ParW, ParW + CoreW + 1),
          mac("mac", this->pm_, ParW, CoreW + 1, kAccW),
          rq("requantizer", this->pm_, kAccW),
          pipe("pipeline", this->pm_),
          nfront_(this->depth_ - 2) {
        reset_registers();
        for (auto& f : front_)
            for (int l = 0; l < Lanes; ++l) {
                f.q[l] = f.ip[l] = 0;
                f.idx[l] = f.sigma[l] = f.e[l] = 0;
                f.zero[l] = f.odd[l] = false;
            }
        for (int l = 0; l < Lanes; ++l) {
            prod_[l] = bsh_[l] = ip_[l] = 0;
            e_[l] = 0;
            zero_[l] = odd_[l] = false;
        }
    }

    UnitShape shape() const {
        UnitShape s = scaler_shape(MaxEntries, Lanes, InW, CoreW);
        s.par_width = ParW;
        return s;
    }

    // The unit's state in the VCD (PwlUnitBase::trace): lane 0 of each stage.
    template <class F>
    void traced(F&& f) const {
        f(front_[0].q[0], "s0_u_lane0");
        f(front_[1].q[0], "s1_core_code_lane0");
        f(front_[1].sigma[0], "s1_sigma_lane0");
        f(front_[1].e[0], "s1_result_shift_lane0");
        f(front_[nfront_ - 1].idx[0], "s2_index_lane0");
        f(prod_[0], "s3_product_lane0");
    }

    ControlRegs ctl;
    RangeScalerBlock<InW, CoreW, Lanes> scaler;
    LutStorage<MaxEntries, Lanes, int64_t> lut;
    ComparatorBank<MaxEntries, Lanes> cmp;
    ShiftUnit<Lanes, acc_t> shift;
    IntMac<Lanes, acc_t> mac;
    Requantizer<Lanes> rq;
    PipelineRegs<Lanes> pipe;

private:
    void reset_registers() {
        lut.reset();
        scaler.reset();
        ctl.lambda_k = ctl.lambda_b = ParW - 2;
    }
    void count_cfg_write() { ctl.count_write(); }

    bool cfg_write(uint32_t a, uint64_t d) {
        ctl.count_write();
        const int64_t v = static_cast<int64_t>(d);
        switch (a) {
            case reg::kNEntries: return lut.set_entries(v);
            case reg::kLambdaK:
            case reg::kLambdaB:
                if (v < 0 || v > ParW) return false;
                (a == reg::kLambdaK ? ctl.lambda_k : ctl.lambda_b) = static_cast<int>(v);
                return true;
            case reg::kFunc:   // one-bit registers: bit 0
                scaler.func_rsqrt = (d & 1) != 0;
                return true;
            case reg::kPreset:
                scaler.normalize = (d & 1) != 0;
                return true;
            case reg::kOctave:
                scaler.octave = (d & 1) != 0;
                return true;
            case reg::kInFrac:
                if (v < 0 || v > InW) return false;
                scaler.in_frac = static_cast<int>(v);
                return true;
            case reg::kOutFrac:
                if (v < 0 || v > 32) return false;
                scaler.out_frac = static_cast<int>(v);
                return true;
            case reg::kReduce:
                if (v < 0 || v >= reg::kNumReductions) return false;
                scaler.reduce = static_cast<int>(v);
                return true;
            default: break;
        }
        if (a >= reg::kSubRangeLo && a < reg::kSubRangeLo + static_cast<uint32_t>(reg::kMaxSubRanges)) {
            scaler.sr_lo[a - reg::kSubRangeLo] = low_bits(d, InW + 1);
            return true;
        }
        if (a >= reg::kSubRangeShift && a < reg::kSubRangeShift + static_cast<uint32_t>(reg::kMaxSubRanges)) {
            if (v < -InW || v > InW) return false;
            scaler.sr_shift[a - reg::kSubRangeShift] = static_cast<int>(v);
            return true;
        }
        return Base::write_lut(
            lut, a, d, [](uint64_t w) { return static_cast<int64_t>(low_bits(w, CoreW + 1)); },
            [](uint64_t w) { return sext(w, ParW); });
    }

    void advance(uint32_t valid, bool accept) {
        const int F = nfront_;
        const int lo = std::max(ctl.lambda_k, ctl.lambda_b);
        const bool tog = this->pm_.toggles();
        const int cf = scaler.core_frac();
        if (valid >> F & 1) {   // align, add (LOG2: integer part), requantize to the 32-bit output
            uint64_t changed = 0;
            const bool log2 = scaler.log2();
            for (int l = 0; l < Lanes; ++l) {
                acc_t acc = mac.add(l, shift.align(l, prod_[l], lo - ctl.lambda_k), bsh_[l]);
                if (log2) acc += shl(static_cast<acc_t>(ip_[l]), lo + cf);
                // Octave, odd sigma: the exact product with the constant, 16 more fraction bits.
                const i128 y_c = odd_[l] ? static_cast<i128>(acc) * kHalfSqrt : static_cast<i128>(acc);
                const int r = lo + cf + e_[l] - scaler.out_frac + (odd_[l] ? kHalfSqrtFrac : 0);
                const uint32_t y = log2 && zero_[l] ? 0x80000000u : static_cast<uint32_t>(rq.apply(l, y_c, r, 32, log2));
                if (tog) changed += popcount64(y ^ out_[l]);
                out_[l] = y;
                this->out_words_.set(l * 32, 32, y);
            }
            if (tog) pipe.write(Lanes * 32, changed);
            else pipe.write(Lanes * 32);
        }
        if (valid >> (F - 1) & 1) {   // LUT read, multiply, intercept shift
            const Front& f = front_[F - 1];
            const int sh = cf + lo - ctl.lambda_b;
            for (int l = 0; l < Lanes; ++l) {
                int64_t k, b;
                lut.read(l, f.idx[l], k, b);
                prod_[l] = mac.multiply(l, k, f.q[l]);
                bsh_[l] = shift.intercept(l, b, sh);
                e_[l] = f.e[l];
                ip_[l] = f.ip[l];
                zero_[l] = f.zero[l];
                odd_[l] = f.odd[l];
            }
            pipe.write(Lanes * ((ParW + CoreW + 1) + (2 * ParW + CoreW) + kCarried));
        }
        // Index stage(s): front_[2 .. F-1].
        if (this->indexing_ == cost::Indexing::parallel) {
            if (valid >> 1 & 1) {
                for (int l = 0; l < Lanes; ++l) {
                    front_[2].carry_from(front_[1], l);
                    front_[2].idx[l] = cmp.parallel(l, front_[1].q[l], lut.keys(), lut.entries());
                }
                pipe.write(Lanes * (CoreW + kLevels + kCarried));
            }
        } else {
            for (int s = F - 1; s >= 2; --s) {
                if (!(valid >> (s - 1) & 1)) continue;
                for (int l = 0; l < Lanes; ++l) {
                    front_[s].carry_from(front_[s - 1], l);
                    front_[s].idx[l] = cmp.level(l, s - 2, front_[s - 1].idx[l], front_[s - 1].q[l], lut.keys(), lut.entries());
                    if (s < F - 1) cmp.level_register(l, front_[s].q[l], front_[s].idx[l]);
                }
                if (s == F - 1) pipe.write(Lanes * (CoreW + kLevels + kCarried));
            }
        }
        if (valid & 1) {   // scaler stage
            for (int l = 0; l < Lanes; ++l) {
                const auto c = scaler.select(l, static_cast<uint64_t>(front_[0].q[l]));
                front_[1].q[l] = c.code;
                front_[1].sigma[l] = c.sigma;
                front_[1].e[l] = c.e;
                front_[1].ip[l] = c.ip;
                front_[1].zero[l] = c.zero;
                front_[1].odd[l] = c.odd;
                front_[1].idx[l] = 0;
            }
            pipe.write(Lanes * (CoreW + kCarried));
        }
        if (accept) {
            in_fields_.load(this->in_data_i.read());
            uint64_t changed = 0;
            for (int l = 0; l < Lanes; ++l) {
                const int64_t u = static_cast<int64_t>(in_fields_.get64(l * InW, InW));
                if (tog) changed += popcount64(static_cast<uint64_t>(u ^ front_[0].q[l]));
                front_[0].q[l] = u;
            }
            if (tog) pipe.write(Lanes * InW, changed);
            else pipe.write(Lanes * InW);
        }
    }

    struct Front {
        int64_t q[Lanes];    // input code u (stage 0), core code (later stages)
        int idx[Lanes];
        int sigma[Lanes];    // DIV/RSQRT shift (for the VCD)
        int e[Lanes];        // result shift
        int64_t ip[Lanes];   // LOG2 integer part
        bool zero[Lanes];    // LOG2 of 0
        bool odd[Lanes];     // RSQRT octave, odd sigma
        void carry_from(const Front& o, int l) {
            q[l] = o.q[l];
            sigma[l] = o.sigma[l];
            e[l] = o.e[l];
            ip[l] = o.ip[l];
            zero[l] = o.zero[l];
            odd[l] = o.odd[l];
        }
    };
    PortFields<typename Base::in_type> in_fields_;
    int nfront_;
    Front front_[3 + (kLevels > 1 ? kLevels : 1)];
    int64_t prod_[Lanes];
    acc_t bsh_[Lanes];
    int e_[Lanes];
    int64_t ip_[Lanes];
    bool zero_[Lanes];
    bool odd_[Lanes];
    uint32_t out_[Lanes] = {};
};

}  // namespace gqalut::sc
