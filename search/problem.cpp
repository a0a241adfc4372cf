#include "search/problem.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"
#include "model/int_datapath.hpp"
#include "model/range_scaler.hpp"
#include "model/symmetry.hpp"
#include "search/reduced_problem.hpp"

namespace gqalut {

Objective parse_objective(const std::string& s) {
    if (s == "mse") return Objective::mse;
    if (s == "max") return Objective::max;
    throw BadInput("--objective: '" + s + "' is neither mse nor max");
}

std::string to_string(Objective o) { return o == Objective::mse ? "mse" : "max"; }

SearchSpec make_spec(const SpecRequest& r) {
    SearchSpec s;
    s.function = r.function;
    s.expr = r.expr;
    if (s.function == "expr") {
        if (s.expr.empty()) throw BadInput("--expr: empty expression");
        if (!r.lo || !r.hi) throw BadInput("--expr needs --range LO,HI");
    }
    const RefFunctionPtr builtin = s.function == "expr" ? nullptr : builtin_function(s.function);
    s.lo = r.lo ? *r.lo : builtin->range_lo();
    s.hi = r.hi ? *r.hi : builtin->range_hi();
    if (!std::isfinite(s.lo) || !std::isfinite(s.hi) || !(s.lo < s.hi))
        throw BadInput("--range: [" + show_number(s.lo) + ", " + show_number(s.hi) + "] is empty or reversed");
    // Parses and checks the expression on the range (throws BadInput naming the problem).
    const RefFunctionPtr f = make_function(s.function, s.expr, s.lo, s.hi);
    f->check_range(s.lo, s.hi);   // e.g. exp on [-4, 4]: an error naming the domain, never clipped
    if (r.entries < 1) throw BadInput("--entries: " + std::to_string(r.entries) + " is below 1");
    if (r.entries > 1024) throw BadInput("--entries: " + std::to_string(r.entries) + " is above 1024 (the table format's limit)");
    s.entries = r.entries;
    s.precision = parse_precision(r.precision);
    s.objective = parse_objective(r.objective);

    const bool reduced = is_reduced_request(s.function, r);
    const bool on_scaler = f->multi_range() || reduced;
    // auto means the function's own symmetry on the unit that folds: none on fp32 and the scaler.
    const bool auto_off_unit = r.symmetry == "auto" && (s.precision == Precision::fp32 || on_scaler);
    if ((r.symmetry != "none" && !auto_off_unit) || r.clamp) {
        if (s.precision == Precision::fp32 || on_scaler)
            throw BadInput(std::string(r.clamp ? "--clamp" : "--symmetry " + r.symmetry) +
                           ": the datapath options are on the INT unit (not fp32, not the scaler of " + s.function + ")");
        const SymmetryFit sym = resolve_symmetry(r.symmetry, *f, s.lo, s.hi);
        s.datapath.symmetry = sym.symmetry;
        s.center = sym.center;
        s.datapath.clamp = r.clamp;
    }
    if (r.intercept != "absolute" && r.intercept != "relative")
        throw BadInput("--intercept: '" + r.intercept + "' is neither absolute nor relative");
    s.datapath.intercept = parse_intercept_mode(r.intercept);
    if (s.datapath.intercept == InterceptMode::relative && (s.precision == Precision::fp32 || on_scaler))
        throw BadInput("--intercept relative: segment-relative intercepts are on the INT unit (" +
                       (s.precision == Precision::fp32 ? std::string("not fp32") : "not the scaler of " + s.function) + ")");
    if ((r.scaler_input || r.scaler_output) && !on_scaler)
        throw BadInput(std::string(r.scaler_input ? "--scaler-input" : "--scaler-output") +
                       " applies to the scaler unit (div, rsqrt, exp2, log2, exp with --preset reduce)");
    if (reduced && s.precision != Precision::int8 && s.precision != Precision::int16)
        throw BadInput("--precision " + r.precision + ": the range reduction's core is int8 or int16");
    if (r.protocol != "paper" && r.protocol != "codes")
        throw BadInput("--protocol: '" + r.protocol + "' is neither paper nor codes");
    s.protocol = parse_protocol(r.protocol);
    if (s.protocol == Protocol::codes && (!on_scaler || s.precision == Precision::fp32))
        throw BadInput("--protocol codes: fits every input code of the scaler unit's INT core (div, rsqrt, exp2, log2, exp "
                       "--preset reduce); " + std::string(s.precision == Precision::fp32 ? "fp32 takes paper (step 0.01)"
                                                          : "the INT unit's paper protocol already takes every code in the range"));
    if (s.precision == Precision::fp32) {
        if (r.lambda_k || r.lambda_b || r.width || r.scales)
            throw BadInput("--lambda, --lambda-k, --lambda-b, --width and --scales apply to INT precisions, not fp32");
        return s;
    }
    const int k = input_bits(s.precision);
    s.params = default_int_params(s.precision);
    if (on_scaler) {
        // DIV/RSQRT: unsigned UQ3.(k-3) core behind the multi-range scaler, lambda = k-3 (INT8: 5).
        // Reductions: UQ0.k core holding 2^x' or log2(1 + x') in [0, 2), lambda = k-2 (Q1.6).
        s.scaler = requested_scaler(s.function, reduced ? "reduce" : r.preset.value_or("normalize"), r);
        s.params.input_signed = false;
        s.params.lambda_k = s.params.lambda_b = reduced ? k - 2 : k - 3;
        if (r.scales) throw BadInput("--scales does not apply to " + s.function + " on the scaler (its core has one scale)");
        if (reduced) check_reduced_range(*f, *s.scaler, s.lo, s.hi);
    } else if (r.preset) {
        throw BadInput("--preset applies to div and rsqrt (the multi-range scaler) and exp (reduce)");
    }
    if (r.width) {
        if (*r.width < 2 || *r.width > 32) throw BadInput("--width: " + std::to_string(*r.width) + " outside 2..32");
        s.params.width = *r.width;
    }
    const int most = max_lambda(s.precision);
    auto lambda = [&](const std::optional<int>& v, const char* option, int& field, bool& chosen_later) {
        if (!v) {
            chosen_later = !r.reference_lambda;
            return;
        }
        if (*v < 0 || *v > most) throw BadInput(std::string(option) + ": " + std::to_string(*v) + " outside 0.." + std::to_string(most));
        field = *v;
    };
    lambda(r.lambda_k, "--lambda-k", s.params.lambda_k, s.auto_lambda_k);
    lambda(r.lambda_b, "--lambda-b", s.params.lambda_b, s.auto_lambda_b);
    // The unit's fraction-bit registers take 0..W (numeric-definition.md §1): a unit whose
    // parameters are W bits refuses more, so such a table would need a wider unit than its
    // bits per entry say.
    for (const auto& [chosen_later, v, option] : {std::tuple{s.auto_lambda_k, s.params.lambda_k, "--lambda-k"},
                                                  std::tuple{s.auto_lambda_b, s.params.lambda_b, "--lambda-b"}})
        if (!chosen_later && v > s.params.width)
            throw BadInput(std::string(option) + ": " + std::to_string(v) + " fraction bits exceed the width W = " +
                           std::to_string(s.params.width) + " (the unit takes 0..W); use at most " +
                           std::to_string(s.params.width) + " or a wider --width");
    if (s.scaler) {
        RangeScaler check(s.function, *s.scaler, s.params);   // validates the preset
        s.scales = {check.core_frac()};
    } else {
        if (r.scales) {
            s.scales = *r.scales;
        } else {
            for (int sc = 0; sc <= 6; ++sc) s.scales.push_back(sc);
        }
        for (int sc : s.scales)
            if (sc < 0 || sc > k - 1)
                throw BadInput("--scales: " + std::to_string(sc) + " outside [0, " + std::to_string(k - 1) + "]");
    }
    return s;
}

int max_lambda(Precision p) { return std::min(2 * input_bits(p), 40); }

Problem Problem::with_lambda(int lambda_k, int lambda_b) const {
    Problem p = *this;
    p.spec_.params.lambda_k = lambda_k;
    p.spec_.params.lambda_b = lambda_b;
    p.spec_.auto_lambda_k = p.spec_.auto_lambda_b = false;
    return p;
}

namespace {

// The grid as the LUT sees it under the table's fold and clamp (numeric-definition.md §8, §9,
// §11): each point moves to the operand code q'' that the comparators and the MAC take, and its
// target to what the pwl must give there for the fixed output to equal f. The fixes are exact
// in the result word (§11), so a point's error is the same before and after the move (point
// symmetry: when c is an intercept code, as 1/2 is). Ascending in q'' (stable) as the scorers
// and the DPs take it.
ScaleGrid operand_grid(const ScaleGrid& g, const PwlTable& t, double center) {
    const IntMode m = t.mode_for_scale(g.s);
    std::vector<size_t> order(g.q.size());
    std::vector<int64_t> op(g.q.size());
    std::vector<double> target(g.q.size());
    for (size_t i = 0; i < g.q.size(); ++i) {
        const int64_t q = g.q[i];
        int64_t o = m.folded() && q < 0 ? -q : q;
        if (m.clamp) o = std::min(std::max(o, m.clamp_lo), m.clamp_hi);
        double y = g.target[i];
        if (m.folded() && q < 0) {
            switch (m.symmetry) {
                case Symmetry::odd: y = -y; break;
                case Symmetry::point: y = 2 * center - y; break;
                case Symmetry::shifted: y -= std::ldexp(static_cast<double>(q), -g.s); break;
                case Symmetry::even:
                case Symmetry::none: break;
            }
        }
        op[i] = o;
        target[i] = y;
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return op[a] < op[b]; });
    ScaleGrid out;
    out.s = g.s;
    out.stride = g.stride;
    for (size_t i : order) {
        out.q.push_back(op[i]);
        out.target.push_back(target[i]);
        out.weight.push_back(g.weight[i]);
    }
    return out;
}

}  // namespace

