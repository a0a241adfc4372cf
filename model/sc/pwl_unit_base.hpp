// What the three pwl units share (docs/pin-interface.md, docs/cycle-model.md): the ports, the
// valid/ready pipeline control with back-pressure, synchronous reset, configuration writes
// (accepted only while idle_o, sticky cfg_err_o, CLEAR_ERROR always accepted) and the power
// monitor. The unit (Derived) holds its stage registers and computes one pipeline advance.
#pragma once
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <systemc>

#include "model/cost/cost_model.hpp"
#include "model/sc/blocks.hpp"
#include "model/sc/port_types.hpp"
#include "model/sc/power_monitor.hpp"
#include "model/unit_config.hpp"

namespace gqalut::sc {

template <class Derived, int InPortW, int OutPortW, int Lanes>
class PwlUnitBase : public sc_core::sc_module {
public:
    using in_type = port_t<InPortW>;
    using out_type = port_t<OutPortW>;

    sc_core::sc_in<bool> clk_i{"clk_i"};
    sc_core::sc_in<bool> rst_ni{"rst_ni"};
    sc_core::sc_in<bool> in_valid_i{"in_valid_i"};
    sc_core::sc_out<bool> in_ready_o{"in_ready_o"};
    sc_core::sc_in<in_type> in_data_i{"in_data_i"};
    sc_core::sc_out<bool> out_valid_o{"out_valid_o"};
    sc_core::sc_in<bool> out_ready_i{"out_ready_i"};
    sc_core::sc_out<out_type> out_data_o{"out_data_o"};
    sc_core::sc_in<bool> cfg_we_i{"cfg_we_i"};
    sc_core::sc_in<uint32_t> cfg_addr_i{"cfg_addr_i"};
    sc_core::sc_in<uint64_t> cfg_wdata_i{"cfg_wdata_i"};
    sc_core::sc_out<bool> idle_o{"idle_o"};
    sc_core::sc_out<bool> cfg_err_o{"cfg_err_o"};

    // Cycles from the edge that accepts an element to the edge after which it is on out_data_o.
    int latency() const { return depth_ - 1; }
    cost::Indexing indexing() const { return indexing_; }
    PowerMonitor& power_monitor() { return pm_; }
    const PowerMonitor& power_monitor() const { return pm_; }

    // Internal state for VCD: the stage valid bits, the error flag and what the unit lists in
    // its traced(f) (f(value, name) per signal, lane 0), all under the unit's name.
    void trace(sc_core::sc_trace_file* tf) const {
        const std::string p = std::string(name()) + ".";
        sc_core::sc_trace(tf, valid_, p + "stage_valid", 16);
        sc_core::sc_trace(tf, err_, p + "cfg_err_q");
        static_cast<const Derived&>(*this).traced([&](const auto& v, const char* n) { sc_core::sc_trace(tf, v, p + n); });
    }

    SC_HAS_PROCESS(PwlUnitBase);

protected:
    PwlUnitBase(const sc_core::sc_module_name& n, cost::Indexing ix, int depth)
        : sc_core::sc_module(n), indexing_(ix), depth_(depth) {
        static_assert(Lanes >= 1 && Lanes <= 64, "lanes");
        SC_METHOD(on_clock);
        sensitive << clk_i.pos();
        dont_initialize();
        SC_METHOD(on_ready);   // the only writer of in_ready_o
        sensitive << out_ready_i << out_valid_o;
        dont_initialize();
        in_ready_o.initialize(true);
        idle_o.initialize(true);
        out_valid_o.initialize(false);
        cfg_err_o.initialize(false);
        out_words_.clear();
        out_data_o.initialize(out_words_.value());
    }

    Derived& derived() { return static_cast<Derived&>(*this); }

    // Stage registers of a unit with `front` stages before the index stage(s) (the input
    // register, and the scaler's): one index stage with parallel comparators, log2(MaxEntries)
    // with binary search, then the LUT read / multiply stage and the output register.
    static int depth_for(cost::Indexing ix, int max_entries, int front) {
        if (ix == cost::Indexing::uniform)
            throw std::invalid_argument("the cycle model has parallel and binary-search indexing, not uniform");
        if (ix == cost::Indexing::binary_search && max_entries < 2)
            throw std::invalid_argument("binary-search indexing needs MaxEntries >= 2");
        return (ix == cost::Indexing::binary_search ? front + std::max(clog2(max_entries), 1) : front + 1) + 2;
    }

