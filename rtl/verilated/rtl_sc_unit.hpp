// SystemC module around one Verilated configuration (RtlUnit), with the ports of
// docs/pin-interface.md typed as Verilator's --sc mapping (1 bit: bool, 2-32: uint32_t,
// 33-64: uint64_t, wider: sc_bv<W>), so the RTL sits where the SystemC cycle model sits.
// The --cc model is stepped from an SC_METHOD (faster than a pin-level --sc model): a rising
// edge of clk_i samples every input and clocks the model; a change of any input re-evaluates
// the combinational outputs (in_ready_o depends on out_ready_i). Drive inputs away from the
// rising edge, e.g. on the falling edge. `period` is the clock's period: the Verilated VCD then
// shows the rising edges at the times of an sc_clock whose first rising edge is at half a
// period (model/unit/pins.hpp), so the two VCDs of a run line up.
#pragma once
#include <memory>
#include <stdexcept>
#include <type_traits>

#include <systemc>

#include "rtl/verilated/rtl_unit.hpp"

namespace gqalut::rtl {

template <int W>
using sc_port_t = std::conditional_t<W == 1, bool,
                                     std::conditional_t<(W <= 32), uint32_t,
                                                        std::conditional_t<(W <= 64), uint64_t, sc_dt::sc_bv<W>>>>;

// InBits = Lanes * InW, OutBits = Lanes * OutW of the unit's shape.
template <int InBits, int OutBits>
class RtlScUnit : public sc_core::sc_module {
public:
    sc_core::sc_in<bool> clk_i{"clk_i"};
    sc_core::sc_in<bool> rst_ni{"rst_ni"};
    sc_core::sc_in<bool> in_valid_i{"in_valid_i"};
    sc_core::sc_out<bool> in_ready_o{"in_ready_o"};
    sc_core::sc_in<sc_port_t<InBits>> in_data_i{"in_data_i"};
    sc_core::sc_out<bool> out_valid_o{"out_valid_o"};
    sc_core::sc_in<bool> out_ready_i{"out_ready_i"};
    sc_core::sc_out<sc_port_t<OutBits>> out_data_o{"out_data_o"};
    sc_core::sc_in<bool> cfg_we_i{"cfg_we_i"};
    sc_core::sc_in<uint32_t> cfg_addr_i{"cfg_addr_i"};
    sc_core::sc_in<uint64_t> cfg_wdata_i{"cfg_wdata_i"};
    sc_core::sc_out<bool> idle_o{"idle_o"};
    sc_core::sc_out<bool> cfg_err_o{"cfg_err_o"};

    SC_HAS_PROCESS(RtlScUnit);
    RtlScUnit(const sc_core::sc_module_name& name, std::unique_ptr<RtlUnit> unit,
              const sc_core::sc_time& period = sc_core::sc_time(2, sc_core::SC_NS))
        : sc_core::sc_module(name), unit_(std::move(unit)) {
        if (!unit_) throw std::invalid_argument("RtlScUnit: no Verilated model");
        unit_->set_half_period_ps(static_cast<uint64_t>(period.to_seconds() * 1e12 / 2 + 0.5));
        const UnitShape& s = unit_->shape();
        if (s.lanes * s.in_width != InBits || s.lanes * s.out_width() != OutBits)
            throw std::invalid_argument("RtlScUnit: port widths do not match " + s.name());
        // One process writes the outputs (sc_signal allows one driver).
        SC_METHOD(step);
        sensitive << clk_i.pos() << rst_ni << in_valid_i << in_data_i << out_ready_i << cfg_we_i << cfg_addr_i
                  << cfg_wdata_i;
    }

    RtlUnit& unit() { return *unit_; }

private:
    void apply_inputs() {
        const UnitShape& s = unit_->shape();
        unit_->set_rst_n(rst_ni.read());
        unit_->set_in_valid(in_valid_i.read());
        unit_->set_out_ready(out_ready_i.read());
        unit_->set_cfg(cfg_we_i.read(), cfg_addr_i.read(), cfg_wdata_i.read());
        const auto data = in_data_i.read();
        for (int l = 0; l < s.lanes; ++l) {
            const int lsb = l * s.in_width;
            if constexpr (InBits > 64) {
                unit_->set_in_lane(l, data.range(lsb + s.in_width - 1, lsb).to_uint64());
            } else {
                const uint64_t v = static_cast<uint64_t>(data) >> lsb;
                unit_->set_in_lane(l, s.in_width >= 64 ? v : v & ((uint64_t(1) << s.in_width) - 1));
            }
        }
    }

    // Outputs are written when they change only; out_data_o is compared and converted as
    // 64-bit words (no per-lane or per-bit work unless it changed).
    void write_outputs() {
        set(in_ready_o, in_ready_q_, unit_->in_ready());
        set(out_valid_o, out_valid_q_, unit_->out_valid());
        set(idle_o, idle_q_, unit_->idle());
        set(cfg_err_o, cfg_err_q_, unit_->cfg_err());
        uint64_t w[kOutWords] = {};
        unit_->out_words(w, kOutWords);
        if constexpr (OutBits % 64 != 0) w[kOutWords - 1] &= (uint64_t(1) << (OutBits % 64)) - 1;
        bool same = out_written_;
        for (int i = 0; i < kOutWords; ++i) same = same && w[i] == out_q_[i];
        out_written_ = true;   // every port has been written once
        if (same) return;
        for (int i = 0; i < kOutWords; ++i) out_q_[i] = w[i];
        if constexpr (OutBits > 64) {
            for (int i = 0; i < (OutBits + 31) / 32; ++i)
                out_bv_.set_word(i, static_cast<sc_dt::sc_digit>(w[i / 2] >> (32 * (i % 2))));
            out_data_o.write(out_bv_);
        } else {
            out_data_o.write(static_cast<sc_port_t<OutBits>>(w[0]));
        }
    }

    void set(sc_core::sc_out<bool>& port, bool& shadow, bool v) {
        if (out_written_ && shadow == v) return;
        shadow = v;
        port.write(v);
    }

    // A rising edge of clk_i clocks the model with the inputs as they are before the edge; any
    // other trigger (an input changed, start of simulation) re-evaluates the outputs.
    void step() {
        apply_inputs();
        if (clk_i.posedge()) unit_->tick();
        else unit_->eval();
        write_outputs();
    }

    static constexpr int kOutWords = (OutBits + 63) / 64;
    std::unique_ptr<RtlUnit> unit_;
    // What the output ports hold (written unconditionally the first time).
    bool in_ready_q_ = false, out_valid_q_ = false, idle_q_ = false, cfg_err_q_ = false;
    uint64_t out_q_[kOutWords] = {};
    bool out_written_ = false;
    std::conditional_t<(OutBits > 64), sc_dt::sc_bv<(OutBits > 64 ? OutBits : 65)>, int> out_bv_{};
};

}  // namespace gqalut::rtl
