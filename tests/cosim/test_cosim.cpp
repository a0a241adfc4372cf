// Lock-step co-simulation (sims/tb/cosim.hpp): golden model, SystemC cycle model and Verilated
// RTL of one shape in one SystemC elaboration, the same pins into both models, every output pin
// compared every cycle and every delivered word checked against golden, with random
// back-pressure throughout. One elaboration per process: ctest runs each test case in its own
// process (catch_discover_tests); run bare, the binary forks a child per test case.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "search/search.hpp"
#include "sims/tb/cosim.hpp"
#include "tests/rtl/rtl_tables.hpp"
#include "tests/common/option_tables.hpp"
#include "tests/systemc/sc_test_util.hpp"

using namespace gqalut;

namespace {

const sim::InputSpec kExhaustive{true, 0};

struct Totals {
    uint64_t runs = 0, compared = 0, mismatches = 0, cycles = 0, pin_cycles = 0;
};

sim::CosimSim& cosim(const UnitShape& shape) {
    sim::CosimOptions o;
    o.shape = shape;
    sim::CosimSim& c = sim::cosim_sim(o);
    c.reset(2);
    return c;
}

// Loads t at scale s into both models, streams the inputs, checks: 0 mismatches, every input compared.
void run(sim::CosimSim& c, Totals& tot, const PwlTable& t, int s, const sim::InputSpec& in, const sim::StallConfig& st,
         const RequantConfig& rq = {}) {
    const bool configured = c.configure(config_writes(t, s, c.shape(), rq));
    const auto inputs = sim::make_inputs(t, s, c.shape(), in, st.seed + 17);
    const auto ref = sim::golden_reference(t, s, c.shape(), rq);
    sim::CosimStats r = configured ? c.stream(inputs, *ref, st) : c.take_pending();
    sim::CosimReport rep;
    rep.shape = c.shape();
    for (auto& m : r.first) {
        m.scale = s;
        UNSCOPED_INFO(rep.describe(m));
    }
    REQUIRE(configured);
    CHECK_FALSE(r.timed_out);
    CHECK_FALSE(r.diverged);
    CHECK(r.mismatches() == 0);
    CHECK(r.compared == inputs.size());
    ++tot.runs;
    tot.compared += r.compared;
    tot.mismatches += r.mismatches();
    tot.cycles += r.cycles;
    tot.pin_cycles += r.pin_cycles;
}

// Loads the scaler table t and streams the given words (no scale), adding to tot.
void run_words(sim::CosimSim& c, Totals& tot, const PwlTable& t, const std::vector<uint64_t>& words,
               const sim::StallConfig& st) {
    REQUIRE(c.configure(config_writes(t, 0, c.shape())));
    const auto ref = sim::golden_reference(t, 0, c.shape(), {});
    const sim::CosimStats r = c.stream(words, *ref, st);
    CHECK(r.mismatches() == 0);
    CHECK(r.compared == words.size());
    ++tot.runs;
    tot.compared += r.compared;
    tot.mismatches += r.mismatches();
    tot.pin_cycles += r.pin_cycles;
}

void print(const char* what, const Totals& t) {
    std::printf("[cosim] %s: %llu runs, %llu elements compared (golden, cycle model, RTL), %llu mismatches, "
                "%llu cycles with pins compared\n",
                what, static_cast<unsigned long long>(t.runs), static_cast<unsigned long long>(t.compared),
                static_cast<unsigned long long>(t.mismatches), static_cast<unsigned long long>(t.pin_cycles));
    std::fflush(stdout);
}

// Back-pressure profiles (input gap, output stall): they cycle over the runs.
sim::StallConfig stalls(uint64_t i) {
    static const double p[][2] = {{0.3, 0.3}, {0.1, 0.6}, {0.6, 0.1}, {0.0, 0.3}, {0.5, 0.5}, {0.2, 0.0}};
    return {p[i % 6][0], p[i % 6][1], 1000 + i};
}

double lo_of(const std::string& f) { return f == "exp" ? -8 : -4; }
double hi_of(const std::string& f) { return f == "exp" ? 0 : 4; }

const char* const kFunctions[] = {"gelu", "hswish", "exp", "sigmoid", "tanh", "silu"};

// INT8: the reference tables at their scales (requantizer off, s_o = s, a random s_o), uniform
// tables of six functions and random tables at N = 4, 8, 16, 32 and every scale.
void int8_tables(sim::CosimSim& c, Totals& ref_tot, Totals& uni_tot, Totals& rnd_tot, uint64_t seed) {
    rtltest::Rng rng(seed);
    uint64_t i = seed;
    for (const auto& path : rtltest::reference_table_paths()) {
        const PwlTable t = load_table(path);
        for (int s : t.scales) {
            run(c, ref_tot, t, s, kExhaustive, stalls(i++));
            run(c, ref_tot, t, s, kExhaustive, stalls(i++), {true, s});
            run(c, ref_tot, t, s, kExhaustive, stalls(i++), {true, static_cast<int>(rng.range(-8, 16))});
        }
    }
    for (int n : {4, 8, 16, 32})
        for (const char* f : kFunctions) {
            const PwlTable t = uniform_table(f, Precision::int8, n, lo_of(f), hi_of(f));
            for (int s = 0; s < 8; ++s) run(c, uni_tot, t, s, kExhaustive, stalls(i++));
        }
    for (int n : {4, 8, 16, 32})
        for (int r = 0; r < 6; ++r) {
            const PwlTable t = r < 4 ? rtltest::random_int_table(rng, Precision::int8, n)
                                     : test::random_int_table(Precision::int8, n, seed * 100 + static_cast<uint64_t>(n + r));
            for (int s = 0; s < 8; ++s) run(c, rnd_tot, t, s, kExhaustive, stalls(i++), rtltest::random_requant(rng, 8));
        }
}


}  // namespace