    // The LUT's registers, at the same addresses in every unit (docs/register-map.md):
    // breakpoint j, slope i, intercept i. `key` and `param` turn the written word into the
    // comparator key and the stored parameter. False if `a` is none of them.
    template <int MaxEntries, class Par, class Key, class Param>
    static bool write_lut(LutStorage<MaxEntries, Lanes, Par>& lut, uint32_t a, uint64_t d, Key key, Param param) {
        if (a >= reg::kBreakpoint && a < reg::kBreakpoint + static_cast<uint32_t>(MaxEntries - 1)) {
            lut.set_breakpoint_key(static_cast<int>(a - reg::kBreakpoint), key(d));
            return true;
        }
        if (a >= reg::kSlope && a < reg::kSlope + static_cast<uint32_t>(MaxEntries)) {
            lut.set_slope(static_cast<int>(a - reg::kSlope), param(d));
            return true;
        }
        if (a >= reg::kIntercept && a < reg::kIntercept + static_cast<uint32_t>(MaxEntries)) {
            lut.set_intercept(static_cast<int>(a - reg::kIntercept), param(d));
            return true;
        }
        return false;
    }

    void on_clock() {
        pm_.tick();
        const uint32_t last = 1u << (depth_ - 1);
        if (!rst_ni.read()) {
            valid_ = 0;
            err_ = false;
            derived().reset_registers();
            out_words_.clear();   // the output register reads 0 after reset
            out_data_o.write(out_words_.value());
            set(out_valid_o, out_valid_q_, false);
            set(idle_o, idle_q_, true);
            set(cfg_err_o, err_q_, false);
            return;
        }
        const bool out_ready = out_ready_i.read();
        const bool out_valid = (valid_ & last) != 0;
        const bool en = !out_valid || out_ready;
        const bool was_idle = valid_ == 0;
        if (out_valid && out_ready) pm_.delivered(Lanes);
        if (en) {
            const bool accept = in_valid_i.read();
            if (valid_ != 0 || accept) {
                const bool load_out = (valid_ & (last >> 1)) != 0;
                derived().advance(valid_, accept);
                valid_ = ((valid_ << 1) | (accept ? 1u : 0u)) & ((last << 1) - 1);
                if (load_out) out_data_o.write(out_words_.value());
            }
        }
        if (cfg_we_i.read()) {
            const uint32_t addr = cfg_addr_i.read() & 0xFFFu;
            if (addr == reg::kClearError) {
                derived().count_cfg_write();
                err_ = false;
            } else if (!was_idle) {
                err_ = true;   // busy: ignored
            } else if (!derived().cfg_write(addr, cfg_wdata_i.read())) {
                err_ = true;   // out of range or unmapped: ignored
            }
        }
        set(out_valid_o, out_valid_q_, (valid_ & last) != 0);
        set(idle_o, idle_q_, valid_ == 0);
        set(cfg_err_o, err_q_, err_);
    }

    // Output ports are written when they change only (the port call costs more than the test).
    static void set(sc_core::sc_out<bool>& port, bool& shadow, bool v) {
        if (shadow != v) {
            shadow = v;
            port.write(v);
        }
    }

    // in_ready_o = !out_valid_o || out_ready_i: combinational, follows out_ready_i within the cycle.
    void on_ready() { in_ready_o.write(!out_valid_o.read() || out_ready_i.read()); }

    PowerMonitor pm_;   // first member: the blocks attach to it
    cost::Indexing indexing_;
    int depth_;          // stage registers, the input register included
    uint32_t valid_ = 0; // bit i: stage register i holds an element (bit 0: input register)
    bool err_ = false;
    bool out_valid_q_ = false, idle_q_ = true, err_q_ = false;   // what the output ports hold
    PortWords<OutPortW> out_words_;
};

}  // namespace gqalut::sc
