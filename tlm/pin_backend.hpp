// A pin-level unit (the SystemC cycle model, or the Verilated RTL in its SystemC wrapper)
// behind the accelerator. A registered driver on the rising clock edge resets the unit, writes
// the configuration registers through the cfg port and streams the job through valid/ready; the
// accelerator's thread waits for the job's end, so simulated time advances by the unit's real
// cycle count. The clock only runs during a job: an idle accelerator costs no events.
#pragma once
#include <cstring>
#include <memory>
#include <vector>

#include <systemc>

#include "model/errors.hpp"
#include "model/sc/port_types.hpp"
#include "model/unit_config.hpp"
#include "tlm/unit_backend.hpp"

namespace gqalut::vp {

// The part every pin-level unit shares, whatever the DUT type.
class PinUnitBase {
public:
    virtual ~PinUnitBase() = default;
    virtual const UnitShape& shape() const = 0;
    // Runs one job from an SC_THREAD; returns the cycles from reset to the last output.
    // Throws BadInput if the unit refused a configuration write (cfg_err_o).
    virtual uint64_t run(const std::vector<CfgWrite>& cfg, const uint8_t* in, unsigned in_bytes, uint8_t* out,
                         unsigned out_bytes, uint64_t n) = 0;
    // Energy of the last job in pJ (cycle model: its power monitor through the cost model).
    virtual double last_energy_pj() const = 0;
    virtual void set_clock_mhz(double mhz) = 0;
    // Stops a job in progress at the next clock edge.
    virtual void abort() = 0;
};

template <class DUT>
class PinUnit : public sc_core::sc_module, public PinUnitBase {
public:
    using in_type = typename std::decay_t<decltype(std::declval<DUT&>().in_data_i)>::data_type;
    using out_type = typename std::decay_t<decltype(std::declval<DUT&>().out_data_o)>::data_type;

    SC_HAS_PROCESS(PinUnit);
    PinUnit(const sc_core::sc_module_name& name, std::unique_ptr<DUT> dut, const UnitShape& shape, double clock_mhz)
        : sc_core::sc_module(name), dut_(std::move(dut)), shape_(shape),
          half_period_(half_period(clock_mhz)) {
        dut_->clk_i(clk_);
        dut_->rst_ni(rst_n_);
        dut_->in_valid_i(in_valid_);
        dut_->in_ready_o(in_ready_);
        dut_->in_data_i(in_data_);
        dut_->out_valid_o(out_valid_);
        dut_->out_ready_i(out_ready_);
        dut_->out_data_o(out_data_);
        dut_->cfg_we_i(cfg_we_);
        dut_->cfg_addr_i(cfg_addr_);
        dut_->cfg_wdata_i(cfg_wdata_);
        dut_->idle_o(idle_);
        dut_->cfg_err_o(cfg_err_);
        out_ready_.write(true);
        rst_n_.write(true);
        SC_METHOD(clock);
        sensitive << wake_;
        dont_initialize();
        SC_METHOD(edge);
        sensitive << clk_.posedge_event();
        dont_initialize();
    }

    DUT& dut() { return *dut_; }
    const UnitShape& shape() const override { return shape_; }
    void set_clock_mhz(double mhz) override { half_period_ = half_period(mhz); }
    void abort() override { aborted_ = running_; }
    double last_energy_pj() const override { return energy_pj_; }
    // Set by the owner: the energy of a job from the DUT's activity, or from its cycles and
    // elements (nullptr: none).
    std::function<double(DUT&, uint64_t cycles, uint64_t elements)> energy;

    uint64_t run(const std::vector<CfgWrite>& cfg, const uint8_t* in, unsigned in_bytes, uint8_t* out,
                 unsigned out_bytes, uint64_t n) override {
        cfg_ = &cfg;
        in_ = in;
        in_bytes_ = in_bytes;
        out_ = out;
        out_bytes_ = out_bytes;
        n_ = n;
        vectors_ = (n + static_cast<uint64_t>(shape_.lanes) - 1) / static_cast<uint64_t>(shape_.lanes);
        sent_ = received_ = 0;
        cfg_next_ = 0;
        reset_left_ = 2;
        cycles_ = 0;
        refused_ = false;
        aborted_ = false;
        phase_ = Phase::reset;
        running_ = true;
        wake_.notify(sc_core::SC_ZERO_TIME);
        sc_core::wait(done_);
        if (refused_) throw BadInput("the unit refused a configuration write (cfg_err_o)");
        energy_pj_ = energy ? energy(*dut_, cycles_, n) : 0.0;
        return cycles_;
    }

private:
    enum class Phase { reset, config, check, stream };

    static sc_core::sc_time half_period(double mhz) { return sc_core::sc_time(500.0 / mhz, sc_core::SC_NS); }

    // Gated clock: toggles only while a job runs.
    void clock() {
        if (!running_) return;
        clk_.write(!clk_.read());
        next_trigger(half_period_);
    }

    uint64_t word(uint64_t e) const {
        if (e >= n_) return 0;   // padding lanes of a short last vector
        uint64_t w = 0;
        std::memcpy(&w, in_ + e * in_bytes_, in_bytes_);
        return w;
    }

