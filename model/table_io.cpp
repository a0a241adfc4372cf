#include "table_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "errors.hpp"
#include "functions.hpp"
#include "json_text.hpp"

namespace gqalut {

using nlohmann::json;

namespace {

// JSON has no NaN or Infinity, but Python's json module writes them as bare words. They are
// turned into strings here so validation can name the field and index that holds them.
std::string quote_non_finite_literals(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) out += text[++i];
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
            out += c;
            continue;
        }
        bool matched = false;
        for (const char* word : {"-Infinity", "Infinity", "NaN"}) {
            const size_t len = std::strlen(word);
            if (text.compare(i, len, word) == 0) {
                out += '"';
                out += word;
                out += '"';
                i += len - 1;
                matched = true;
                break;
            }
        }
        if (!matched) out += c;
    }
    return out;
}

std::string show(const json& v) {
    std::string s = v.dump();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
}

[[noreturn]] void fail(const std::string& field, const std::string& what) { throw BadInput(field + ": " + what); }

const json& member(const json& obj, const std::string& key, const std::string& field) {
    if (!obj.is_object()) fail(field, "expected an object, got " + show(obj));
    auto it = obj.find(key);
    if (it == obj.end()) fail(field.empty() ? key : field + "." + key, "missing");
    return *it;
}

std::string path_of(const std::string& base, const std::string& key) { return base.empty() ? key : base + "." + key; }

double get_number(const json& v, const std::string& field) {
    if (v.is_string()) {
        const auto s = v.get<std::string>();
        if (s == "NaN" || s == "Infinity" || s == "-Infinity") fail(field, s + " is not a finite number");
    }
    if (!v.is_number()) fail(field, "expected a number, got " + show(v));
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(field, show(v) + " is not a finite number");
    return d;
}

int64_t get_int(const json& v, const std::string& field) {
    const double d = get_number(v, field);
    if (std::fabs(d) > 4.0e18) fail(field, show(v) + " is out of range");
    if (v.is_number_integer()) return v.get<int64_t>();
    if (d != std::floor(d)) fail(field, show(v) + " is not an integer");
    return static_cast<int64_t>(d);
}

// An integer field within [lo, hi], checked on the 64-bit value before it is narrowed (so
// 4294967304 is refused, not read as 8).
int get_int_in(const json& v, const std::string& field, int64_t lo, int64_t hi) {
    const int64_t i = get_int(v, field);
    if (i < lo || i > hi) fail(field, std::to_string(i) + " outside " + std::to_string(lo) + ".." + std::to_string(hi));
    return static_cast<int>(i);
}

// Strings reach one-line messages: a control character (a NUL would end the message there, a
// newline split it) is refused, shown escaped.
std::string get_string(const json& v, const std::string& field) {
    if (!v.is_string()) fail(field, "expected a string, got " + show(v));
    std::string s = v.get<std::string>();
    for (const char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) fail(field, "a control character in the string " + show(v));
    return s;
}

const json& get_array(const json& v, const std::string& field) {
    if (!v.is_array()) fail(field, "expected a list, got " + show(v));
    return v;
}

std::vector<double> numbers(const json& v, const std::string& field) {
    std::vector<double> out;
    const json& a = get_array(v, field);
    for (size_t i = 0; i < a.size(); ++i) out.push_back(get_number(a[i], field + "[" + std::to_string(i) + "]"));
    return out;
}

std::vector<int64_t> ints(const json& v, const std::string& field) {
    std::vector<int64_t> out;
    const json& a = get_array(v, field);
    for (size_t i = 0; i < a.size(); ++i) out.push_back(get_int(a[i], field + "[" + std::to_string(i) + "]"));
    return out;
}

std::vector<float> floats(const json& v, const std::string& field) {
    std::vector<float> out;
    const auto d = numbers(v, field);
    for (size_t i = 0; i < d.size(); ++i) {
        const float f = static_cast<float>(d[i]);
        if (static_cast<double>(f) != d[i])
            fail(field + "[" + std::to_string(i) + "]", show(v[i]) + " is not exactly a binary32 value");
        out.push_back(f);
    }
    return out;
}

// Real value -> code with `frac` fraction bits; the value must be an exact multiple.
int64_t exact_code(double v, int frac, const std::string& field) {
    const double scaled = std::ldexp(v, frac);
    if (scaled != std::floor(scaled) || std::fabs(scaled) > 9.0e15)
        fail(field, show_number(v) + " is not a multiple of 2^-" + std::to_string(frac));
    return static_cast<int64_t>(scaled);
}

