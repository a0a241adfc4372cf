// FP32 pwl unit (docs/numeric-definition.md §5), cycle level: binary32 comparators, multiplier and adder, no
// shifter. Pipeline: input register -> index stage(s) -> LUT read and multiply -> add.
#pragma once
#include "model/sc/pwl_unit_base.hpp"

namespace gqalut::sc {

template <int MaxEntries, int Lanes>
class PwlFp32Unit : public PwlUnitBase<PwlFp32Unit<MaxEntries, Lanes>, Lanes * 32, Lanes * 32, Lanes> {
public:
    static constexpr int kLevels = clog2(MaxEntries);
    static constexpr int kMaxEntries = MaxEntries;
    static constexpr int kLanes = Lanes;
    using Base = PwlUnitBase<PwlFp32Unit, Lanes * 32, Lanes * 32, Lanes>;
    friend Base;
    static_assert(MaxEntries >= 1 && MaxEntries <= 256, "MaxEntries: the register map holds 256 entries");

    explicit PwlFp32Unit(const sc_core::sc_module_name& n, cost::Indexing ix = cost::Indexing::parallel)
        : Base(n, ix, Base::depth_for(ix, MaxEntries, 1)),
          ctl("control", this->pm_),
          lut("lut", this->pm_, 32),
          cmp("comparators", this->pm_, 32),
          mac("mac", this->pm_),
          pipe("pipeline", this->pm_),
          nfront_(this->depth_ - 2) {
        reset_registers();
        for (auto& f : front_)
            for (int l = 0; l < Lanes; ++l) {
                f.x[l] = 0;
                f.key[l] = 0;
                f.idx[l] = 0;
            }
        for (int l = 0; l < Lanes; ++l) prod_[l] = b_[l] = 0;
    }

    UnitShape shape() const { return fp32_shape(MaxEntries, Lanes); }

    // The unit's state in the VCD (PwlUnitBase::trace): lane 0 of each stage.
    template <class F>
    void traced(F&& f) const {
        f(front_[0].x[0], "s0_x_lane0");
        f(front_[nfront_ - 1].idx[0], "s1_index_lane0");
        f(prod_[0], "s2_product_lane0");
        f(b_[0], "s2_intercept_lane0");
    }

    ControlRegs ctl;
    LutStorage<MaxEntries, Lanes, uint32_t> lut;
    ComparatorBank<MaxEntries, Lanes> cmp;
    Fp32Mac<Lanes> mac;
    PipelineRegs<Lanes> pipe;

private:
    void reset_registers() { lut.reset(); }
    void count_cfg_write() { ctl.count_write(); }

    bool cfg_write(uint32_t a, uint64_t d) {
        ctl.count_write();
        if (a == reg::kNEntries) return lut.set_entries(static_cast<int64_t>(d));
        // The parameters are binary32 bit patterns; the comparators hold breakpoints as keys.
        return Base::write_lut(
            lut, a, d, [](uint64_t w) { return fp32::key_breakpoint(static_cast<uint32_t>(w)); },
            [](uint64_t w) { return static_cast<uint32_t>(w); });
    }

    void advance(uint32_t valid, bool accept) {
        const int F = nfront_;
        const bool tog = this->pm_.toggles();
        if (valid >> F & 1) {   // add -> output register
            uint64_t changed = 0;
            for (int l = 0; l < Lanes; ++l) {
                const uint32_t y = mac.add(l, prod_[l], b_[l]);
                if (tog) changed += popcount64(y ^ out_[l]);
                out_[l] = y;
                this->out_words_.set(l * 32, 32, y);
            }
            if (tog) pipe.write(Lanes * 32, changed);
            else pipe.write(Lanes * 32);
        }
        if (valid >> (F - 1) & 1) {   // LUT read, multiply
            const Front& f = front_[F - 1];
            for (int l = 0; l < Lanes; ++l) {
                uint32_t k;
                lut.read(l, f.idx[l], k, b_[l]);
                prod_[l] = mac.multiply(l, k, f.x[l]);
            }
            pipe.write(Lanes * 64);
        }
        if (this->indexing_ == cost::Indexing::parallel) {
            if (valid & 1) {
                for (int l = 0; l < Lanes; ++l) {
                    front_[1].x[l] = front_[0].x[l];
                    front_[1].key[l] = front_[0].key[l];
                    front_[1].idx[l] = cmp.parallel(l, front_[0].key[l], lut.keys(), lut.entries());
                }
                pipe.write(Lanes * (32 + kLevels));
            }
        } else {
            for (int s = F - 1; s >= 1; --s) {
                if (!(valid >> (s - 1) & 1)) continue;
                for (int l = 0; l < Lanes; ++l) {
                    front_[s].x[l] = front_[s - 1].x[l];
                    front_[s].key[l] = front_[s - 1].key[l];
                    front_[s].idx[l] = cmp.level(l, s - 1, front_[s - 1].idx[l], front_[s - 1].key[l], lut.keys(), lut.entries());
                    if (s < F - 1) cmp.level_register(l, front_[s].x[l], front_[s].idx[l]);
                }
                if (s == F - 1) pipe.write(Lanes * (32 + kLevels));
            }
        }
        if (accept) {
            in_fields_.load(this->in_data_i.read());
            uint64_t changed = 0;
            for (int l = 0; l < Lanes; ++l) {
                const uint32_t x = static_cast<uint32_t>(in_fields_.get64(l * 32, 32));
                if (tog) changed += popcount64(x ^ front_[0].x[l]);
                front_[0].x[l] = x;
                front_[0].key[l] = fp32::key_input(x);   // the comparators' view of x
                front_[0].idx[l] = 0;
            }
            if (tog) pipe.write(Lanes * 32, changed);
            else pipe.write(Lanes * 32);
        }
    }

    struct Front {
        uint32_t x[Lanes];
        int64_t key[Lanes];
        int idx[Lanes];
    };
    PortFields<typename Base::in_type> in_fields_;
    int nfront_;
    Front front_[2 + (kLevels > 1 ? kLevels : 1)];
    uint32_t prod_[Lanes], b_[Lanes];
    uint32_t out_[Lanes] = {};
};

}  // namespace gqalut::sc
