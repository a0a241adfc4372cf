#include "model/symmetry.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/errors.hpp"

namespace gqalut {

namespace {

constexpr double kTolerance = 1e-9;
constexpr int kSamples = 1024;

// f(-x) as the symmetry predicts it from f(x) (point: with centre c).
double predicted(Symmetry s, double x, double fx, double c) {
    switch (s) {
        case Symmetry::odd: return -fx;
        case Symmetry::even: return fx;
        case Symmetry::point: return 2 * c - fx;
        case Symmetry::shifted: return fx - x;
        case Symmetry::none: break;
    }
    return fx;
}

// The first sample where the symmetry fails (x > 0), or 0 when it holds everywhere. A function
// defined on one side only has no symmetry: the range's end is returned.
double first_failure(const RefFunction& f, Symmetry s, double lo, double hi, double* center) {
    const double r = std::max(std::fabs(lo), std::fabs(hi));
    double c = 0;
    bool have_c = false;
    int checked = 0;
    for (int i = 1; i <= kSamples; ++i) {
        // Evenly spaced, plus an irrational offset so kinks at simple fractions are not missed.
        const double x = r * (i - 0.5 + 0.5 * (std::sqrt(2.0) - 1.0) * (i % 2)) / kSamples;
        if (!f.in_domain(x) || !f.in_domain(-x)) continue;
        const double fx = f(x), fm = f(-x);
        if (!std::isfinite(fx) || !std::isfinite(fm)) continue;
        if (s == Symmetry::point && !have_c) {
            c = (fx + fm) / 2;
            have_c = true;
        }
        if (std::fabs(fm - predicted(s, x, fx, c)) > kTolerance * (1 + std::fabs(fx) + std::fabs(x))) return x;
        ++checked;
    }
    if (checked == 0) return r;
    if (center) *center = c;
    return 0;
}

}  // namespace

bool has_symmetry(const RefFunction& f, Symmetry s, double lo, double hi, double* center) {
    if (s == Symmetry::none) return true;
    return first_failure(f, s, lo, hi, center) == 0;
}

SymmetryFit detect_symmetry(const RefFunction& f, double lo, double hi) {
    static const std::map<std::string, SymmetryFit> known = {
        {"sigmoid", {Symmetry::point, 0.5}}, {"tanh", {Symmetry::odd, 0}},     {"gelu", {Symmetry::shifted, 0}},
        {"silu", {Symmetry::shifted, 0}},    {"hswish", {Symmetry::shifted, 0}}};
    if (f.name() != "expr") {
        auto it = known.find(f.name());
        return it == known.end() ? SymmetryFit{} : it->second;
    }
    for (Symmetry s : {Symmetry::odd, Symmetry::even, Symmetry::point, Symmetry::shifted}) {
        double c = 0;
        if (has_symmetry(f, s, lo, hi, &c)) return {s, s == Symmetry::point ? c : 0};
    }
    return {};
}

SymmetryFit resolve_symmetry(const std::string& request, const RefFunction& f, double lo, double hi) {
    if (request == "auto") return detect_symmetry(f, lo, hi);
    const Symmetry s = parse_symmetry(request);
    if (s == Symmetry::none) return {};
    if (f.multi_range()) throw BadInput("--symmetry " + request + ": " + f.name() + " runs on the scaler unit, which has no symmetry folding");
    double c = 0;
    const double x = first_failure(f, s, lo, hi, &c);
    const std::string name = f.name() == "expr" ? "'" + f.expr() + "'" : f.name();
    const double r = std::max(std::fabs(lo), std::fabs(hi));
    const std::string where = " on [" + show_number(-r) + ", " + show_number(r) + "]";
    if (x != 0 && !(f.in_domain(x) && f.in_domain(-x)))
        throw BadInput("--symmetry " + request + ": " + name + " is not defined on both sides of 0" + where);
    if (x != 0)
        throw BadInput("--symmetry " + request + ": " + name + " is not " + request + where + " (at x = " + show_number(x) +
                       ": f(x) = " + show_number(f(x)) + ", f(-x) = " + show_number(f(-x)) + ")");
    return {s, s == Symmetry::point ? c : 0};
}

}  // namespace gqalut
