// Range reduction of the scaler unit (docs/numeric-definition.md §12: EXP2, LOG2, EXP) against
// an independent evaluation in real arithmetic: x rounded to k fraction bits and split with
// floor (EXP2/EXP), the mantissa fraction of x rounded to k bits (LOG2), the core's pwl as
// k (x' - 0) + b on real breakpoints, the result requantized by floor(v + 1/2) and clipped.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "model/errors.hpp"
#include "model/scaler_datapath.hpp"
#include "model/table_io.hpp"
#include "model/unit_config.hpp"
#include "tests/model/model_tables.hpp"

using namespace gqalut;

namespace {

constexpr int kCore = 8;

ScalerSpec spec_for(ScalerFunc f, int in_frac, int out_frac) {
    ScalerSpec s;
    s.preset = "reduce";
    s.input = FixFormat{32, in_frac, scaler_input_signed(f)};
    s.output = FixFormat{32, out_frac, scaler_output_signed(f)};
    return s;
}

const char* name_of(ScalerFunc f) { return f == ScalerFunc::exp2 ? "exp2" : f == ScalerFunc::log2 ? "log2" : "exp"; }

// A core LUT (UQ0.8 input): chords of g on N uniform segments of [0, 1), or random codes.
LutCodes core_lut(std::mt19937_64& rng, ScalerFunc f, int n, const IntParams& p, bool random) {
    LutCodes l;
    const int64_t pmin = -(int64_t(1) << (p.width - 1)), pmax = -pmin - 1;
    auto code = [&](double v, int frac) {
        return std::min(pmax, std::max(pmin, static_cast<int64_t>(std::nearbyint(std::ldexp(v, frac)))));
    };
    for (int i = 0; i < n; ++i) {
        const double a = static_cast<double>(i) / n, b = static_cast<double>(i + 1) / n;
        auto g = [f](double x) { return f == ScalerFunc::log2 ? std::log2(1 + x) : std::exp2(x); };
        const double k = (g(b) - g(a)) / (b - a);
        if (i > 0) l.breakpoints.push_back(static_cast<int64_t>(std::ldexp(a, kCore)));
        if (random) {
            std::uniform_int_distribution<int64_t> d(pmin, pmax);
            l.slopes.push_back(d(rng));
            l.intercepts.push_back(d(rng));
        } else {
            l.slopes.push_back(code(k, p.lambda_k));
            l.intercepts.push_back(code(g(a) - k * a, p.lambda_b));
        }
    }
    return l;
}

double requantize_real(double v, int frac, const FixFormat& out) {
    const double r = std::floor(std::ldexp(v, frac) + 0.5);
    return std::min(std::max(r, static_cast<double>(out.min_code())), static_cast<double>(out.max_code()));
}

// The definition of §12 in real numbers.
double brute_force(ScalerFunc f, const ScalerSpec& spec, const IntParams& p, const LutCodes& lut, uint64_t word) {
    auto pwl = [&](double x) {
        size_t i = 0;
        for (int64_t b : lut.breakpoints)
            if (std::ldexp(static_cast<double>(b), -kCore) <= x) ++i;
        return std::ldexp(static_cast<double>(lut.slopes[i]), -p.lambda_k) * x +
               std::ldexp(static_cast<double>(lut.intercepts[i]), -p.lambda_b);
    };
    if (f == ScalerFunc::log2) {
        const uint64_t u = word & 0xFFFFFFFFull;
        if (u == 0) return static_cast<double>(spec.output.min_code());
        int lead = 63 - __builtin_clzll(u);
        const double m = std::ldexp(static_cast<double>(u), -lead);   // [1, 2)
        double t = std::floor(std::ldexp(m - 1, kCore) + 0.5);        // mantissa fraction, k bits
        if (t == std::ldexp(1.0, kCore)) {
            ++lead;
            t = 0;
        }
        const double y = (lead - spec.input.frac) + pwl(std::ldexp(t, -kCore));
        return requantize_real(y, spec.output.frac, spec.output);
    }
    const double x = std::ldexp(static_cast<double>(static_cast<int32_t>(static_cast<uint32_t>(word))), -spec.input.frac);
    const double factor = f == ScalerFunc::exp ? 94548.0 / 65536.0 : 1.0;
    const double z = std::floor(std::ldexp(x * factor, kCore) + 0.5);   // x log2(e) to k fraction bits
    const double n = std::floor(std::ldexp(z, -kCore));
    const double frac = std::ldexp(z, -kCore) - n;
    return requantize_real(std::ldexp(pwl(frac), static_cast<int>(std::max(-4000.0, std::min(4000.0, n)))),
                           spec.output.frac, spec.output);
}

// Inputs: every code around zero and the powers of two, extremes, and random words.
std::vector<uint64_t> inputs(std::mt19937_64& rng, int in_frac) {
    std::vector<uint64_t> w = {0, 1, 2, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE};
    for (int64_t c = -4096; c <= 4096; ++c) w.push_back(static_cast<uint64_t>(c) & 0xFFFFFFFF);
    for (int b = 0; b < 32; ++b)
        for (int64_t d : {-300, -37, -3, -2, -1, 0, 1, 2, 3, 37, 300})
            w.push_back(static_cast<uint64_t>((int64_t(1) << b) + d) & 0xFFFFFFFF);
    for (int e = -12; e <= 12; ++e) w.push_back(static_cast<uint64_t>(static_cast<int64_t>(std::ldexp(e, in_frac))) & 0xFFFFFFFF);
    for (int i = 0; i < 20000; ++i) w.push_back(rng() >> (32 + rng() % 32));
    for (int i = 0; i < 5000; ++i) w.push_back(rng() & 0xFFFFFFFF);
    return w;
}

}  // namespace