// The scaler's input and output formats; the bounds are the widest RangeScaler accepts.
FixFormat get_format(const json& v, const std::string& field, bool is_signed) {
    FixFormat f;
    f.width = get_int_in(member(v, "width", field), path_of(field, "width"), 2, 64);
    f.frac = get_int_in(member(v, "frac", field), path_of(field, "frac"), -64, 96);
    f.is_signed = is_signed;
    return f;
}

// ---- the project's own format ----------------------------------------------------------

DatapathOptions datapath_options(const json& d) {
    if (!d.is_object()) fail("datapath", "expected an object, got " + show(d));
    DatapathOptions o;
    for (auto it = d.begin(); it != d.end(); ++it) {
        const std::string f = "datapath." + it.key();
        if (it.key() == "symmetry") {
            try {
                o.symmetry = parse_symmetry(get_string(*it, f));
            } catch (const BadInput& e) {
                fail(f, e.what());
            }
        } else if (it.key() == "center") {
            o.center = get_int(*it, f);
        } else if (it.key() == "clamp") {
            if (!it->is_boolean()) fail(f, "expected true or false, got " + show(*it));
            o.clamp = it->get<bool>();
        } else if (it.key() == "intercept") {
            try {
                o.intercept = parse_intercept_mode(get_string(*it, f));
            } catch (const BadInput& e) {
                fail(f, e.what());
            }
        } else {
            fail(f, "unknown field (known: symmetry, center, clamp, intercept)");
        }
    }
    if (o.symmetry == Symmetry::point && !d.contains("center"))
        fail("datapath.center", "missing (point symmetry needs the centre c as an intercept code)");
    return o;
}

PwlTable from_own(const json& j) {
    PwlTable t;
    const int64_t version_code = get_int(member(j, "version", ""), "version");
    if (version_code < 1 || version_code > kTableFormatVersion)
        fail("version", std::to_string(version_code) + " is not supported (this build reads versions 1 to " +
                            std::to_string(kTableFormatVersion) + ")");
    const int version = static_cast<int>(version_code);
    t.function = get_string(member(j, "function", ""), "function");
    if (t.function == "expr") t.expr = get_string(member(j, "expr", ""), "expr");
    const auto range = numbers(member(j, "range", ""), "range");
    if (range.size() != 2) fail("range", "expected [lo, hi]");
    t.range_lo = range[0];
    t.range_hi = range[1];
    if (j.contains("method")) t.method = get_string(j["method"], "method");
    if (j.contains("seed") && !j["seed"].is_null()) {
        const json& seed = j["seed"];   // any 64-bit seed, as --seed takes
        if (seed.is_number_unsigned()) {
            t.seed = seed.get<uint64_t>();
        } else {
            const int64_t v = get_int(seed, "seed");
            if (v < 0) fail("seed", std::to_string(v) + " is negative");
            t.seed = static_cast<uint64_t>(v);
        }
    }
    t.entries = get_int_in(member(j, "entries", ""), "entries", 1, 1024);
    t.precision = parse_precision(get_string(member(j, "precision", ""), "precision"));
    if (j.contains("metrics")) t.metrics = j["metrics"];

    if (t.precision == Precision::fp32) {
        const json& lut = member(j, "fp32", "");
        t.fp32.breakpoints = floats(member(lut, "breakpoints", "fp32"), "fp32.breakpoints");
        t.fp32.slopes = floats(member(lut, "slopes", "fp32"), "fp32.slopes");
        t.fp32.intercepts = floats(member(lut, "intercepts", "fp32"), "fp32.intercepts");
        return t;
    }

    const json& pf = member(j, "param_format", "");
    t.params.k = input_bits(t.precision);
    t.params.input_signed = true;
    // The bounds validate() checks, here before the values are narrowed to int.
    t.params.width = get_int_in(member(pf, "width", "param_format"), "param_format.width", 2, 32);
    t.params.lambda_k = get_int_in(member(pf, "lambda_k", "param_format"), "param_format.lambda_k", 0, 40);
    t.params.lambda_b = get_int_in(member(pf, "lambda_b", "param_format"), "param_format.lambda_b", 0, 40);
    if (j.contains("datapath")) {
        if (version < 2) fail("datapath", "needs version 2 (the file says version " + std::to_string(version) + ")");
        t.datapath = datapath_options(j["datapath"]);
    }
    if (j.contains("scaler")) {
        const json& sc = j["scaler"];
        ScalerSpec spec;
        spec.preset = get_string(member(sc, "preset", "scaler"), "scaler.preset");
        if ((spec.preset == "reduce" || spec.preset == "octave") && version < 2)
            fail("scaler.preset", "'" + spec.preset + "' needs version 2 (the file says version " + std::to_string(version) + ")");
        // The signedness follows from the function (EXP2/EXP inputs, LOG2 outputs are signed).
        const bool reduces = t.function == "exp2" || t.function == "log2" || t.function == "exp";
        spec.input.is_signed = reduces && t.function != "log2";
        spec.output.is_signed = t.function == "log2";
        if (sc.contains("input")) spec.input = get_format(sc["input"], "scaler.input", spec.input.is_signed);
        if (sc.contains("output")) spec.output = get_format(sc["output"], "scaler.output", spec.output.is_signed);
        t.scaler = spec;
        t.params.input_signed = false;
    }
    const json& scales = get_array(member(j, "scales", ""), "scales");
    const int top_scale = t.scaler ? t.params.k : t.params.k - 1;   // validate()'s bound: the scaler core may run at UQ0.k
    for (size_t i = 0; i < scales.size(); ++i)
        t.scales.push_back(get_int_in(scales[i], "scales[" + std::to_string(i) + "]", 0, top_scale));

    const std::string scheme = get_string(member(j, "scheme", ""), "scheme");
    if (scheme == "shared") {
        const json& sh = member(j, "shared", "");
        SharedBreakpoints b;
        b.breakpoints = numbers(member(sh, "breakpoints", "shared"), "shared.breakpoints");
        b.slopes = ints(member(sh, "slopes", "shared"), "shared.slopes");
        b.intercepts = ints(member(sh, "intercepts", "shared"), "shared.intercepts");
        t.shared = b;
    } else if (scheme == "per-scale") {
        const json& ps = member(j, "per_scale", "");
        if (!ps.is_object()) fail("per_scale", "expected an object keyed by scale");
        for (auto it = ps.begin(); it != ps.end(); ++it) {
            const std::string base = "per_scale." + it.key();
            const std::string& key = it.key();
            if (key.empty() || key.size() > 2 || key.find_first_not_of("0123456789") != std::string::npos)
                fail(base, "key '" + key + "' is not a scale number 0.." + std::to_string(t.params.k - 1));
            const int s = std::stoi(key);
            LutCodes l;
            l.breakpoints = ints(member(*it, "breakpoints", base), base + ".breakpoints");
            l.slopes = ints(member(*it, "slopes", base), base + ".slopes");
            l.intercepts = ints(member(*it, "intercepts", base), base + ".intercepts");
            t.per_scale[s] = l;
        }
    } else {
        fail("scheme", "'" + scheme + "' is neither shared nor per-scale");
    }
    return t;
}