TEST_CASE("int8_exhaustive_reference_uniform_random_tables", "[int8]") {
    sim::CosimSim& c = cosim(int_shape(8));
    Totals ref, uni, rnd;
    int8_tables(c, ref, uni, rnd, 11);
    print("int8 exhaustive, 6 reference tables x scales 0-6 x requantizer off/s_o=s/random s_o", ref);
    print("int8 exhaustive, 6 uniform functions x N 4/8/16/32 x scales 0-7", uni);
    print("int8 exhaustive, 24 random tables (N 4/8/16/32) x scales 0-7, random requantizer", rnd);
}

TEST_CASE("int8_lanes8_exhaustive_tables", "[int8][lanes]") {
    sim::CosimSim& c = cosim(int_shape(8, 32, 8));
    Totals ref, uni, rnd;
    int8_tables(c, ref, uni, rnd, 12);
    print("int8 lanes 8 exhaustive, reference tables", ref);
    print("int8 lanes 8 exhaustive, uniform tables N 4-32", uni);
    print("int8 lanes 8 exhaustive, random tables N 4-32", rnd);
}

TEST_CASE("int16_exhaustive_tables_and_scales", "[int16]") {
    sim::CosimSim& c = cosim(int_shape(16));
    rtltest::Rng rng(16);
    Totals uni, all, rnd;
    uint64_t i = 0;
    const char* f4[] = {"gelu", "tanh", "silu", "hswish"};
    int j = 0;
    for (int n : {4, 8, 16, 32}) {
        const PwlTable t = uniform_table(f4[j++], Precision::int16, n, -4, 4);
        for (int s = 0; s < 16; ++s) run(c, uni, t, s, kExhaustive, stalls(i++));
    }
    const PwlTable g = uniform_table("exp", Precision::int16, 16, -8, 0);
    for (int s = 0; s < 16; ++s) run(c, all, g, s, kExhaustive, stalls(i++), RequantConfig{true, s % 3 == 0 ? s : 15 - s});
    for (int n : {5, 13, 32}) {
        const PwlTable t = rtltest::random_int_table(rng, Precision::int16, n);
        for (int s : {static_cast<int>(rng.range(0, 7)), static_cast<int>(rng.range(8, 15))})
            run(c, rnd, t, s, kExhaustive, stalls(i++), rtltest::random_requant(rng, 16));
    }
    print("int16 exhaustive, 4 uniform tables (gelu/tanh/silu/hswish, N 4/8/16/32) x all 16 scales", uni);
    print("int16 exhaustive, exp N=16 at all 16 scales with the requantizer", all);
    print("int16 exhaustive, 3 random tables x 2 scales, random requantizer", rnd);
}

