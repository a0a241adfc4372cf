// The cost of a unit sized to a table: MaxEntries = the table's N, its lanes and indexing, the
// requantizer only when asked for. `gqalut cost --table FILE` prints it, and `gqalut sim`
// prints it beside the cost of the precompiled shape it simulated.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "model/cost/cost_model.hpp"
#include "model/pwl_table.hpp"

namespace gqalut::cli {

struct SizedCost {
    UnitShape shape;
    cost::Indexing indexing = cost::Indexing::parallel;
    bool requantizer = false;
    cost::UnitCost cost;
    std::string command;   // the `gqalut cost` command that prints the same numbers
};

SizedCost sized_cost(const PwlTable& t, const std::string& table_path, int lanes, cost::Indexing ix, bool requantizer,
                     double clock_hz, const cost::Constants& c);
nlohmann::json to_json(const SizedCost& s);
// Two lines: what was simulated, and the unit sized to the table with its cost command.
void print_sized_cost(const SizedCost& s, const UnitShape& simulated);

}  // namespace gqalut::cli
