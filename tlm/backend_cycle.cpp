// The accelerator's `cycle` model: the SystemC cycle-level units (model/sc/), one per datapath
// (INT8/16/32, FP32, DIV/RSQRT scaler), 64 entries, 1 or 8 lanes. Energy per job from each
// unit's power monitor through the cost model.
#include "model/cost/cost_model.hpp"
#include "model/sc/pwl_fp32_unit.hpp"
#include "model/sc/pwl_int_unit.hpp"
#include "model/sc/pwl_scaler_unit.hpp"
#include "tlm/pin_backend.hpp"

namespace gqalut::vp {

namespace {

template <class DUT>
std::unique_ptr<PinUnitBase> unit(const char* name, double clock_mhz) {
    auto dut = std::make_unique<DUT>((std::string(name) + "_dut").c_str());
    const UnitShape shape = dut->shape();
    auto u = std::make_unique<PinUnit<DUT>>(name, std::move(dut), shape, clock_mhz);
    u->energy = [shape](DUT& d, uint64_t, uint64_t) {
        cost::StructureOptions o;
        o.requantizer = shape.kind == UnitKind::int_unit;
        const cost::Constants& c = cost::default_constants();
        const cost::UnitCost e =
            cost::evaluate(cost::structure(shape, cost::Indexing::parallel, o, c.ge), d.power_monitor().activity(), c);
        d.power_monitor().clear();
        return e.energy_pj;
    };
    return u;
}

template <int L>
std::unique_ptr<UnitBackend> make(int max_entries, double mhz) {
    auto b = std::make_unique<PinBackend>("cycle", max_entries, L);
    b->add(unit<sc::PwlIntUnit<8, 8, 64, L>>("cycle_int8", mhz));
    b->add(unit<sc::PwlIntUnit<16, 16, 64, L>>("cycle_int16", mhz));
    b->add(unit<sc::PwlIntUnit<32, 32, 64, L>>("cycle_int32", mhz));
    b->add(unit<sc::PwlFp32Unit<64, L>>("cycle_fp32", mhz));
    b->add(unit<sc::PwlScalerUnit<32, 8, 64, L>>("cycle_scaler", mhz));
    return b;
}

std::unique_ptr<UnitBackend> make_cycle(int max_entries, int lanes, double mhz) {
    if (max_entries != 64) throw BadInput("cycle model: the accelerator's units hold 64 entries");
    if (lanes == 1) return make<1>(max_entries, mhz);
    if (lanes == 8) return make<8>(max_entries, mhz);
    throw BadInput("cycle model: built with 1 or 8 lanes, not " + std::to_string(lanes));
}

const RegisterBackend reg("cycle", make_cycle);

}  // namespace

}  // namespace gqalut::vp