TEST_CASE("int32_random_and_corner_inputs", "[int32]") {
    sim::CosimSim& c = cosim(int_shape(32));
    rtltest::Rng rng(32);
    Totals tot;
    uint64_t i = 0;
    for (int n : {4, 8, 16, 32})
        for (const char* f : {"gelu", "silu", "exp"}) {
            const PwlTable t = uniform_table(f, Precision::int32, n, lo_of(f), hi_of(f));
            run(c, tot, t, static_cast<int>(rng.range(0, 31)), {false, 20000}, stalls(i++), rtltest::random_requant(rng, 32));
        }
    for (int r = 0; r < 12; ++r) {
        const PwlTable t = rtltest::random_int_table(rng, Precision::int32, static_cast<int>(rng.range(1, 32)));
        run(c, tot, t, static_cast<int>(rng.range(0, 31)), {false, 20000}, stalls(i++), rtltest::random_requant(rng, 32));
    }
    print("int32 random + corner inputs, 12 uniform + 12 random tables, random scale and requantizer", tot);
    CHECK(tot.compared >= 100000);
}

TEST_CASE("fp32_random_and_corner_inputs", "[fp32]") {
    UnitShape shape = fp32_shape();
    sim::CosimSim& c = cosim(shape);
    Totals uni, rnd;
    uint64_t i = 0;
    for (int n : {8, 16, 32})
        for (const char* f : kFunctions)
            run(c, uni, uniform_table(f, Precision::fp32, n, lo_of(f), hi_of(f)), 0, {false, 15000}, stalls(i++));
    for (int r = 0; r < 16; ++r)
        run(c, rnd, test::random_fp32_table(1 + r * 31 % 32, 500 + static_cast<uint64_t>(r)), 0, {false, 15000}, stalls(i++));
    print("fp32 random + corner inputs (NaN, inf, -0, subnormals, breakpoint neighbours), 6 functions x N 8/16/32", uni);
    print("fp32 random + corner inputs, 16 random tables with huge/tiny/zero/-0/subnormal entries", rnd);
    CHECK(uni.compared + rnd.compared >= 100000);
}

namespace {
// Every UQ16.16 word below 4.0: all sub-ranges of the DIV/RSQRT presets below IR's top.
std::vector<uint64_t> words_below_4() {
    std::vector<uint64_t> w(uint64_t(1) << 18);
    for (uint64_t i = 0; i < w.size(); ++i) w[i] = i;
    return w;
}

PwlTable scaler_table(const char* f, const char* preset, int n, uint64_t random_seed, int out_frac) {
    PwlTable t = uniform_table(f, Precision::int8, n, std::string(f) == "div" ? 0.5 : 0.25, 4);
    t.scaler->preset = preset;
    t.scaler->output.frac = out_frac;
    if (random_seed) {   // keep the scaler, random core codes and lambda
        const PwlTable r = test::random_int_table(Precision::int8, n, random_seed, true);
        t.params = r.params;
        t.shared.reset();
        t.per_scale = r.per_scale;
        t.scales = r.scales;
    }
    return t;
}
}  // namespace

