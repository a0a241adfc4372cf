#include "search/uniform.hpp"

#include "search/segment_fit.hpp"

namespace gqalut {

PwlTable uniform_table(const std::string& function, Precision precision, int entries, double lo, double hi,
                       const std::string& expr, int lambda) {
    const RefFunctionPtr f = make_function(function, expr, lo, hi);
    PwlTable t;
    t.function = function;
    t.expr = expr;
    t.range_lo = lo;
    t.range_hi = hi;
    t.method = "uniform";
    t.entries = entries;
    t.precision = precision;
    std::vector<double> edges;
    for (int i = 0; i <= entries; ++i) edges.push_back(lo + (hi - lo) * i / entries);
    if (precision == Precision::fp32) {
        for (int i = 0; i < entries; ++i) {
            const Line l = chord_fit(*f, edges[i], edges[i + 1]);
            if (i > 0) t.fp32.breakpoints.push_back(static_cast<float>(edges[i]));
            t.fp32.slopes.push_back(static_cast<float>(l.slope));
            t.fp32.intercepts.push_back(static_cast<float>(l.intercept));
        }
        return t;
    }
    t.params = default_int_params(precision);
    for (int s = 0; s <= 6; ++s) t.scales.push_back(s);
    if (f->multi_range()) {
        t.scaler = ScalerSpec{};
        t.params.input_signed = false;
        t.params.lambda_k = t.params.lambda_b = t.params.k - 3;
        t.scales = {t.params.k - 3};
    }
    if (lambda >= 0) t.params.lambda_k = t.params.lambda_b = lambda;
    SharedBreakpoints sh;
    for (int i = 0; i < entries; ++i) {
        const Line l = chord_fit(*f, edges[i], edges[i + 1]);
        if (i > 0) sh.breakpoints.push_back(edges[i]);
        sh.slopes.push_back(param_code(l.slope, t.params.lambda_k, t.params));
        sh.intercepts.push_back(param_code(l.intercept, t.params.lambda_b, t.params));
    }
    t.shared = sh;
    return t;
}

}  // namespace gqalut