Problem::Problem(SearchSpec spec) : spec_(std::move(spec)) {
    f_ = make_function(spec_.function, spec_.expr, spec_.lo, spec_.hi);
    size_t most = 0;
    if (is_fp32()) {
        for (float x : fp32_paper_points(spec_.lo, spec_.hi)) {
            fp32_x_.push_back(x);
            fp32_t_.push_back(finite_target(*f_, static_cast<double>(x)));
        }
        most = fp32_x_.size();
    } else {
        if (spec_.scaler) {
            // Reductions too: every protocol point x through the reduction, its target and
            // weight in core units, so the core is fitted to the error over the whole range.
            const RangeScaler scaler(spec_.function, *spec_.scaler, spec_.params);
            grids_.push_back(spec_.protocol == Protocol::codes ? scaler_codes_grid(*f_, scaler, spec_.lo, spec_.hi)
                                                                : scaler_paper_grid(*f_, scaler, spec_.lo, spec_.hi));
            if (is_reduction()) core_ = reduced_core_function(spec_.function);
        } else {
            grids_ = paper_grid(*f_, spec_.params, spec_.scales, spec_.lo, spec_.hi);
        }
        if (!spec_.datapath.is_default())
            for (ScaleGrid& g : grids_) g = operand_grid(g, blank_table(""), spec_.center);
        for (const auto& g : grids_) {
            std::vector<int64_t> q = g.q;
            std::sort(q.begin(), q.end());
            most = std::max(most, static_cast<size_t>(std::unique(q.begin(), q.end()) - q.begin()));
        }
    }
    if (most == 0) throw BadInput("the range [" + show_number(spec_.lo) + ", " + show_number(spec_.hi) + "] holds no input of the protocol");
    max_entries_ = static_cast<int>(std::min<size_t>(most, 1024));
    if (spec_.entries > max_entries_)
        throw BadInput("--entries: " + std::to_string(spec_.entries) + " is more than the input grid allows (" +
                       std::to_string(max_entries_) + " distinct inputs on the range)");
    fit_lo_ = core_ ? 0.0 : spec_.lo;
    fit_hi_ = core_ ? 1.0 : spec_.hi;
    if (spec_.scaler && spec_.scaler->preset == "octave") {   // the core sees x' in [4, 8) only (§6)
        fit_lo_ = 4.0;
        fit_hi_ = 8.0;
    }
    if (!is_fp32() && !spec_.scaler) {
        const int coarsest = *std::min_element(spec_.scales.begin(), spec_.scales.end());
        fit_lo_ = std::max(fit_lo_, std::ldexp(static_cast<double>(spec_.params.min_code()), -coarsest));
        fit_hi_ = std::min(fit_hi_, std::ldexp(static_cast<double>(spec_.params.max_code()), -coarsest));
        if (spec_.datapath.folded()) {   // the LUT covers |x|, up to 2^(k-1) codes (numeric-definition.md §8)
            fit_hi_ = std::min(std::max(std::fabs(spec_.lo), std::fabs(spec_.hi)),
                               std::ldexp(static_cast<double>(spec_.params.max_code() + 1), -coarsest));
            fit_lo_ = 0;
        }
    }
}

