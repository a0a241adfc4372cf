// Builds the lock-step testbench of one shape (used by cosim_int.cpp, cosim_other.cpp,
// cosim_sc.cpp): the SystemC unit CM beside the Verilated RTL of the same shape.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>

#include "model/sc/unit_of.hpp"
#include "rtl/verilated/rtl_driver.hpp"
#include "rtl/verilated/rtl_sc_unit.hpp"
#include "sims/tb/cosim.hpp"
#include "sims/tb/lockstep_testbench.hpp"

namespace gqalut::sim {

// Writes random_pins() draws from: every mapped register and every write the unit must ignore.
inline std::vector<CfgWrite> random_pin_writes(const UnitShape& shape) {
    std::vector<CfgWrite> w = rtl::invalid_writes(shape);
    uint64_t v = 0x9E3779B97F4A7C15ull;
    for (uint32_t a : rtl::mapped_addresses(shape)) {
        v = v * 6364136223846793005ull + 1442695040888963407ull;
        w.push_back({a, v >> 3});
        w.push_back({a, (v >> 40) & 0x1F});
    }
    // Every value of the mode registers, so random pins reach each datapath option and reduction.
    if (shape.kind == UnitKind::int_unit) {
        for (uint64_t m = 0; m < static_cast<uint64_t>(reg::kNumSymmetries); ++m) w.push_back({reg::kSymmetry, m});
        const uint64_t top = uint64_t(1) << (shape.in_width - 1);
        for (const CfgWrite& x : std::vector<CfgWrite>{{reg::kIcptMode, 1}, {reg::kIcptMode, 0}, {reg::kClampLo, 0},
                                                        {reg::kClampLo, ~top + 1}, {reg::kClampHi, top / 2}, {reg::kClampHi, top},
                                                        {reg::kOrigin, top / 4}, {reg::kCenter, 1}})
            w.push_back(x);
    }
    if (shape.kind == UnitKind::scaler_unit) {
        for (uint64_t m = 0; m < static_cast<uint64_t>(reg::kNumReductions); ++m) w.push_back({reg::kReduce, m});
        // The RSQRT octave (OCTAVE with FUNC = 1, PRESET = 1), and back.
        for (const CfgWrite& x : std::vector<CfgWrite>{{reg::kFunc, 1}, {reg::kPreset, 1}, {reg::kOctave, 1}, {reg::kOctave, 0}})
            w.push_back(x);
    }
    w.push_back({reg::kClearError, 0});
    return w;
}

// The lock-step testbench of the cycle model `cm` and the RTL `rtl` (any sc_module with the
// pins of docs/pin-interface.md).
template <class CM, class RTL>
std::unique_ptr<CosimSim> make_cosim_of(const CosimOptions& o, std::unique_ptr<CM> cm, std::unique_ptr<RTL> rtl,
                                        int rtl_latency) {
    if (cm->shape().name() != o.shape.name() || cm->latency() != rtl_latency)
        throw std::logic_error("cosim: cycle model " + cm->shape().name() + " does not match the RTL " + o.shape.name());
    CosimTbOptions t;
    t.shape = o.shape;
    t.latency = cm->latency();
    t.clock_period_ns = 1e9 / o.clock_hz;
    t.sc_vcd = o.cycle_vcd;
    t.timeout_cycles = o.timeout_cycles;
    t.inject = o.inject;
    t.random_writes = random_pin_writes(o.shape);
    return std::make_unique<CosimTestbench<CM, RTL>>("cosim", std::move(cm), std::move(rtl), t);
}

// The Verilated --cc configuration of the shape in an rtl::RtlScUnit with InBits = Lanes*InW
// and OutBits = Lanes*OutW port bits.
template <class CM, int InBits, int OutBits>
std::unique_ptr<CosimSim> make_cosim_testbench(const CosimOptions& o) {
    std::unique_ptr<rtl::RtlUnit> unit = rtl::make_rtl_unit(o.shape);
    if (!unit) return nullptr;
    if (!o.rtl_vcd.empty()) unit->open_vcd(o.rtl_vcd);
    const int latency = unit->latency();
    auto rtl_unit = std::make_unique<rtl::RtlScUnit<InBits, OutBits>>("rtl", std::move(unit),
                                                                       sc_core::sc_time(1e9 / o.clock_hz, sc_core::SC_NS));
    return make_cosim_of(o, std::make_unique<CM>("dut"), std::move(rtl_unit), latency);
}

// The lock-step testbench of one entry of the RTL's configuration list (gen/rtl_models.inc)
// when it is of kind Want and o asks for it (name), else nullptr. A template, so the files that
// list the configurations instantiate the testbenches of their own kinds only.
template <UnitKind Want, UnitKind Kind, int InW, int ParW, int MaxEntries, int Lanes, int CoreW>
std::unique_ptr<CosimSim> cosim_of_kind(const CosimOptions& o, const char* name) {
    if constexpr (Want != Kind) {
        return nullptr;
    } else {
        if (o.shape.name() != name) return nullptr;
        using U = sc::UnitOf<Kind, InW, ParW, MaxEntries, Lanes, CoreW>;
        return make_cosim_testbench<typename U::type, U::in_bits, U::out_bits>(o);
    }
}

// Per-kind factories: nullptr when the shape has no cosim build.
std::unique_ptr<CosimSim> make_int_cosim(const CosimOptions& o);
std::unique_ptr<CosimSim> make_other_cosim(const CosimOptions& o);
// With the RTL as Verilator's --sc model (o.rtl_sc; its one configuration, cosim_sc.cpp).
std::unique_ptr<CosimSim> make_sc_cosim(const CosimOptions& o);

}  // namespace gqalut::sim