// ---- the reference implementation's format --------------------------------------------

PwlTable from_reference(const json& j) {
    if (!j.is_object() || j.size() != 1) fail("(top level)", "expected one function name as the only key");
    const std::string raw = j.begin().key();
    PwlTable t;
    t.function = raw == "reci" ? "div" : raw == "sqrt_reci" ? "rsqrt" : raw;
    t.method = "reference";
    t.precision = Precision::int8;
    t.params = default_int_params(Precision::int8);
    const json& scales = j.begin().value();
    if (!scales.is_object() || scales.empty()) fail(raw, "expected an object keyed by scale \"0\"..\"6\"");
    const bool scaled_input = !(t.function == "div" || t.function == "rsqrt");
    if (!scaled_input) {
        // The scaler core sees UQ3.5 codes: take the 5-fraction-bit entry (lambda = 5).
        t.scaler = ScalerSpec{};
        t.params.input_signed = false;
        t.params.lambda_k = t.params.lambda_b = 5;
    }
    int n = -1;
    for (auto it = scales.begin(); it != scales.end(); ++it) {
        const std::string base = raw + "." + it.key();
        int s = -1;
        try {
            size_t used = 0;
            s = std::stoi(it.key(), &used);
            if (used != it.key().size()) s = -1;
        } catch (const std::exception&) {
        }
        if (s < 0 || s > 7) fail(base, "key '" + it.key() + "' is not a scale 0..7");
        if (!scaled_input && s != 5) continue;
        const auto bps = numbers(member(*it, "breakpoints", base), base + ".breakpoints");
        const auto ks = numbers(member(*it, "slopes", base), base + ".slopes");
        const auto bs = numbers(member(*it, "intercepts", base), base + ".intercepts");
        if (n < 0) n = static_cast<int>(ks.size());
        if (static_cast<int>(ks.size()) != n)
            fail(base + ".slopes", "has " + std::to_string(ks.size()) + " values, other scales have " + std::to_string(n));
        if (bs.size() != ks.size())
            fail(base + ".intercepts", "has " + std::to_string(bs.size()) + " values, expected " + std::to_string(ks.size()));
        if (bps.size() + 1 != ks.size())
            fail(base + ".breakpoints", "has " + std::to_string(bps.size()) + " values, expected " + std::to_string(ks.size() - 1));
        LutCodes l;
        for (size_t i = 0; i < bps.size(); ++i) {
            const std::string f = base + ".breakpoints[" + std::to_string(i) + "]";
            if (i > 0 && bps[i] < bps[i - 1])
                fail(f, show_number(bps[i]) + " is below the previous breakpoint " + show_number(bps[i - 1]) +
                            " (breakpoints must be sorted)");
            // Clamp to the code range: the reference evaluates unclipped, which is the same.
            l.breakpoints.push_back(std::max(t.params.bp_min(), std::min(t.params.bp_max(), exact_code(bps[i], s, f))));
        }
        const FixFormat param = t.params.param_format(0);
        auto to_codes = [&](const std::vector<double>& v, int frac, const std::string& field) {
            std::vector<int64_t> codes;
            for (size_t i = 0; i < v.size(); ++i) {
                const std::string fi = field + "[" + std::to_string(i) + "]";
                codes.push_back(exact_code(v[i], frac, fi));
                if (!param.fits(codes.back()))
                    fail(fi, show_number(v[i]) + " does not fit " + t.params.param_format(frac).str());
            }
            return codes;
        };
        l.slopes = to_codes(ks, t.params.lambda_k, base + ".slopes");
        l.intercepts = to_codes(bs, t.params.lambda_b, base + ".intercepts");
        t.per_scale[s] = l;
        t.scales.push_back(s);
    }
    if (t.per_scale.empty()) fail(raw, "no entry for scale 5 (the scaler core's UQ3.5 input)");
    std::sort(t.scales.begin(), t.scales.end());
    t.entries = n;
    const auto f = builtin_function(t.function);
    t.range_lo = f->range_lo();
    t.range_hi = f->range_hi();
    return t;
}

