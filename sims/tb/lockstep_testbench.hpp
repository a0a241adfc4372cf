// Lock-step testbench of the SystemC cycle model (CM) and the Verilated RTL (RTL, an
// rtl::RtlScUnit) of one shape (sims/tb/cosim.hpp). Both DUTs are bound to the same input
// signals, so they see identical pins: one SC_METHOD on the rising edge of an sc_clock plays
// driver (random input gaps, a vector held until accepted), sink (random out_ready_i stalls),
// configuration loader (writes while idle_o) and checker. At every edge it compares the pins
// both models showed before the edge: in_ready_o, out_valid_o, idle_o, cfg_err_o, and
// out_data_o while valid; a delivered vector is checked lane by lane against the golden model.
// Like the pin-level unit driver (model/unit/pin_unit.hpp) it drives new values right after the edge (a registered testbench).
// A handshake pin that differs ends the run: the models are no longer in step.
//
// Only the injected faults (CosimInject) give the RTL its own out_ready_i / cfg_wdata_i signal.
#pragma once
#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <systemc>

#include "rtl/verilated/rtl_driver.hpp"
#include "sims/tb/cosim.hpp"
#include "sims/tb/pins.hpp"

namespace gqalut::sim {

struct CosimTbOptions {
    UnitShape shape;
    int latency = 3;
    double clock_period_ns = 2;
    std::string sc_vcd;        // SystemC VCD ("" = none)
    uint64_t timeout_cycles = 100000;
    CosimInject inject;
    std::vector<CfgWrite> random_writes;   // candidate writes for random_pins() (besides random ones)
};

template <class CM, class RTL>
class CosimTestbench : public sc_core::sc_module, public CosimSim {
public:
    using in_type = in_data_t<CM>;
    using out_type = out_data_t<CM>;
    static_assert(std::is_same_v<in_type, in_data_t<RTL>>, "the two models must have the same in_data_i type");
    static_assert(std::is_same_v<out_type, out_data_t<RTL>>, "the two models must have the same out_data_o type");

    SC_HAS_PROCESS(CosimTestbench);

    CosimTestbench(const sc_core::sc_module_name& n, std::unique_ptr<CM> cm, std::unique_ptr<RTL> rtl,
                   const CosimTbOptions& opt)
        : sc_core::sc_module(n),
          pins_(opt.clock_period_ns, opt.shape.in_width),
          c_("c_", opt.shape.out_width()),
          r_("r_", opt.shape.out_width()),
          cm_(std::move(cm)),
          rtl_(std::move(rtl)),
          opt_(opt),
          in_w_(opt.shape.in_width),
          lanes_(opt.shape.lanes),
          own_ready_(opt.inject.kind == CosimInject::Kind::rtl_stall),
          own_wdata_(opt.inject.kind == CosimInject::Kind::rtl_config) {
        pins_.bind(*cm_);
        pins_.bind(*rtl_);
        cm_->out_ready_i(pins_.out_ready);
        cm_->cfg_wdata_i(pins_.cfg_wdata);
        rtl_->out_ready_i(own_ready_ ? out_ready_rtl : pins_.out_ready);
        rtl_->cfg_wdata_i(own_wdata_ ? cfg_wdata_rtl : pins_.cfg_wdata);
        c_.bind(*cm_);
        r_.bind(*rtl_);
        out_ready_rtl.write(true);
        pin_words_.assign(static_cast<size_t>(lanes_), 0);
        SC_METHOD(on_clock);
        sensitive << pins_.clk.posedge_event();
        dont_initialize();
        if (!opt.sc_vcd.empty()) open_vcd(opt.sc_vcd);
    }

    ~CosimTestbench() override {
        if (tf_) sc_core::sc_close_vcd_trace_file(tf_);
    }

    CM& cycle_model() { return *cm_; }
    RTL& rtl() { return *rtl_; }

