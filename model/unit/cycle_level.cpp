#include "model/unit/cycle_level.hpp"

#include "model/errors.hpp"
#include "model/unit/cycle_factory.hpp"

namespace gqalut::unit {

std::vector<UnitShape> cycle_shapes() {
    std::vector<UnitShape> out;
    list_int_cycle_shapes(out);
    list_fp32_cycle_shapes(out);
    list_scaler_cycle_shapes(out);
    return out;
}

std::unique_ptr<Unit> make_cycle_unit(const UnitOptions& o) {
    std::unique_ptr<Unit> u = make_int_cycle_unit(o);
    if (!u) u = make_fp32_cycle_unit(o);
    if (!u) u = make_scaler_cycle_unit(o);
    if (u) return u;
    std::string list;
    for (const auto& s : cycle_shapes()) list += (list.empty() ? "" : ", ") + s.name();
    throw BadInput("no precompiled cycle model for " + o.shape.name() + " (precompiled: " + list + ")");
}

void register_cycle_level() {
    add_level({"cycle", "SystemC cycle model (model/sc/) behind the pin-level driver", 20, cycle_shapes(), make_cycle_unit});
}

}  // namespace gqalut::unit
