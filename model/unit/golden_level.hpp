// The golden level: GoldenUnit (model/unit_config.hpp) element by element, any shape. It counts
// the cycles a pipelined unit would take (latency + ceil(n / lanes)) without simulating them.
#pragma once
#include "model/unit/levels.hpp"

namespace gqalut::unit {

Level golden_level();

}  // namespace gqalut::unit
