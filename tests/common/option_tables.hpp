// Test tables of the datapath options and the range reductions, shared by the golden-vs-model
// tests of every level (tests/systemc, tests/rtl, tests/cosim): random tables given options,
// uniform fits that use the options as intended, and EXP2/LOG2/EXP core tables.
#pragma once
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "model/pwl_table.hpp"
#include "search/uniform.hpp"

namespace gqalut::test {

// Table t with the INT datapath options o. Per-scale breakpoints of a folded table become |P|
// (sorted), with the folded "never fires" code 2^(k-1)+1 and the code 2^(k-1) that only the most
// negative input reaches mixed in; point symmetry gets a random centre code.
inline PwlTable with_options(PwlTable t, const DatapathOptions& o, uint64_t seed) {
    std::mt19937_64 rng(seed);
    t.datapath = o;
    const int64_t top = t.params.bp_max(true);
    if (o.folded())
        for (auto& [s, lut] : t.per_scale) {
            for (auto& b : lut.breakpoints) {
                const int r = static_cast<int>(rng() % 8);
                b = r == 0 ? top : r == 1 ? top - 1 : std::min(top, b < 0 ? -b : b);
            }
            std::sort(lut.breakpoints.begin(), lut.breakpoints.end());
        }
    if (o.symmetry == Symmetry::point && t.datapath.center == 0) {
        const int64_t lim = int64_t(1) << (t.params.width - 1);
        std::uniform_int_distribution<int64_t> c(-lim, lim - 1);
        t.datapath.center = c(rng);
    }
    return t;
}

// A shared table's intercepts made segment-relative: B_i becomes the line's value at the
// segment start p_{i-1} (the fitted range's low end for segment 0), rounded and saturated.
inline PwlTable to_relative(PwlTable t) {
    auto& sh = *t.shared;
    for (size_t i = 0; i < sh.slopes.size(); ++i) {
        const double p = i == 0 ? t.fit_lo() : sh.breakpoints[i - 1];
        const double v = std::ldexp(static_cast<double>(sh.intercepts[i]), -t.params.lambda_b) +
                         std::ldexp(static_cast<double>(sh.slopes[i]), -t.params.lambda_k) * p;
        const int64_t lim = int64_t(1) << (t.params.width - 1);
        sh.intercepts[i] = std::clamp<int64_t>(static_cast<int64_t>(std::nearbyint(std::ldexp(v, t.params.lambda_b))), -lim, lim - 1);
    }
    t.datapath.intercept = InterceptMode::relative;
    return t;
}

// Every combination of the options: 5 symmetries x clamp off/on x absolute/relative intercepts.
inline std::vector<DatapathOptions> all_options() {
    std::vector<DatapathOptions> v;
    for (Symmetry s : {Symmetry::none, Symmetry::odd, Symmetry::even, Symmetry::point, Symmetry::shifted})
        for (bool clamp : {false, true})
            for (InterceptMode m : {InterceptMode::absolute, InterceptMode::relative}) {
                DatapathOptions o;
                o.symmetry = s;
                o.clamp = clamp;
                o.intercept = m;
                v.push_back(o);
            }
    return v;
}

// Uniform fits that use the options as intended: the LUT on the folded half for the symmetric
// functions (sigmoid about (0, 1/2), tanh odd, GELU/SiLU shifted, x^2 even), clamped to the
// range, with absolute or relative intercepts.
inline std::vector<PwlTable> option_fits(Precision p, int n) {
    struct Fit {
        const char* f;
        const char* expr;
        double hi;
        Symmetry sym;
        bool clamp;
    };
    const Fit fits[] = {{"sigmoid", "", 8, Symmetry::point, true}, {"tanh", "", 4, Symmetry::odd, true},
                        {"gelu", "", 4, Symmetry::shifted, false}, {"silu", "", 8, Symmetry::shifted, false},
                        {"expr", "x*x", 2, Symmetry::even, true},   {"gelu", "", 4, Symmetry::none, true}};
    std::vector<PwlTable> out;
    for (const Fit& f : fits) {
        const bool folded = f.sym != Symmetry::none;
        PwlTable t = uniform_table(f.f, p, n, folded ? 0 : -f.hi, f.hi, f.expr);
        t.range_lo = -f.hi;   // the unit serves [-hi, hi]; the LUT covers the fitted half
        t.datapath.symmetry = f.sym;
        t.datapath.clamp = f.clamp;
        if (f.sym == Symmetry::point) t.datapath.center = int64_t(1) << (t.params.lambda_b - 1);   // c = 1/2
        out.push_back(t);
        out.push_back(to_relative(t));
    }
    return out;
}

// A range-reduction table (EXP2, LOG2, EXP; numeric-definition.md §12) on the scaler's INT8
// core (UQ0.8): chords of 2^x or log2(1 + x) on N uniform segments of [0, 1), or random core
// codes (random lambda); input and output fraction bits as given.
inline PwlTable reduction_table(const char* f, int n, uint64_t random_seed, int in_frac = 16, int out_frac = 16) {
    const bool log2 = std::string(f) == "log2";
    PwlTable t;
    t.function = f;
    t.method = "test";
    t.range_lo = log2 ? 0.25 : -8;
    t.range_hi = log2 ? 16 : 4;
    t.entries = n;
    t.precision = Precision::int8;
    t.params = IntParams{8, false, 8, 6, 6};
    t.scales = {8};
    ScalerSpec spec;
    spec.preset = "reduce";
    spec.input = FixFormat{32, in_frac, !log2};
    spec.output = FixFormat{32, out_frac, log2};
    t.scaler = spec;
    LutCodes lut;
    std::mt19937_64 rng(random_seed);
    if (random_seed) {
        t.params.lambda_k = static_cast<int>(rng() % 9);
        t.params.lambda_b = static_cast<int>(rng() % 9);
    }
    for (int i = 0; i < n; ++i) {
        const double a = static_cast<double>(i) / n, b = static_cast<double>(i + 1) / n;
        auto g = [log2](double x) { return log2 ? std::log2(1 + x) : std::exp2(x); };
        const double k = (g(b) - g(a)) / (b - a);
        if (i > 0) lut.breakpoints.push_back(random_seed && rng() % 5 == 0 ? 256 : static_cast<int64_t>(std::ldexp(a, 8)));
        auto code = [](double v, int frac) { return std::clamp<int64_t>(static_cast<int64_t>(std::nearbyint(std::ldexp(v, frac))), -128, 127); };
        std::uniform_int_distribution<int64_t> par(-128, 127);
        lut.slopes.push_back(random_seed ? par(rng) : code(k, t.params.lambda_k));
        lut.intercepts.push_back(random_seed ? par(rng) : code(g(a) - k * a, t.params.lambda_b));
    }
    std::sort(lut.breakpoints.begin(), lut.breakpoints.end());
    t.per_scale[8] = lut;
    return t;
}

// Every input word of a window around zero for a range reduction: |u| < 2^17 for EXP2 and EXP
// (two's complement words; at UQ16.16 x in (-2, 2): every core code and the exponents around
// 0), 0 <= u < 2^18 for LOG2 (x < 4, every mantissa at every exponent below).
inline std::vector<uint64_t> reduction_window(const std::string& f) {
    const bool log2 = f == "log2";
    std::vector<uint64_t> words;
    for (int64_t c = log2 ? 0 : -(int64_t(1) << 17); c < (int64_t(1) << (log2 ? 18 : 17)); ++c)
        words.push_back(static_cast<uint64_t>(c) & 0xFFFFFFFFull);
    return words;
}

}  // namespace gqalut::test
