#include "model/unit/levels.hpp"

#include <algorithm>

#include "model/errors.hpp"
#include "model/unit/golden_level.hpp"

namespace gqalut::unit {

namespace {
std::vector<Level>& registry() {
    static std::vector<Level> r{golden_level()};
    return r;
}
}  // namespace

bool Level::builds(const UnitShape& s) const {
    if (shapes.empty()) return true;
    for (const auto& b : shapes)
        if (b.name() == s.name() && b.core_width == s.core_width) return true;
    return false;
}

void add_level(const Level& level) {
    auto& r = registry();
    for (auto& l : r)
        if (l.name == level.name) {
            l = level;
            return;
        }
    r.push_back(level);
}

const Level* find_level(const std::string& name) {
    for (const auto& l : registry())
        if (l.name == name) return &l;
    return nullptr;
}

std::vector<Level> levels() {
    std::vector<Level> r = registry();
    std::stable_sort(r.begin(), r.end(), [](const Level& a, const Level& b) { return a.rank < b.rank; });
    return r;
}

std::string level_names() {
    std::string s;
    for (const auto& l : levels()) s += (s.empty() ? "" : ", ") + l.name;
    return s;
}

const Level& level(const std::string& name) {
    if (const Level* l = find_level(name)) return *l;
    std::string hint;
    if (name == "cycle") hint = "; it registers with gqalut::unit::register_cycle_level() (library gqalut_unit_cycle)";
    if (name == "rtl" || name == "rtl-sc")
        hint = "; it registers with gqalut::rtl::register_rtl_levels() (library gqalut_unit_rtl)";
    throw BadInput("unknown model '" + name + "' (registered: " + level_names() + hint + ")");
}

}  // namespace gqalut::unit