    // --- CosimSim --------------------------------------------------------------------------
    UnitShape shape() const override { return opt_.shape; }
    int latency() const override { return opt_.latency; }
    uint64_t cycle() const override { return cycle_; }

    // A reset restarts the lock-step: earlier disagreements are dropped, pins are compared
    // again from the first edge that shows both models' reset state.
    void reset(int cycles) override {
        pending_ = CosimStats{};
        mode_ = Mode::reset;
        count_ = static_cast<uint64_t>(cycles);
        phase_start_ = cycle_;
        run();
    }

    bool configure(const std::vector<CfgWrite>& writes) override {
        mode_ = Mode::config;
        loader_.start(writes);
        phase_start_ = cycle_;
        cfg_ok_ = true;
        run();
        return cfg_ok_;
    }

    CosimStats stream(const std::vector<uint64_t>& inputs, const Reference& ref, const StallConfig& st,
                      uint64_t golden_flip) override {
        CosimStats out = std::move(pending_);   // disagreements seen while configuring
        pending_ = CosimStats{};
        stats_ = CosimStats{};
        if (inputs.empty() || out.diverged) return out;
        inputs_ = &inputs;
        ref_ = &ref;
        golden_flip_ = golden_flip;
        rng_ = detail::Rng(st.seed);
        stall_in_ = detail::threshold(st.in);
        stall_out_ = detail::threshold(st.out);
        n_vectors_ = (inputs.size() + static_cast<size_t>(lanes_) - 1) / static_cast<size_t>(lanes_);
        sent_ = recv_ = 0;
        held_flagged_ = false;
        last_progress_ = cycle_;
        phase_start_ = cycle_;
        mode_ = Mode::stream;
        run();
        ++streams_;
        stats_.cycles = cycle_ - phase_start_;
        out.add(stats_);
        return out;
    }

    CosimStats take_pending() override {
        CosimStats out = std::move(pending_);
        pending_ = CosimStats{};
        return out;
    }

    CosimStats random_pins(const RandomPinsConfig& cfg) override {
        stats_ = CosimStats{};
        rng_ = detail::Rng(cfg.seed);
        rcfg_ = cfg;
        p_valid_ = detail::threshold(cfg.p_in_valid);
        p_ready_ = detail::threshold(cfg.p_out_ready);
        p_write_ = detail::threshold(cfg.p_write);
        p_reset_ = detail::threshold(cfg.p_reset);
        p_quiet_write_ = detail::threshold(cfg.p_quiet_write);
        phase_start_ = cycle_;
        mode_ = Mode::random;
        run();
        stats_.cycles = cycle_ - phase_start_;
        return stats_;
    }

private:
    enum class Mode { idle, reset, config, stream, random };

    void run() {
        pause_.run();
        mode_ = Mode::idle;
    }
    void finish() { pause_.finish(); }

    void on_clock() {
        on_edge();
        pins_.apply();
        if (own_ready_) write_if_changed(out_ready_rtl, driven_rtl_ready_, rtl_ready_);
        if (own_wdata_ && pins_.next.cfg_we) write_if_changed(cfg_wdata_rtl, driven_rtl_wdata_, rtl_wdata_);
        pause_.end_of_edge();
    }

    void open_vcd(const std::string& path) {
        tf_ = open_pin_vcd(path);
        trace_pins(tf_, pins_, c_, lanes_);   // the cycle model's outputs under the port names
        // The RTL's outputs as the testbench sees them, beside the cycle model's.
        const int out_bits = lanes_ * r_.lane_width();
        sc_core::sc_trace(tf_, r_.in_ready, "rtl_in_ready_o");
        sc_core::sc_trace(tf_, r_.out_valid, "rtl_out_valid_o");
        trace_word(tf_, r_.out_data, "rtl_out_data_o", out_bits);
        sc_core::sc_trace(tf_, r_.idle, "rtl_idle_o");
        sc_core::sc_trace(tf_, r_.cfg_err, "rtl_cfg_err_o");
        if (own_ready_) sc_core::sc_trace(tf_, out_ready_rtl, "rtl_out_ready_i");
        if (own_wdata_) sc_core::sc_trace(tf_, cfg_wdata_rtl, "rtl_cfg_wdata_i");
        cm_->trace(tf_);
    }

