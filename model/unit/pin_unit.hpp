// Any DUT with the pin interface of docs/pin-interface.md (the SystemC cycle model, the
// Verilated RTL in rtl::RtlScUnit, a Verilated --sc model) as a Unit. One SC_METHOD on the
// rising clock edge drives the pins the way a registered testbench does: it samples them as they
// were before the edge and drives new values that the DUT sees from the next edge on, so nothing
// races the DUT's sampling edge. It plays reset, configuration loader (writes only while idle_o),
// stream driver (random input stalls, valid held until accepted) and sink (random output
// stalls), handing every output to the ElementStream.
//
// The same driver serves both ways of running a simulation (EdgePause): a testbench in sc_main
// calls stream() and the unit runs sc_start() until it is done; the accelerator's SC_THREAD
// calls stream() and waits. The clock is gated: it runs only while the unit works, so an idle
// unit costs no events and a platform's sc_start() ends when its software does.
#pragma once
#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <systemc>

#include "model/unit/pins.hpp"
#include "model/unit/unit.hpp"

namespace gqalut::unit {

namespace detail {
template <class T, class = void>
struct has_power_monitor : std::false_type {};
template <class T>
struct has_power_monitor<T, std::void_t<decltype(std::declval<T&>().power_monitor())>> : std::true_type {};
template <class T, class = void>
struct has_trace : std::false_type {};
template <class T>
struct has_trace<T, std::void_t<decltype(std::declval<const T&>().trace(std::declval<sc_core::sc_trace_file*>()))>>
    : std::true_type {};
template <class T, class = void>
struct has_indexing : std::false_type {};
template <class T>
struct has_indexing<T, std::void_t<decltype(std::declval<const T&>().indexing())>> : std::true_type {};
}  // namespace detail

// What a pin-level unit is built with.
struct PinUnitOptions {
    UnitShape shape;                   // what the DUT is (widths of the lane fields)
    int latency = 3;                   // its documented latency
    double clock_period_ns = 2;        // 500 MHz
    std::string vcd;                   // VCD file ("" = none); ".vcd" is added when missing
    uint64_t timeout_cycles = 100000;  // no progress for this long: give up
};

template <class DUT>
class PinUnit : public sc_core::sc_module, public PinLevelUnit {
public:
    using in_type = in_data_t<DUT>;
    using out_type = out_data_t<DUT>;

    SC_HAS_PROCESS(PinUnit);

    PinUnit(const sc_core::sc_module_name& n, std::unique_ptr<DUT> dut, const PinUnitOptions& opt)
        : sc_core::sc_module(n),
          pins_(opt.clock_period_ns, opt.shape.in_width, false),
          out_("", opt.shape.out_width()),
          dut_(std::move(dut)),
          opt_(opt),
          lanes_(opt.shape.lanes) {
        if (lanes_ < 1 || lanes_ > 64) throw std::invalid_argument("PinUnit: 1 to 64 lanes");
        pins_.bind(*dut_);
        dut_->out_ready_i(pins_.out_ready);
        dut_->cfg_wdata_i(pins_.cfg_wdata);
        out_.bind(*dut_);
        SC_METHOD(on_clock);
        sensitive << pins_.clk.posedge_event();
        dont_initialize();
        if (!opt.vcd.empty()) {
            tf_ = open_pin_vcd(opt.vcd);
            trace_pins(tf_, pins_, out_, lanes_);
            if constexpr (detail::has_trace<DUT>::value) dut_->trace(tf_);
        }
    }

    ~PinUnit() override {
        if (tf_) sc_core::sc_close_vcd_trace_file(tf_);
    }

    DUT& dut() { return *dut_; }

    // --- Unit ------------------------------------------------------------------------------
    const UnitShape& shape() const override { return opt_.shape; }
    int latency() const override { return opt_.latency; }
    cost::Indexing indexing() const override {
        if constexpr (detail::has_indexing<DUT>::value) return dut_->indexing();
        return cost::Indexing::parallel;
    }
    uint64_t cycle() const override { return cycle_; }

    void reset(int cycles) override {
        count_ = static_cast<uint64_t>(cycles);
        run(Mode::reset);
    }

    bool configure(const std::vector<CfgWrite>& writes) override {
        loader_.start(writes);
        run(Mode::config);
        return !cfg_err_seen_;
    }

    StreamResult stream(ElementStream& s, const StallConfig& st) override {
        result_ = StreamResult{};
        if (s.size() == 0) return result_;
        stream_ = &s;
        n_ = s.size();
        rng_ = detail::Rng(st.seed);
        stall_in_ = detail::threshold(st.in);
        stall_out_ = detail::threshold(st.out);
        n_vectors_ = (n_ + static_cast<uint64_t>(lanes_) - 1) / static_cast<uint64_t>(lanes_);
        sent_ = recv_ = 0;
        last_progress_ = start_cycle_ = cycle_;
        aborted_ = false;
        run(Mode::stream);
        result_.cycles = cycle_ - start_cycle_;
        return result_;
    }

    PinsOut tick(const PinsIn& in) override {
        manual_in_ = in;
        run(Mode::manual);
        return manual_out_;
    }

    std::optional<cost::Activity> activity() const override {
        if constexpr (detail::has_power_monitor<DUT>::value) return dut_->power_monitor().activity();
        return std::nullopt;
    }
    void clear_activity() override {
        if constexpr (detail::has_power_monitor<DUT>::value) dut_->power_monitor().clear();
    }
    void set_clock_hz(double hz) override { pins_.clk.set_period(sc_core::sc_time(1.0 / hz, sc_core::SC_SEC)); }
    void abort() override { aborted_ = mode_ == Mode::stream; }

private:
    enum class Mode { idle, reset, config, stream, manual };
    static constexpr uint64_t kRing = 64;   // vectors in flight at most (the pipeline holds fewer)

