#include "search/segment_fit.hpp"

#include <cmath>

namespace gqalut {

Line chord_fit(const RefFunction& f, double a, double b) {
    if (a == b) return {0.0, 0.0};
    const double fa = f(a), fb = f(b);
    const double k = (fb - fa) / (b - a);
    return {k, fa - k * a};
}

int64_t param_code(double v, int frac, const IntParams& p) {
    const FixFormat fmt = p.param_format(frac);
    return round_half_even_scaled(v, frac, fmt.min_code(), fmt.max_code());
}

}  // namespace gqalut