TEST_CASE("scaler_div_rsqrt_both_presets", "[scaler]") {
    sim::CosimSim& c = cosim(scaler_shape());
    Totals window, rnd;
    uint64_t i = 0;
    // Every UQ16.16 code below 4.0 (all sub-ranges of both presets below IR's top) for N = 16.
    const std::vector<uint64_t> low = words_below_4();
    for (const char* f : {"div", "rsqrt"})
        for (const char* preset : {"paper", "normalize"}) run_words(c, window, scaler_table(f, preset, 16, 0, 24), low, stalls(i++));
    for (const char* f : {"div", "rsqrt"})
        for (const char* preset : {"paper", "normalize"})
            for (int n : {4, 8, 16, 32}) {
                run(c, rnd, scaler_table(f, preset, n, 0, 24), 0, {false, 6000}, stalls(i++));
                run(c, rnd, scaler_table(f, preset, n, 70 + static_cast<uint64_t>(n), n % 3 == 0 ? 0 : 32 - n / 2), 0,
                    {false, 6000}, stalls(i++));
            }
    print("div/rsqrt x paper/normalize, every UQ16.16 code below 4.0", window);
    print("div/rsqrt x paper/normalize x N 4/8/16/32, uniform and random core tables, random + corner inputs", rnd);
}

// The RSQRT octave (numeric-definition.md §6): every UQ16.16 code below 4.0 (sigma -18..-1,
// both parities, so the constant multiply and its absence) on a chord, a random and a searched
// core table; random + corner inputs over the whole input range at N 4/8/16/32 and several
// output formats.
TEST_CASE("scaler_rsqrt_octave", "[scaler][octave]") {
    sim::CosimSim& c = cosim(scaler_shape());
    Totals window, rnd;
    uint64_t i = 0;
    const std::vector<uint64_t> low = words_below_4();
    SearchOptions o;
    o.spec.function = "rsqrt";
    o.spec.preset = "octave";
    o.spec.entries = 16;
    o.method = "optimal";
    const PwlTable searched = run_search(o).table;
    REQUIRE(searched.scaler);
    REQUIRE(searched.scaler->preset == "octave");
    for (const PwlTable& t : {scaler_table("rsqrt", "octave", 16, 0, 24), scaler_table("rsqrt", "octave", 16, 91, 28), searched})
        run_words(c, window, t, low, stalls(i++));
    for (int n : {4, 8, 16, 32}) {
        run(c, rnd, scaler_table("rsqrt", "octave", n, 0, 24), 0, {false, 6000}, stalls(i++));
        run(c, rnd, scaler_table("rsqrt", "octave", n, 170 + static_cast<uint64_t>(n), n % 3 == 0 ? 0 : 32 - n / 2), 0,
            {false, 6000}, stalls(i++));
    }
    print("rsqrt octave, every UQ16.16 code below 4.0, chord + random + searched N=16 core tables", window);
    print("rsqrt octave x N 4/8/16/32, uniform and random core tables, random + corner inputs", rnd);
}

// The datapath options (numeric-definition.md §8-§11), every combination: INT8 every code at
// every scale on random tables (random requantizer) and on the uniform fits that use the
// options as intended; INT16 every code at one scale per combination; INT32 random + corners.
namespace {
void int8_options(sim::CosimSim& c, Totals& rnd, Totals& fits, uint64_t seed) {
    rtltest::Rng rng(seed);
    uint64_t i = seed;
    for (const DatapathOptions& o : test::all_options())
        for (int n : {1, 7, 32}) {
            const PwlTable t = test::with_options(rtltest::random_int_table(rng, Precision::int8, n), o, rng.next());
            for (int s = 0; s < 8; ++s) run(c, rnd, t, s, kExhaustive, stalls(i++), rtltest::random_requant(rng, 8));
        }
    for (int n : {4, 8, 16, 32})
        for (const PwlTable& t : test::option_fits(Precision::int8, n))
            for (int s = 0; s < 8; ++s) run(c, fits, t, s, kExhaustive, stalls(i++));
}
}  // namespace

