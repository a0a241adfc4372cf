// Which symmetry a function has, so that a table can cover x >= 0 only and the unit folds the
// input sign (docs/numeric-definition.md §8): odd f(-x) = -f(x), even f(-x) = f(x), point
// f(-x) = 2c - f(x), shifted f(x) = x + f(-x). Built-ins are known by name; an expression (or a
// symmetry asked for) is checked numerically on the range.
#pragma once
#include <string>

#include "model/functions.hpp"
#include "model/pwl_table.hpp"

namespace gqalut {

struct SymmetryFit {
    Symmetry symmetry = Symmetry::none;
    double center = 0;   // point symmetry: c
};

// Whether f has symmetry s on [-R, R], R = max(|lo|, |hi|), at every sample x in (0, R] where
// f is defined at x and -x: |f(-x) - fix(f(x))| <= 1e-9 (1 + |f(x)|). For point symmetry the
// centre c = (f(x) + f(-x)) / 2 must be the same at every sample; it is returned in *center.
// `none` always holds. Throws nothing.
bool has_symmetry(const RefFunction& f, Symmetry s, double lo, double hi, double* center = nullptr);

// `auto`: a built-in's symmetry by name (sigmoid point c = 1/2, tanh odd, gelu, silu and hswish
// shifted, exp none), an expression's the first of odd, even, point, shifted that it has
// numerically (none if none). The scaler functions (div, rsqrt, exp2, log2) have none.
SymmetryFit detect_symmetry(const RefFunction& f, double lo, double hi);

// The symmetry a request names ("auto", or a symmetry name) for f on [lo, hi]. Throws BadInput
// naming the function, the range and a sample where it fails if f does not have it.
SymmetryFit resolve_symmetry(const std::string& request, const RefFunction& f, double lo, double hi);

}  // namespace gqalut
