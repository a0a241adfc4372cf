// The accelerator's `rtl` model: the Verilated RTL configurations (rtl/verilated/), each in
// its SystemC wrapper with the pin interface. These are Verilated with 32 entries: tables with
// more entries are refused (ERROR_CODE 1). Energy: the cost model's nominal estimate.
#include "model/cost/cost_model.hpp"
#include "rtl/verilated/rtl_sc_unit.hpp"
#include "tlm/pin_backend.hpp"

namespace gqalut::vp {

namespace {

template <int InBits, int OutBits>
std::unique_ptr<PinUnitBase> unit(const char* name, const UnitShape& want, double mhz) {
    auto model = rtl::make_rtl_unit(want);
    if (!model) return nullptr;
    const UnitShape shape = model->shape();
    auto u = std::make_unique<PinUnit<rtl::RtlScUnit<InBits, OutBits>>>(
        name, std::make_unique<rtl::RtlScUnit<InBits, OutBits>>((std::string(name) + "_dut").c_str(), std::move(model)), shape, mhz);
    // No power monitor in the RTL: the cost model's nominal energy per element.
    cost::StructureOptions o;
    o.requantizer = shape.kind == UnitKind::int_unit;
    const double per_element =
        cost::estimate(shape, cost::Indexing::parallel, 0, cost::default_constants(), o).energy_pj_per_element;
    u->energy = [per_element](rtl::RtlScUnit<InBits, OutBits>&, uint64_t, uint64_t n) { return per_element * n; };
    return u;
}

std::unique_ptr<UnitBackend> make_rtl(int, int lanes, double mhz) {
    if (lanes != 1 && lanes != 8) throw BadInput("rtl model: Verilated with 1 lane (and 8 for INT8), not " + std::to_string(lanes));
    auto b = std::make_unique<PinBackend>("rtl", 32, lanes);
    auto add = [&](std::unique_ptr<PinUnitBase> u) {
        if (u) b->add(std::move(u));
    };
    if (lanes == 8) {
        add(unit<64, 200>("rtl_int8_l8", int_shape(8, 32, 8), mhz));
    } else {
        add(unit<8, 25>("rtl_int8", int_shape(8), mhz));
        add(unit<16, 49>("rtl_int16", int_shape(16), mhz));
        add(unit<32, 97>("rtl_int32", int_shape(32), mhz));
        add(unit<32, 32>("rtl_fp32", fp32_shape(), mhz));
        add(unit<32, 32>("rtl_scaler", scaler_shape(), mhz));
    }
    return b;
}

const RegisterBackend reg("rtl", make_rtl);

}  // namespace

}  // namespace gqalut::vp
