// What the pin-level unit driver (model/unit/pin_unit.hpp) and the lock-step testbench
// (sims/tb/lockstep_testbench.hpp) share: the clock, the input pins of docs/pin-interface.md
// driven as a registered testbench drives them (new values right after the edge, each signal
// written only when its value changes), the output pins read lane by lane, the pause that hands
// control back to the caller of sc_start(), and the pins' names and widths in the SystemC VCD.
#pragma once
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <systemc>
#include <sysc/kernel/sc_dynamic_processes.h>   // sc_spawn

#include "model/fixed_format.hpp"
#include "model/sc/port_types.hpp"
#include "model/sc/start.hpp"
#include "model/unit_config.hpp"

namespace gqalut::unit {

namespace detail {
// xorshift64*: cheap, reproducible stall decisions.
struct Rng {
    uint64_t s;
    explicit Rng(uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull) {
        if (s == 0) s = 1;
    }
    uint64_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 0x2545F4914F6CDD1Dull;
    }
    // true with probability p (p given as a 2^-32 fraction threshold)
    bool below(uint32_t threshold) { return threshold != 0 && static_cast<uint32_t>(next() >> 32) < threshold; }
};
inline uint32_t threshold(double p) {
    if (p <= 0) return 0;
    if (p >= 1) return 0xFFFFFFFFu;
    return static_cast<uint32_t>(p * 4294967296.0);
}
}  // namespace detail

// The C++ types of a DUT's in_data_i and out_data_o ports.
template <class DUT>
using in_data_t = typename std::decay_t<decltype(std::declval<DUT&>().in_data_i)>::data_type;
template <class DUT>
using out_data_t = typename std::decay_t<decltype(std::declval<DUT&>().out_data_o)>::data_type;

// One writer per signal by construction: no writer checks.
template <class T>
using tb_signal = sc_core::sc_signal<T, sc_core::SC_UNCHECKED_WRITERS>;

// Writes a signal only when its value changes (saves the channel call per cycle).
template <class S, class T>
void write_if_changed(S& sig, T& shadow, const T& v) {
    if (!(shadow == v)) {
        shadow = v;
        sig.write(v);
    }
}

// A clock signal that runs while it is asked to: an idle unit costs no events, and a
// simulation with nothing else to do ends. Its edges fall where an sc_clock's would whose first
// rising edge is at half a period: low at first, each rising edge half a period after a start
// from rest, and a running clock keeps its phase across stop() and start() when no time passes
// in between (a testbench paused between two of its runs).
class GatedClock : public sc_core::sc_signal<bool, sc_core::SC_UNCHECKED_WRITERS> {
public:
    GatedClock(const char* name, const sc_core::sc_time& period, bool running)
        : sc_core::sc_signal<bool, sc_core::SC_UNCHECKED_WRITERS>(name, false), half_(period / 2), want_(running),
          ticking_(running) {
        // Statically sensitive to its own timed event, as sc_clock's edge processes are.
        sc_core::sc_spawn_options o;
        o.spawn_method();
        o.set_sensitivity(&edge_);
        o.dont_initialize();
        sc_core::sc_spawn([this] { toggle(); }, (std::string(name) + "_edge").c_str(), &o);
        if (running) edge_.notify(half_);
    }
    void start() {
        want_ = true;
        if (!ticking_) {
            ticking_ = true;
            edge_.notify(half_);
        }
    }
    void stop() { want_ = false; }   // after the next falling edge
    void set_period(const sc_core::sc_time& period) { half_ = period / 2; }

private:
    void toggle() {
        if (!high_ && !want_) {   // at rest, low
            ticking_ = false;
            return;
        }
        high_ = !high_;
        write(high_);
        edge_.notify(half_);
    }

    sc_core::sc_event edge_;
    sc_core::sc_time half_;
    bool want_, ticking_, high_ = false;
};

// The clock and the input pins. `next` is what the testbench drives after the current edge;
// apply() puts it on the signals at the end of the edge method, so the DUT sees it from the
// next edge on and nothing races the DUT's sampling edge.
template <class InT>
class InputPins {
public:
    struct Values {
        bool rst_n = true, in_valid = false, out_ready = true, cfg_we = false;
        uint32_t cfg_addr = 0;
        uint64_t cfg_wdata = 0;
        InT data;
    };

