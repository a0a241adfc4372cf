// gqalut trace --table FILE (--code Q | --x X) [--scale S] [--format text|json]
// One input through the golden datapath, every step of docs/numeric-definition.md §2 printed.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"
#include "model/functions.hpp"
#include "model/int_datapath.hpp"
#include "model/scaler_datapath.hpp"
#include "model/table_io.hpp"
#include "model/unit_config.hpp"
#include "sims/cli/options.hpp"

namespace gqalut::cli {

namespace {

std::string i128_str(i128 v) {
    if (v == 0) return "0";
    const bool neg = v < 0;
    std::string s;
    for (; v != 0; v /= 10) s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(neg ? -(v % 10) : v % 10)));
    return neg ? "-" + s : s;
}

std::string codes_str(const std::vector<int64_t>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
}

// The steps of the INT datapath for code q (numeric-definition.md §11), as JSON (text output
// prints the same fields). The option steps appear only when the table uses the option.
nlohmann::json int_steps(const IntDatapath& dp, int64_t q) {
    const IntParams& p = dp.params();
    const IntMode& m = dp.mode();
    const IntDatapath::Steps st = dp.steps(q);
    const int i = st.segment;
    const int lo = p.lambda_o();
    const int64_t k = dp.lut().slopes[static_cast<size_t>(i)], b = dp.lut().intercepts[static_cast<size_t>(i)];
    const int shift_b = dp.scale() + lo - p.lambda_b;
    nlohmann::json j;
    j["code"] = q;
    if (m.folded()) {
        j["symmetry"] = to_string(m.symmetry);
        j["folded"] = st.folded;
    }
    if (m.clamp) {
        j["clamp"] = {m.clamp_lo, m.clamp_hi};
        j["clamped"] = st.operand;
    }
    j["breakpoint_codes"] = dp.lut().breakpoints;
    j["segment"] = i;
    j["slope_code"] = k;
    j["intercept_code"] = b;
    if (m.relative) {
        j["segment_start"] = st.start;
        j["mac_operand"] = st.mac_in;
    }
    j["intercept_shift"] = shift_b;
    j["product_shift"] = lo - p.lambda_k;
    if (m.folded()) j["mac"] = i128_str(st.acc);
    j["acc"] = i128_str(st.y);
    j["result_frac"] = dp.result_frac();
    j["y"] = dp.value(q);
    return j;
}

// The text lines of the INT steps (the input line is the caller's).
void print_int_steps(const nlohmann::json& j, const IntDatapath& dp, int64_t q) {
    const int i = j["segment"];
    const IntMode& m = dp.mode();
    if (m.folded()) std::printf("fold     q' = |q| = %lld (symmetry %s)\n", static_cast<long long>(j["folded"].get<int64_t>()),
                                to_string(m.symmetry).c_str());
    if (m.clamp)
        std::printf("clamp    q'' = min(max(q', %lld), %lld) = %lld\n", static_cast<long long>(m.clamp_lo),
                    static_cast<long long>(m.clamp_hi), static_cast<long long>(j["clamped"].get<int64_t>()));
    const char* operand = (m.folded() || m.clamp) ? "q''" : "q";
    std::printf("compare  i = #{ j : P_j <= %s } = %d   P = %s\n", operand, i, codes_str(dp.lut().breakpoints).c_str());
    std::printf("read     K_%d = %lld, B_%d = %lld\n", i, static_cast<long long>(j["slope_code"].get<int64_t>()), i,
                static_cast<long long>(j["intercept_code"].get<int64_t>()));
    if (m.relative)
        std::printf("operand  d = %s - P_%d = %s - %lld = %lld (relative intercepts)\n", operand, i - 1, operand,
                    static_cast<long long>(j["segment_start"].get<int64_t>()),
                    static_cast<long long>(j["mac_operand"].get<int64_t>()));
    std::printf("shift    B' = B << %d\n", j["intercept_shift"].get<int>());
    const char* mul = m.relative ? "d" : operand;
    if (m.folded()) {
        std::printf("MAC      acc = (K * %s) << %d + B' = %s\n", mul, j["product_shift"].get<int>(),
                    j["mac"].get<std::string>().c_str());
        const char* fix = q >= 0                             ? "y = acc (x >= 0)"
                          : m.symmetry == Symmetry::odd      ? "y = -acc"
                          : m.symmetry == Symmetry::even     ? "y = acc"
                          : m.symmetry == Symmetry::point    ? "y = (CENTER << (s + lo - lb + 1)) - acc"
                                                             : "y = acc + (q << lo)";
        std::printf("fix      %s = %s\n", fix, j["acc"].get<std::string>().c_str());
    } else {
        std::printf("MAC      acc = (K * %s) << %d + B' = %s\n", mul, j["product_shift"].get<int>(),
                    j["acc"].get<std::string>().c_str());
    }
}

