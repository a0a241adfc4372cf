// Codes the parameter format clipped: a slope or intercept code at a rail of its W-bit range
// that one more step past the rail would improve (the entry's objective over its own points,
// the other code kept). Such a table was shaped by the format, not by the function: the search
// warns and records the counts in the table's metrics (`codes_at_rail`).
#pragma once
#include <nlohmann/json.hpp>

#include "search/problem.hpp"

namespace gqalut {

struct RailReport {
    int slopes = 0, intercepts = 0;   // LUT entries (per scale for per-scale tables)
    bool any() const { return slopes + intercepts > 0; }
    nlohmann::json to_json() const { return {{"slopes", slopes}, {"intercepts", intercepts}}; }
};

// For an INT table of p (FP32: none).
RailReport clipped_codes(const Problem& p, const PwlTable& t);

}  // namespace gqalut