PwlTable Problem::blank_table(const std::string& method) const {
    PwlTable t;
    t.function = spec_.function;
    t.expr = spec_.expr;
    t.range_lo = spec_.lo;
    t.range_hi = spec_.hi;
    t.method = method;
    t.entries = spec_.entries;
    t.precision = spec_.precision;
    if (!is_fp32()) {
        t.params = spec_.params;
        t.scales = spec_.scales;
        t.scaler = spec_.scaler;
        t.datapath = spec_.datapath;
        if (t.datapath.symmetry == Symmetry::point) {   // c as an intercept code at this lambda_b
            const FixFormat b = t.params.param_format(t.params.lambda_b);
            t.datapath.center = round_half_even_scaled(spec_.center, b.frac, b.min_code(), b.max_code());
        }
    }
    return t;
}

namespace {

// The relative operand as the unit forms it: a (k+1)-bit two's complement difference (§10).
int64_t wrap_operand(int64_t d, int bits) {
    const uint64_t sign = uint64_t(1) << (bits - 1);
    return static_cast<int64_t>(((static_cast<uint64_t>(d) & ((sign << 1) - 1)) ^ sign) - sign);
}

}  // namespace

SegmentStarts segment_starts(const PwlTable& t, int s) {
    const IntMode m = t.mode_for_scale(s);
    return {m.relative, m.origin};
}