json codes_json(const LutCodes& l) {
    return json{{"breakpoints", l.breakpoints}, {"slopes", l.slopes}, {"intercepts", l.intercepts}};
}

json format_json(const FixFormat& f) { return json{{"width", f.width}, {"frac", f.frac}}; }

}  // namespace

PwlTable table_from_json_text(const std::string& text, const std::string& name) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw BadInput(name + ": file is empty");
    const json j = parse_json_text(quote_non_finite_literals(text), name);
    try {
        PwlTable t = (j.is_object() && j.contains("format") && j["format"] == "gqalut-table") ? from_own(j)
                                                                                            : from_reference(j);
        validate(t);
        return t;
    } catch (const BadInput& e) {
        throw BadInput(name + ": " + e.what());
    } catch (const json::exception& e) {
        throw BadInput(name + ": unexpected JSON content: " + e.what());
    }
}

PwlTable load_table(const std::string& path) { return table_from_json_text(read_text_file(path), path); }

json table_to_json(const PwlTable& t) {
    json j;
    j["format"] = "gqalut-table";
    j["version"] = t.format_version();
    j["function"] = t.function;
    if (t.function == "expr") j["expr"] = t.expr;
    j["range"] = {t.range_lo, t.range_hi};
    j["method"] = t.method;
    j["seed"] = t.seed ? json(*t.seed) : json(nullptr);
    j["entries"] = t.entries;
    j["precision"] = to_string(t.precision);
    if (t.precision == Precision::fp32) {
        auto as_double = [](const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); };
        j["fp32"] = {{"breakpoints", as_double(t.fp32.breakpoints)},
                     {"slopes", as_double(t.fp32.slopes)},
                     {"intercepts", as_double(t.fp32.intercepts)}};
    } else {
        j["param_format"] = {{"width", t.params.width}, {"lambda_k", t.params.lambda_k}, {"lambda_b", t.params.lambda_b}};
        if (!t.datapath.is_default()) {
            json d = {{"symmetry", to_string(t.datapath.symmetry)}, {"clamp", t.datapath.clamp},
                      {"intercept", to_string(t.datapath.intercept)}};
            if (t.datapath.symmetry == Symmetry::point) d["center"] = t.datapath.center;
            j["datapath"] = d;
        }
        if (t.scaler)
            j["scaler"] = {{"preset", t.scaler->preset}, {"input", format_json(t.scaler->input)},
                           {"output", format_json(t.scaler->output)}};
        j["scales"] = t.scales;
        if (t.shared) {
            j["scheme"] = "shared";
            j["shared"] = {{"breakpoints", t.shared->breakpoints},
                           {"slopes", t.shared->slopes},
                           {"intercepts", t.shared->intercepts}};
        } else {
            j["scheme"] = "per-scale";
            json ps = json::object();
            for (const auto& [s, l] : t.per_scale) ps[std::to_string(s)] = codes_json(l);
            j["per_scale"] = ps;
        }
    }
    j["metrics"] = t.metrics;
    return j;
}

void save_table(const PwlTable& t, const std::string& path) {
    validate(t);
    write_file_atomic(path, table_to_json(t).dump(2) + "\n");
}

}  // namespace gqalut
