#include "sims/explore/choose.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "model/errors.hpp"

namespace gqalut::explore {

Objective parse_objective(const std::string& s) {
    if (s == "area") return Objective::area;
    if (s == "energy") return Objective::energy;
    if (s == "power") return Objective::power;
    if (s == "entries") return Objective::entries;
    throw BadInput("--minimise: '" + s + "' is not area, energy, power or entries");
}

std::string to_string(Objective o) {
    switch (o) {
        case Objective::area: return "area";
        case Objective::energy: return "energy";
        case Objective::power: return "power";
        case Objective::entries: return "entries";
    }
    return "?";
}

std::string objective_unit(Objective o) {
    switch (o) {
        case Objective::area: return "um^2";
        case Objective::energy: return "pJ/element";
        case Objective::power: return "mW";
        case Objective::entries: return "entries";
    }
    return "";
}

double objective_value(const Point& p, Objective o) {
    switch (o) {
        case Objective::area: return p.area_um2;
        case Objective::energy: return p.energy_pj_per_element;
        case Objective::power: return p.power_mw;
        case Objective::entries: return p.entries();
    }
    return 0;
}

std::string Target::describe(const std::string& protocol) const {
    std::string s;
    char b[64];
    if (max_error) {
        std::snprintf(b, sizeof b, "max |error| <= %g", *max_error);
        s += b;
    }
    if (max_mse) {
        std::snprintf(b, sizeof b, "%smean MSE <= %g", s.empty() ? "" : " and ", *max_mse);
        s += b;
    }
    if (max_network_loss) {
        std::snprintf(b, sizeof b, " <= %g ", *max_network_loss);
        s += (s.empty() ? "" : " and ") + network_label + b + network_unit;
    }
    return (s.empty() ? "no accuracy target" : s) + " (" + protocol + " protocol)";
}

Target Target::operator_part() const {
    Target t = *this;
    t.max_network_loss.reset();
    return t;
}

bool meets(const Point& p, const Target& t) {
    return (!t.max_error || p.max_abs_error <= *t.max_error) && (!t.max_mse || p.mse_mean <= *t.max_mse) &&
           (!t.max_network_loss || (p.network_degradation && *p.network_degradation <= *t.max_network_loss));
}

namespace {
auto rank_key(const Point& p, Objective o) {
    return std::make_tuple(objective_value(p, o), input_bits(p.precision()), p.entries(), p.area_um2, p.mse_mean);
}
}  // namespace

std::vector<const Point*> ranked(const std::vector<Point>& points, const Target& t) {
    std::vector<const Point*> out;
    for (const auto& p : points)
        if (meets(p, t)) out.push_back(&p);
    std::stable_sort(out.begin(), out.end(),
                     [&](const Point* a, const Point* b) { return rank_key(*a, t.objective) < rank_key(*b, t.objective); });
    return out;
}

std::vector<const Point*> pareto_front(const std::vector<Point>& points, Objective o) {
    std::map<std::string, std::vector<const Point*>> by_function;
    for (const auto& p : points) by_function[p.get("function")].push_back(&p);
    std::vector<const Point*> out;
    for (auto& [f, pts] : by_function) {
        std::stable_sort(pts.begin(), pts.end(), [&](const Point* a, const Point* b) {
            return std::make_pair(rank_key(*a, o), a->mse_mean) < std::make_pair(rank_key(*b, o), b->mse_mean);
        });
        double best = 0;
        bool any = false;
        for (const Point* p : pts)
            if (!any || p->mse_mean < best) {
                out.push_back(p);
                best = p->mse_mean;
                any = true;
            }
    }
    return out;
}

}  // namespace gqalut::explore
