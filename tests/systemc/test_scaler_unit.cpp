// DIV/RSQRT unit (multi-range scaler + unsigned INT8 core) against the golden model: both
// presets, uniform and random core tables, random inputs plus corner cases, random stalls.
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
        for (const char* preset : {"paper", "normalize"})
            for (int n : {4, 8, 16, 32}) {
                add(tot, run_table(u, scaler_table(f, preset, n, 0), 0, random, {0.3, 0.3, seed + static_cast<uint64_t>(n)}));
                add(tot, run_table(u, scaler_table(f, preset, n, seed * 31 + static_cast<uint64_t>(n), n % 3 == 0 ? 0 : 32 - n / 2),
                                   0, random, {0.3, 0.3, seed + 1}));
            }
}
}  // namespace

TEST_CASE("div/rsqrt scaler unit: random and corner cases, both presets, N in {4,8,16,32}", "[scaler]") {
    unit::PinLevelUnit& u = cycle_unit(scaler_shape());
    CHECK(u.latency() == 4);
    u.reset(2);
    Totals tot;
    scaler_runs(u, tot, 1, 20000);
    print_totals("scaler random+corners", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("div/rsqrt scaler unit lanes 8", "[scaler][lanes]") {
    SECTION("lanes 8") {
        unit::PinLevelUnit& u = cycle_unit(scaler_shape(32, 8));
        u.reset(2);
        Totals tot;
        scaler_runs(u, tot, 2, 20000);
        print_totals("scaler lanes 8", tot);
        CHECK(tot.mismatches == 0);
    }
}

TEST_CASE("div/rsqrt scaler unit, binary-search comparators", "[scaler][binary]") {
    unit::PinLevelUnit& u = cycle_unit(scaler_shape(64, 1), cost::Indexing::binary_search);
    CHECK(u.latency() == 4 + 5);
    u.reset(2);
    Totals tot;
    scaler_runs(u, tot, 3, 5000);
    print_totals("scaler binary search", tot);
    CHECK(tot.mismatches == 0);
}
