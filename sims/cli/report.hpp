// Human-readable and JSON summaries shared by subcommands.
#pragma once
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "model/metrics.hpp"
#include "model/pwl_table.hpp"

namespace gqalut::cli {

// function, method, precision, entries, scheme, parameter format — as JSON keys.
nlohmann::json table_summary(const PwlTable& t);
// One line: "gelu int8, 8 entries, per-scale, Q1.6 slopes/intercepts, method reference".
std::string describe(const PwlTable& t);
void print_metrics_text(std::ostream& os, const Metrics& m);

}  // namespace gqalut::cli
