// Streaming testbench for any DUT with the pin interface of docs/pin-interface.md: the SystemC
// cycle model (model/sc/) or a Verilated `--sc` model of the RTL with the same port names.
// One SC_METHOD on the rising clock edge plays driver (random input stalls, valid held until
// accepted), sink (random output stalls), configuration loader (writes only while idle_o) and
// checker (every delivered word against a Reference). It samples the pins as they were before
// the edge and drives new values that the DUT sees from the next edge on (a registered
// testbench), so nothing races the DUT's sampling edge; this holds for a Verilated model too
// (its eval sees the clock edge with the old inputs, then the new inputs in a later delta).
//
//   auto tb = std::make_unique<StreamTestbench<Dut>>("tb", std::make_unique<Dut>("dut"), options);
//   tb->reset(); tb->configure(config_writes(...)); tb->stream(inputs, reference, stalls);
//
// The methods call sc_start() and return when the testbench pauses the simulation, so they
// are used from sc_main (or a plain main) between elaboration and the end of the program.
#pragma once
#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include <systemc>

#include "sims/tb/stream_sim.hpp"
#include "sims/tb/pins.hpp"

namespace gqalut::sim {

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

struct TestbenchOptions {
    UnitShape shape;             // what the DUT is (widths of the lane fields)
    int latency = 3;             // its documented latency
    double clock_period_ns = 2;  // 500 MHz
    std::string vcd;             // VCD file ("" = none); ".vcd" is added when missing
    uint64_t timeout_cycles = 100000;   // no progress for this long: give up
};

template <class DUT>
class StreamTestbench : public sc_core::sc_module, public StreamSim {
public:
    using in_type = in_data_t<DUT>;
    using out_type = out_data_t<DUT>;

    SC_HAS_PROCESS(StreamTestbench);

