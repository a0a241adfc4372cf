#include "tlm/vp_tables.hpp"

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "search/search.hpp"

namespace gqalut::vp {

// `gqalut search --function exp --preset reduce --range -16,0 --scaler-output UQ1.31 --entries N
// --method optimal --lambda L`: the unit splits x log2(e) into n + c 2^-8 and its INT8 core holds
// 2^x' on [0, 1), the exact per-scale optimum of the error over [-16, 0] (what the softmax feeds:
// x - max(x) of INT8 logits at scale 4); every x <= 0 of the Q15.16 input is in range, the output
// is exp(x) in UQ1.31.
SearchOptions reduced_exp_search(int entries, int lambda) {
    SearchOptions o;
    o.method = "optimal";
    o.spec.function = "exp";
    o.spec.preset = "reduce";
    o.spec.lo = -16;
    o.spec.hi = 0;
    o.spec.scaler_output = "UQ1.31";
    o.spec.entries = entries;
    o.spec.lambda_k = o.spec.lambda_b = lambda;
    return o;
}

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
// A table file for `function`'s kernel.
PwlTable load_for(const std::string& file, const std::string& function) {
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
    // Softmax's EXP goes through the range reduction: 2^x' in [1, 2) needs Q1.6 parameters.
    // The normalize preset feeds the DIV core x' in [2, 4) and the RSQRT core x' in [1, 4):
    // those tables cover these windows, with as many fraction bits as their values allow
    // (1/x' <= 0.5 fits Q0.7; 1/sqrt(x') <= 1 needs Q1.6).
    t.exp = exp_file.empty() ? run_search(reduced_exp_search()).table : load_for(exp_file, "exp");
    t.gelu = gelu_file.empty() ? builtin("gelu", 16, -4, 4, 6) : load_for(gelu_file, "gelu");
    t.div = div_file.empty() ? builtin("div", 16, 2, 4, 7) : load_for(div_file, "div");
    t.rsqrt = rsqrt_file.empty() ? builtin("rsqrt", 16, 1, 4, 6) : load_for(rsqrt_file, "rsqrt");
    return t;
}

}  // namespace gqalut::vp
