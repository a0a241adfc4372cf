// Inside the cycle level (cycle_level.cpp, cycle_*_shapes.cpp): the shapes compiled in, the
// per-kind factories, and a PinUnit around one SystemC unit instantiation.
#pragma once
#include <memory>
#include <vector>

#include "model/unit/levels.hpp"
#include "model/unit/pin_unit.hpp"

namespace gqalut::unit {

// The shapes compiled in, and a unit of one of them (BadInput for another).
std::vector<UnitShape> cycle_shapes();
std::unique_ptr<Unit> make_cycle_unit(const UnitOptions& o);

// Per-kind factories (cycle_<kind>_shapes.cpp): nullptr when the shape is not compiled in.
std::unique_ptr<Unit> make_int_cycle_unit(const UnitOptions& o);
std::unique_ptr<Unit> make_fp32_cycle_unit(const UnitOptions& o);
std::unique_ptr<Unit> make_scaler_cycle_unit(const UnitOptions& o);
void list_int_cycle_shapes(std::vector<UnitShape>& out);
void list_fp32_cycle_shapes(std::vector<UnitShape>& out);
void list_scaler_cycle_shapes(std::vector<UnitShape>& out);

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
