#include "pwl_table.hpp"

#include <algorithm>
#include <cmath>

#include "errors.hpp"
#include "functions.hpp"

namespace gqalut {

Precision parse_precision(const std::string& s) {
    if (s == "int8") return Precision::int8;
    if (s == "int16") return Precision::int16;
    if (s == "int32") return Precision::int32;
    if (s == "fp32") return Precision::fp32;
    throw BadInput("unsupported precision '" + s + "' (known: int8, int16, int32, fp32)");
}

std::string to_string(Precision p) {
    switch (p) {
        case Precision::int8: return "int8";
        case Precision::int16: return "int16";
        case Precision::int32: return "int32";
        case Precision::fp32: return "fp32";
    }
    return "?";
}

int input_bits(Precision p) {
    switch (p) {
        case Precision::int8: return 8;
        case Precision::int16: return 16;
        default: return 32;
    }
}

IntParams default_int_params(Precision p) {
    const int k = input_bits(p);
    return IntParams{k, true, k, k - 2, k - 2};
}

Symmetry parse_symmetry(const std::string& s) {
    if (s == "none") return Symmetry::none;
    if (s == "odd") return Symmetry::odd;
    if (s == "even") return Symmetry::even;
    if (s == "point") return Symmetry::point;
    if (s == "shifted") return Symmetry::shifted;
    throw BadInput("unknown symmetry '" + s + "' (known: none, odd, even, point, shifted)");
}

std::string to_string(Symmetry s) {
    switch (s) {
        case Symmetry::none: return "none";
        case Symmetry::odd: return "odd";
        case Symmetry::even: return "even";
        case Symmetry::point: return "point";
        case Symmetry::shifted: return "shifted";
    }
    return "?";
}

InterceptMode parse_intercept_mode(const std::string& s) {
    if (s == "absolute") return InterceptMode::absolute;
    if (s == "relative") return InterceptMode::relative;
    throw BadInput("unknown intercept mode '" + s + "' (known: absolute, relative)");
}

std::string to_string(InterceptMode m) { return m == InterceptMode::relative ? "relative" : "absolute"; }

int64_t breakpoint_code(double p, int s, const IntParams& params, bool folded) {
    return round_half_even_scaled(p, s, params.bp_min(), params.bp_max(folded));
}

int64_t operand_code(double v, int s, const IntParams& params, bool folded) {
    return round_half_even_scaled(v, s, folded ? 0 : params.min_code(), params.top_operand(folded));
}

LutCodes PwlTable::lut_for_scale(int s) const {
    if (!shared) {
        auto it = per_scale.find(s);
        if (it == per_scale.end()) throw BadInput("table has no LUT for scale " + std::to_string(s));
        return it->second;
    }
    LutCodes lut;
    for (double p : shared->breakpoints) lut.breakpoints.push_back(breakpoint_code(p, s, params, datapath.folded()));
    lut.slopes = shared->slopes;
    lut.intercepts = shared->intercepts;
    return lut;
}

double PwlTable::fit_lo() const { return datapath.folded() ? 0.0 : range_lo; }
double PwlTable::fit_hi() const {
    return datapath.folded() ? std::max(std::fabs(range_lo), std::fabs(range_hi)) : range_hi;
}

IntMode PwlTable::mode_for_scale(int s) const {
    IntMode m;
    m.symmetry = datapath.symmetry;
    m.center = datapath.symmetry == Symmetry::point ? datapath.center : 0;
    const bool folded = datapath.folded();
    m.clamp = datapath.clamp;
    if (m.clamp) {
        m.clamp_lo = operand_code(fit_lo(), s, params, folded);
        m.clamp_hi = operand_code(fit_hi(), s, params, folded);
    }
    m.relative = datapath.intercept == InterceptMode::relative;
    if (m.relative) m.origin = operand_code(fit_lo(), s, params, folded);
    return m;
}

int PwlTable::format_version() const {
    return (datapath.is_default() && !(scaler && (scaler->preset == "reduce" || scaler->preset == "octave"))) ? 1 : 2;
}

namespace {

[[noreturn]] void fail(const std::string& field, const std::string& what) {
    throw BadInput(field + ": " + what);
}

std::string at(const std::string& field, size_t i) { return field + "[" + std::to_string(i) + "]"; }

void check_length(const std::string& field, size_t got, size_t want) {
    if (got != want)
        fail(field, "has " + std::to_string(got) + " values, expected " + std::to_string(want));
}

void check_codes(const std::string& field, const std::vector<int64_t>& v, const FixFormat& f) {
    for (size_t i = 0; i < v.size(); ++i)
        if (!f.fits(v[i]))
            fail(at(field, i), std::to_string(v[i]) + " does not fit " + std::string(f.is_signed ? "signed " : "unsigned ") +
                                   std::to_string(f.width) + " bits");
}

template <class T>
void check_sorted(const std::string& field, const std::vector<T>& v) {
    for (size_t i = 1; i < v.size(); ++i)
        if (v[i] < v[i - 1])
            fail(at(field, i), show_number(static_cast<double>(v[i])) + " is below the previous breakpoint " +
                                   show_number(static_cast<double>(v[i - 1])) + " (breakpoints must be sorted)");
}

void check_int_params(const IntParams& p) {
    if (p.k != 8 && p.k != 16 && p.k != 32) fail("params.k", std::to_string(p.k) + " is not 8, 16 or 32");
    if (p.width < 2 || p.width > 32) fail("param_format.width", std::to_string(p.width) + " outside 2..32");
    if (p.lambda_k < 0 || p.lambda_k > 40) fail("param_format.lambda_k", std::to_string(p.lambda_k) + " outside 0..40");
    if (p.lambda_b < 0 || p.lambda_b > 40) fail("param_format.lambda_b", std::to_string(p.lambda_b) + " outside 0..40");
}

void check_fp32(const std::string& field, const std::vector<float>& v) {
    for (size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i])) fail(at(field, i), show_number(v[i]) + " is not a finite number");
}

}  // namespace