    // --- checking ---------------------------------------------------------------------------

    PinsIn driven_pins() const {
        PinsIn p;
        p.rst_n = pins_.held().rst_n;
        p.in_valid = pins_.held().in_valid;
        p.out_ready = pins_.held().out_ready;
        p.cfg_we = pins_.held().cfg_we;
        p.cfg_addr = pins_.held().cfg_addr;
        p.cfg_wdata = pins_.held().cfg_wdata;
        p.in = pin_words_;
        return p;
    }

    const char* phase_name() const {
        switch (mode_) {
            case Mode::reset: return "reset";
            case Mode::config: return "config";
            case Mode::random: return "random-pins";
            default: return "stream";
        }
    }

    void record(CosimStats& s, CosimMismatch m) {
        if (s.first.size() >= 16) return;
        m.cycle = cycle_;
        m.stream_cycle = cycle_ - phase_start_;
        m.phase = phase_name();
        m.cycle_pins = cp_;
        m.rtl_pins = rp_;
        m.driven = driven_pins();
        s.first.push_back(std::move(m));
    }

    // Compares the handshake pins of the two models; false (and one recorded mismatch) if any differ.
    bool pins_agree(CosimStats& s) {
        ++s.pin_cycles;
        if (cp_.in_ready == rp_.in_ready && cp_.out_valid == rp_.out_valid && cp_.idle == rp_.idle &&
            cp_.cfg_err == rp_.cfg_err)
            return true;
        std::string pins;
        const auto add = [&](bool differ, const char* name) {
            if (differ) pins += (pins.empty() ? "" : ", ") + std::string(name);
        };
        add(cp_.in_ready != rp_.in_ready, "in_ready_o");
        add(cp_.out_valid != rp_.out_valid, "out_valid_o");
        add(cp_.idle != rp_.idle, "idle_o");
        add(cp_.cfg_err != rp_.cfg_err, "cfg_err_o");
        ++s.pin_mismatches;
        s.diverged = true;
        CosimMismatch m;
        m.pin = pins;
        record(s, std::move(m));
        return false;
    }

    std::vector<uint64_t> vector_words(uint64_t v) const {
        std::vector<uint64_t> w;
        for (int l = 0; l < lanes_; ++l) w.push_back(element(v * static_cast<uint64_t>(lanes_) + static_cast<uint64_t>(l)));
        return w;
    }

    uint64_t element(uint64_t idx) const { return (*inputs_)[idx % inputs_->size()]; }

    // out_data_o of both models while valid but not taken: must agree too (counted once per
    // output vector, however long it is held).
    void check_held(CosimStats& s) {
        if (c_.out_data.read() == r_.out_data.read()) return;
        const uint64_t v = mode_ == Mode::stream ? recv_ : random_delivered_;
        if (held_flagged_ && held_vector_ == v) return;
        held_flagged_ = true;
        held_vector_ = v;
        ++s.pin_mismatches;
        CosimMismatch m;
        m.pin = "out_data_o (held)";
        c_.load_lanes();
        r_.load_lanes();
        for (int l = 0; l < lanes_; ++l) {
            const i128 c = c_.lane(l);
            const i128 r = r_.lane(l);
            if (c == r) continue;
            m.data = true;
            m.lane = l;
            m.cycle_model = c;
            m.rtl = r;
            if (mode_ == Mode::stream) {
                m.element = recv_ * static_cast<uint64_t>(lanes_) + static_cast<uint64_t>(l);
                m.input = element(m.element);
                m.vector_inputs = vector_words(recv_);
                m.golden = expected(m.element);
                m.golden_known = true;
            }
            break;
        }
        record(s, std::move(m));
    }