    void drive_vector(uint64_t v) {
        const int w = shape_.in_width;
        for (int l = 0; l < shape_.lanes; ++l)
            in_builder_.set64(l * w, w, word(v * static_cast<uint64_t>(shape_.lanes) + static_cast<uint64_t>(l)));
        in_type d{};
        in_builder_.store(d);
        in_data_.write(d);
    }

    // One rising edge: the pins hold their values from before the edge; new values written
    // here reach the unit from the next edge on.
    void edge() {
        ++cycles_;
        if (aborted_) {
            in_valid_.write(false);
            cfg_we_.write(false);
            return stop();
        }
        switch (phase_) {
            case Phase::reset:
                rst_n_.write(false);
                if (--reset_left_ < 0) {
                    rst_n_.write(true);
                    phase_ = Phase::config;
                }
                return;
            case Phase::config:
                if (cfg_next_ < cfg_->size()) {
                    cfg_we_.write(true);
                    cfg_addr_.write((*cfg_)[cfg_next_].addr);
                    cfg_wdata_.write((*cfg_)[cfg_next_].data);
                    ++cfg_next_;
                } else {
                    cfg_we_.write(false);
                    phase_ = Phase::check;
                }
                return;
            case Phase::check:   // cfg_err_o now reflects the last write
                if (cfg_err_.read()) {
                    refused_ = true;
                    stop();
                    return;
                }
                phase_ = Phase::stream;
                if (vectors_ == 0) {
                    stop();
                    return;
                }
                drive_vector(0);
                in_valid_.write(true);
                return;
            case Phase::stream: {
                if (in_valid_.read() && in_ready_.read()) {
                    ++sent_;
                    if (sent_ < vectors_) drive_vector(sent_);
                    else in_valid_.write(false);
                }
                if (out_valid_.read()) {
                    out_fields_.load(out_data_.read());
                    const int w = shape_.out_width();
                    for (int l = 0; l < shape_.lanes; ++l) {
                        const uint64_t e = received_ * static_cast<uint64_t>(shape_.lanes) + static_cast<uint64_t>(l);
                        if (e < n_) store_output(static_cast<i128>(out_fields_.get(l * w, w)), shape_, out_bytes_, out_ + e * out_bytes_);
                    }
                    if (++received_ == vectors_) stop();
                }
                return;
            }
        }
    }

    void stop() {
        running_ = false;
        done_.notify(sc_core::SC_ZERO_TIME);
    }

    template <class T>
    using signal = sc_core::sc_signal<T, sc_core::SC_UNCHECKED_WRITERS>;
    signal<bool> clk_{"clk"}, rst_n_{"rst_n"}, in_valid_{"in_valid"}, in_ready_{"in_ready"}, out_valid_{"out_valid"},
        out_ready_{"out_ready"}, cfg_we_{"cfg_we"}, idle_{"idle"}, cfg_err_{"cfg_err"};
    signal<in_type> in_data_{"in_data"};
    signal<out_type> out_data_{"out_data"};
    signal<uint32_t> cfg_addr_{"cfg_addr"};
    signal<uint64_t> cfg_wdata_{"cfg_wdata"};

    std::unique_ptr<DUT> dut_;
    UnitShape shape_;
    sc_core::sc_time half_period_;
    sc_core::sc_event wake_, done_;
    bool running_ = false, refused_ = false, aborted_ = false;
    Phase phase_ = Phase::reset;
    int reset_left_ = 0;
    const std::vector<CfgWrite>* cfg_ = nullptr;
    size_t cfg_next_ = 0;
    const uint8_t* in_ = nullptr;
    uint8_t* out_ = nullptr;
    unsigned in_bytes_ = 1, out_bytes_ = 4;
    uint64_t n_ = 0, vectors_ = 0, sent_ = 0, received_ = 0, cycles_ = 0;
    double energy_pj_ = 0;
    sc::PortBuilder<in_type> in_builder_;
    sc::PortFields<out_type> out_fields_;
};

// A backend made of pin-level units, one per datapath kind/width; each job goes to the unit
// whose shape runs its table.
class PinBackend : public UnitBackend {
public:
    PinBackend(std::string name, int max_entries, int lanes) : name_(std::move(name)), max_entries_(max_entries), lanes_(lanes) {}
    std::string name() const override { return name_; }
    void add(std::unique_ptr<PinUnitBase> u) { units_.push_back(std::move(u)); }
    UnitShape shape(const PwlTable& t) const override {
        const UnitShape want = shape_for(t, max_entries_, lanes_);
        if (const PinUnitBase* u = find(want)) return u->shape();
        return want;
    }
    void load(const UnitJob& job) override;
    uint64_t run(const std::vector<uint64_t>& in, std::vector<i128>& out) override;
    uint64_t run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n,
                          const UnitShape& shape) override;
    double last_energy_pj() const override { return current_ ? current_->last_energy_pj() : 0.0; }
    void set_clock_mhz(double mhz) override {
        for (auto& u : units_) u->set_clock_mhz(mhz);
    }
    void abort() override {
        for (auto& u : units_) u->abort();
    }

private:
    const PinUnitBase* find(const UnitShape& want) const;
    std::string name_;
    int max_entries_, lanes_;
    std::vector<std::unique_ptr<PinUnitBase>> units_;
    PinUnitBase* current_ = nullptr;
    std::vector<CfgWrite> cfg_;
};

}  // namespace gqalut::vp
