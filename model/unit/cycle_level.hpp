// The cycle level: the SystemC cycle model of the unit (model/sc/) behind the pin-level driver
// (PinUnit), for the shapes compiled in (cycle_*_shapes.cpp): INT8/16/32 with ParW = k, FP32,
// and the scaler with a 32-bit input and an 8-bit core; MaxEntries 32 and 64; lanes 1 and 8.
// Library gqalut_unit_cycle; register_cycle_level() adds it to the levels (model/unit/levels.hpp).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "model/unit/levels.hpp"

namespace gqalut::unit {

void register_cycle_level();

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

}  // namespace gqalut::unit