TEST_CASE("int8_exhaustive_datapath_options", "[int8][options]") {
    sim::CosimSim& c = cosim(int_shape(8));
    Totals rnd, fits;
    int8_options(c, rnd, fits, 21);
    print("int8 exhaustive, 20 option combinations x 3 random tables x scales 0-7, random requantizer", rnd);
    print("int8 exhaustive, 12 option fits (sigmoid point, tanh odd, gelu/silu shifted, x^2 even, clamp; absolute and "
          "relative) x N 4/8/16/32 x scales 0-7", fits);
}

TEST_CASE("int8_lanes8_exhaustive_datapath_options", "[int8][lanes][options]") {
    sim::CosimSim& c = cosim(int_shape(8, 32, 8));
    Totals rnd, fits;
    int8_options(c, rnd, fits, 22);
    print("int8 lanes 8 exhaustive, option combinations x random tables", rnd);
    print("int8 lanes 8 exhaustive, option fits", fits);
}

TEST_CASE("int16_exhaustive_datapath_options", "[int16][options]") {
    sim::CosimSim& c = cosim(int_shape(16));
    rtltest::Rng rng(1616);
    Totals rnd, fits;
    uint64_t i = 0;
    for (const DatapathOptions& o : test::all_options()) {
        const PwlTable t = test::with_options(rtltest::random_int_table(rng, Precision::int16, static_cast<int>(rng.range(1, 32))), o,
                                              rng.next());
        run(c, rnd, t, static_cast<int>(rng.range(0, 15)), kExhaustive, stalls(i++), rtltest::random_requant(rng, 16));
    }
    for (const PwlTable& t : test::option_fits(Precision::int16, 16)) run(c, fits, t, 12, kExhaustive, stalls(i++));
    print("int16 exhaustive, 20 option combinations x a random table at a random scale, random requantizer", rnd);
    print("int16 exhaustive, 12 option fits N=16 at s = 12", fits);
}

TEST_CASE("int32_random_and_corner_datapath_options", "[int32][options]") {
    sim::CosimSim& c = cosim(int_shape(32));
    rtltest::Rng rng(3232);
    Totals tot;
    uint64_t i = 0;
    for (const DatapathOptions& o : test::all_options()) {
        const PwlTable t = test::with_options(rtltest::random_int_table(rng, Precision::int32, static_cast<int>(rng.range(1, 32))), o,
                                              rng.next());
        run(c, tot, t, static_cast<int>(rng.range(0, 31)), {false, 5000}, stalls(i++), rtltest::random_requant(rng, 32));
    }
    for (const PwlTable& t : test::option_fits(Precision::int32, 16)) run(c, tot, t, 24, {false, 5000}, stalls(i++));
    print("int32 random + corner inputs, 20 option combinations + 12 option fits", tot);
    CHECK(tot.compared >= 100000);
}

// The range reductions (numeric-definition.md §12): every code of a window around zero (all
// core codes and the exponents it reaches), random + corner inputs on chord and random core
// tables at several input and output formats.
TEST_CASE("scaler_range_reduction_exp2_log2_exp", "[scaler][reduce]") {
    sim::CosimSim& c = cosim(scaler_shape());
    Totals window, rnd;
    uint64_t i = 0;
    for (const char* f : {"exp2", "log2", "exp"}) {
        const bool log2 = std::string(f) == "log2";
        run_words(c, window, test::reduction_table(f, 16, 0, 16, log2 ? 24 : 16), test::reduction_window(f), stalls(i++));
        for (int n : {1, 4, 8, 32}) {
            run(c, rnd, test::reduction_table(f, n, 0, n == 8 ? 0 : 16 + n % 5, 8 + n % 25), 0, {false, 6000}, stalls(i++));
            run(c, rnd, test::reduction_table(f, n, 90 + static_cast<uint64_t>(n), 12 + n % 9, n == 4 ? 32 : n), 0, {false, 6000},
                stalls(i++));
        }
    }
    print("exp2/log2/exp, every code of a 2^18-code window around zero (log2: 0..2^18-1)", window);
    print("exp2/log2/exp x N 1/4/8/32, chord and random core tables, formats, random + corner inputs", rnd);
}

