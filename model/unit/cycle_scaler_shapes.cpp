// Precompiled DIV/RSQRT cycle-model shapes: 32-bit input, 8-bit core (ParW 8),
// MaxEntries in {32, 64}, lanes in {1, 8}.
#include "model/sc/pwl_scaler_unit.hpp"
#include "model/unit/cycle_factory.hpp"

namespace gqalut::unit {

std::unique_ptr<Unit> make_scaler_cycle_unit(const UnitOptions& o) {
    const UnitShape& s = o.shape;
    if (s.kind != UnitKind::scaler_unit || s.in_width != 32 || s.core_width != 8 || s.par_width != 8) return nullptr;
    if (s.max_entries == 32 && s.lanes == 1) return make_cycle_pin_unit<sc::PwlScalerUnit<32, 8, 32, 1>>(o);
    if (s.max_entries == 32 && s.lanes == 8) return make_cycle_pin_unit<sc::PwlScalerUnit<32, 8, 32, 8>>(o);
    if (s.max_entries == 64 && s.lanes == 1) return make_cycle_pin_unit<sc::PwlScalerUnit<32, 8, 64, 1>>(o);
    if (s.max_entries == 64 && s.lanes == 8) return make_cycle_pin_unit<sc::PwlScalerUnit<32, 8, 64, 8>>(o);
    return nullptr;
}

void list_scaler_cycle_shapes(std::vector<UnitShape>& out) {
    for (int m : {32, 64})
        for (int l : {1, 8}) out.push_back(scaler_shape(m, l));
}

}  // namespace gqalut::unit
