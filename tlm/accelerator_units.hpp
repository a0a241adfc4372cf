// The units behind the accelerator: one per datapath its register map can describe (INT8,
// INT16, INT32, FP32, DIV/RSQRT with an INT8 core), built at the accelerator's level (golden,
// cycle, rtl: model/unit/levels.hpp) with its lanes, holding 64 entries where the level has
// such a unit (the RTL's hold 32). A job goes to the unit of its table's datapath.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "model/unit/levels.hpp"

namespace gqalut::vp {

class AcceleratorUnits {
public:
    // Builds the units (during elaboration: pin-level units are sc_modules, children of the
    // module under construction); throws BadInput for an unknown level or one without a unit
    // of `lanes` lanes.
    AcceleratorUnits(const std::string& level, int lanes, double clock_hz);

    // The shape a job of table t runs on: its datapath's unit, or the shape t asks for when
    // the level has no unit of that datapath.
    UnitShape shape(const PwlTable& t) const;
    // The unit that runs t; throws BadInput when none does.
    unit::Unit& unit_for(const PwlTable& t);

    void set_clock_hz(double hz);
    void abort();   // the unit streaming now stops at its next clock edge

private:
    unit::Unit* find(const PwlTable& t) const;   // nullptr when no unit runs t
    std::string level_;
    int lanes_;
    std::vector<std::unique_ptr<unit::Unit>> units_;
};

}  // namespace gqalut::vp
