// The `rtl` level: every Verilated --cc configuration in rtl::RtlScUnit (port widths from the
// configuration list, gen/rtl_models.inc) behind the pin-level driver.
#include <memory>
#include <string>

#include "model/errors.hpp"
#include "model/sc/unit_of.hpp"
#include "model/unit/pin_unit.hpp"
#include "rtl/unit/rtl_level_checks.hpp"
#include "rtl/unit/rtl_levels.hpp"
#include "rtl/verilated/rtl_sc_unit.hpp"

namespace gqalut::rtl {

namespace {

template <int InBits, int OutBits>
std::unique_ptr<unit::Unit> pin_unit(std::unique_ptr<RtlUnit> model, const unit::UnitOptions& o) {
    unit::PinUnitOptions p;
    p.shape = model->shape();
    p.latency = model->latency();
    p.clock_period_ns = 1e9 / o.clock_hz;
    p.timeout_cycles = o.timeout_cycles;
    if (!o.vcd.empty()) model->open_vcd(o.vcd);
    auto dut = std::make_unique<RtlScUnit<InBits, OutBits>>((o.name + "_dut").c_str(), std::move(model),
                                                            sc_core::sc_time(p.clock_period_ns, sc_core::SC_NS));
    return std::make_unique<unit::PinUnit<RtlScUnit<InBits, OutBits>>>(o.name.c_str(), std::move(dut), p);
}

std::unique_ptr<unit::Unit> make_rtl(const unit::UnitOptions& o) {
    check_rtl_options(o);
    std::unique_ptr<RtlUnit> model = make_rtl_unit(o.shape);
    if (!model) throw BadInput("no Verilated RTL for " + o.shape.name() + " (Verilated: " + shape_list(rtl_shapes()) + ")");
#define GQALUT_RTL_MODEL(config, kind, in_w, par_w, entries, lanes, core_w)                        \
    if (o.shape.name() == #config) {                                                                \
        using U = sc::UnitOf<kind, in_w, par_w, entries, lanes, core_w>;                           \
        return pin_unit<U::in_bits, U::out_bits>(std::move(model), o);                              \
    }
#include "rtl_models.inc"
#undef GQALUT_RTL_MODEL
    throw BadInput("no Verilated RTL for " + o.shape.name());
}

}  // namespace

void register_rtl_level() {
    unit::add_level({"rtl", "Verilated RTL (rtl/) behind the pin-level driver (Verilated shapes only)", 30, rtl_shapes(), make_rtl});
}

}  // namespace gqalut::rtl
