// DIV/RSQRT unit (docs/numeric-definition.md §6), cycle level: the multi-range scaler in
// front of an unsigned INT core at s = CoreW-3, then the requantizer to the UQ(32-F).F output.
// Pipeline: input register -> scaler (sigma, core code) -> index stage(s) -> LUT read,
// multiply, intercept shift -> align, add, requantize (latency 4 with parallel comparators).
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
            for (int l = 0; l < Lanes; ++l) f.q[l] = f.idx[l] = f.sigma[l] = 0;
        for (int l = 0; l < Lanes; ++l) prod_[l] = bsh_[l] = sigma_[l] = 0;
    }

    UnitShape shape() const {
        UnitShape s = scaler_shape(MaxEntries, Lanes, InW, CoreW);
        s.par_width = ParW;
        return s;
    }

    void trace(sc_core::sc_trace_file* tf) const {
        Base::trace(tf);
        const std::string p = std::string(this->name()) + ".";
        sc_core::sc_trace(tf, front_[0].q[0], p + "s0_u_lane0");
        sc_core::sc_trace(tf, front_[1].q[0], p + "s1_core_code_lane0");
        sc_core::sc_trace(tf, front_[1].sigma[0], p + "s1_sigma_lane0");
        sc_core::sc_trace(tf, front_[nfront_ - 1].idx[0], p + "s2_index_lane0");
        sc_core::sc_trace(tf, prod_[0], p + "s3_product_lane0");
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
            case reg::kInFrac:
                if (v < 0 || v > InW) return false;
                scaler.in_frac = static_cast<int>(v);
                return true;
            case reg::kOutFrac:
                if (v < 0 || v > 32) return false;
                scaler.out_frac = static_cast<int>(v);
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
        if (valid >> F & 1) {   // align, add, requantize to UQ(32-F).F
            uint64_t changed = 0;
            for (int l = 0; l < Lanes; ++l) {
                const acc_t acc = mac.add(l, shift.align(l, prod_[l], lo - ctl.lambda_k), bsh_[l]);
                const int r = lo + kCoreFrac + scaler.result_shift(sigma_[l]) - scaler.out_frac;
                const uint32_t y = static_cast<uint32_t>(rq.apply(l, acc, r, 32, false));
                if (tog) changed += popcount64(y ^ out_[l]);
                out_[l] = y;
                this->out_words_.set(l * 32, 32, y);
            }
            if (tog) pipe.write(Lanes * 32, changed);
            else pipe.write(Lanes * 32);
        }
        if (valid >> (F - 1) & 1) {   // LUT read, multiply, intercept shift
            const Front& f = front_[F - 1];
            const int sh = kCoreFrac + lo - ctl.lambda_b;
            for (int l = 0; l < Lanes; ++l) {
                int64_t k, b;
                lut.read(l, f.idx[l], k, b);
                prod_[l] = mac.multiply(l, k, f.q[l]);
                bsh_[l] = shift.intercept(l, b, sh);
                sigma_[l] = f.sigma[l];
            }
            pipe.write(Lanes * ((ParW + CoreW + 1) + (2 * ParW + CoreW - 1) + 7));
        }
        // Index stage(s): front_[2 .. F-1].
        if (this->indexing_ == cost::Indexing::parallel) {
            if (valid >> 1 & 1) {
                for (int l = 0; l < Lanes; ++l) {
                    front_[2].q[l] = front_[1].q[l];
                    front_[2].sigma[l] = front_[1].sigma[l];
                    front_[2].idx[l] = cmp.parallel(l, front_[1].q[l], lut.keys(), lut.entries());
                }
                pipe.write(Lanes * (CoreW + kLevels + 7));
            }
        } else {
            for (int s = F - 1; s >= 2; --s) {
                if (!(valid >> (s - 1) & 1)) continue;
                for (int l = 0; l < Lanes; ++l) {
                    front_[s].q[l] = front_[s - 1].q[l];
                    front_[s].sigma[l] = front_[s - 1].sigma[l];
                    front_[s].idx[l] = cmp.level(l, s - 2, front_[s - 1].idx[l], front_[s - 1].q[l], lut.keys(), lut.entries());
                    if (s < F - 1) cmp.level_register(l, front_[s].q[l], front_[s].idx[l]);
                }
                if (s == F - 1) pipe.write(Lanes * (CoreW + kLevels + 7));
            }
        }
        if (valid & 1) {   // scaler stage
            for (int l = 0; l < Lanes; ++l) {
                const auto c = scaler.select(l, static_cast<uint64_t>(front_[0].q[l]));
                front_[1].q[l] = c.code;
                front_[1].sigma[l] = c.sigma;
                front_[1].idx[l] = 0;
            }
            pipe.write(Lanes * (CoreW + 7));
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
        int64_t q[Lanes];   // input code u (stage 0), core code (later stages)
        int idx[Lanes];
        int sigma[Lanes];
    };
    PortFields<typename Base::in_type> in_fields_;
    int nfront_;
    Front front_[3 + (kLevels > 1 ? kLevels : 1)];
    int64_t prod_[Lanes];
    acc_t bsh_[Lanes];
    int sigma_[Lanes];
    uint32_t out_[Lanes] = {};
};

}  // namespace gqalut::sc