void validate(const PwlTable& t) {
    RefFunctionPtr f = make_function(t.function, t.expr, t.range_lo, t.range_hi);
    if (!(std::isfinite(t.range_lo) && std::isfinite(t.range_hi)) || !(t.range_lo < t.range_hi))
        fail("range", "[" + show_number(t.range_lo) + ", " + show_number(t.range_hi) + "] is empty or reversed");
    if (t.entries < 1 || t.entries > 1024) fail("entries", std::to_string(t.entries) + " outside 1..1024");
    const size_t n = static_cast<size_t>(t.entries);

    if (t.precision == Precision::fp32) {
        check_length("breakpoints", t.fp32.breakpoints.size(), n - 1);
        check_length("slopes", t.fp32.slopes.size(), n);
        check_length("intercepts", t.fp32.intercepts.size(), n);
        check_fp32("breakpoints", t.fp32.breakpoints);
        check_fp32("slopes", t.fp32.slopes);
        check_fp32("intercepts", t.fp32.intercepts);
        check_sorted("breakpoints", t.fp32.breakpoints);
        return;
    }

    check_int_params(t.params);
    if (t.params.k != input_bits(t.precision))
        fail("params.k", std::to_string(t.params.k) + " does not match precision " + to_string(t.precision));
    if (f->multi_range() && !t.scaler) fail("scaler", "function " + t.function + " needs the multi-range scaler");
    if (t.scaler && !f->scaler_allowed())
        fail("scaler", "only div, rsqrt, exp2, log2 and exp use the scaler unit");
    if (!t.datapath.is_default()) {
        if (t.scaler) fail("datapath", "symmetry, clamp and relative intercepts are options of the INT unit, not the scaler");
        if (t.datapath.symmetry != Symmetry::point && t.datapath.center != 0)
            fail("datapath.center", "applies to point symmetry only");
        if (!t.params.param_format(0).fits(t.datapath.center))
            fail("datapath.center", std::to_string(t.datapath.center) + " does not fit signed " +
                                        std::to_string(t.params.width) + " bits");
    }
    if (t.scaler) {
        RangeScaler check(t.function, *t.scaler, t.params);   // validates the preset and formats
        if (t.scales != std::vector<int>{check.core_frac()})
            fail("scales", "a scaler table serves only the core scale " + std::to_string(check.core_frac()));
    } else if (!t.params.input_signed) {
        fail("params.input_signed", "unsigned input is only for the scaler core");
    }
    if (t.scales.empty()) fail("scales", "no scale given");
    for (size_t i = 0; i < t.scales.size(); ++i) {
        const int top = t.scaler ? t.params.k : t.params.k - 1;   // the scaler core may run at UQ0.k
        if (t.scales[i] < 0 || t.scales[i] > top)
            fail(at("scales", i), std::to_string(t.scales[i]) + " outside [0, " + std::to_string(top) + "]");
        if (i > 0 && t.scales[i] <= t.scales[i - 1]) fail(at("scales", i), std::to_string(t.scales[i]) + " not ascending");
    }

    const FixFormat param = t.params.param_format(0);
    if (t.shared) {
        if (!t.per_scale.empty()) fail("per_scale", "a table is either shared or per-scale, not both");
        const auto& sh = *t.shared;
        check_length("shared.breakpoints", sh.breakpoints.size(), n - 1);
        check_length("shared.slopes", sh.slopes.size(), n);
        check_length("shared.intercepts", sh.intercepts.size(), n);
        for (size_t i = 0; i < sh.breakpoints.size(); ++i)
            if (!std::isfinite(sh.breakpoints[i]))
                fail(at("shared.breakpoints", i), show_number(sh.breakpoints[i]) + " is not a finite number");
        check_sorted("shared.breakpoints", sh.breakpoints);
        check_codes("shared.slopes", sh.slopes, param);
        check_codes("shared.intercepts", sh.intercepts, param);
        return;
    }
    if (t.per_scale.size() != t.scales.size())
        fail("per_scale", "has " + std::to_string(t.per_scale.size()) + " scales, expected " + std::to_string(t.scales.size()));
    for (int s : t.scales) {
        auto it = t.per_scale.find(s);
        const std::string base = "per_scale." + std::to_string(s);
        if (it == t.per_scale.end()) fail(base, "missing");
        const LutCodes& l = it->second;
        check_length(base + ".breakpoints", l.breakpoints.size(), n - 1);
        check_length(base + ".slopes", l.slopes.size(), n);
        check_length(base + ".intercepts", l.intercepts.size(), n);
        for (size_t i = 0; i < l.breakpoints.size(); ++i)
            if (l.breakpoints[i] < t.params.bp_min() || l.breakpoints[i] > t.bp_max())
                fail(at(base + ".breakpoints", i), std::to_string(l.breakpoints[i]) + " outside [" +
                                                      std::to_string(t.params.bp_min()) + ", " +
                                                      std::to_string(t.bp_max()) + "]");
        check_sorted(base + ".breakpoints", l.breakpoints);
        check_codes(base + ".slopes", l.slopes, param);
        check_codes(base + ".intercepts", l.intercepts, param);
    }
}

}  // namespace gqalut
