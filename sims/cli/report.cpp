#include "sims/cli/report.hpp"

#include <cstdio>
#include <ostream>

namespace gqalut::cli {

nlohmann::json table_summary(const PwlTable& t) {
    nlohmann::json j;
    j["function"] = t.function == "expr" ? "expr:" + t.expr : t.function;
    j["method"] = t.method;
    j["precision"] = to_string(t.precision);
    j["entries"] = t.entries;
    if (is_int(t.precision)) {
        j["scheme"] = t.is_shared() ? "shared" : "per-scale";
        j["param_format"] = {{"width", t.params.width}, {"lambda_k", t.params.lambda_k}, {"lambda_b", t.params.lambda_b}};
        if (t.scaler) j["scaler"] = t.scaler->preset;
    }
    return j;
}

std::string describe(const PwlTable& t) {
    std::string s = (t.function == "expr" ? "expr '" + t.expr + "'" : t.function) + " " + to_string(t.precision) + ", " +
                    std::to_string(t.entries) + " entries";
    if (is_int(t.precision)) {
        s += t.is_shared() ? ", shared breakpoints" : ", per-scale LUT";
        s += ", slopes " + t.params.param_format(t.params.lambda_k).str() + ", intercepts " +
             t.params.param_format(t.params.lambda_b).str();
        if (t.scaler) s += ", scaler " + t.scaler->preset;
        if (t.datapath.folded()) s += ", " + to_string(t.datapath.symmetry) + " symmetry (the LUT covers |x|)";
        if (t.datapath.clamp) s += ", inputs clamped to the range";
        if (t.datapath.intercept == InterceptMode::relative) s += ", segment-relative intercepts";
    }
    return s + ", method " + t.method;
}

void print_metrics_text(std::ostream& os, const Metrics& m) {
    char buf[160];
    os << "protocol " << m.protocol << (m.sampled ? " (sampled)" : "") << ", " << m.points << " points\n";
    for (const auto& [s, v] : m.mse_per_scale) {
        std::snprintf(buf, sizeof buf, "  MSE  s=%-4s %.4e\n", s.c_str(), v);
        os << buf;
    }
    std::snprintf(buf, sizeof buf, "  MSE mean    %.4e\n  max |err|   %.4e\n", m.mse_mean, m.max_abs_error);
    os << buf;
    if (m.max_rel_error) {
        std::snprintf(buf, sizeof buf, "  max rel err %.4e\n  mean rel    %.4e\n", *m.max_rel_error, *m.mean_rel_error);
        os << buf;
    }
    if (m.max_lsb_error) {
        std::snprintf(buf, sizeof buf, "  max err in output LSBs %.3f\n", *m.max_lsb_error);
        os << buf;
    }
}

}  // namespace gqalut::cli
