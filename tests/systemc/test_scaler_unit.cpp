// DIV/RSQRT unit (multi-range scaler + unsigned INT8 core) against the golden model: the
// presets (paper, normalize; RSQRT octave), uniform and random core tables, random inputs plus corner cases, random stalls; the
// range reductions EXP2, LOG2, EXP (every input code in a window around zero, random and corner
// inputs, random input and output formats). One row of kCases per test case, run by run_case().
#include "tests/systemc/sc_test_util.hpp"

using namespace gqalut;
using namespace gqalut::test;

namespace {
PwlTable scaler_table(const char* f, const char* preset, int n, uint64_t random_seed, int out_frac = 24) {
    PwlTable t = uniform_table(f, Precision::int8, n, std::string(f) == "div" ? 0.5 : 0.25, 4);
    t.scaler->preset = preset;
    t.scaler->output.frac = out_frac;
    if (random_seed) {
        // Keep the scaler, replace the core's LUT by random codes (random lambda as well).
        const PwlTable r = random_int_table(Precision::int8, n, random_seed, true);
        t.params = r.params;
        t.shared.reset();
        t.per_scale = r.per_scale;
        t.scales = r.scales;
    }
    return t;
}

void scaler_runs(unit::PinLevelUnit& u, Totals& tot, uint64_t seed, uint64_t count) {
    const sim::InputSpec random{false, count};
    for (const char* f : {"div", "rsqrt"})
        for (const char* preset : {"paper", "normalize", "octave"})
            for (int n : {4, 8, 16, 32}) {
                if (std::string(preset) == "octave" && std::string(f) == "div") continue;   // RSQRT only
                add(tot, run_table(u, scaler_table(f, preset, n, 0), 0, random, {0.3, 0.3, seed + static_cast<uint64_t>(n)}));
                add(tot, run_table(u, scaler_table(f, preset, n, seed * 31 + static_cast<uint64_t>(n), n % 3 == 0 ? 0 : 32 - n / 2),
                                   0, random, {0.3, 0.3, seed + 1}));
            }
}

// EXP2, LOG2, EXP: chord and random core tables at several input/output formats, random and
// corner inputs; with `window`, also every input word of reduction_window().
void reduction_runs(unit::PinLevelUnit& u, Totals& tot, uint64_t seed, uint64_t count, bool window) {
    const sim::InputSpec random{false, count};
    uint64_t i = seed;
    for (const char* f : {"exp2", "log2", "exp"})
        for (int n : {1, 4, 8, 16, 32}) {
            const int in_frac = n == 8 ? 0 : n == 16 ? 28 : 16, out_frac = n == 4 ? 32 : n == 32 ? 0 : 20;
            const PwlTable chord = reduction_table(f, n, 0, in_frac, out_frac);
            const PwlTable rnd = reduction_table(f, n, seed * 100 + static_cast<uint64_t>(n), 16 + n % 7, 8 + n % 17);
            for (const PwlTable* t : {&chord, &rnd}) add(tot, run_table(u, *t, 0, random, {0.3, 0.3, i++}));
            if (window && n == 16) {
                const PwlTable w = reduction_table(f, n, 0);
                const std::vector<uint64_t> words = reduction_window(f);
                REQUIRE(u.configure(config_writes(w, 0, u.shape())));
                const auto ref = sim::golden_reference(w, 0, u.shape(), {});
                const sim::StreamStats r = sim::check_stream(u, words, *ref, {0.2, 0.2, i++});
                CHECK(r.mismatches == 0);
                CHECK(r.compared == words.size());
                add(tot, r);
            }
        }
}

void scaler_l1(unit::PinLevelUnit& u, Totals& t) { scaler_runs(u, t, 1, 20000); }
void scaler_l8(unit::PinLevelUnit& u, Totals& t) { scaler_runs(u, t, 2, 20000); }
void scaler_binary(unit::PinLevelUnit& u, Totals& t) { scaler_runs(u, t, 3, 5000); }
void reduce_l1(unit::PinLevelUnit& u, Totals& t) { reduction_runs(u, t, 4, 20000, true); }
void reduce_l8(unit::PinLevelUnit& u, Totals& t) { reduction_runs(u, t, 5, 10000, false); }
void reduce_binary(unit::PinLevelUnit& u, Totals& t) { reduction_runs(u, t, 6, 5000, false); }

const cost::Indexing kPar = cost::Indexing::parallel, kBin = cost::Indexing::binary_search;
const UnitCase kCases[] = {
    {"scaler random+corners", scaler_shape(), kPar, 4, scaler_l1},
    {"scaler lanes 8", scaler_shape(32, 8), kPar, 0, scaler_l8},
    {"scaler binary search", scaler_shape(64, 1), kBin, 4 + 5, scaler_binary},
    {"exp2/log2/exp range reduction", scaler_shape(), kPar, 4, reduce_l1},
    {"exp2/log2/exp range reduction lanes 8", scaler_shape(32, 8), kPar, 4, reduce_l8},
    {"exp2/log2/exp range reduction binary search", scaler_shape(64, 1), kBin, 4 + 5, reduce_binary},
};
}  // namespace

TEST_CASE("div/rsqrt scaler unit: random and corner cases, both presets, N in {4,8,16,32}", "[scaler]") { run_case(kCases[0]); }
TEST_CASE("div/rsqrt scaler unit lanes 8", "[scaler][lanes]") { run_case(kCases[1]); }
TEST_CASE("div/rsqrt scaler unit, binary-search comparators", "[scaler][binary]") { run_case(kCases[2]); }
TEST_CASE("exp2/log2/exp range reduction: every code of a window around zero, random and corner inputs, formats", "[scaler][reduce]") {
    run_case(kCases[3]);
}
TEST_CASE("exp2/log2/exp range reduction lanes 8", "[scaler][reduce][lanes]") { run_case(kCases[4]); }
TEST_CASE("exp2/log2/exp range reduction, binary-search comparators", "[scaler][reduce][binary]") { run_case(kCases[5]); }