    // First rising edge at half a period (the falling edge at 0), as the Verilated model's VCD
    // shows its edges (rtl::RtlUnit::set_half_period_ps). A clock that is not `running` waits
    // for clk.start().
    InputPins(double clock_period_ns, int lane_width, bool running = true)
        : clk("clk", sc_core::sc_time(clock_period_ns, sc_core::SC_NS), running), lane_width_(lane_width) {
        rst_n.write(true);
        out_ready.write(true);
        next.data = InT{};
        builder_.store(next.data);
        held_ = next;
    }

    // The inputs every DUT on these pins shares; out_ready_i and cfg_wdata_i are bound by the
    // testbench (the cosim's injected faults give the RTL its own).
    template <class M>
    void bind(M& m) {
        m.clk_i(clk);
        m.rst_ni(rst_n);
        m.in_valid_i(in_valid);
        m.in_data_i(in_data);
        m.cfg_we_i(cfg_we);
        m.cfg_addr_i(cfg_addr);
    }

    // in_data_i: lane l of the next input vector; store_lanes() makes the vector `next.data`.
    void clear_lanes() { builder_.clear(); }
    void set_lane(int l, uint64_t word) { builder_.set64(l * lane_width_, lane_width_, word); }
    void store_lanes() {
        builder_.store(next.data);
        data_dirty_ = true;
    }
    int lane_width() const { return lane_width_; }

    // One edge of a reset: rst_ni low with nothing presented and no write while `count` lasts,
    // then high; true at that last edge.
    bool reset_edge(uint64_t& count) {
        if (count > 0) {
            --count;
            next.rst_n = false;
            next.in_valid = false;
            next.cfg_we = false;
            return false;
        }
        next.rst_n = true;
        return true;
    }

    // What the signals hold (in_data_i aside): the pins the DUT sampled at this edge.
    const Values& held() const { return held_; }

    void apply() {
        write_if_changed(rst_n, held_.rst_n, next.rst_n);
        write_if_changed(in_valid, held_.in_valid, next.in_valid);
        write_if_changed(out_ready, held_.out_ready, next.out_ready);
        write_if_changed(cfg_we, held_.cfg_we, next.cfg_we);
        if (next.cfg_we) {
            write_if_changed(cfg_addr, held_.cfg_addr, next.cfg_addr);
            write_if_changed(cfg_wdata, held_.cfg_wdata, next.cfg_wdata);
        }
        if (data_dirty_) {
            in_data.write(next.data);
            data_dirty_ = false;
        }
    }

    GatedClock clk;
    tb_signal<bool> rst_n{"rst_n"}, in_valid{"in_valid"}, out_ready{"out_ready"}, cfg_we{"cfg_we"};
    tb_signal<InT> in_data{"in_data"};
    tb_signal<uint32_t> cfg_addr{"cfg_addr"};
    tb_signal<uint64_t> cfg_wdata{"cfg_wdata"};
    Values next;

private:
    int lane_width_;
    Values held_;
    sc::PortBuilder<InT> builder_;
    bool data_dirty_ = false;
};

// The configuration loader of docs/pin-interface.md, one edge at a time, on the `next` values of
// InputPins: wait for idle_o, one write per edge, the strobe low for one edge; edge() returns
// `done` at the edge after that, where cfg_err_o tells whether a write was refused.
class ConfigLoader {
public:
    enum class Step { waiting, wrote, done };

    void start(const std::vector<CfgWrite>& writes) {
        writes_ = &writes;
        pos_ = 0;
        phase_ = Phase::wait_idle;
    }

    template <class Values>
    Step edge(Values& next, bool idle) {
        if (phase_ == Phase::wait_idle) {
            if (!idle) return Step::waiting;
            phase_ = Phase::write;
        }
        if (phase_ == Phase::write) {
            if (pos_ < writes_->size()) {
                const CfgWrite& w = (*writes_)[pos_++];
                next.cfg_we = true;
                next.cfg_addr = w.addr;
                next.cfg_wdata = w.data;
                return Step::wrote;
            }
            next.cfg_we = false;
            phase_ = Phase::strobe_low;
            return Step::waiting;
        }
        return Step::done;
    }

    // The write edge() drove last (after Step::wrote).
    const CfgWrite& last() const { return (*writes_)[pos_ - 1]; }

private:
    enum class Phase { wait_idle, write, strobe_low };
    const std::vector<CfgWrite>* writes_ = nullptr;
    size_t pos_ = 0;
    Phase phase_ = Phase::wait_idle;
};

