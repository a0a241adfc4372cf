#include "sims/cli/sized_cost.hpp"

#include <cmath>
#include <cstdio>

#include "model/errors.hpp"
#include "model/unit_config.hpp"
#include "sims/explore/sweep.hpp"

namespace gqalut::cli {

SizedCost sized_cost(const PwlTable& t, const std::string& table_path, int lanes, cost::Indexing ix, bool requantizer,
                     double clock_hz, const cost::Constants& c) {
    SizedCost s;
    s.shape = shape_for(t, t.entries, lanes);
    s.indexing = ix;
    // The blocks the table uses, as `gqalut cost --table` counts them: the datapath options
    // (which come with the requantizer, as in the RTL), the range reduction and the octave.
    cost::StructureOptions o;
    o.options = !t.datapath.is_default();
    o.reduction = t.scaler && t.scaler->preset == "reduce";
    o.octave = t.scaler && t.scaler->preset == "octave";
    s.requantizer = (requantizer || o.options) && s.shape.kind == UnitKind::int_unit;
    o.requantizer = s.requantizer;
    cost::Constants at_clock = c;
    at_clock.clock_hz = clock_hz;
    s.cost = cost::estimate(s.shape, ix, t.entries, at_clock, o);
    s.command = "gqalut cost --table " + explore::shell_quote(table_path);
    if (lanes != 1) s.command += " --lanes " + std::to_string(lanes);
    if (ix != cost::Indexing::parallel) s.command += " --indexing " + cost::to_string(ix);
    if (requantizer && s.requantizer) s.command += " --requantizer";
    if (std::fabs(clock_hz - 500e6) > 1) s.command += " --clock-mhz " + show_number(clock_hz / 1e6);
    return s;
}

nlohmann::json to_json(const SizedCost& s) {
    return {{"unit", s.shape.name()},
            {"max_entries", s.shape.max_entries},
            {"lanes", s.shape.lanes},
            {"indexing", cost::to_string(s.indexing)},
            {"requantizer", s.requantizer},
            {"clock_hz", s.cost.clock_hz},
            {"area_um2", s.cost.area_um2},
            {"energy_pj_per_element", s.cost.energy_pj_per_element},
            {"power_mw", s.cost.power_mw},
            {"activity", "nominal (continuous streaming, every entry in use)"},
            {"same_as", s.command}};
}

void print_sized_cost(const SizedCost& s, const UnitShape& simulated) {
    std::printf("simulated unit %s: a precompiled shape (MaxEntries %d%s); its cost is the line above\n",
                simulated.name().c_str(), simulated.max_entries,
                simulated.kind == UnitKind::int_unit ? ", requantizer built in" : "");
    std::printf("unit sized to the table (%s: MaxEntries %d, %s, %s indexing, %d lane%s): area %.0f um^2, %.4f pJ/element, "
                "%.4f mW at %.0f MHz, nominal activity  (= %s)\n",
                s.shape.name().c_str(), s.shape.max_entries, s.requantizer ? "with requantizer" : "no requantizer",
                cost::to_string(s.indexing).c_str(), s.shape.lanes, s.shape.lanes == 1 ? "" : "s", s.cost.area_um2,
                s.cost.energy_pj_per_element, s.cost.power_mw, s.cost.clock_hz / 1e6, s.command.c_str());
}

}  // namespace gqalut::cli
