// Verilated multi-range scaler unit (DIV, RSQRT) against the golden model: both presets,
// exhaustive over the UQ16.16 codes below 4.0 plus windows at every sub-range threshold and
// power of two, random inputs over the whole format, random tables and formats, and random
// sub-range registers beyond the presets (checked with the golden model's building blocks);
// the range reductions EXP2, LOG2, EXP over a window of every code around zero, edges and
// random inputs, random core tables and formats.
#include <catch2/catch.hpp>

#include "model/range_scaler.hpp"
#include "model/scaler_datapath.hpp"
#include "rtl_tables.hpp"
#include "search/uniform.hpp"
#include "tests/common/option_tables.hpp"

using namespace gqalut;
using namespace gqalut::rtltest;

namespace {

// Inputs at the edges: 0, 1, the largest code, powers of two and their neighbours, and the
// Table 2 thresholds at the input format.
std::vector<uint64_t> edge_inputs(int in_frac) {
    std::vector<uint64_t> w = {0, 1, 2, 3, 0xFFFFFFFFull, 0xFFFFFFFEull};
    for (int b = 0; b < 32; ++b)
        for (int64_t d = -3; d <= 3; ++d) {
            const int64_t v = (int64_t(1) << b) + d;
            if (v >= 0 && v <= 0xFFFFFFFFll) w.push_back(static_cast<uint64_t>(v));
        }
    for (double x : {4.0, 32.0, 64.0, 256.0, 1024.0, 0.5, 0.25})
        for (int64_t d = -64; d <= 64; ++d) {
            const double c = std::ldexp(x, in_frac) + static_cast<double>(d);
            if (c >= 0 && c <= 4294967295.0) w.push_back(static_cast<uint64_t>(c));
        }
    return w;
}

PwlTable random_scaler_table(Rng& rng) {
    PwlTable t;
    t.function = rng.chance(0.5) ? "div" : "rsqrt";
    t.method = "random";
    t.precision = Precision::int8;
    t.entries = static_cast<int>(rng.range(1, 32));
    t.params = IntParams{8, false, 8, static_cast<int>(rng.range(0, 8)), static_cast<int>(rng.range(0, 8))};
    t.scales = {5};
    ScalerSpec spec;
    spec.preset = rng.chance(0.5) ? "paper" : "normalize";
    if (t.function == "rsqrt" && spec.preset == "normalize" && rng.chance(0.5)) spec.preset = "octave";
    spec.input.frac = static_cast<int>(rng.range(0, 32));
    spec.output.frac = static_cast<int>(rng.range(0, 32));
    t.scaler = spec;
    LutCodes lut;
    for (int j = 0; j + 1 < t.entries; ++j)
        lut.breakpoints.push_back(rng.chance(0.15) ? 256 : rng.chance(0.1) ? 0 : rng.range(0, 256));
    std::sort(lut.breakpoints.begin(), lut.breakpoints.end());
    for (int i = 0; i < t.entries; ++i) {
        lut.slopes.push_back(random_code(rng, 8));
        lut.intercepts.push_back(random_code(rng, 8));
    }
    t.per_scale[5] = lut;
    return t;
}

size_t subrange_both_presets(Driver& d, StreamResult& total) {
    Rng rng(3301);
    int run = 0;
    for (const char* fn : {"div", "rsqrt"}) {
        for (const char* preset : {"paper", "normalize", "octave"}) {
            if (std::string(preset) == "octave" && std::string(fn) == "div") continue;   // RSQRT only
            PwlTable t = uniform_table(fn, Precision::int8, 16, std::string(fn) == "div" ? 0.5 : 0.25, 4);
            t.scaler->preset = preset;
            std::vector<uint64_t> words;
            for (uint64_t u = 0; u < (uint64_t(1) << 18); ++u) words.push_back(u);   // every x < 4
            for (uint64_t u : edge_inputs(16)) words.push_back(u);
            for (int i = 0; i < 30000; ++i) words.push_back(rng.next() >> (32 + rng.next() % 32));
            total.add(run_table(d, t, 5, {}, words, profile(run, 1000 + static_cast<uint64_t>(run))));
            ++run;
        }
    }
    return 5u * 262144u;
}

size_t random_tables_and_formats(Driver& d, StreamResult& total) {
    Rng rng(3302);
    for (int run = 0; run < 40; ++run) {
        const PwlTable t = random_scaler_table(rng);
        std::vector<uint64_t> words = edge_inputs(t.scaler->input.frac);
        while (words.size() < 5000) words.push_back(rng.next() >> (32 + rng.next() % 32));
        total.add(run_table(d, t, 5, {}, words, profile(run, 1100 + static_cast<uint64_t>(run))));
    }
    return 100000u;
}

size_t random_subrange_registers(Driver& d, StreamResult& total) {
    // SR_LO / SR_SHIFT written directly (any order, negative and odd shifts), expected output
    // from the golden building blocks: scaler_core_code, IntDatapath, requantize.
    Rng rng(3303);
    for (int run = 0; run < 40; ++run) {
        PwlTable t = random_scaler_table(rng);
        t.scaler->preset = "paper";
        const bool rsqrt = t.function == "rsqrt";
        const int in_frac = t.scaler->input.frac;
        const FixFormat out = t.scaler->output;
        uint64_t lo[4];
        int shift[4];
        std::vector<CfgWrite> writes = config_writes(t, 5, d.dut().shape());
        // OCTAVE acts only with PRESET = 1 (and FUNC = 1): set here, it must change nothing.
        if (run % 2) writes.push_back({reg::kOctave, 1});
        for (int i = 0; i < 4; ++i) {
            lo[i] = rng.chance(0.2) ? (uint64_t(1) << 32) + (rng.next() & 1) : rng.next() >> (31 + rng.next() % 33);
            shift[i] = static_cast<int>(rng.range(-32, 32));
            writes.push_back({reg::kSubRangeLo + static_cast<uint32_t>(i), lo[i]});
            writes.push_back({reg::kSubRangeShift + static_cast<uint32_t>(i), static_cast<uint64_t>(static_cast<int64_t>(shift[i]))});
        }
        const IntDatapath core(t.params, 5, t.lut_for_scale(5));
        const auto golden = [&](uint64_t u) -> i128 {
            int sigma = 0;
            for (int i = 0; i < 4; ++i)
                if (u >= lo[i]) sigma = shift[i];
            const int64_t c = scaler_core_code(u, in_frac, sigma, 5, 8);
            const int e = rsqrt ? sigma / 2 : sigma;
            return requantize(core.acc(c), core.result_frac() + e, out);
        };
        std::vector<uint64_t> words = edge_inputs(in_frac);
        for (uint64_t l : lo)
            for (int64_t dd = -2; dd <= 2; ++dd)
                if (static_cast<int64_t>(l) + dd >= 0 && l + static_cast<uint64_t>(dd) <= 0xFFFFFFFFull) words.push_back(l + static_cast<uint64_t>(dd));
        while (words.size() < 4000) words.push_back(rng.next() >> (32 + rng.next() % 32));
        StreamResult r = d.configure(writes, true);
        r.add(d.stream(words, golden, profile(run, 1200 + static_cast<uint64_t>(run))));
        total.add(r);
    }
    return 100000u;
}

// Edges of the range reductions: negative powers of two, integers and half-integers of x and
// their neighbours at the input format.
std::vector<uint64_t> reduction_edges(int in_frac) {
    std::vector<uint64_t> w = edge_inputs(in_frac);
    for (int b = 0; b < 32; ++b)
        for (int64_t d = -2; d <= 2; ++d) w.push_back(static_cast<uint64_t>(-(int64_t(1) << b) + d) & 0xFFFFFFFFull);
    for (int m = -64; m <= 64; ++m)
        for (int64_t d = -2; d <= 2; ++d) {
            const double c = std::ldexp(m * 0.5, in_frac) + static_cast<double>(d);
            if (std::fabs(c) < 2147483648.0) w.push_back(static_cast<uint64_t>(static_cast<int64_t>(c)) & 0xFFFFFFFFull);
        }
    return w;
}

size_t reduce_window(Driver& d, StreamResult& total) {
    // Every input code with |u| < 2^17 (log2: 0 <= u < 2^18), the edges and 20000 random words,
    // chord tables N = 16 at UQ16.16 in, 16 or 24 output fraction bits.
    Rng rng(3401);
    int run = 0;
    for (const char* f : {"exp2", "log2", "exp"}) {
        const bool log2 = std::string(f) == "log2";
        const PwlTable t = test::reduction_table(f, 16, 0, 16, log2 ? 24 : 16);
        std::vector<uint64_t> words = test::reduction_window(f);
        for (uint64_t u : reduction_edges(16)) words.push_back(u);
        for (int i = 0; i < 20000; ++i) words.push_back(rng.next() >> (32 + rng.next() % 32));
        total.add(run_table(d, t, 8, {}, words, profile(run, 1300 + static_cast<uint64_t>(run))));
        ++run;
    }
    return 3u * 262144u;
}

size_t reduce_random(Driver& d, StreamResult& total) {
    Rng rng(3402);
    const char* fs[] = {"exp2", "log2", "exp"};
    for (int run = 0; run < 45; ++run) {
        const int in_frac = static_cast<int>(rng.range(0, 32)), out_frac = static_cast<int>(rng.range(0, 32));
        const PwlTable t = test::reduction_table(fs[run % 3], static_cast<int>(rng.range(1, 32)), run % 2 ? rng.next() | 1 : 0,
                                                 in_frac, out_frac);
        std::vector<uint64_t> words = reduction_edges(in_frac);
        while (words.size() < 5000) words.push_back(rng.next() >> (32 + rng.next() % 32));
        total.add(run_table(d, t, 8, {}, words, profile(run, 1400 + static_cast<uint64_t>(run))));
    }
    return 100000u;
}

const RtlCase kCases[] = {
    {"div/rsqrt x paper/normalize, rsqrt octave: every UQ16.16 code < 4.0 + edges + 30000 random", scaler_shape(), subrange_both_presets, false},
    {"40 random tables (function, preset, lambda, IN_FRAC, OUT_FRAC)", scaler_shape(), random_tables_and_formats, false},
    {"40 random sub-range register sets (paper preset; OCTAVE = 1 in every other, ignored)", scaler_shape(), random_subrange_registers, false},
    {"exp2/log2/exp: every code of a 2^18 window + edges + 20000 random", scaler_shape(), reduce_window, false},
    {"45 random exp2/log2/exp tables (core codes, lambda, IN_FRAC, OUT_FRAC)", scaler_shape(), reduce_random, false},
};
}  // namespace

TEST_CASE("scaler_exhaustive_subrange_both_presets", "[scaler]") { run_case(kCases[0]); }
TEST_CASE("scaler_random_tables_and_formats", "[scaler]") { run_case(kCases[1]); }
TEST_CASE("scaler_random_subrange_registers", "[scaler]") { run_case(kCases[2]); }
TEST_CASE("reduce_exhaustive_window_exp2_log2_exp", "[scaler][reduce]") { run_case(kCases[3]); }
TEST_CASE("reduce_random_tables_and_formats", "[scaler][reduce]") { run_case(kCases[4]); }
