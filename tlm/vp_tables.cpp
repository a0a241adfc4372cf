#include "tlm/vp_tables.hpp"

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "search/search.hpp"

namespace gqalut::vp {

namespace {
// The exact per-scale optimum (search/optimal.hpp) of an INT8 table on [lo, hi].
PwlTable builtin(const std::string& function, int entries, double lo, double hi, int lambda,
                 const std::string& expr = "") {
    SearchOptions o;
    o.method = "optimal";
    o.spec.function = function;
    o.spec.expr = expr;
    o.spec.entries = entries;
    o.spec.lo = lo;
    o.spec.hi = hi;
    o.spec.lambda_k = o.spec.lambda_b = lambda;
    const bool scaler = function == "div" || function == "rsqrt";
    if (scaler) o.spec.preset = "normalize";
    else o.spec.scales = std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7};
    return run_search(o).table;
}
PwlTable pick(const std::string& file, PwlTable fallback, const std::string& function) {
    if (file.empty()) return fallback;
    PwlTable t = load_table(file);
    if (t.function != function && !(function == "exp" && t.function == "expr"))
        throw BadInput(file + ": a " + t.function + " table where " + function + " is needed");
    if (t.precision != Precision::int8) throw BadInput(file + ": the kernels use INT8 tables");
    return t;
}
}  // namespace

VpTables vp_tables(const std::string& exp_file, const std::string& gelu_file, const std::string& div_file,
                   const std::string& rsqrt_file) {
    VpTables t;
    // Softmax needs exp(x) only up to a constant factor (it cancels in the normalisation), so
    // its table holds 0.49 exp(x) <= 0.49, which fits Q0.8: four times finer steps than the
    // Q1.6 that exp(0) = 1 would need. The normalize preset feeds the DIV core x' in [2, 4)
    // and the RSQRT core x' in [1, 4): those tables cover these windows, with as many fraction
    // bits as their values allow (1/x' <= 0.5 fits Q0.7; 1/sqrt(x') <= 1 needs Q1.6).
    t.exp = pick(exp_file, builtin("expr", 32, -8, 0, 8, "0.49*exp(x)"), "exp");
    t.gelu = pick(gelu_file, builtin("gelu", 16, -4, 4, 6), "gelu");
    t.div = pick(div_file, builtin("div", 16, 2, 4, 7), "div");
    t.rsqrt = pick(rsqrt_file, builtin("rsqrt", 16, 1, 4, 6), "rsqrt");
    return t;
}

}  // namespace gqalut::vp
