// What the RTL levels share: the checks of what the RTL cannot do, the registration of each
// level (rtl_level.cpp, rtl_sc_level.cpp) and a shape list for messages.
#pragma once
#include <string>
#include <vector>

#include "model/errors.hpp"
#include "model/unit/levels.hpp"

namespace gqalut::rtl {

// Binary-search indexing (the RTL has parallel comparators) and toggle-weighted power (no
// power monitor) are the cycle model's; throws BadInput.
inline void check_rtl_options(const unit::UnitOptions& o) {
    if (o.indexing != cost::Indexing::parallel)
        throw BadInput("--indexing: the RTL implements parallel comparators only (binary search: --model cycle)");
    if (o.toggles) throw BadInput("--toggles: the RTL has no power monitor (use --model cycle)");
}

inline std::string shape_list(const std::vector<UnitShape>& shapes) {
    std::string list;
    for (const auto& s : shapes) list += (list.empty() ? "" : ", ") + s.name();
    return list;
}

void register_rtl_level();
void register_rtl_sc_level();

}  // namespace gqalut::rtl