// The output pins of one DUT; `prefix` names its signals apart from another DUT's.
template <class OutT>
class OutputPins {
public:
    OutputPins(const std::string& prefix, int lane_width)
        : in_ready((prefix + "in_ready").c_str()),
          out_valid((prefix + "out_valid").c_str()),
          idle((prefix + "idle").c_str()),
          cfg_err((prefix + "cfg_err").c_str()),
          out_data((prefix + "out_data").c_str()),
          lane_width_(lane_width) {}

    template <class M>
    void bind(M& m) {
        m.in_ready_o(in_ready);
        m.out_valid_o(out_valid);
        m.out_data_o(out_data);
        m.idle_o(idle);
        m.cfg_err_o(cfg_err);
    }

    // out_data_o lane by lane: load_lanes() once, then lane(l).
    void load_lanes() { fields_.load(out_data.read()); }
    i128 lane(int l) const { return static_cast<i128>(fields_.get(l * lane_width_, lane_width_)); }
    int lane_width() const { return lane_width_; }

    tb_signal<bool> in_ready, out_valid, idle, cfg_err;
    tb_signal<OutT> out_data;

private:
    int lane_width_;
    sc::PortFields<OutT> fields_;
};

// Hands control back to whoever waits for the testbench's edge method: run() returns once the
// edge method has called finish() and then end_of_edge() (so the DUT has seen that edge). From
// outside the simulation run() calls sc_start() until then (sc_pause takes effect after that
// delta); from a thread process inside it (the accelerator's), run() waits for it.
class EdgePause {
public:
    void run() {
        done_ = false;
        if (sc_core::sc_get_status() == sc_core::SC_RUNNING) {
            in_thread_ = true;
            while (!done_) sc_core::wait(done_event_);
            in_thread_ = false;
        } else {
            while (!done_) sc::start();
        }
    }
    void finish() { finish_ = true; }
    void end_of_edge() {
        if (!finish_) return;
        finish_ = false;
        done_ = true;
        if (in_thread_) done_event_.notify(sc_core::SC_ZERO_TIME);
        else sc_core::sc_pause();
    }

private:
    sc_core::sc_event done_event_;
    bool done_ = false, finish_ = false, in_thread_ = false;
};

// A VCD file with picosecond resolution; SystemC adds ".vcd", so a given one is dropped.
inline sc_core::sc_trace_file* open_pin_vcd(std::string path) {
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".vcd") == 0) path.resize(path.size() - 4);
    sc_core::sc_trace_file* tf = sc_core::sc_create_vcd_trace_file(path.c_str());
    tf->set_time_unit(1, sc_core::SC_PS);
    return tf;
}

// Integer-typed ports are traced with their pin width (sc_trace would show 32 or 64 bits).
template <class S>
void trace_word(sc_core::sc_trace_file* tf, const S& sig, const std::string& name, int width) {
    using T = std::decay_t<decltype(sig.read())>;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) sc_core::sc_trace(tf, sig.read(), name, width);
    else sc_core::sc_trace(tf, sig, name);
}

// The 13 pins under their port names, in the order of docs/pin-interface.md.
template <class InT, class OutT>
void trace_pins(sc_core::sc_trace_file* tf, const InputPins<InT>& in, const OutputPins<OutT>& out, int lanes) {
    sc_core::sc_trace(tf, in.clk, "clk_i");
    sc_core::sc_trace(tf, in.rst_n, "rst_ni");
    sc_core::sc_trace(tf, in.in_valid, "in_valid_i");
    sc_core::sc_trace(tf, out.in_ready, "in_ready_o");
    trace_word(tf, in.in_data, "in_data_i", lanes * in.lane_width());
    sc_core::sc_trace(tf, out.out_valid, "out_valid_o");
    sc_core::sc_trace(tf, in.out_ready, "out_ready_i");
    trace_word(tf, out.out_data, "out_data_o", lanes * out.lane_width());
    sc_core::sc_trace(tf, in.cfg_we, "cfg_we_i");
    trace_word(tf, in.cfg_addr, "cfg_addr_i", 12);
    sc_core::sc_trace(tf, in.cfg_wdata, "cfg_wdata_i");
    sc_core::sc_trace(tf, out.idle, "idle_o");
    sc_core::sc_trace(tf, out.cfg_err, "cfg_err_o");
}

}  // namespace gqalut::unit
