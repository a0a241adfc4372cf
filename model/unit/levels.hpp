// The abstraction levels a unit can be built at, by name: an ordinary registry that a program
// fills with explicit calls before it asks for a level (no registration at static
// initialisation, which is lost when a level's object file comes from an archive nobody
// refers to). golden is always there; the cycle level registers with
// register_cycle_level() (model/unit/cycle_level.hpp, library gqalut_unit_cycle), the RTL levels
// with register_rtl_levels() (rtl/unit/rtl_levels.hpp, library gqalut_unit_rtl).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "model/unit/unit.hpp"

namespace gqalut::unit {

// Elaboration-time choices of a unit.
struct UnitOptions {
    UnitShape shape;
    cost::Indexing indexing = cost::Indexing::parallel;
    std::string vcd;                   // VCD file of the pins and the unit's state ("" = none)
    bool toggles = false;              // power monitor: weight switched logic by measured toggles
    double clock_hz = 500e6;
    uint64_t timeout_cycles = 100000;  // a stream without progress for this long gives up
    std::string name = "unit";         // SystemC name of a pin-level unit
};

struct Level {
    std::string name, summary;
    int rank = 0;                      // listing order
    std::vector<UnitShape> shapes;     // what it builds (empty: any shape)
    // Builds a unit (pin-level levels: during elaboration); throws BadInput for what the level
    // cannot build.
    std::unique_ptr<Unit> (*make)(const UnitOptions&) = nullptr;
    bool builds(const UnitShape& s) const;
};

// Adds a level (or replaces the one of the same name).
void add_level(const Level& level);
const Level* find_level(const std::string& name);
// The registered levels by rank; golden first.
std::vector<Level> levels();
// "golden, cycle, ..." for messages.
std::string level_names();
// The level `name`, or BadInput naming the registered ones and how the known others register.
const Level& level(const std::string& name);

}  // namespace gqalut::unit