TEST_CASE("exp2, exp, log2: the scaler unit against the real-number definition", "[reduce]") {
    std::mt19937_64 rng(12);
    uint64_t checked = 0, bad = 0;
    for (ScalerFunc f : {ScalerFunc::exp2, ScalerFunc::exp, ScalerFunc::log2})
        for (int t = 0; t < 12; ++t) {
            const IntParams p{kCore, false, 8, static_cast<int>(rng() % 9), static_cast<int>(rng() % 9)};
            const int in_frac = t < 4 ? 16 : static_cast<int>(rng() % 33);
            const int out_frac = t < 4 ? (f == ScalerFunc::log2 ? 24 : 16) : static_cast<int>(rng() % 33);
            const ScalerSpec spec = spec_for(f, in_frac, out_frac);
            const LutCodes lut = core_lut(rng, f, 1 + static_cast<int>(rng() % 16), t < 6 ? IntParams{kCore, false, 8, 6, 6} : p, t >= 6);
            const IntParams used = t < 6 ? IntParams{kCore, false, 8, 6, 6} : p;
            const ScalerDatapath dp(name_of(f), spec, used, lut);
            for (uint64_t u : inputs(rng, in_frac)) {
                const double want = brute_force(f, spec, used, lut, u);
                const double got = static_cast<double>(dp.output(u));
                ++checked;
                if (got != want && ++bad <= 5)
                    UNSCOPED_INFO(name_of(f) << " in_frac " << in_frac << " out_frac " << out_frac << " u " << u << ": got "
                                             << got << " want " << want);
            }
        }
    std::printf("range reduction: %llu inputs checked, %llu differ\n", static_cast<unsigned long long>(checked),
                static_cast<unsigned long long>(bad));
    CHECK(checked > 500000);
    CHECK(bad == 0);
}

TEST_CASE("exp2 splits x rounded to k fraction bits into n and the fraction", "[reduce]") {
    const IntParams core{kCore, false, 8, 6, 6};
    const ScalerDatapath dp("exp2", spec_for(ScalerFunc::exp2, 16, 16), core, LutCodes{{}, {0}, {64}});   // pwl = 1
    const RangeScaler& sc = dp.scaler();
    CHECK(sc.core_frac() == 8);
    auto code = [](double x) { return static_cast<uint64_t>(static_cast<int64_t>(std::ldexp(x, 16))) & 0xFFFFFFFF; };
    CHECK(sc.select(code(3.25)).int_part == 3);
    CHECK(sc.select(code(3.25)).core_code == 64);
    CHECK(sc.select(code(-0.25)).int_part == -1);     // floor: -1 + 0.75
    CHECK(sc.select(code(-0.25)).core_code == 192);
    CHECK(sc.select(code(-3)).int_part == -3);
    CHECK(sc.select(code(-3)).core_code == 0);
    // 1 - 2^-10 rounds up to 1 at 8 fraction bits: carry into n.
    CHECK(sc.select(code(1.0 - std::ldexp(1.0, -10))).int_part == 1);
    CHECK(sc.select(code(1.0 - std::ldexp(1.0, -10))).core_code == 0);
    CHECK(dp.output(code(3.25)) == 8 << 16);          // 1 * 2^3 in UQ16.16
    CHECK(dp.output(code(-3)) == 1 << 13);
    CHECK(dp.output(code(20)) == 0xFFFFFFFF);         // 2^20 saturates UQ16.16
    CHECK(dp.output(0x80000000) == 0);                // x = -32768: 2^x rounds to 0
}

TEST_CASE("exp goes through exp2 with log2(e) = 94548 / 2^16 and one rounding", "[reduce]") {
    const IntParams core{kCore, false, 8, 6, 6};
    const ScalerDatapath dp("exp", spec_for(ScalerFunc::exp, 16, 16), core, LutCodes{{}, {0}, {64}});
    // x = 1: z = 94548 / 2^16 = 1.4427 -> 1 + 113/256 (369.33 rounds to 369).
    const ScalerChoice c = dp.scaler().select(1u << 16);
    CHECK(c.int_part == 1);
    CHECK(c.core_code == 113);
    CHECK(kLog2eCode == static_cast<int64_t>(std::nearbyint(std::log2(std::exp(1.0)) * 65536.0)));
    CHECK(std::fabs(std::log2(std::exp(1.0)) - 94548.0 / 65536.0) < 7.1e-6);
}

