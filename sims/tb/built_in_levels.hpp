// The unit levels built into this program (model/unit/levels.hpp): golden, cycle, and with the
// Verilated RTL also rtl and rtl-sc. Registered explicitly, once, by whoever needs them.
#pragma once

namespace gqalut::sim {

void register_built_in_levels();

}  // namespace gqalut::sim
