#include "sims/cli/table_view.hpp"

#include <algorithm>
#include <cmath>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"
#include "model/functions.hpp"
#include "model/int_datapath.hpp"

namespace gqalut::cli {

namespace {

std::vector<int> scales_of(const PwlTable& t, std::optional<int> only) {
    if (!only) return t.scales;
    for (int s : t.scales)
        if (s == *only) return {s};
    std::string have;
    for (int s : t.scales) have += (have.empty() ? "" : ",") + std::to_string(s);
    throw BadInput("--scale: the table has no scale " + std::to_string(*only) + " (it has " + have + ")");
}

// The codes of scale s whose x = q 2^-s lies in the table's range (all codes if none does).
std::vector<int64_t> codes_in_range(const PwlTable& t, int s, size_t max_points) {
    const IntParams& p = t.params;
    int64_t lo = p.min_code(), hi = p.max_code();
    const double step = std::ldexp(1.0, -s);
    const double a = std::ceil(t.range_lo / step), b = std::floor(t.range_hi / step);
    if (a <= b && b >= static_cast<double>(lo) && a <= static_cast<double>(hi)) {
        lo = std::max(lo, static_cast<int64_t>(std::max(a, static_cast<double>(lo))));
        hi = std::min(hi, static_cast<int64_t>(std::min(b, static_cast<double>(hi))));
    }
    std::vector<int64_t> q;
    const uint64_t n = static_cast<uint64_t>(hi - lo) + 1;
    const uint64_t stride = std::max<uint64_t>(1, (n + max_points - 1) / max_points);
    for (uint64_t i = 0; i < n; i += stride) q.push_back(lo + static_cast<int64_t>(i));
    if (q.back() != hi) q.push_back(hi);
    return q;
}

}  // namespace

nlohmann::json table_view(const PwlTable& t, std::optional<int> only) {
    nlohmann::json v;
    nlohmann::json scales = nlohmann::json::array();
    if (!is_int(t.precision)) {
        v["formats"] = {{"input", "binary32"}, {"breakpoints", "binary32"}, {"slopes", "binary32"}, {"intercepts", "binary32"}};
        nlohmann::json segs = nlohmann::json::array();
        const auto& l = t.fp32;
        for (size_t i = 0; i < l.slopes.size(); ++i)
            segs.push_back({{"segment", i},
                            {"x_from", i == 0 ? nlohmann::json("-inf") : nlohmann::json(l.breakpoints[i - 1])},
                            {"x_to", i + 1 == l.slopes.size() ? nlohmann::json("inf") : nlohmann::json(l.breakpoints[i])},
                            {"slope", l.slopes[i]},
                            {"intercept", l.intercepts[i]},
                            {"rail", nlohmann::json::array()}});
        scales.push_back({{"scale", nullptr}, {"input_format", "binary32"}, {"segments", segs}});
        v["scales"] = scales;
        return v;
    }
    const IntParams& p = t.params;
    const FixFormat kf = p.param_format(p.lambda_k), bf = p.param_format(p.lambda_b);
    v["formats"] = {{"input", std::string(p.input_signed ? "signed " : "unsigned ") + std::to_string(p.k) + "-bit codes q, x = q * 2^-s"},
                    {"slopes", kf.str() + " (" + show_number(kf.to_real(kf.min_code())) + " .. " + show_number(kf.to_real(kf.max_code())) + ")"},
                    {"intercepts", bf.str() + " (" + show_number(bf.to_real(bf.min_code())) + " .. " + show_number(bf.to_real(bf.max_code())) + ")"},
                    {"breakpoints", "input codes; " + std::to_string(t.bp_max()) + " (one past the largest operand code) never fires"}};
    // The steps before the comparators and after the MAC (numeric-definition.md §8-§10).
    const DatapathOptions& dp = t.datapath;
    std::string steps;
    if (dp.folded()) {
        const std::string fix = dp.symmetry == Symmetry::odd       ? "y = -y'"
                                : dp.symmetry == Symmetry::even    ? "y = y'"
                                : dp.symmetry == Symmetry::point   ? "y = 2c - y' (c = " + show_number(bf.to_real(dp.center)) + ")"
                                                                   : "y = y' + x";
        steps += "fold q' = |q| (" + to_string(dp.symmetry) + " symmetry; for q < 0 " + fix + "), the segments below are of |x|";
    }
    if (dp.clamp) steps += std::string(steps.empty() ? "" : "; ") + "clamp q'' to the fitted range [" + show_number(t.fit_lo()) + ", " +
                           show_number(t.fit_hi()) + "]";
    if (dp.intercept == InterceptMode::relative)
        steps += std::string(steps.empty() ? "" : "; ") + "relative intercepts: y' = K (q'' - P_{i-1}) + B, B the value at the segment start";
    if (!steps.empty()) v["formats"]["datapath"] = steps;
    if (t.scaler)
        v["formats"]["scaler"] = "multi-range scaler, preset " + t.scaler->preset + ", input " + t.scaler->input.str() + ", output " +
                                 t.scaler->output.str() + "; the core below sees " + std::to_string(p.k) + "-bit codes";
    for (int s : scales_of(t, only)) {
        const LutCodes l = t.lut_for_scale(s);
        const FixFormat in{p.k, s, p.input_signed};
        // The operand codes the comparators see: |q| up to 2^(k-1) when folded, within the clamp.
        const IntMode mode = t.mode_for_scale(s);
        int64_t op_lo = mode.folded() ? 0 : p.min_code(), op_hi = mode.folded() ? p.max_code() + 1 : p.max_code();
        if (mode.clamp) op_lo = std::max(op_lo, mode.clamp_lo), op_hi = std::min(op_hi, mode.clamp_hi);
        nlohmann::json segs = nlohmann::json::array();
        for (size_t i = 0; i < l.slopes.size(); ++i) {
            const int64_t from = i == 0 ? op_lo : std::max(op_lo, l.breakpoints[i - 1]);
            const int64_t to = i + 1 == l.slopes.size() ? op_hi : std::min(op_hi, l.breakpoints[i] - 1);
            nlohmann::json rail = nlohmann::json::array();
            if (l.slopes[i] == kf.min_code() || l.slopes[i] == kf.max_code()) rail.push_back("slope");
            if (l.intercepts[i] == bf.min_code() || l.intercepts[i] == bf.max_code()) rail.push_back("intercept");
            nlohmann::json seg = {{"segment", i},
                                  {"code_from", from},
                                  {"code_to", to},
                                  {"x_from", in.to_real(from)},
                                  {"x_to", in.to_real(to)},
                                  {"empty", to < from},
                                  {"slope_code", l.slopes[i]},
                                  {"slope", kf.to_real(l.slopes[i])},
                                  {"intercept_code", l.intercepts[i]},
                                  {"intercept", bf.to_real(l.intercepts[i])},
                                  {"rail", rail}};
            if (i > 0) {
                seg["breakpoint_code"] = l.breakpoints[i - 1];
                seg["breakpoint"] = in.to_real(l.breakpoints[i - 1]);
                if (l.breakpoints[i - 1] == t.bp_max()) seg["rail"].push_back("breakpoint never fires");
            }
            segs.push_back(seg);
        }
        scales.push_back({{"scale", s},
                          {"input_format", in.str()},
                          {"x_min", in.to_real(p.min_code())},
                          {"x_max", in.to_real(p.max_code())},
                          {"segments", segs}});
    }
    v["scales"] = scales;
    return v;
}

nlohmann::json plot_data(const PwlTable& t, std::optional<int> only, size_t max_points) {
    const RefFunctionPtr f = make_function(t.function, t.expr, t.range_lo, t.range_hi);
    nlohmann::json series = nlohmann::json::array();
    if (!is_int(t.precision)) {
        nlohmann::json x = nlohmann::json::array(), fx = x, y = x, e = x;
        for (size_t i = 0; i < max_points; ++i) {
            const float xf = static_cast<float>(t.range_lo + (t.range_hi - t.range_lo) * static_cast<double>(i) /
                                                              static_cast<double>(max_points - 1));
            if (!f->in_domain(xf)) continue;
            const double fv = (*f)(xf), pv = fp32_pwl(t.fp32, xf);
            x.push_back(xf);
            fx.push_back(fv);
            y.push_back(pv);
            e.push_back(pv - fv);
        }
        series.push_back({{"label", "binary32 inputs"}, {"x", x}, {"f", fx}, {"pwl", y}, {"error", e}});
        return {{"series", series}};
    }
    for (int s : scales_of(t, only)) {
        const IntDatapath dp(t.params, s, t.lut_for_scale(s));
        nlohmann::json x = nlohmann::json::array(), fx = x, y = x, e = x;
        for (int64_t q : codes_in_range(t, s, max_points)) {
            const double xv = std::ldexp(static_cast<double>(q), -s);
            if (!f->in_domain(xv)) continue;
            const double fv = (*f)(xv), pv = dp.value(q);
            x.push_back(xv);
            fx.push_back(fv);
            y.push_back(pv);
            e.push_back(pv - fv);
        }
        series.push_back({{"label", "s = " + std::to_string(s) + " (step 2^-" + std::to_string(s) + ")"}, {"x", x}, {"f", fx},
                          {"pwl", y}, {"error", e}});
    }
    return {{"series", series}};
}

}  // namespace gqalut::cli
