// Lock-step testbench of the SystemC cycle model (CM) and the Verilated RTL (RTL, an
// rtl::RtlScUnit) of one shape (sims/cosim.hpp). Both DUTs are bound to the same input
// signals, so they see identical pins: one SC_METHOD on the rising edge of an sc_clock plays
// driver (random input gaps, a vector held until accepted), sink (random out_ready_i stalls),
// configuration loader (writes while idle_o) and checker. At every edge it compares the pins
// both models showed before the edge: in_ready_o, out_valid_o, idle_o, cfg_err_o, and
// out_data_o while valid; a delivered vector is checked lane by lane against the golden model.
// Like StreamTestbench it drives new values right after the edge (a registered testbench).
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

#include "model/sc/port_types.hpp"
#include "rtl/verilated/rtl_driver.hpp"
#include "sims/cosim.hpp"
#include "sims/sc_testbench.hpp"

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
    using in_type = typename std::decay_t<decltype(std::declval<CM&>().in_data_i)>::data_type;
    using out_type = typename std::decay_t<decltype(std::declval<CM&>().out_data_o)>::data_type;
    static_assert(std::is_same_v<in_type, typename std::decay_t<decltype(std::declval<RTL&>().in_data_i)>::data_type>,
                  "the two models must have the same in_data_i type");
    static_assert(std::is_same_v<out_type, typename std::decay_t<decltype(std::declval<RTL&>().out_data_o)>::data_type>,
                  "the two models must have the same out_data_o type");

    SC_HAS_PROCESS(CosimTestbench);

    CosimTestbench(const sc_core::sc_module_name& n, std::unique_ptr<CM> cm, std::unique_ptr<RTL> rtl,
                   const CosimTbOptions& opt)
        : sc_core::sc_module(n),
          clk("clk", sc_core::sc_time(opt.clock_period_ns, sc_core::SC_NS), 0.5,
              sc_core::sc_time(opt.clock_period_ns / 2, sc_core::SC_NS), true),   // as StreamTestbench
          cm_(std::move(cm)),
          rtl_(std::move(rtl)),
          opt_(opt),
          in_w_(opt.shape.in_width),
          out_w_(opt.shape.out_width()),
          lanes_(opt.shape.lanes),
          own_ready_(opt.inject.kind == CosimInject::Kind::rtl_stall),
          own_wdata_(opt.inject.kind == CosimInject::Kind::rtl_config) {
        bind_common(*cm_);
        bind_common(*rtl_);
        cm_->out_ready_i(out_ready);
        cm_->cfg_wdata_i(cfg_wdata);
        rtl_->out_ready_i(own_ready_ ? out_ready_rtl : out_ready);
        rtl_->cfg_wdata_i(own_wdata_ ? cfg_wdata_rtl : cfg_wdata);
        cm_->in_ready_o(c_in_ready);
        cm_->out_valid_o(c_out_valid);
        cm_->out_data_o(c_out_data);
        cm_->idle_o(c_idle);
        cm_->cfg_err_o(c_cfg_err);
        rtl_->in_ready_o(r_in_ready);
        rtl_->out_valid_o(r_out_valid);
        rtl_->out_data_o(r_out_data);
        rtl_->idle_o(r_idle);
        rtl_->cfg_err_o(r_cfg_err);
        rst_n.write(true);
        out_ready.write(true);
        out_ready_rtl.write(true);
        drive_.data = in_type{};
        in_builder_.store(drive_.data);
        driven_ = drive_;
        pin_words_.assign(static_cast<size_t>(lanes_), 0);
        SC_METHOD(on_clock);
        sensitive << clk.posedge_event();
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
        writes_ = &writes;
        pos_ = 0;
        phase_ = 0;
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

    // --- signals --------------------------------------------------------------------------------
    sc_core::sc_clock clk;
    template <class T>
    using signal = sc_core::sc_signal<T, sc_core::SC_UNCHECKED_WRITERS>;
    // Inputs of both models (the RTL's own out_ready_i / cfg_wdata_i only under fault injection).
    signal<bool> rst_n{"rst_n"}, in_valid{"in_valid"}, out_ready{"out_ready"}, cfg_we{"cfg_we"},
        out_ready_rtl{"out_ready_rtl"};
    signal<in_type> in_data{"in_data"};
    signal<uint32_t> cfg_addr{"cfg_addr"};
    signal<uint64_t> cfg_wdata{"cfg_wdata"}, cfg_wdata_rtl{"cfg_wdata_rtl"};
    // Outputs of the cycle model (c_) and of the RTL (r_).
    signal<bool> c_in_ready{"c_in_ready"}, c_out_valid{"c_out_valid"}, c_idle{"c_idle"}, c_cfg_err{"c_cfg_err"};
    signal<bool> r_in_ready{"r_in_ready"}, r_out_valid{"r_out_valid"}, r_idle{"r_idle"}, r_cfg_err{"r_cfg_err"};
    signal<out_type> c_out_data{"c_out_data"}, r_out_data{"r_out_data"};

private:
    enum class Mode { idle, reset, config, stream, random };

    struct Drive {
        bool rst_n = true, in_valid = false, out_ready = true, cfg_we = false;
        uint32_t cfg_addr = 0;
        uint64_t cfg_wdata = 0;
        in_type data;
    };

    template <class M>
    void bind_common(M& m) {
        m.clk_i(clk);
        m.rst_ni(rst_n);
        m.in_valid_i(in_valid);
        m.in_data_i(in_data);
        m.cfg_we_i(cfg_we);
        m.cfg_addr_i(cfg_addr);
    }

    template <class S, class T>
    static void drive(S& sig, T& shadow, const T& v) {
        if (!(shadow == v)) {
            shadow = v;
            sig.write(v);
        }
    }

    void run() {
        done_ = false;
        while (!done_) sc_core::sc_start();
        mode_ = Mode::idle;
    }
    void finish() { finish_ = true; }

    void on_clock() {
        on_edge();
        drive(rst_n, driven_.rst_n, drive_.rst_n);
        drive(in_valid, driven_.in_valid, drive_.in_valid);
        drive(out_ready, driven_.out_ready, drive_.out_ready);
        drive(cfg_we, driven_.cfg_we, drive_.cfg_we);
        if (drive_.cfg_we) {
            drive(cfg_addr, driven_.cfg_addr, drive_.cfg_addr);
            drive(cfg_wdata, driven_.cfg_wdata, drive_.cfg_wdata);
        }
        if (own_ready_) drive(out_ready_rtl, driven_rtl_ready_, rtl_ready_);
        if (own_wdata_ && drive_.cfg_we) drive(cfg_wdata_rtl, driven_rtl_wdata_, rtl_wdata_);
        if (data_dirty_) {
            in_data.write(drive_.data);
            data_dirty_ = false;
        }
        if (finish_) {
            finish_ = false;
            done_ = true;
            sc_core::sc_pause();
        }
    }

    void open_vcd(std::string path) {
        if (path.size() > 4 && path.compare(path.size() - 4, 4, ".vcd") == 0) path.resize(path.size() - 4);
        tf_ = sc_core::sc_create_vcd_trace_file(path.c_str());
        tf_->set_time_unit(1, sc_core::SC_PS);
        sc_core::sc_trace(tf_, clk, "clk_i");
        sc_core::sc_trace(tf_, rst_n, "rst_ni");
        sc_core::sc_trace(tf_, in_valid, "in_valid_i");
        sc_core::sc_trace(tf_, c_in_ready, "in_ready_o");
        trace_word(in_data, "in_data_i", lanes_ * in_w_);
        sc_core::sc_trace(tf_, c_out_valid, "out_valid_o");
        sc_core::sc_trace(tf_, out_ready, "out_ready_i");
        trace_word(c_out_data, "out_data_o", lanes_ * out_w_);
        sc_core::sc_trace(tf_, cfg_we, "cfg_we_i");
        trace_word(cfg_addr, "cfg_addr_i", 12);
        sc_core::sc_trace(tf_, cfg_wdata, "cfg_wdata_i");
        sc_core::sc_trace(tf_, c_idle, "idle_o");
        sc_core::sc_trace(tf_, c_cfg_err, "cfg_err_o");
        // The RTL's outputs as the testbench sees them, beside the cycle model's.
        sc_core::sc_trace(tf_, r_in_ready, "rtl_in_ready_o");
        sc_core::sc_trace(tf_, r_out_valid, "rtl_out_valid_o");
        trace_word(r_out_data, "rtl_out_data_o", lanes_ * out_w_);
        sc_core::sc_trace(tf_, r_idle, "rtl_idle_o");
        sc_core::sc_trace(tf_, r_cfg_err, "rtl_cfg_err_o");
        if (own_ready_) sc_core::sc_trace(tf_, out_ready_rtl, "rtl_out_ready_i");
        if (own_wdata_) sc_core::sc_trace(tf_, cfg_wdata_rtl, "rtl_cfg_wdata_i");
        cm_->trace(tf_);
    }

    template <class S>
    void trace_word(const S& sig, const char* name, int width) {
        using T = std::decay_t<decltype(sig.read())>;
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) sc_core::sc_trace(tf_, sig.read(), name, width);
        else sc_core::sc_trace(tf_, sig, name);
    }

    // --- checking ---------------------------------------------------------------------------

    PinsIn driven_pins() const {
        PinsIn p;
        p.rst_n = driven_.rst_n;
        p.in_valid = driven_.in_valid;
        p.out_ready = driven_.out_ready;
        p.cfg_we = driven_.cfg_we;
        p.cfg_addr = driven_.cfg_addr;
        p.cfg_wdata = driven_.cfg_wdata;
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
        if (c_out_data.read() == r_out_data.read()) return;
        const uint64_t v = mode_ == Mode::stream ? recv_ : random_delivered_;
        if (held_flagged_ && held_vector_ == v) return;
        held_flagged_ = true;
        held_vector_ = v;
        ++s.pin_mismatches;
        CosimMismatch m;
        m.pin = "out_data_o (held)";
        c_fields_.load(c_out_data.read());
        r_fields_.load(r_out_data.read());
        for (int l = 0; l < lanes_; ++l) {
            const i128 c = static_cast<i128>(c_fields_.get(l * out_w_, out_w_));
            const i128 r = static_cast<i128>(r_fields_.get(l * out_w_, out_w_));
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
        const i128 mask = static_cast<i128>(sc::low_mask(out_w_));
        i128 g = ref_->expect(element(e)) & mask;
        if (e == golden_flip_) g ^= 1;
        return g;
    }

    // A delivered vector: every lane of both models against golden.
    void check_vector(uint64_t v) {
        c_fields_.load(c_out_data.read());
        r_fields_.load(r_out_data.read());
        for (int l = 0; l < lanes_; ++l) {
            const uint64_t e = v * static_cast<uint64_t>(lanes_) + static_cast<uint64_t>(l);
            const i128 c = static_cast<i128>(c_fields_.get(l * out_w_, out_w_));
            const i128 r = static_cast<i128>(r_fields_.get(l * out_w_, out_w_));
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
        const bool reset_edge = !driven_.rst_n;   // the DUTs reset at this edge
        if (mode_ != Mode::idle && synced_) {
            cp_ = {c_in_ready.read(), c_out_valid.read(), c_idle.read(), c_cfg_err.read()};
            rp_ = {r_in_ready.read(), r_out_valid.read(), r_idle.read(), r_cfg_err.read()};
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
    }

    void config_edge() {
        drive_.in_valid = false;
        drive_.out_ready = true;
        rtl_ready_ = true;
        if (!pins_agree(pending_)) {
            cfg_ok_ = false;
            drive_.cfg_we = false;
            mode_ = Mode::idle;
            finish();
            return;
        }
        if (phase_ == 0) {
            if (!cp_.idle) return;
            phase_ = 1;
        }
        if (phase_ == 1) {
            if (pos_ < writes_->size()) {
                const CfgWrite& w = (*writes_)[pos_++];
                drive_.cfg_we = true;
                drive_.cfg_addr = w.addr;
                drive_.cfg_wdata = w.data;
                rtl_wdata_ = w.data ^ (w.addr == reg::kIntercept ? 1u : 0u);   // only with own_wdata_
                return;
            }
            drive_.cfg_we = false;
            phase_ = 2;
            return;
        }
        if (cp_.cfg_err || rp_.cfg_err) cfg_ok_ = false;
        mode_ = Mode::idle;
        finish();
    }

    void stop_stream() {
        drive_.in_valid = false;
        drive_.out_ready = true;
        rtl_ready_ = true;
        mode_ = Mode::idle;
        finish();
    }

    void stream_edge() {
        if (!pins_agree(stats_)) return stop_stream();
        if (cp_.out_valid) {
            if (driven_.out_ready) {
                check_vector(recv_++);
                last_progress_ = cycle_;
            } else {
                check_held(stats_);
            }
        }
        const bool presented = driven_.in_valid;
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
            drive_.in_valid = offer;
        }
        drive_.out_ready = !rng_.below(stall_out_);
        rtl_ready_ = drive_.out_ready;
        if (own_ready_ && streams_ == 0 && cycle_ + 1 - phase_start_ > opt_.inject.at) rtl_ready_ = false;
    }

    void drive_vector(uint64_t v) {
        const uint64_t first = v * static_cast<uint64_t>(lanes_);
        for (int l = 0; l < lanes_; ++l) {
            const uint64_t w = element(first + static_cast<uint64_t>(l));
            in_builder_.set64(l * in_w_, in_w_, w);
            pin_words_[static_cast<size_t>(l)] = w;
        }
        in_builder_.store(drive_.data);
        data_dirty_ = true;
    }

    // Random pins: anything the interface allows, both models must agree on every pin.
    void random_edge() {
        if (synced_) {
            if (!pins_agree(stats_)) {
                drive_.cfg_we = false;
                mode_ = Mode::idle;
                finish();
                return;
            }
            if (cp_.out_valid) {
                if (driven_.out_ready) {
                    ++random_delivered_;
                    c_fields_.load(c_out_data.read());
                    r_fields_.load(r_out_data.read());
                    for (int l = 0; l < lanes_; ++l) {
                        const i128 c = static_cast<i128>(c_fields_.get(l * out_w_, out_w_));
                        const i128 r = static_cast<i128>(r_fields_.get(l * out_w_, out_w_));
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
            if (driven_.cfg_we && driven_.rst_n && cp_.idle && driven_.cfg_addr != reg::kClearError &&
                rtl::write_accepted(opt_.shape, {driven_.cfg_addr, driven_.cfg_wdata}))
                ++stats_.random_writes_accepted;
        }
        if (cycle_ - phase_start_ >= rcfg_.cycles) {
            drive_.cfg_we = false;
            drive_.in_valid = false;
            drive_.rst_n = true;
            drive_.out_ready = true;
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
        drive_.rst_n = !rng_.below(p_reset_);
        drive_.in_valid = !quiet_ && rng_.below(p_valid_);
        drive_.out_ready = quiet_ ? !rng_.below(detail::threshold(0.1)) : rng_.below(p_ready_);
        rtl_ready_ = drive_.out_ready;
        if (drive_.in_valid) {
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
                in_builder_.set64(l * in_w_, in_w_, w);
                pin_words_[static_cast<size_t>(l)] = w;
            }
            in_builder_.store(drive_.data);
            data_dirty_ = true;
        }
        drive_.cfg_we = rng_.below(quiet_ ? p_quiet_write_ : p_write_);
        if (drive_.cfg_we) {
            const uint64_t r = rng_.next();
            CfgWrite w{static_cast<uint32_t>((r >> 40) & 0xFFF), rng_.next()};
            if (!opt_.random_writes.empty() && (r & 7) != 0) w = opt_.random_writes[(r >> 3) % opt_.random_writes.size()];
            switch ((r >> 20) & 7) {   // values around the register ranges, or random
                case 0: w.data = (r >> 24) % 70; break;
                case 1: w.data = static_cast<uint64_t>(-static_cast<int64_t>((r >> 24) % 70)); break;
                case 2: w.data = rng_.next(); break;
                default: break;   // the candidate's own value
            }
            drive_.cfg_addr = w.addr;
            drive_.cfg_wdata = w.data;
            rtl_wdata_ = w.data;
        }
    }

    std::unique_ptr<CM> cm_;
    std::unique_ptr<RTL> rtl_;
    CosimTbOptions opt_;
    int in_w_, out_w_, lanes_;
    bool own_ready_, own_wdata_;
    sc_core::sc_trace_file* tf_ = nullptr;

    Mode mode_ = Mode::idle;
    bool done_ = false, finish_ = false;
    bool synced_ = false;   // both models have been reset: their pins are comparable
    bool last_reset_edge_ = false;   // rst_ni was low at the previous edge
    Drive drive_, driven_;
    bool rtl_ready_ = true, driven_rtl_ready_ = true;
    uint64_t rtl_wdata_ = 0, driven_rtl_wdata_ = 0;
    sc::PortBuilder<in_type> in_builder_;
    sc::PortFields<out_type> c_fields_, r_fields_;
    std::vector<uint64_t> pin_words_;
    bool data_dirty_ = false;
    bool held_flagged_ = false;
    uint64_t held_vector_ = 0, random_delivered_ = 0;
    uint64_t cycle_ = 0, count_ = 0, phase_start_ = 0;
    PinValues cp_, rp_;
    // configuration
    const std::vector<CfgWrite>* writes_ = nullptr;
    size_t pos_ = 0;
    int phase_ = 0;
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
