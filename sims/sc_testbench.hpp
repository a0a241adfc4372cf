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

#include "model/sc/port_types.hpp"
#include "sims/stream_sim.hpp"

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
    using in_type = typename std::decay_t<decltype(std::declval<DUT&>().in_data_i)>::data_type;
    using out_type = typename std::decay_t<decltype(std::declval<DUT&>().out_data_o)>::data_type;

    SC_HAS_PROCESS(StreamTestbench);

    StreamTestbench(const sc_core::sc_module_name& n, std::unique_ptr<DUT> dut, const TestbenchOptions& opt)
        : sc_core::sc_module(n),
          // First rising edge at half a period (the falling edge at 0), as the Verilated model's
          // VCD shows its edges (rtl::RtlUnit::set_half_period_ps).
          clk("clk", sc_core::sc_time(opt.clock_period_ns, sc_core::SC_NS), 0.5,
              sc_core::sc_time(opt.clock_period_ns / 2, sc_core::SC_NS), true),
          dut_(std::move(dut)),
          opt_(opt),
          in_w_(opt.shape.in_width),
          out_w_(opt.shape.out_width()),
          lanes_(opt.shape.lanes) {
        dut_->clk_i(clk);
        dut_->rst_ni(rst_n);
        dut_->in_valid_i(in_valid);
        dut_->in_ready_o(in_ready);
        dut_->in_data_i(in_data);
        dut_->out_valid_o(out_valid);
        dut_->out_ready_i(out_ready);
        dut_->out_data_o(out_data);
        dut_->cfg_we_i(cfg_we);
        dut_->cfg_addr_i(cfg_addr);
        dut_->cfg_wdata_i(cfg_wdata);
        dut_->idle_o(idle);
        dut_->cfg_err_o(cfg_err);
        rst_n.write(true);
        out_ready.write(true);
        drive_.data = in_type{};
        in_builder_.store(drive_.data);
        driven_ = drive_;
        SC_METHOD(on_clock);
        sensitive << clk.posedge_event();
        dont_initialize();
        if (!opt.vcd.empty()) open_vcd(opt.vcd);
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

    // --- signals (public for tests and tracing) ---------------------------------------------
    sc_core::sc_clock clk;
    // One writer per signal by construction: no writer checks.
    template <class T>
    using signal = sc_core::sc_signal<T, sc_core::SC_UNCHECKED_WRITERS>;
    signal<bool> rst_n{"rst_n"}, in_valid{"in_valid"}, in_ready{"in_ready"}, out_valid{"out_valid"},
        out_ready{"out_ready"}, cfg_we{"cfg_we"}, idle{"idle"}, cfg_err{"cfg_err"};
    signal<in_type> in_data{"in_data"};
    signal<out_type> out_data{"out_data"};
    signal<uint32_t> cfg_addr{"cfg_addr"};
    signal<uint64_t> cfg_wdata{"cfg_wdata"};

private:
    enum class Mode { idle, reset, config, stream, manual };

    // What the testbench drives after this edge.
    struct Drive {
        bool rst_n = true, in_valid = false, out_ready = true, cfg_we = false;
        uint32_t cfg_addr = 0;
        uint64_t cfg_wdata = 0;
        in_type data;
    };

    // Writes a signal only when its value changes (saves the channel call per cycle).
    template <class S, class T>
    static void drive(S& sig, T& shadow, const T& v) {
        if (!(shadow == v)) {
            shadow = v;
            sig.write(v);
        }
    }

    void on_clock() {
        on_edge();   // the pins still hold their values from before the edge
        drive(rst_n, driven_.rst_n, drive_.rst_n);
        drive(in_valid, driven_.in_valid, drive_.in_valid);
        drive(out_ready, driven_.out_ready, drive_.out_ready);
        drive(cfg_we, driven_.cfg_we, drive_.cfg_we);
        if (drive_.cfg_we) {
            drive(cfg_addr, driven_.cfg_addr, drive_.cfg_addr);
            drive(cfg_wdata, driven_.cfg_wdata, drive_.cfg_wdata);
        }
        if (data_dirty_) {
            in_data.write(drive_.data);
            data_dirty_ = false;
        }
        if (finish_) {   // sc_pause takes effect after this delta: the DUT has seen this edge
            finish_ = false;
            done_ = true;
            sc_core::sc_pause();
        }
    }

    void run() {
        done_ = false;
        while (!done_) sc_core::sc_start();
        mode_ = Mode::idle;
    }
    void finish() { finish_ = true; }

    void open_vcd(std::string path) {
        if (path.size() > 4 && path.compare(path.size() - 4, 4, ".vcd") == 0) path.resize(path.size() - 4);
        tf_ = sc_core::sc_create_vcd_trace_file(path.c_str());
        tf_->set_time_unit(1, sc_core::SC_PS);
        sc_core::sc_trace(tf_, clk, "clk_i");
        sc_core::sc_trace(tf_, rst_n, "rst_ni");
        sc_core::sc_trace(tf_, in_valid, "in_valid_i");
        sc_core::sc_trace(tf_, in_ready, "in_ready_o");
        trace_word(in_data, "in_data_i", lanes_ * in_w_);
        sc_core::sc_trace(tf_, out_valid, "out_valid_o");
        sc_core::sc_trace(tf_, out_ready, "out_ready_i");
        trace_word(out_data, "out_data_o", lanes_ * out_w_);
        sc_core::sc_trace(tf_, cfg_we, "cfg_we_i");
        trace_word(cfg_addr, "cfg_addr_i", 12);
        sc_core::sc_trace(tf_, cfg_wdata, "cfg_wdata_i");
        sc_core::sc_trace(tf_, idle, "idle_o");
        sc_core::sc_trace(tf_, cfg_err, "cfg_err_o");
        if constexpr (detail::has_trace<DUT>::value) dut_->trace(tf_);
    }

    // Integer-typed ports are traced with their pin width (sc_trace would show 32 or 64 bits).
    template <class S>
    void trace_word(const S& sig, const char* name, int width) {
        using T = std::decay_t<decltype(sig.read())>;
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) sc_core::sc_trace(tf_, sig.read(), name, width);
        else sc_core::sc_trace(tf_, sig, name);
    }

    uint64_t element(uint64_t idx) const { return (*inputs_)[idx % inputs_->size()]; }

    void drive_vector(uint64_t v) {
        const uint64_t first = v * static_cast<uint64_t>(lanes_);
        if (first + static_cast<uint64_t>(lanes_) <= inputs_->size()) {
            const uint64_t* e = inputs_->data() + first;
            for (int l = 0; l < lanes_; ++l) in_builder_.set64(l * in_w_, in_w_, e[l]);
        } else {
            for (int l = 0; l < lanes_; ++l) in_builder_.set64(l * in_w_, in_w_, element(first + static_cast<uint64_t>(l)));
        }
        in_builder_.store(drive_.data);
        data_dirty_ = true;
    }

    void check_vector(uint64_t v) {
        out_fields_.load(out_data.read());
        const i128 mask = static_cast<i128>(sc::low_mask(out_w_));
        for (int l = 0; l < lanes_; ++l) {
            const uint64_t e = v * static_cast<uint64_t>(lanes_) + static_cast<uint64_t>(l);
            const uint64_t word = element(e);
            const i128 got = static_cast<i128>(out_fields_.get(l * out_w_, out_w_));
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
                if (count_ > 0) {
                    --count_;
                    drive_.rst_n = false;
                    drive_.in_valid = false;
                    drive_.cfg_we = false;
                } else {
                    drive_.rst_n = true;
                    mode_ = Mode::idle;
                    finish();
                }
                return;
            case Mode::manual: {
                manual_out_.in_ready = in_ready.read();
                manual_out_.out_valid = out_valid.read();
                manual_out_.idle = idle.read();
                manual_out_.cfg_err = cfg_err.read();
                manual_out_.out.assign(static_cast<size_t>(lanes_), 0);
                out_fields_.load(out_data.read());
                for (int l = 0; l < lanes_; ++l)
                    manual_out_.out[static_cast<size_t>(l)] = static_cast<i128>(out_fields_.get(l * out_w_, out_w_));
                drive_.rst_n = manual_in_.rst_n;
                drive_.in_valid = manual_in_.in_valid;
                drive_.out_ready = manual_in_.out_ready;
                drive_.cfg_we = manual_in_.cfg_we;
                drive_.cfg_addr = manual_in_.cfg_addr;
                drive_.cfg_wdata = manual_in_.cfg_wdata;
                in_builder_.clear();
                for (int l = 0; l < lanes_ && static_cast<size_t>(l) < manual_in_.in.size(); ++l)
                    in_builder_.set64(l * in_w_, in_w_, manual_in_.in[static_cast<size_t>(l)]);
                in_builder_.store(drive_.data);
                data_dirty_ = true;
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
        drive_.in_valid = false;
        drive_.out_ready = true;
        if (phase_ == 0) {
            if (!idle.read()) return;
            phase_ = 1;
        }
        if (phase_ == 1) {
            if (pos_ < writes_->size()) {
                const CfgWrite& w = (*writes_)[pos_++];
                drive_.cfg_we = true;
                drive_.cfg_addr = w.addr;
                drive_.cfg_wdata = w.data;
                return;
            }
            drive_.cfg_we = false;
            phase_ = 2;
            return;
        }
        cfg_err_seen_ = cfg_err.read();
        mode_ = Mode::idle;
        finish();
    }

    void stream_edge() {
        // What happened at this edge, from the pins as they were before it.
        if (out_valid.read() && out_ready.read()) {
            check_vector(recv_++);
            last_progress_ = cycle_;
        }
        const bool presented = in_valid.read();
        if (presented && in_ready.read()) {
            ++sent_;
            last_progress_ = cycle_;
        }
        if (recv_ >= n_vectors_) {
            drive_.in_valid = false;
            drive_.out_ready = true;
            mode_ = Mode::idle;
            finish();
            return;
        }
        if (cycle_ - last_progress_ > opt_.timeout_cycles) {
            stats_.timed_out = true;
            drive_.in_valid = false;
            mode_ = Mode::idle;
            finish();
            return;
        }
        // Driver: a presented vector stays until accepted; a new one may be withheld.
        const bool holding = presented && !in_ready.read();
        if (!holding) {
            const bool offer = sent_ < n_vectors_ && !rng_.below(stall_in_);
            if (offer) drive_vector(sent_);
            drive_.in_valid = offer;
        }
        drive_.out_ready = !rng_.below(stall_out_);
    }

    std::unique_ptr<DUT> dut_;
    TestbenchOptions opt_;
    int in_w_, out_w_, lanes_;
    sc_core::sc_trace_file* tf_ = nullptr;

    Mode mode_ = Mode::idle;
    bool done_ = false;
    bool finish_ = false;
    Drive drive_;
    Drive driven_;   // what the signals hold
    sc::PortBuilder<in_type> in_builder_;
    sc::PortFields<out_type> out_fields_;
    bool data_dirty_ = false;
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