    i128 expected(uint64_t e) const {
        const i128 mask = static_cast<i128>(sc::low_mask(c_.lane_width()));
        i128 g = ref_->expect(element(e)) & mask;
        if (e == golden_flip_) g ^= 1;
        return g;
    }

    // A delivered vector: every lane of both models against golden.
    void check_vector(uint64_t v) {
        c_.load_lanes();
        r_.load_lanes();
        for (int l = 0; l < lanes_; ++l) {
            const uint64_t e = v * static_cast<uint64_t>(lanes_) + static_cast<uint64_t>(l);
            const i128 c = c_.lane(l);
            const i128 r = r_.lane(l);
            const i128 g = expected(e);
            if (e < inputs_->size()) ++stats_.compared;
            if (c == g && r == g) continue;
            if (c != g) ++stats_.cycle_vs_golden;
            if (r != g) ++stats_.rtl_vs_golden;
            if (c != r) ++stats_.cycle_vs_rtl;
            ++stats_.element_mismatches;
            CosimMismatch m;
            m.pin = "out_data_o";
            m.data = true;
            m.element = e;
            m.lane = l;
            m.input = element(e);
            m.vector_inputs = vector_words(v);
            m.golden = g;
            m.golden_known = true;
            m.cycle_model = c;
            m.rtl = r;
            record(stats_, std::move(m));
        }
    }

    void on_edge() {
        ++cycle_;
        const bool reset_edge = !pins_.held().rst_n;   // the DUTs reset at this edge
        if (mode_ != Mode::idle && synced_) {
            cp_ = {c_.in_ready.read(), c_.out_valid.read(), c_.idle.read(), c_.cfg_err.read()};
            rp_ = {r_.in_ready.read(), r_.out_valid.read(), r_.idle.read(), r_.cfg_err.read()};
        }
        switch (mode_) {
            case Mode::idle: break;
            case Mode::reset: reset_edge_(); break;
            case Mode::config: config_edge(); break;
            case Mode::stream: stream_edge(); break;
            case Mode::random: random_edge(); break;
        }
        if (reset_edge) synced_ = true;   // from the next edge on both show their reset state
        last_reset_edge_ = reset_edge;
    }

    void reset_edge_() {
        if (synced_ && last_reset_edge_) pins_agree(pending_);   // both in reset since the last edge
        if (pins_.reset_edge(count_)) {
            mode_ = Mode::idle;
            finish();
        }
    }

    void config_edge() {
        pins_.next.in_valid = false;
        pins_.next.out_ready = true;
        rtl_ready_ = true;
        if (!pins_agree(pending_)) {
            cfg_ok_ = false;
            pins_.next.cfg_we = false;
            mode_ = Mode::idle;
            finish();
            return;
        }
        const unit::ConfigLoader::Step step = loader_.edge(pins_.next, cp_.idle);
        if (step == unit::ConfigLoader::Step::wrote)   // the RTL's own write data: only with own_wdata_
            rtl_wdata_ = loader_.last().data ^ (loader_.last().addr == reg::kIntercept ? 1u : 0u);
        if (step != unit::ConfigLoader::Step::done) return;
        if (cp_.cfg_err || rp_.cfg_err) cfg_ok_ = false;
        mode_ = Mode::idle;
        finish();
    }

    void stop_stream() {
        pins_.next.in_valid = false;
        pins_.next.out_ready = true;
        rtl_ready_ = true;
        mode_ = Mode::idle;
        finish();
    }

