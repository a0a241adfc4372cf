// The `rtl-sc` level: the RTL as Verilator's own SystemC model (`verilate(... SYSTEMC)`, one
// pin-level sc_module) behind the pin-level driver with nothing in between: it shows that the
// driver takes a --sc model as it is, and what pin-level signals cost against `rtl` (the --cc
// model stepped from one SC_METHOD in rtl::RtlScUnit, docs/rtl.md). Compiled with VM_SC=1.
#include <memory>
#include <string>

#include "model/cost/cost_model.hpp"
#include "model/errors.hpp"
#include "model/unit/pin_unit.hpp"
#include "rtl/unit/rtl_level_checks.hpp"
#include "rtl/unit/rtl_levels.hpp"
#include "rtl/verilated/rtl_sc_model.hpp"

namespace gqalut::rtl {

namespace {

UnitShape sc_shape() {
    for (const UnitShape& s : rtl_shapes())
        if (s.name() == sc_model_shape()) return s;
    throw BadInput("the --sc model's shape " + sc_model_shape() + " is not Verilated");
}

std::unique_ptr<unit::Unit> make_rtl_sc(const unit::UnitOptions& o) {
    if (o.shape.name() != sc_model_shape())
        throw BadInput("no Verilated --sc model for " + o.shape.name() + " (built: " + sc_model_shape() +
                       "; --model rtl has more)");
    check_rtl_options(o);
    if (!o.vcd.empty()) throw BadInput("--vcd: the --sc model is built without tracing (--model rtl writes the RTL's VCD)");
    unit::PinUnitOptions p;
    p.shape = sc_shape();
    p.latency = cost::unit_latency(p.shape, cost::Indexing::parallel);
    p.clock_period_ns = 1e9 / o.clock_hz;
    p.timeout_cycles = o.timeout_cycles;
    return std::make_unique<unit::PinUnit<ScModel>>(o.name.c_str(), make_sc_model((o.name + "_dut").c_str()), p);
}

}  // namespace

void register_rtl_sc_level() {
    unit::add_level({"rtl-sc", "Verilator --sc model of the RTL behind the pin-level driver (" + sc_model_shape() + " only)", 31,
                     {sc_shape()}, make_rtl_sc});
}

}  // namespace gqalut::rtl