GridError grid_error_fast(const ScaleGrid& g, const IntParams& p, const LutCodes& lut, const SegmentStarts& starts) {
    const int lo = p.lambda_o();
    const int shk = lo - p.lambda_k, shb = g.s + lo - p.lambda_b;
    const double unit = std::ldexp(1.0, -(lo + g.s));   // acc * unit == ldexp(acc, -frac) exactly
    const bool wide = IntDatapath::acc_width(p) + (starts.relative ? 1 : 0) > 62;   // d has k+1 bits
    const size_t nb = lut.breakpoints.size();
    size_t seg = 0;
    int64_t prev = INT64_MIN;
    double sq = 0, mx = 0;
    for (size_t i = 0; i < g.q.size(); ++i) {
        const int64_t q = g.q[i];
        if (q < prev) seg = 0;   // grids are ascending; restart the walk otherwise
        prev = q;
        while (seg < nb && lut.breakpoints[seg] <= q) ++seg;
        const int64_t operand = starts.relative ? wrap_operand(q - starts.start(lut.breakpoints, seg), p.k + 1) : q;
        double y;
        if (!wide) {
            const int64_t acc = lut.slopes[seg] * operand * (int64_t(1) << shk) + lut.intercepts[seg] * (int64_t(1) << shb);
            y = static_cast<double>(acc) * unit;
        } else {
            const i128 acc = static_cast<i128>(lut.slopes[seg]) * operand * (i128(1) << shk) +
                             static_cast<i128>(lut.intercepts[seg]) * (i128(1) << shb);
            y = static_cast<double>(acc) * unit;
        }
        const double d = y - g.target[i];
        sq += g.weight[i] * d * d;   // same association as metrics.cpp: (w * d) * d
        mx = std::max(mx, std::fabs(d) * std::sqrt(g.weight[i]));   // as metrics.cpp's ErrorSum
    }
    GridError e;
    e.mse = g.q.empty() ? 0.0 : sq / static_cast<double>(g.q.size());
    e.max_abs = mx;
    return e;
}

namespace {

// The per-grid errors of t, in protocol order (FP32: one entry).
std::vector<GridError> errors_per_grid(const Problem& p, const PwlTable& t) {
    std::vector<GridError> out;
    if (p.is_fp32()) {
        double sq = 0, mx = 0;
        for (size_t i = 0; i < p.fp32_x().size(); ++i) {
            const double d = static_cast<double>(fp32_pwl(t.fp32, p.fp32_x()[i])) - p.fp32_target()[i];
            sq += 1.0 * d * d;
            mx = std::max(mx, std::fabs(d));
        }
        out.push_back({p.fp32_x().empty() ? 0.0 : sq / static_cast<double>(p.fp32_x().size()), mx});
        return out;
    }
    for (const auto& g : p.grids()) {
        if (t.is_shared()) {
            LutCodes lut;
            lut.breakpoints.reserve(t.shared->breakpoints.size());
            for (double b : t.shared->breakpoints) lut.breakpoints.push_back(breakpoint_code(b, g.s, t.params, t.datapath.folded()));
            lut.slopes = t.shared->slopes;
            lut.intercepts = t.shared->intercepts;
            out.push_back(grid_error_fast(g, t.params, lut, segment_starts(t, g.s)));
        } else {
            out.push_back(grid_error_fast(g, t.params, t.per_scale.at(g.s), segment_starts(t, g.s)));
        }
    }
    return out;
}

}  // namespace

std::vector<double> Problem::score_per_scale(const PwlTable& t) const {
    std::vector<double> out;
    for (const GridError& e : errors_per_grid(*this, t)) out.push_back(e.mse);
    return out;
}

std::vector<double> Problem::max_error_per_scale(const PwlTable& t) const {
    std::vector<double> out;
    for (const GridError& e : errors_per_grid(*this, t)) out.push_back(e.max_abs);
    return out;
}

double Problem::score_max(const PwlTable& t) const {
    double m = 0;
    for (double v : max_error_per_scale(t)) m = std::max(m, v);
    return m;
}

double Problem::score(const PwlTable& t) const {
    return spec_.objective == Objective::max ? score_max(t) : score_mse(t);
}

double Problem::score_mse(const PwlTable& t) const {
    // The mean exactly as metrics.cpp's finish_mean forms it.
    const auto per = score_per_scale(t);
    double sum = 0;
    for (double v : per) sum += v;
    return per.empty() ? 0.0 : sum / static_cast<double>(per.size());
}

}  // namespace gqalut
