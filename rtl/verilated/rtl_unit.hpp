// Pin-level handle on the Verilated RTL of the pwl unit (docs/pin-interface.md, docs/rtl.md).
// One class per Verilated configuration behind one interface, so drivers, tests and the
// `gqalut` commands step any configuration the same way. Inputs set with the setters take
// effect at the next eval() or tick(); outputs show the state after the last evaluation.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/unit_config.hpp"

namespace gqalut::rtl {

// The name of the one configuration also built as Verilator's own SystemC model (--sc;
// rtl_sc_model.hpp, rtl/CMakeLists.txt GQALUT_RTL_SC_NAME), e.g. "int8_p8_n32_l1".
std::string sc_model_shape();

class RtlUnit {
public:
    virtual ~RtlUnit() = default;
    virtual const UnitShape& shape() const = 0;
    // Latency in cycles from acceptance to output (3; 4 with the multi-range scaler).
    int latency() const { return shape().kind == UnitKind::scaler_unit ? 4 : 3; }

    // Input pins.
    virtual void set_rst_n(bool v) = 0;
    virtual void set_in_valid(bool v) = 0;
    virtual void set_in_lane(int lane, uint64_t word) = 0;   // low in_width bits
    virtual void set_out_ready(bool v) = 0;
    virtual void set_cfg(bool we, uint32_t addr, uint64_t data) = 0;

    // Output pins.
    virtual bool in_ready() const = 0;
    virtual bool out_valid() const = 0;
    virtual i128 out_lane(int lane) const = 0;               // out_width bits, zero-extended
    // out_data_o as a whole, in 64-bit words (port bit i = bit i%64 of word i/64); returns the
    // number of words written (at most max_words).
    virtual int out_words(uint64_t* dst, int max_words) const = 0;
    virtual bool idle() const = 0;
    virtual bool cfg_err() const = 0;

    // Settles the combinational logic after input changes (clock low).
    virtual void eval() = 0;
    // One clock cycle: the rising edge (where inputs are sampled), then the falling edge.
    virtual void tick() = 0;
    // Half the clock period in the VCD (default 1000 ps, 500 MHz): tick() number k shows the
    // inputs at 2k halves and the rising edge at 2k+1 halves, so a SystemC clock whose rising
    // edges fall at (2k+1) halves (sc_clock with start time = half a period) lines up with it.
    virtual void set_half_period_ps(uint64_t ps) = 0;
    virtual uint64_t cycles() const = 0;

    // Dumps every signal to a VCD file from now on (500 MHz clock, 1 ps resolution) until
    // close_vcd() or destruction. Throws BadInput if the file cannot be opened.
    virtual void open_vcd(const std::string& path) = 0;
    virtual void close_vcd() = 0;
};

// The configurations Verilated into this build (rtl/CMakeLists.txt, GQALUT_RTL_CONFIGS).
std::vector<UnitShape> rtl_shapes();
// A new model of that configuration, or nullptr if it is not part of the build. Keep one
// instance per configuration per process.
std::unique_ptr<RtlUnit> make_rtl_unit(const UnitShape& shape);
// The built configuration that runs `want` (same kind and widths, at least as many entries),
// preferring the fewest lanes unless `lanes` asks for more. nullptr if none.
std::unique_ptr<RtlUnit> make_rtl_unit_for(const UnitShape& want);

}  // namespace gqalut::rtl
