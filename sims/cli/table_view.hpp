// A table in real units, for `gqalut show`: per scale the input format, every segment's input
// interval, breakpoint, slope and intercept (codes and values), which codes sit at a rail of
// their format, and the curves to plot (f(x), the pwl output and the error per input code).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "model/pwl_table.hpp"

namespace gqalut::cli {

// {"formats": ..., "scales": [{"scale", "input_format", "x_min", "x_max", "segments": [...]}]}
// (FP32: one entry with scale null). `only` restricts INT tables to one scale.
nlohmann::json table_view(const PwlTable& t, std::optional<int> only = {});

// Plot data: per scale, input codes inside the table's range (at most max_points, evenly
// thinned), x, f(x), pwl(x) and pwl(x) - f(x).
nlohmann::json plot_data(const PwlTable& t, std::optional<int> only = {}, size_t max_points = 4096);

}  // namespace gqalut::cli