// Searched reduction tables (`gqalut search --function exp2|log2`, exp with --preset reduce):
// every core code at every exponent of the window above, golden = SystemC = RTL.
TEST_CASE("scaler_searched_reduction_tables", "[scaler][reduce]") {
    sim::CosimSim& c = cosim(scaler_shape());
    Totals tot;
    uint64_t i = 0;
    for (const char* f : {"exp2", "log2", "exp"}) {
        SearchOptions o;
        o.spec.function = f;
        if (std::string(f) == "exp") o.spec.preset = "reduce";
        o.spec.entries = 16;
        o.method = "optimal";
        const PwlTable t = run_search(o).table;
        REQUIRE(t.scaler);
        REQUIRE(t.params.k == 8);
        run_words(c, tot, t, test::reduction_window(f), stalls(i++));
    }
    print("searched exp2/log2/exp INT8-core tables, every code of a 2^18-code window around zero", tot);
}

// Random pins from a loaded table on: bursts and quiet stretches, writes to every register
// (accepted while idle, ignored while busy or out of range), CLEAR_ERROR, resets. The two
// models' pins and output words are compared every cycle.
namespace {
void random_pins(const UnitShape& shape, const PwlTable& t, uint64_t cycles) {
    sim::CosimSim& c = cosim(shape);
    Totals tot;
    run(c, tot, t, t.precision == Precision::fp32 || t.scaler ? 0 : 3, {false, 2000}, stalls(0));
    sim::RandomPinsConfig rc;
    rc.cycles = cycles;
    rc.seed = 77;
    const sim::CosimStats r = c.random_pins(rc);
    sim::CosimReport rep;
    rep.shape = shape;
    for (const auto& m : r.first) UNSCOPED_INFO(rep.describe(m));
    std::printf("[cosim] random pins %s: %llu cycles, %llu writes accepted, %llu words compared (%llu not 0), "
                "%llu mismatches\n",
                shape.name().c_str(), static_cast<unsigned long long>(r.pin_cycles),
                static_cast<unsigned long long>(r.random_writes_accepted), static_cast<unsigned long long>(r.compared),
                static_cast<unsigned long long>(r.random_words_nonzero), static_cast<unsigned long long>(r.mismatches()));
    std::fflush(stdout);
    CHECK(r.mismatches() == 0);
    CHECK_FALSE(r.diverged);
    CHECK(r.pin_cycles >= cycles);
    CHECK(r.random_writes_accepted > cycles / 200);
    CHECK(r.random_words_nonzero > r.compared / 5);
}
}  // namespace

TEST_CASE("random_pins_int8", "[pins]") {
    random_pins(int_shape(8), uniform_table("gelu", Precision::int8, 16, -4, 4), 1000000);
}
TEST_CASE("random_pins_int8_lanes8", "[pins]") {
    random_pins(int_shape(8, 32, 8), uniform_table("tanh", Precision::int8, 8, -4, 4), 500000);
}
TEST_CASE("random_pins_int16", "[pins]") {
    random_pins(int_shape(16), uniform_table("silu", Precision::int16, 32, -4, 4), 1000000);
}
TEST_CASE("random_pins_int32", "[pins]") {
    random_pins(int_shape(32), uniform_table("gelu", Precision::int32, 8, -4, 4), 1000000);
}
TEST_CASE("random_pins_fp32", "[pins]") {
    random_pins(fp32_shape(), uniform_table("gelu", Precision::fp32, 16, -4, 4), 1000000);
}
TEST_CASE("random_pins_scaler", "[pins]") {
    random_pins(scaler_shape(), scaler_table("rsqrt", "normalize", 8, 0, 24), 1000000);
}