    void stream_edge() {
        if (!pins_agree(stats_)) return stop_stream();
        if (cp_.out_valid) {
            if (pins_.held().out_ready) {
                check_vector(recv_++);
                last_progress_ = cycle_;
            } else {
                check_held(stats_);
            }
        }
        const bool presented = pins_.held().in_valid;
        if (presented && cp_.in_ready) {
            ++sent_;
            last_progress_ = cycle_;
        }
        if (recv_ >= n_vectors_) return stop_stream();
        if (cycle_ - last_progress_ > opt_.timeout_cycles) {
            stats_.timed_out = true;
            return stop_stream();
        }
        const bool holding = presented && !cp_.in_ready;
        if (!holding) {
            const bool offer = sent_ < n_vectors_ && !rng_.below(stall_in_);
            if (offer) drive_vector(sent_);
            pins_.next.in_valid = offer;
        }
        pins_.next.out_ready = !rng_.below(stall_out_);
        rtl_ready_ = pins_.next.out_ready;
        if (own_ready_ && streams_ == 0 && cycle_ + 1 - phase_start_ > opt_.inject.at) rtl_ready_ = false;
    }

    void drive_vector(uint64_t v) {
        const uint64_t first = v * static_cast<uint64_t>(lanes_);
        for (int l = 0; l < lanes_; ++l) {
            const uint64_t w = element(first + static_cast<uint64_t>(l));
            pins_.set_lane(l, w);
            pin_words_[static_cast<size_t>(l)] = w;
        }
        pins_.store_lanes();
    }

    // Random pins: anything the interface allows, both models must agree on every pin.
    void random_edge() {
        if (synced_) {
            if (!pins_agree(stats_)) {
                pins_.next.cfg_we = false;
                mode_ = Mode::idle;
                finish();
                return;
            }
            if (cp_.out_valid) {
                if (pins_.held().out_ready) {
                    ++random_delivered_;
                    c_.load_lanes();
                    r_.load_lanes();
                    for (int l = 0; l < lanes_; ++l) {
                        const i128 c = c_.lane(l);
                        const i128 r = r_.lane(l);
                        ++stats_.compared;
                        if (c != 0) ++stats_.random_words_nonzero;
                        if (c == r) continue;
                        ++stats_.cycle_vs_rtl;
                        ++stats_.element_mismatches;
                        CosimMismatch m;
                        m.pin = "out_data_o";
                        m.data = true;
                        m.lane = l;
                        m.cycle_model = c;
                        m.rtl = r;
                        record(stats_, std::move(m));
                    }
                } else {
                    check_held(stats_);
                }
            }
            if (pins_.held().cfg_we && pins_.held().rst_n && cp_.idle && pins_.held().cfg_addr != reg::kClearError &&
                rtl::write_accepted(opt_.shape, {pins_.held().cfg_addr, pins_.held().cfg_wdata}))
                ++stats_.random_writes_accepted;
        }
        if (cycle_ - phase_start_ >= rcfg_.cycles) {
            pins_.next.cfg_we = false;
            pins_.next.in_valid = false;
            pins_.next.rst_n = true;
            pins_.next.out_ready = true;
            mode_ = Mode::idle;
            finish();
            return;
        }
        // Bursts: streaming (inputs offered with p_in_valid) or quiet (no inputs, the sink mostly
        // ready, so the unit drains and writes get accepted); writes and resets at any time.
        if (burst_left_ == 0) {
            quiet_ = (rng_.next() & 3) == 0;
            burst_left_ = 1 + rng_.next() % (quiet_ ? 12 : 64);
        }
        --burst_left_;
        pins_.next.rst_n = !rng_.below(p_reset_);
        pins_.next.in_valid = !quiet_ && rng_.below(p_valid_);
        pins_.next.out_ready = quiet_ ? !rng_.below(detail::threshold(0.1)) : rng_.below(p_ready_);
        rtl_ready_ = pins_.next.out_ready;
        if (pins_.next.in_valid) {
            for (int l = 0; l < lanes_; ++l) {
                const uint64_t r = rng_.next();
                uint64_t w = r >> 8;
                switch (r & 7) {
                    case 0: w = 0; break;
                    case 1: w = ~uint64_t(0); break;              // all ones: -1 / NaN / max
                    case 2: w = uint64_t(1) << ((r >> 3) % static_cast<uint64_t>(in_w_)); break;
                    case 3: w = (r >> 8) & 0xFF; break;           // small codes
                    case 4: w = static_cast<uint64_t>(-static_cast<int64_t>((r >> 8) & 0xFF)); break;
                    default: break;
                }
                if (in_w_ < 64) w &= (uint64_t(1) << in_w_) - 1;
                pins_.set_lane(l, w);
                pin_words_[static_cast<size_t>(l)] = w;
            }
            pins_.store_lanes();
        }
        pins_.next.cfg_we = rng_.below(quiet_ ? p_quiet_write_ : p_write_);
        if (pins_.next.cfg_we) {
            const uint64_t r = rng_.next();
            CfgWrite w{static_cast<uint32_t>((r >> 40) & 0xFFF), rng_.next()};
            if (!opt_.random_writes.empty() && (r & 7) != 0) w = opt_.random_writes[(r >> 3) % opt_.random_writes.size()];
            switch ((r >> 20) & 7) {   // values around the register ranges, or random
                case 0: w.data = (r >> 24) % 70; break;
                case 1: w.data = static_cast<uint64_t>(-static_cast<int64_t>((r >> 24) % 70)); break;
                case 2: w.data = rng_.next(); break;
                default: break;   // the candidate's own value
            }
            pins_.next.cfg_addr = w.addr;
            pins_.next.cfg_wdata = w.data;
            rtl_wdata_ = w.data;
        }
    }

