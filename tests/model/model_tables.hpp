// Helpers of the model tests: a per-scale INT table from its LUT loads, and the one-line error a
// table file's text gives when loaded.
#pragma once
#include <map>
#include <string>

#include "model/errors.hpp"
#include "model/table_io.hpp"

namespace gqalut::test {

// An INT table with one LUT load per scale (the scales are the map's keys).
inline PwlTable per_scale_table(const std::string& function, double lo, double hi, const IntParams& p,
                                std::map<int, LutCodes> luts) {
    PwlTable t;
    t.function = function;
    t.range_lo = lo;
    t.range_hi = hi;
    t.entries = static_cast<int>(luts.begin()->second.slopes.size());
    t.params = p;
    for (const auto& kv : luts) t.scales.push_back(kv.first);
    t.per_scale = std::move(luts);
    return t;
}

// The BadInput message of loading `text` as "t.json", or "" when it loads.
inline std::string table_error(const std::string& text) {
    try {
        table_from_json_text(text, "t.json");
    } catch (const BadInput& e) {
        return e.what();
    }
    return "";
}

}  // namespace gqalut::test
