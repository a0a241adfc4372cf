// The cycle level: the SystemC cycle model of the unit (model/sc/) behind the pin-level driver
// (PinUnit), for the shapes compiled in (cycle_*_shapes.cpp): INT8/16/32 with ParW = k, FP32,
// and the scaler with a 32-bit input and an 8-bit core; MaxEntries 32 and 64; lanes 1 and 8.
// Library gqalut_unit_cycle; register_cycle_level() adds it to the levels
// (model/unit/levels.hpp) as "cycle". Light on purpose: an integrator includes it to register.
#pragma once

namespace gqalut::unit {

void register_cycle_level();

}  // namespace gqalut::unit