// The checker can fail: each injected fault is reported as a mismatch at the right level.
TEST_CASE("injected_faults_are_reported", "[inject]") {
    // One elaboration per process: the rtl-config fault (the RTL receives ICPT[0] ^ 1 on every
    // configuration) is built in; the golden fault needs no special wiring.
    sim::CosimOptions o;
    o.shape = int_shape(8);
    o.inject.kind = sim::CosimInject::Kind::rtl_config;
    sim::CosimSim& c = sim::cosim_sim(o);
    c.reset(2);
    const PwlTable t = load_table(test::data_dir() + "/gqa-lut-pretrained/gelu_pwl_7.json");
    REQUIRE(c.configure(config_writes(t, 2, c.shape())));
    const auto ref = sim::golden_reference(t, 2, c.shape(), {});
    std::vector<uint64_t> in;
    for (uint64_t w = 0; w < 256; ++w) in.push_back(w);
    sim::CosimStats r = c.stream(in, *ref, {0.2, 0.2, 5});
    REQUIRE(r.first.size() > 0);
    for (auto& m : r.first) m.scale = 2;
    CHECK(r.element_mismatches > 0);
    CHECK(r.cycle_vs_golden == 0);      // the cycle model got the right table
    CHECK(r.rtl_vs_golden == r.element_mismatches);
    CHECK(r.first[0].data);
    CHECK(r.first[0].cycle_model == r.first[0].golden);
    CHECK(r.first[0].rtl != r.first[0].golden);
    sim::CosimReport rep;
    rep.shape = c.shape();
    std::printf("[cosim] injected rtl-config fault: %llu element mismatches; first: %s\n",
                static_cast<unsigned long long>(r.element_mismatches), rep.describe(r.first[0]).c_str());
    // A wrong golden expectation for element 40: both models disagree with it there.
    const sim::CosimStats g = c.stream(in, *ref, {0.2, 0.2, 6}, 40);
    bool found = false;
    for (const auto& m : g.first) found = found || (m.element == 40 && m.golden != m.cycle_model);
    CHECK(found);
}

// A handshake divergence (the RTL's own out_ready_i held low from stream cycle 30 on) stops the
// run with in_ready_o named; a reset restarts the lock-step and the next stream agrees again.
TEST_CASE("divergence_then_reset_restarts_lock_step", "[inject]") {
    sim::CosimOptions o;
    o.shape = int_shape(16);
    o.inject.kind = sim::CosimInject::Kind::rtl_stall;
    o.inject.at = 30;
    sim::CosimSim& c = sim::cosim_sim(o);
    c.reset(2);
    const PwlTable t = uniform_table("gelu", Precision::int16, 8, -4, 4);
    REQUIRE(c.configure(config_writes(t, 5, c.shape())));
    const auto ref = sim::golden_reference(t, 5, c.shape(), {});
    const auto in = sim::make_inputs(t, 5, c.shape(), {false, 5000}, 3);
    const sim::CosimStats d = c.stream(in, *ref, {0.1, 0.1, 9});
    CHECK(d.diverged);
    CHECK(d.pin_mismatches == 1);
    REQUIRE(d.first.size() == 1);
    CHECK(d.first[0].pin == "in_ready_o");
    CHECK(d.first[0].stream_cycle > 30);
    CHECK(d.compared < in.size());
    c.reset(3);
    REQUIRE(c.configure(config_writes(t, 5, c.shape())));
    const sim::CosimStats e = c.stream(in, *ref, {0.1, 0.1, 9});
    CHECK(e.mismatches() == 0);
    CHECK(e.compared == in.size());
}
