// Precompiled FP32 cycle-model shapes: MaxEntries in {32, 64}, lanes in {1, 8}.
#include "model/sc/pwl_fp32_unit.hpp"
#include "model/unit/cycle_factory.hpp"

namespace gqalut::unit {

std::unique_ptr<Unit> make_fp32_cycle_unit(const UnitOptions& o) {
    const UnitShape& s = o.shape;
    if (s.kind != UnitKind::fp32_unit) return nullptr;
    if (s.max_entries == 32 && s.lanes == 1) return make_cycle_pin_unit<sc::PwlFp32Unit<32, 1>>(o);
    if (s.max_entries == 32 && s.lanes == 8) return make_cycle_pin_unit<sc::PwlFp32Unit<32, 8>>(o);
    if (s.max_entries == 64 && s.lanes == 1) return make_cycle_pin_unit<sc::PwlFp32Unit<64, 1>>(o);
    if (s.max_entries == 64 && s.lanes == 8) return make_cycle_pin_unit<sc::PwlFp32Unit<64, 8>>(o);
    return nullptr;
}

void list_fp32_cycle_shapes(std::vector<UnitShape>& out) {
    for (int m : {32, 64})
        for (int l : {1, 8}) out.push_back(fp32_shape(m, l));
}

}  // namespace gqalut::unit
