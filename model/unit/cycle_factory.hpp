// A PinUnit around one SystemC unit instantiation (used by cycle_*_shapes.cpp).
#pragma once
#include <memory>

#include "model/unit/cycle_level.hpp"
#include "model/unit/pin_unit.hpp"

namespace gqalut::unit {

template <class Dut>
std::unique_ptr<Unit> make_cycle_pin_unit(const UnitOptions& o) {
    auto dut = std::make_unique<Dut>((o.name + "_dut").c_str(), o.indexing);
    dut->power_monitor().set_toggles(o.toggles);
    PinUnitOptions p;
    p.shape = dut->shape();
    p.latency = dut->latency();
    p.vcd = o.vcd;
    p.clock_period_ns = 1e9 / o.clock_hz;
    p.timeout_cycles = o.timeout_cycles;
    return std::make_unique<PinUnit<Dut>>(o.name.c_str(), std::move(dut), p);
}

}  // namespace gqalut::unit