// --x quantized to `frac` fraction bits must be a code of the input format: the quantizer would
// saturate it silently, and the trace would show another input than the one asked for.
void check_x_fits(double x, int frac, int64_t lo, int64_t hi, const std::string& format) {
    const double scaled = std::nearbyint(std::ldexp(x, frac));
    if (!(scaled >= static_cast<double>(lo) && scaled <= static_cast<double>(hi)))
        throw BadInput("--x: " + show_number(x) + " outside " + format + " (" + show_number(std::ldexp(static_cast<double>(lo), -frac)) +
                       " to " + show_number(std::ldexp(static_cast<double>(hi), -frac)) + ")");
}

}  // namespace

int run_trace(const Args& args) {
    std::string table_path, format;
    int scale = -1;
    int64_t code = 0;
    double x = 0;
    po::options_description desc("trace options");
    desc.add_options()
        ("table", po::value<std::string>(&table_path)->required(), "table file")
        ("scale", po::value<int>(&scale), "scale s (INT tables; default: the table's first scale)")
        ("code", po::value<int64_t>(&code), "input code q (INT: signed k-bit; div/rsqrt: scaler input code)")
        ("x", po::value<double>(&x), "real input, quantized to the input format");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm, "gqalut trace --table FILE (--code Q | --x X) [--scale S]")) return kOk;
    const Format fmt = parse_format(format);
    if (vm.count("code") == vm.count("x")) throw BadInput("give exactly one of --code and --x");
    if (vm.count("x") && !std::isfinite(x)) throw BadInput("--x: " + show_number(x) + " is not a finite number");
    const PwlTable t = load_table(table_path);
    const bool int_input = t.precision != Precision::fp32 && !t.scaler;
    if (vm.count("scale") && !int_input)
        throw BadInput("--scale: the " + std::string(t.scaler ? t.function : "fp32") + " unit has no input scale");
    const RefFunctionPtr f = make_function(t.function, t.expr, t.range_lo, t.range_hi);
    nlohmann::json j;
    j["table"] = table_path;

    if (t.precision == Precision::fp32) {
        if (vm.count("x")) check_real_option("--x", x, -FLT_MAX, FLT_MAX);
        if (vm.count("code")) check_int_option("--code", code, 0, 0xFFFFFFFF);   // the input's bits
        const float xf = vm.count("x") ? static_cast<float>(x) : f32_from_bits(static_cast<uint32_t>(code));
        const int i = fp32_segment(t.fp32, xf);
        const float prod = fp32_mul(t.fp32.slopes[static_cast<size_t>(i)], xf);
        const float y = fp32_add(prod, t.fp32.intercepts[static_cast<size_t>(i)]);
        j["x"] = xf;
        j["x_bits"] = f32_bits(xf);
        j["segment"] = i;
        j["slope"] = t.fp32.slopes[static_cast<size_t>(i)];
        j["intercept"] = t.fp32.intercepts[static_cast<size_t>(i)];
        j["product"] = prod;
        j["y"] = y;
        j["y_bits"] = f32_bits(y);
        j["f_x"] = (*f)(xf);
        if (fmt == Format::json) {
            print_json(j);
        } else {
            std::printf("input    x = %.9g (0x%08x)\ncompare  i = #{ x >= p_j } = %d\nread     k = %.9g, b = %.9g\n"
                        "multiply k*x = %.9g (binary32, RNE)\nadd      y = %.9g (0x%08x)   f(x) = %.9g\n",
                        static_cast<double>(xf), f32_bits(xf), i, static_cast<double>(t.fp32.slopes[static_cast<size_t>(i)]),
                        static_cast<double>(t.fp32.intercepts[static_cast<size_t>(i)]), static_cast<double>(prod),
                        static_cast<double>(y), f32_bits(y), (*f)(xf));
        }
        return kOk;
    }

    if (t.scaler) {
        const ScalerDatapath sdp(t);
        const auto& in = t.scaler->input;
        if (vm.count("x")) check_x_fits(x, in.frac, in.min_code(), in.max_code(), in.str());
        const int64_t icode = vm.count("x") ? round_half_even_scaled(x, in.frac, in.min_code(), in.max_code()) : code;
        if (!in.fits(static_cast<i128>(icode)))
            throw BadInput("--code " + std::to_string(code) + " outside the scaler input format " + in.str());
        const uint64_t u = static_cast<uint64_t>(mask_bits(icode, in.width));
        const auto r = sdp.exact(u);
        const RangeScaler& sc = sdp.scaler();
        const ScalerChoice c = sc.select(u);
        const double xv = std::ldexp(static_cast<double>(sc.input_code(u)), -in.frac);
        const bool reduces = is_reduction(sc.func());
        j["input_code"] = u;
        j["x"] = xv;
        if (!reduces) j["shift"] = r.sigma;
        if (reduces && sc.func() != ScalerFunc::log2) j["exponent"] = c.int_part;
        if (sc.func() == ScalerFunc::log2) {
            j["integer_part"] = c.int_part;
            j["zero"] = c.zero;
        }
        j["core"] = int_steps(sdp.core(), r.core_code);
        j["result_frac"] = r.frac;
        j["y"] = r.zero ? nlohmann::json(nullptr) : nlohmann::json(r.value());
        j["output_code"] = sdp.output(u);
        j["f_x"] = (*f)(xv);
        if (fmt == Format::json) {
            print_json(j);
        } else {
            std::printf("input    u = %llu (%s, x = %.9g)\n", static_cast<unsigned long long>(u), in.str().c_str(), xv);
            if (!reduces)
                std::printf("scale    sigma = %d -> core code c = %lld (UQ3.%d)\n", r.sigma,
                            static_cast<long long>(r.core_code), sc.core_frac());
            else if (sc.func() == ScalerFunc::log2)
                std::printf("reduce   %s -> integer part %lld, mantissa fraction c = %lld (UQ0.%d)\n",
                            c.zero ? "x = 0 (log2 = -inf, most negative output)" : "leading one", static_cast<long long>(c.int_part),
                            static_cast<long long>(c.core_code), sc.core_frac());
            else
                std::printf("reduce   z = %s rounded to %d fraction bits = n + c * 2^-%d: n = %lld, c = %lld (UQ0.%d)\n",
                            sc.func() == ScalerFunc::exp ? "x * log2(e)" : "x", sc.core_frac(), sc.core_frac(),
                            static_cast<long long>(c.int_part), static_cast<long long>(c.core_code), sc.core_frac());
            const std::string plus = sc.func() == ScalerFunc::log2 ? " + " + std::to_string(c.int_part) : "";
            std::printf("core     segment %d, acc = %s\nresult   y = acc * 2^-%d%s = %.9g   f(x) = %.9g\n"
                        "output   %lld (%s)\n",
                        j["core"]["segment"].get<int>(), j["core"]["acc"].get<std::string>().c_str(), r.frac, plus.c_str(),
                        r.value(), (*f)(xv), static_cast<long long>(sdp.output(u)), t.scaler->output.str().c_str());
        }
        return kOk;
    }

    if (vm.count("scale")) {
        check_int_option("--scale", scale, 0, t.params.k - 1);
    } else {
        scale = t.scales.front();
    }
    const IntDatapath dp = int_datapath(t, scale);
    if (vm.count("x"))
        check_x_fits(x, scale, t.params.min_code(), t.params.max_code(),
                     "the signed " + std::to_string(t.params.k) + "-bit input at scale " + std::to_string(scale));
    const int64_t q = vm.count("x") ? round_half_even_scaled(x, scale, t.params.min_code(), t.params.max_code()) : code;
    if (q < t.params.min_code() || q > t.params.max_code())
        throw BadInput("--code " + std::to_string(q) + " outside the signed " + std::to_string(t.params.k) + "-bit range");
    const double xv = std::ldexp(static_cast<double>(q), -scale);
    j["scale"] = scale;
    j["x"] = xv;
    j.update(int_steps(dp, q));
    const double fx = f->in_domain(xv) ? (*f)(xv) : NAN;   // NaN: outside the domain (JSON null)
    j["f_x"] = fx;
    if (fmt == Format::json) {
        print_json(j);
        return kOk;
    }
    std::printf("input    q = %lld at s = %d (x = q * 2^-%d = %.9g)\n", static_cast<long long>(q), scale, scale, xv);
    print_int_steps(j, dp, q);
    std::printf("result   y = %s * 2^-%d = %.9g   f(x) = %.9g\n", dp.mode().folded() ? "y" : "acc", dp.result_frac(),
                dp.value(q), fx);
    return kOk;
}

namespace {
const RegisterCommand reg{{"trace", "one input through the golden datapath, step by step", run_trace, 25}};
}  // namespace

}  // namespace gqalut::cli