    void on_clock() {
        on_edge();   // the pins still hold their values from before the edge
        pins_.apply();
        pause_.end_of_edge();
    }

    void run(Mode m) {
        mode_ = m;
        pins_.clk.start();
        pause_.run();
        mode_ = Mode::idle;
    }
    void finish() {
        mode_ = Mode::idle;
        pins_.clk.stop();
        pause_.finish();
    }

    // Vector v on in_data_i (a short last vector padded with the first elements); its words
    // are kept until its outputs come back.
    void drive_vector(uint64_t v) {
        uint64_t* words = ring_[v % kRing].data();
        const uint64_t first = v * static_cast<uint64_t>(lanes_);
        const uint64_t real = std::min<uint64_t>(static_cast<uint64_t>(lanes_), n_ - first);
        stream_->inputs(first, real, words);
        for (uint64_t l = real; l < static_cast<uint64_t>(lanes_); ++l) stream_->inputs((l - real) % n_, 1, words + l);
        for (int l = 0; l < lanes_; ++l) pins_.set_lane(l, words[l]);
        pins_.store_lanes();
    }

    void deliver_vector(uint64_t v) {
        out_.load_lanes();
        const uint64_t first = v * static_cast<uint64_t>(lanes_);
        const uint64_t real = std::min<uint64_t>(static_cast<uint64_t>(lanes_), n_ - first);
        for (int l = 0; l < lanes_; ++l) outs_[static_cast<size_t>(l)] = out_.lane(l);
        stream_->outputs(first, real, ring_[v % kRing].data(), outs_.data(), cycle_);
    }

    void on_edge() {
        ++cycle_;
        switch (mode_) {
            case Mode::idle: return;
            case Mode::reset:
                if (pins_.reset_edge(count_)) finish();
                return;
            case Mode::manual: return manual_edge();
            case Mode::config: return config_edge();
            case Mode::stream: return stream_edge();
        }
    }

    void manual_edge() {
        manual_out_.in_ready = out_.in_ready.read();
        manual_out_.out_valid = out_.out_valid.read();
        manual_out_.idle = out_.idle.read();
        manual_out_.cfg_err = out_.cfg_err.read();
        manual_out_.out.assign(static_cast<size_t>(lanes_), 0);
        out_.load_lanes();
        for (int l = 0; l < lanes_; ++l) manual_out_.out[static_cast<size_t>(l)] = out_.lane(l);
        pins_.next.rst_n = manual_in_.rst_n;
        pins_.next.in_valid = manual_in_.in_valid;
        pins_.next.out_ready = manual_in_.out_ready;
        pins_.next.cfg_we = manual_in_.cfg_we;
        pins_.next.cfg_addr = manual_in_.cfg_addr;
        pins_.next.cfg_wdata = manual_in_.cfg_wdata;
        pins_.clear_lanes();
        for (int l = 0; l < lanes_ && static_cast<size_t>(l) < manual_in_.in.size(); ++l)
            pins_.set_lane(l, manual_in_.in[static_cast<size_t>(l)]);
        pins_.store_lanes();
        finish();
    }

    void config_edge() {
        pins_.next.in_valid = false;
        pins_.next.out_ready = true;
        if (loader_.edge(pins_.next, out_.idle.read()) != ConfigLoader::Step::done) return;
        cfg_err_seen_ = out_.cfg_err.read();
        finish();
    }

    void stream_edge() {
        // What happened at this edge, from the pins as they were before it.
        if (out_.out_valid.read() && pins_.out_ready.read()) {
            deliver_vector(recv_++);
            last_progress_ = cycle_;
        }
        const bool presented = pins_.in_valid.read();
        if (presented && out_.in_ready.read()) {
            ++sent_;
            last_progress_ = cycle_;
        }
        const bool timed_out = cycle_ - last_progress_ > opt_.timeout_cycles;
        if (recv_ >= n_vectors_ || aborted_ || timed_out) {
            result_.timed_out = timed_out;
            result_.aborted = aborted_;
            pins_.next.in_valid = false;
            pins_.next.out_ready = true;
            finish();
            return;
        }
        // Driver: a presented vector stays until accepted; a new one may be withheld.
        const bool holding = presented && !out_.in_ready.read();
        if (!holding) {
            const bool offer = sent_ < n_vectors_ && sent_ - recv_ < kRing && !rng_.below(stall_in_);
            if (offer) drive_vector(sent_);
            pins_.next.in_valid = offer;
        }
        pins_.next.out_ready = !rng_.below(stall_out_);
    }

    InputPins<in_type> pins_;
    OutputPins<out_type> out_;
    std::unique_ptr<DUT> dut_;
    PinUnitOptions opt_;
    int lanes_;
    sc_core::sc_trace_file* tf_ = nullptr;

    Mode mode_ = Mode::idle;
    EdgePause pause_;
    uint64_t cycle_ = 0;
    uint64_t count_ = 0;
    // configuration
    ConfigLoader loader_;
    bool cfg_err_seen_ = false;
    // streaming
    ElementStream* stream_ = nullptr;
    uint64_t n_ = 0;   // its elements
    detail::Rng rng_{1};
    uint32_t stall_in_ = 0, stall_out_ = 0;
    uint64_t n_vectors_ = 0, sent_ = 0, recv_ = 0, last_progress_ = 0, start_cycle_ = 0;
    bool aborted_ = false;
    StreamResult result_;
    std::array<std::array<uint64_t, 64>, kRing> ring_{};   // input words of the vectors in flight (64 lanes at most)
    std::array<i128, 64> outs_{};
    // manual
    PinsIn manual_in_;
    PinsOut manual_out_;
};

}  // namespace gqalut::unit
