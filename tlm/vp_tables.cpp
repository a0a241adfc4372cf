#include "tlm/vp_tables.hpp"

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "search/uniform.hpp"

namespace gqalut::vp {

namespace {
PwlTable builtin(const std::string& function, int entries, double lo, double hi, int lambda) {
    PwlTable t = uniform_table(function, Precision::int8, entries, lo, hi, "", lambda);
    if (t.scaler) t.scaler->preset = "normalize";
    else t.scales = {0, 1, 2, 3, 4, 5, 6, 7};
    return t;
}
PwlTable pick(const std::string& file, PwlTable fallback, const std::string& function) {
    if (file.empty()) return fallback;
    PwlTable t = load_table(file);
    if (t.function != function) throw BadInput(file + ": a " + t.function + " table where " + function + " is needed");
    if (t.precision != Precision::int8) throw BadInput(file + ": the kernels use INT8 tables");
    return t;
}
}  // namespace

VpTables vp_tables(const std::string& exp_file, const std::string& gelu_file, const std::string& div_file,
                   const std::string& rsqrt_file) {
    VpTables t;
    // The normalize preset feeds the DIV core x' in [2, 4) and the RSQRT core x' in [1, 4): the
    // tables cover those windows, with as many fraction bits as their values allow (1/x' <
    // 0.5 fits Q0.7; 1/sqrt(x') <= 1 needs Q1.6).
    t.exp = pick(exp_file, builtin("exp", 16, -8, 0, 6), "exp");
    t.gelu = pick(gelu_file, builtin("gelu", 16, -4, 4, 6), "gelu");
    t.div = pick(div_file, builtin("div", 16, 2, 4, 7), "div");
    t.rsqrt = pick(rsqrt_file, builtin("rsqrt", 16, 1, 4, 6), "rsqrt");
    return t;
}

}  // namespace gqalut::vp
