// INT-k pwl unit (numeric-definition.md §2 with the options of §8-§11), cycle level. Pipeline
// (docs/cycle-model.md):
//   input register -> fold, clamp, index stage(s) -> LUT read, operand, multiply, intercept
//   shift -> align, add, symmetry fix, requantize into the output register.
// The parallel comparator bank is one index stage (latency 3); the binary-search variant has
// log2(MaxEntries) index stages (latency 2 + log2(MaxEntries)).
#pragma once
#include <algorithm>
#include <type_traits>

#include "model/sc/pwl_unit_base.hpp"

namespace gqalut::sc {

template <int InW, int ParW, int MaxEntries, int Lanes>
class PwlIntUnit
    : public PwlUnitBase<PwlIntUnit<InW, ParW, MaxEntries, Lanes>, Lanes * InW, Lanes * (2 * ParW + InW + 1), Lanes> {
public:
    static constexpr int kAccW = 2 * ParW + InW + 1;
    static constexpr int kLevels = clog2(MaxEntries);
    static constexpr int kInW = InW;
    static constexpr int kParW = ParW;
    static constexpr int kMaxEntries = MaxEntries;
    static constexpr int kLanes = Lanes;
    using acc_t = std::conditional_t<(kAccW <= 63), int64_t, i128>;
    using Base = PwlUnitBase<PwlIntUnit, Lanes * InW, Lanes * kAccW, Lanes>;
    friend Base;
    static_assert(InW >= 2 && InW <= 32 && ParW >= 2 && ParW <= 32, "widths");
    static_assert(MaxEntries >= 1 && MaxEntries <= 256, "MaxEntries: the register map holds 256 entries");

    explicit PwlIntUnit(const sc_core::sc_module_name& n, cost::Indexing ix = cost::Indexing::parallel)
        : Base(n, ix, Base::depth_for(ix, MaxEntries, 1)),
          ctl("control", this->pm_),
          lut("lut", this->pm_, ParW),
          cmp("comparators", this->pm_, InW + 1),
          shift("shift", this->pm_, ParW, ParW + InW),
          mac("mac", this->pm_, ParW, InW + 1, kAccW),
          rq("requantizer", this->pm_, kAccW),
          opt("options", this->pm_, InW),
          pipe("pipeline", this->pm_),
          nfront_(this->depth_ - 2) {
        reset_registers();
        for (auto& f : front_)
            for (int l = 0; l < Lanes; ++l) f.q[l] = f.op[l] = f.idx[l] = 0;
        for (int l = 0; l < Lanes; ++l) prod_[l] = bsh_[l] = q2_[l] = 0;
    }

    UnitShape shape() const {
        UnitShape s = int_shape(InW, MaxEntries, Lanes);
        s.par_width = ParW;
        return s;
    }

    // The unit's state in the VCD (PwlUnitBase::trace): lane 0 of each stage, the scalar registers.
    template <class F>
    void traced(F&& f) const {
        f(front_[0].q[0], "s0_q_lane0");
        f(front_[nfront_ - 1].op[0], "s1_operand_lane0");
        f(front_[nfront_ - 1].idx[0], "s1_index_lane0");
        f(prod_[0], "s2_product_lane0");
        if constexpr (std::is_same_v<acc_t, int64_t>) f(bsh_[0], "s2_shifted_b_lane0");
        f(ctl.scale, "scale");
        f(ctl.lambda_k, "lambda_k");
        f(ctl.lambda_b, "lambda_b");
        f(ctl.symmetry, "symmetry");
    }

    // The blocks.
    ControlRegs ctl;
    LutStorage<MaxEntries, Lanes, int64_t> lut;
    ComparatorBank<MaxEntries, Lanes> cmp;
    ShiftUnit<Lanes, acc_t> shift;
    IntMac<Lanes, acc_t> mac;
    Requantizer<Lanes> rq;
    OptionLogic<Lanes, acc_t> opt;
    PipelineRegs<Lanes> pipe;

private:
    void reset_registers() {
        lut.reset();
        ctl.scale = 0;
        ctl.lambda_k = ctl.lambda_b = ParW - 2;
        ctl.rq_enable = false;
        ctl.rq_frac = 0;
        ctl.symmetry = 0;
        ctl.center = 0;
        ctl.clamp_lo = -(int64_t(1) << InW);   // never clamp
        ctl.clamp_hi = (int64_t(1) << InW) - 1;
        ctl.relative = false;
        ctl.origin = 0;
    }
    void count_cfg_write() { ctl.count_write(); }

    bool cfg_write(uint32_t a, uint64_t d) {
        ctl.count_write();
        const int64_t v = static_cast<int64_t>(d);
        switch (a) {
            case reg::kNEntries: return lut.set_entries(v);
            case reg::kScale:
                if (v < 0 || v > InW - 1) return false;
                ctl.scale = static_cast<int>(v);
                return true;
            case reg::kLambdaK:
            case reg::kLambdaB:
                if (v < 0 || v > ParW) return false;
                (a == reg::kLambdaK ? ctl.lambda_k : ctl.lambda_b) = static_cast<int>(v);
                return true;
            case reg::kRqEnable:   // one-bit register: bit 0
                ctl.rq_enable = (d & 1) != 0;
                return true;
            case reg::kRqFrac:
                if (v < -InW || v > 2 * InW) return false;
                ctl.rq_frac = static_cast<int>(v);
                return true;
            case reg::kSymmetry:
                if (v < 0 || v >= reg::kNumSymmetries) return false;
                ctl.symmetry = static_cast<int>(v);
                return true;
            case reg::kCenter: ctl.center = sext(d, ParW); return true;
            case reg::kClampLo: ctl.clamp_lo = sext(d, InW + 1); return true;
            case reg::kClampHi: ctl.clamp_hi = sext(d, InW + 1); return true;
            case reg::kIcptMode: ctl.relative = (d & 1) != 0; return true;   // one-bit register
            case reg::kOrigin: ctl.origin = sext(d, InW + 1); return true;
            default: break;
        }
        return Base::write_lut(
            lut, a, d, [](uint64_t w) { return sext(w, InW + 1); }, [](uint64_t w) { return sext(w, ParW); });
    }

    // One pipeline advance, stages evaluated back to front.
    void advance(uint32_t valid, bool accept) {
        const int F = nfront_;
        const int lo = std::max(ctl.lambda_k, ctl.lambda_b);
        const bool tog = this->pm_.toggles();
        if (valid >> F & 1) {   // align, add, symmetry fix, requantize -> output register
            uint64_t changed = 0;
            const acc_t center_term = shl(static_cast<acc_t>(ctl.center), ctl.scale + lo - ctl.lambda_b + 1);
            for (int l = 0; l < Lanes; ++l) {
                const acc_t sum = mac.add(l, shift.align(l, prod_[l], lo - ctl.lambda_k), bsh_[l]);
                const acc_t acc = opt.fix(l, sum, q2_[l], ctl, center_term, lo);
                const i128 word = ctl.rq_enable ? i128(rq.apply(l, acc, lo + ctl.scale - ctl.rq_frac, InW, true)) : i128(acc);
                if (tog) changed += popcount128((static_cast<u128>(word) ^ static_cast<u128>(out_[l])) & low_mask(kAccW));
                out_[l] = word;
                this->out_words_.set(l * kAccW, kAccW, static_cast<u128>(word));
            }
            if (tog) pipe.write(Lanes * kAccW, changed);
            else pipe.write(Lanes * kAccW);
        }
        if (valid >> (F - 1) & 1) {   // LUT read, operand, multiply, intercept shift
            const Front& f = front_[F - 1];
            const int sh = ctl.scale + lo - ctl.lambda_b;
            for (int l = 0; l < Lanes; ++l) {
                int64_t k, b;
                lut.read(l, f.idx[l], k, b);
                // Relative intercepts: d = q'' - P_{i-1}, ORIGIN before segment 0.
                const int64_t d = ctl.relative ? opt.relative(f.op[l], f.idx[l] == 0 ? ctl.origin : lut.keys()[f.idx[l] - 1])
                                               : f.op[l];
                prod_[l] = mac.multiply(l, k, d);
                bsh_[l] = shift.intercept(l, b, sh);
                q2_[l] = f.q[l];
            }
            pipe.write(Lanes * ((ParW + InW + 1) + (2 * ParW + InW - 1) + InW));
        }
        if (this->indexing_ == cost::Indexing::parallel) {
            if (valid & 1) {
                for (int l = 0; l < Lanes; ++l) {
                    front_[1].q[l] = front_[0].q[l];
                    front_[1].op[l] = opt.operand(l, front_[0].q[l], ctl);
                    front_[1].idx[l] = cmp.parallel(l, front_[1].op[l], lut.keys(), lut.entries());
                }
                pipe.write(Lanes * (InW + (InW + 1) + kLevels));
            }
        } else {
            for (int s = F - 1; s >= 1; --s) {
                if (!(valid >> (s - 1) & 1)) continue;
                for (int l = 0; l < Lanes; ++l) {
                    front_[s].q[l] = front_[s - 1].q[l];
                    front_[s].op[l] = s == 1 ? opt.operand(l, front_[0].q[l], ctl) : front_[s - 1].op[l];
                    front_[s].idx[l] = cmp.level(l, s - 1, front_[s - 1].idx[l], front_[s].op[l], lut.keys(), lut.entries());
                    if (s < F - 1) cmp.level_register(l, front_[s].op[l], front_[s].idx[l]);
                }
                if (s == F - 1) pipe.write(Lanes * (InW + (InW + 1) + kLevels));
            }
        }
        if (accept) {   // input register
            in_fields_.load(this->in_data_i.read());
            uint64_t changed = 0;
            for (int l = 0; l < Lanes; ++l) {
                const int64_t q = sext(static_cast<uint64_t>(in_fields_.get64(l * InW, InW)), InW);
                if (tog) changed += popcount64(low_bits(static_cast<uint64_t>(q ^ front_[0].q[l]), InW));
                front_[0].q[l] = q;
                front_[0].idx[l] = 0;
            }
            if (tog) pipe.write(Lanes * InW, changed);
            else pipe.write(Lanes * InW);
        }
    }

    struct Front {
        int64_t q[Lanes];    // the input code
        int64_t op[Lanes];   // q'' = clamp(fold(q)), what the comparators see (index stages)
        int idx[Lanes];
    };
    PortFields<typename Base::in_type> in_fields_;
    int nfront_;                          // input register + index stages
    Front front_[2 + (kLevels > 1 ? kLevels : 1)];
    int64_t prod_[Lanes];
    acc_t bsh_[Lanes];
    int64_t q2_[Lanes];                   // the input code, for the symmetry fix
    i128 out_[Lanes] = {};
};

}  // namespace gqalut::sc
