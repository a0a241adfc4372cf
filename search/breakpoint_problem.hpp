// The GA's view of a problem: a genome is a sorted set of N-1 real breakpoints; decoding fits a
// line per segment and converts it to the table's format (the paper's "K*, B* derived from P*,
// then rounded to FXP"); the fitness is the protocol's MSE of the decoded table.
#pragma once
#include <string>
#include <vector>

#include "search/problem.hpp"

namespace gqalut {

enum class Fit {
    chord,   // the reference implementation's chord through the segment ends (paper-faithful)
    lsq      // least squares on the protocol's points; INT codes are the exact integer optimum
};
Fit parse_fit(const std::string& s);   // throws BadInput
std::string to_string(Fit f);

using Genome = std::vector<double>;

class BreakpointProblem {
public:
    BreakpointProblem(const Problem& problem, Fit fit);

    size_t genes() const { return static_cast<size_t>(problem_.spec().entries - 1); }
    double gene_lo() const { return problem_.fit_lo(); }
    double gene_hi() const { return problem_.fit_hi(); }
    const Problem& problem() const { return problem_; }
    Fit fit() const { return fit_; }

    // The table of a sorted genome, with method `method`.
    PwlTable decode(const Genome& g, const std::string& method = "gqa") const;
    // The protocol's mean MSE of decode(g): equals evaluate(decode(g), paper).mse_mean exactly.
    double fitness(const Genome& g) const { return problem_.score(decode(g)); }

    // The reference implementation's outer chord points: the first and last segments are fitted
    // towards these instead of the range ends (GELU/HSWISH/SiLU +-1e4 give their asymptotes).
    static std::pair<double, double> chord_anchors(const std::string& function, double lo, double hi);

private:
    void fit_int_lsq(const Genome& g, PwlTable& t) const;
    void fit_fp32_lsq(PwlTable& t) const;

    const Problem& problem_;
    Fit fit_;
    double anchor_lo_, anchor_hi_;
};

}  // namespace gqalut
