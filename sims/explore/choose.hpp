// Which designs of a sweep meet an accuracy target, ranked by an objective; the Pareto front.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sims/explore/sweep.hpp"

namespace gqalut::explore {

enum class Objective { area, energy, power, entries };
Objective parse_objective(const std::string& s);   // throws BadInput
std::string to_string(Objective o);
double objective_value(const Point& p, Objective o);
std::string objective_unit(Objective o);   // "um^2", "pJ/element", "mW", "entries"

struct Target {
    std::optional<double> max_error;   // max |pwl - f| under the sweep's protocol
    std::optional<double> max_mse;     // mean MSE under the sweep's protocol
    // The network bound (gqalut explore --network, sims/explore/network.hpp): the study's
    // degradation with the point's table at most this, in `network_unit`.
    std::optional<double> max_network_loss;
    std::string network_label, network_unit;   // "digits accuracy loss", "points"
    Objective objective = Objective::area;
    // "max |error| <= 0.01 and digits accuracy loss <= 0.1 points (paper protocol)"
    std::string describe(const std::string& protocol) const;
    Target operator_part() const;   // the target without its network bound
};

bool meets(const Point& p, const Target& t);   // a point the network did not evaluate fails a network bound

// Points meeting the target, best first: the objective, then fewer input bits, fewer entries,
// smaller area, lower MSE, then sweep order.
std::vector<const Point*> ranked(const std::vector<Point>& points, const Target& t);

// Per function, the points no other point beats in both the objective and the mean MSE.
std::vector<const Point*> pareto_front(const std::vector<Point>& points, Objective o);

}  // namespace gqalut::explore
