// Approximation maths (FloPoCo's second layer): the line of one segment, and its conversion to
// the parameter format.
#pragma once
#include <cstdint>

#include "model/functions.hpp"
#include "model/pwl_table.hpp"

namespace gqalut {

struct Line {
    double slope, intercept;
};

// The chord through (a, f(a)) and (b, f(b)) — the reference implementation's segment fit.
// a == b gives the zero line, as the reference does.
Line chord_fit(const RefFunction& f, double a, double b);

// Real parameter -> code with `frac` fraction bits: round half to even, saturate to W bits.
int64_t param_code(double v, int frac, const IntParams& p);

}  // namespace gqalut