    InputPins<in_type> pins_;   // both models' inputs
    OutputPins<out_type> c_, r_;   // the cycle model's and the RTL's outputs
    // The RTL's own out_ready_i / cfg_wdata_i, only under fault injection.
    tb_signal<bool> out_ready_rtl{"out_ready_rtl"};
    tb_signal<uint64_t> cfg_wdata_rtl{"cfg_wdata_rtl"};
    std::unique_ptr<CM> cm_;
    std::unique_ptr<RTL> rtl_;
    CosimTbOptions opt_;
    int in_w_, lanes_;
    bool own_ready_, own_wdata_;
    sc_core::sc_trace_file* tf_ = nullptr;

    Mode mode_ = Mode::idle;
    EdgePause pause_;
    bool synced_ = false;   // both models have been reset: their pins are comparable
    bool last_reset_edge_ = false;   // rst_ni was low at the previous edge
    bool rtl_ready_ = true, driven_rtl_ready_ = true;
    uint64_t rtl_wdata_ = 0, driven_rtl_wdata_ = 0;
    std::vector<uint64_t> pin_words_;
    bool held_flagged_ = false;
    uint64_t held_vector_ = 0, random_delivered_ = 0;
    uint64_t cycle_ = 0, count_ = 0, phase_start_ = 0;
    PinValues cp_, rp_;
    // configuration
    unit::ConfigLoader loader_;
    bool cfg_ok_ = true;
    CosimStats pending_;   // reset/config disagreements, reported with the next stream
    // streaming
    const std::vector<uint64_t>* inputs_ = nullptr;
    const Reference* ref_ = nullptr;
    uint64_t golden_flip_ = ~uint64_t(0);
    uint64_t streams_ = 0;
    detail::Rng rng_{1};
    uint32_t stall_in_ = 0, stall_out_ = 0;
    uint64_t n_vectors_ = 0, sent_ = 0, recv_ = 0, last_progress_ = 0;
    CosimStats stats_;
    // random pins
    RandomPinsConfig rcfg_;
    uint32_t p_valid_ = 0, p_ready_ = 0, p_write_ = 0, p_reset_ = 0, p_quiet_write_ = 0;
    uint64_t burst_left_ = 0;
    bool quiet_ = false;
};

}  // namespace gqalut::sim
