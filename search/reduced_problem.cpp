#include "search/reduced_problem.hpp"

#include <cmath>
#include <regex>

#include "model/errors.hpp"
#include "search/problem.hpp"

namespace gqalut {

bool is_reduced_request(const std::string& function, const SpecRequest& r) {
    const bool always = function == "exp2" || function == "log2";
    if (always) {
        if (r.preset && *r.preset != "reduce")
            throw BadInput("--preset " + *r.preset + ": " + function + " runs on the scaler's range reduction (--preset reduce, the default)");
        return true;
    }
    if (function == "exp" && r.preset) {
        if (*r.preset != "reduce")
            throw BadInput("--preset " + *r.preset + ": exp takes --preset reduce (range reduction through 2^x) or no preset (the INT unit)");
        return true;
    }
    return false;
}

FixFormat parse_q_format(const std::string& text, const std::string& option) {
    static const std::regex q("(U?)Q([0-9]{1,2})\\.([0-9]{1,2})");
    std::smatch m;
    if (!std::regex_match(text, m, q))
        throw BadInput(option + ": '" + text + "' is not a fixed-point format like Q15.16 or UQ16.16");
    FixFormat f;
    f.is_signed = m[1].str().empty();
    f.frac = std::stoi(m[3].str());
    f.width = std::stoi(m[2].str()) + f.frac + (f.is_signed ? 1 : 0);
    return f;
}

namespace {

// The format a request names, checked for the function's signedness.
FixFormat named_format(const std::string& text, const std::string& option, bool want_signed, const std::string& function) {
    const FixFormat f = parse_q_format(text, option);
    if (f.is_signed != want_signed)
        throw BadInput(option + ": " + function + " takes " + (want_signed ? "a two's complement (Q)" : "an unsigned (UQ)") +
                       " format, not " + text);
    return f;
}

}  // namespace

ScalerSpec requested_scaler(const std::string& function, const std::string& preset, const SpecRequest& r) {
    const ScalerFunc func = parse_scaler_func(function);
    ScalerSpec spec;
    spec.preset = preset;
    spec.input.is_signed = scaler_input_signed(func);
    spec.output.is_signed = scaler_output_signed(func);
    if (r.scaler_input) {
        spec.input = named_format(*r.scaler_input, "--scaler-input", spec.input.is_signed, function);
        if (spec.input.width < 2 || spec.input.width > 32)
            throw BadInput("--scaler-input: " + *r.scaler_input + " has " + std::to_string(spec.input.width) +
                           " bits; the scaler unit's input has 2..32");
    }
    if (r.scaler_output) {
        spec.output = named_format(*r.scaler_output, "--scaler-output", spec.output.is_signed, function);
        if (spec.output.width != 32)
            throw BadInput("--scaler-output: " + *r.scaler_output + " has " + std::to_string(spec.output.width) +
                           " bits; the scaler unit's output word has 32 (" + (spec.output.is_signed ? "Q(31-F).F" : "UQ(32-F).F") + ")");
    }
    return spec;
}

void check_reduced_range(const RefFunction& f, const ScalerSpec& spec, double lo, double hi) {
    const FixFormat& in = spec.input;
    const double in_lo = std::ldexp(static_cast<double>(in.min_code()), -in.frac);
    const double in_hi = std::ldexp(static_cast<double>(in.max_code()), -in.frac);
    if (lo < in_lo || hi > in_hi)
        throw BadInput("--range: [" + show_number(lo) + ", " + show_number(hi) + "] is outside the scaler input " + in.str() +
                       " ([" + show_number(in_lo) + ", " + show_number(in_hi) + "]); --scaler-input sets another");
    const FixFormat& out = spec.output;
    const double out_lo = std::ldexp(static_cast<double>(out.min_code()), -out.frac);
    const double out_hi = std::ldexp(static_cast<double>(out.max_code()), -out.frac);
    for (double x : {lo, hi}) {
        const double y = f(x);
        if (y < out_lo || y > out_hi)
            throw BadInput("--range: " + f.name() + "(" + show_number(x) + ") = " + show_number(y) + " is outside the scaler output " +
                           out.str() + " ([" + show_number(out_lo) + ", " + show_number(out_hi) +
                           "]); --scaler-output sets another");
    }
}

namespace {

class ReducedCore final : public RefFunction {
public:
    explicit ReducedCore(bool log2) : log2_(log2) {
        name_ = log2 ? "log2(1+x)" : "2^x";
        range_lo_ = domain_lo_ = 0;
        range_hi_ = domain_hi_ = 1;
    }
    double operator()(double x) const override { return log2_ ? std::log2(1 + x) : std::exp2(x); }

private:
    bool log2_;
};

}  // namespace

RefFunctionPtr reduced_core_function(const std::string& function) {
    return std::make_shared<ReducedCore>(function == "log2");
}

}  // namespace gqalut