    StreamTestbench(const sc_core::sc_module_name& n, std::unique_ptr<DUT> dut, const TestbenchOptions& opt)
        : sc_core::sc_module(n),
          pins_(opt.clock_period_ns, opt.shape.in_width),
          out_("", opt.shape.out_width()),
          dut_(std::move(dut)),
          opt_(opt),
          lanes_(opt.shape.lanes) {
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

    ~StreamTestbench() override {
        if (tf_) sc_core::sc_close_vcd_trace_file(tf_);
    }

    DUT& dut() { return *dut_; }

    // --- StreamSim -------------------------------------------------------------------------
    UnitShape shape() const override { return opt_.shape; }
    int latency() const override { return opt_.latency; }
    uint64_t cycle() const override { return cycle_; }
    cost::Indexing indexing() const override {
        if constexpr (detail::has_indexing<DUT>::value) return dut_->indexing();
        return cost::Indexing::parallel;
    }

    void reset(int cycles) override {
        mode_ = Mode::reset;
        count_ = static_cast<uint64_t>(cycles);
        run();
    }

    bool configure(const std::vector<CfgWrite>& writes) override {
        mode_ = Mode::config;
        writes_ = &writes;
        pos_ = 0;
        phase_ = 0;
        run();
        return !cfg_err_seen_;
    }

    StreamStats stream(const std::vector<uint64_t>& inputs, const Reference& ref, const StallConfig& st) override {
        stats_ = StreamStats{};
        if (inputs.empty()) return stats_;
        inputs_ = &inputs;
        ref_ = &ref;
        rng_ = detail::Rng(st.seed);
        stall_in_ = detail::threshold(st.in);
        stall_out_ = detail::threshold(st.out);
        n_vectors_ = (inputs.size() + static_cast<size_t>(lanes_) - 1) / static_cast<size_t>(lanes_);
        sent_ = recv_ = 0;
        last_progress_ = cycle_;
        start_cycle_ = cycle_;
        mode_ = Mode::stream;
        run();
        stats_.cycles = cycle_ - start_cycle_;
        stats_.vectors = recv_;
        return stats_;
    }

    PinsOut tick(const PinsIn& in) override {
        manual_in_ = in;
        mode_ = Mode::manual;
        run();
        return manual_out_;
    }

    std::optional<cost::Activity> activity() const override {
        if constexpr (detail::has_power_monitor<DUT>::value) return dut_->power_monitor().activity();
        return std::nullopt;
    }
    void clear_activity() override {
        if constexpr (detail::has_power_monitor<DUT>::value) dut_->power_monitor().clear();
    }

private:
    enum class Mode { idle, reset, config, stream, manual };

    void on_clock() {
        on_edge();   // the pins still hold their values from before the edge
        pins_.apply();
        pause_.end_of_edge();
    }

    void run() {
        pause_.run();
        mode_ = Mode::idle;
    }
    void finish() { pause_.finish(); }

    uint64_t element(uint64_t idx) const { return (*inputs_)[idx % inputs_->size()]; }

    void drive_vector(uint64_t v) {
        const uint64_t first = v * static_cast<uint64_t>(lanes_);
        if (first + static_cast<uint64_t>(lanes_) <= inputs_->size()) {
            const uint64_t* e = inputs_->data() + first;
            for (int l = 0; l < lanes_; ++l) pins_.set_lane(l, e[l]);
        } else {
            for (int l = 0; l < lanes_; ++l) pins_.set_lane(l, element(first + static_cast<uint64_t>(l)));
        }
        pins_.store_lanes();
    }

    void check_vector(uint64_t v) {
        out_.load_lanes();
        const i128 mask = static_cast<i128>(sc::low_mask(out_.lane_width()));
        for (int l = 0; l < lanes_; ++l) {
            const uint64_t e = v * static_cast<uint64_t>(lanes_) + static_cast<uint64_t>(l);
            const uint64_t word = element(e);
            const i128 got = out_.lane(l);
            const i128 want = ref_->expect(word) & mask;
            const bool real = e < inputs_->size();
            if (real) ++stats_.compared;
            if (got != want) {
                ++stats_.mismatches;
                if (stats_.first.size() < 16) stats_.first.push_back({cycle_, e, l, word, got, want});
            }
        }
    }

    void on_edge() {
        ++cycle_;
        switch (mode_) {
            case Mode::idle: return;
            case Mode::reset:
                if (pins_.reset_edge(count_)) {
                    mode_ = Mode::idle;
                    finish();
                }
                return;
            case Mode::manual: {
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
                mode_ = Mode::idle;
                finish();
                return;
            }
            case Mode::config: return config_edge();
            case Mode::stream: return stream_edge();
        }
    }

    void config_edge() {
        // phase 0: wait for idle_o; 1: one write per edge; 2: strobe low, sample cfg_err_o next.
        pins_.next.in_valid = false;
        pins_.next.out_ready = true;
        if (phase_ == 0) {
            if (!out_.idle.read()) return;
            phase_ = 1;
        }
        if (phase_ == 1) {
            if (pos_ < writes_->size()) {
                const CfgWrite& w = (*writes_)[pos_++];
                pins_.next.cfg_we = true;
                pins_.next.cfg_addr = w.addr;
                pins_.next.cfg_wdata = w.data;
                return;
            }
            pins_.next.cfg_we = false;
            phase_ = 2;
            return;
        }
        cfg_err_seen_ = out_.cfg_err.read();
        mode_ = Mode::idle;
        finish();
    }

    void stream_edge() {
        // What happened at this edge, from the pins as they were before it.
        if (out_.out_valid.read() && pins_.out_ready.read()) {
            check_vector(recv_++);
            last_progress_ = cycle_;
        }
        const bool presented = pins_.in_valid.read();
        if (presented && out_.in_ready.read()) {
            ++sent_;
            last_progress_ = cycle_;
        }
        if (recv_ >= n_vectors_) {
            pins_.next.in_valid = false;
            pins_.next.out_ready = true;
            mode_ = Mode::idle;
            finish();
            return;
        }
        if (cycle_ - last_progress_ > opt_.timeout_cycles) {
            stats_.timed_out = true;
            pins_.next.in_valid = false;
            mode_ = Mode::idle;
            finish();
            return;
        }
        // Driver: a presented vector stays until accepted; a new one may be withheld.
        const bool holding = presented && !out_.in_ready.read();
        if (!holding) {
            const bool offer = sent_ < n_vectors_ && !rng_.below(stall_in_);
            if (offer) drive_vector(sent_);
            pins_.next.in_valid = offer;
        }
        pins_.next.out_ready = !rng_.below(stall_out_);
    }

    InputPins<in_type> pins_;
    OutputPins<out_type> out_;
    std::unique_ptr<DUT> dut_;
    TestbenchOptions opt_;
    int lanes_;
    sc_core::sc_trace_file* tf_ = nullptr;

    Mode mode_ = Mode::idle;
    EdgePause pause_;
    uint64_t cycle_ = 0;
    uint64_t count_ = 0;
    // configuration
    const std::vector<CfgWrite>* writes_ = nullptr;
    size_t pos_ = 0;
    int phase_ = 0;
    bool cfg_err_seen_ = false;
    // streaming
    const std::vector<uint64_t>* inputs_ = nullptr;
    const Reference* ref_ = nullptr;
    detail::Rng rng_{1};
    uint32_t stall_in_ = 0, stall_out_ = 0;
    uint64_t n_vectors_ = 0, sent_ = 0, recv_ = 0, last_progress_ = 0, start_cycle_ = 0;
    StreamStats stats_;
    // manual
    PinsIn manual_in_;
    PinsOut manual_out_;
};

}  // namespace gqalut::sim