TEST_CASE("log2: leading one, mantissa rounding with carry, log2(0) is the most negative code", "[reduce]") {
    const IntParams core{kCore, false, 8, 6, 6};
    const ScalerDatapath dp("log2", spec_for(ScalerFunc::log2, 16, 24), core, LutCodes{{}, {64}, {0}});   // pwl(t) = t
    const RangeScaler& sc = dp.scaler();
    CHECK(sc.select(1u << 16).int_part == 0);               // x = 1
    CHECK(sc.select(1u << 16).core_code == 0);
    CHECK(sc.select(3u << 15).int_part == 0);               // x = 1.5
    CHECK(sc.select(3u << 15).core_code == 128);
    CHECK(sc.select(1).int_part == -16);                     // x = 2^-16
    CHECK(sc.select(0x1FF).core_code == 255);                // 9 significant bits: exact
    CHECK(sc.select(0x3FF).int_part == 10 - 16);             // 10 bits: rounds up, carry
    CHECK(sc.select(0x3FF).core_code == 0);
    CHECK(sc.select(0x3FD).core_code == 255);                // 1.111111110|1b rounds half up to 1.11111111b
    CHECK(sc.select(0).zero);
    CHECK(dp.output(0) == INT32_MIN);
    CHECK(std::isinf(dp.exact(0).value()));
    CHECK(dp.output(3u << 15) == (1 << 23));                 // 0.5 in Q7.24
    CHECK(dp.output(1) == -16 * (1 << 24));                  // log2(2^-16) = -16
    CHECK(dp.output(0xFFFFFFFF) == 16 * (1 << 24));          // 2^16 - 2^-16 rounds to 2^16
}

TEST_CASE("the exponent's 10-bit saturation never changes the output", "[reduce]") {
    // At n = 511 every positive result saturates and at n = -512 every result rounds to 0, for
    // any core accumulator and output format: beyond them the output cannot change.
    std::mt19937_64 rng(5);
    for (int t = 0; t < 200; ++t) {
        const IntParams core{kCore, false, 8, static_cast<int>(rng() % 9), static_cast<int>(rng() % 9)};
        std::uniform_int_distribution<int64_t> par(-128, 127);
        const LutCodes lut{{}, {par(rng)}, {par(rng)}};
        const ScalerDatapath dp("exp2", spec_for(ScalerFunc::exp2, 0, static_cast<int>(rng() % 33)), core, lut);
        const IntDatapath& c = dp.core();
        for (int64_t code = 0; code < 256; ++code) {
            const i128 acc = c.acc(code);
            const FixFormat& out = dp.scaler().spec().output;
            CHECK(requantize(acc, c.result_frac() - 511, out) == (acc > 0 ? out.max_code() : 0));
            CHECK(requantize(acc, c.result_frac() + 512, out) == 0);
        }
    }
}

TEST_CASE("reduction tables: format, validation, register writes", "[reduce][table]") {
    PwlTable t = test::per_scale_table("exp2", -8, 4, IntParams{8, false, 8, 6, 6}, {{8, LutCodes{{128}, {40, 60}, {64, 56}}}});
    t.scaler = spec_for(ScalerFunc::exp2, 16, 16);
    validate(t);
    CHECK(t.format_version() == 2);
    const PwlTable back = table_from_json_text(table_to_json(t).dump(), "t.json");
    CHECK(back.scaler == t.scaler);
    CHECK(back.scaler->input.is_signed);
    CHECK(table_to_json(back) == table_to_json(t));
    const auto w = config_writes(t, 0, scaler_shape());
    bool reduce_written = false;
    for (const auto& x : w)
        if (x.addr == reg::kReduce) reduce_written = x.data == 1;
    CHECK(reduce_written);
    // DIV tables write REDUCE = 0.
    PwlTable d = t;
    d.function = "div";
    d.scales = {5};
    d.per_scale = {{5, t.per_scale[8]}};
    d.scaler = ScalerSpec{};
    validate(d);
    for (const auto& x : config_writes(d, 0, scaler_shape()))
        if (x.addr == reg::kReduce) CHECK(x.data == 0);
    // log2 output signed, exp input signed, exp without scaler: the INT table.
    PwlTable l = t;
    l.function = "log2";
    l.scaler = spec_for(ScalerFunc::log2, 16, 24);
    validate(l);
    PwlTable bad = t;
    bad.scaler->preset = "normalize";
    CHECK_THROWS_AS(validate(bad), BadInput);
    bad = t;
    bad.scales = {5};
    bad.per_scale = {{5, t.per_scale[8]}};
    CHECK_THROWS_AS(validate(bad), BadInput);
    bad = l;
    bad.scaler->output.is_signed = false;
    CHECK_THROWS_AS(validate(bad), BadInput);
    const auto error_of = test::table_error;
    std::string v1 = table_to_json(t).dump();
    v1.replace(v1.find("\"version\":2"), 11, "\"version\":1");
    CHECK(error_of(v1) == "t.json: scaler.preset: 'reduce' needs version 2 (the file says version 1)");
}
