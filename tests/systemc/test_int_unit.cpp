// INT8 / INT16 / INT32 cycle model against the golden model: exhaustive INT8 and INT16 (every
// code at every scale), random plus corner cases for INT32, random back-pressure throughout.
#include "tests/systemc/sc_test_util.hpp"

using namespace gqalut;
using namespace gqalut::test;

namespace {
const sim::InputSpec kExhaustive{true, 0};
const sim::StallConfig kStalls{0.3, 0.3, 7};

void reference_tables_int8(unit::PinLevelUnit& u, Totals& tot, uint64_t seed) {
    for (const char* name : {"gelu_pwl_7.json", "gelu_pwl_15.json", "hswish_pwl_7.json", "hswish_pwl_15.json",
                             "exp_pwl_7.json", "exp_pwl_15.json"}) {
        const PwlTable t = reference_table(name);
        for (int s : t.scales) add(tot, run_table(u, t, s, kExhaustive, {0.3, 0.3, seed + static_cast<uint64_t>(s)}));
    }
}

void uniform_and_random_int8(unit::PinLevelUnit& u, Totals& tot, uint64_t seed) {
    for (int n : {4, 8, 16, 32})
        for (const char* f : {"gelu", "hswish", "exp", "tanh"}) {
            const double lo = std::string(f) == "exp" ? -8 : -4, hi = std::string(f) == "exp" ? 0 : 4;
            const PwlTable t = uniform_table(f, Precision::int8, n, lo, hi);
            for (int s = 0; s < 8; ++s) add(tot, run_table(u, t, s, kExhaustive, {0.2, 0.4, seed + static_cast<uint64_t>(s)}));
        }
    for (int n : {4, 8, 16, 32}) {
        const PwlTable t = random_int_table(Precision::int8, n, seed + static_cast<uint64_t>(n));
        for (int s = 0; s < 8; ++s) add(tot, run_table(u, t, s, kExhaustive, kStalls));
    }
}
}  // namespace

TEST_CASE("int8 exhaustive: reference tables, every code at every scale, random stalls", "[int8]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    Totals tot;
    reference_tables_int8(u, tot, 1);
    print_totals("int8 reference tables (N=8,16)", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int8 exhaustive: uniform and random tables, N in {4,8,16,32}, all 8 scales, stalls", "[int8]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    Totals tot;
    uniform_and_random_int8(u, tot, 2);
    print_totals("int8 uniform+random tables N=4..32", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int8 exhaustive with the requantizer at several output scales", "[int8]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    Totals tot;
    const PwlTable t = reference_table("gelu_pwl_7.json");
    const PwlTable r = random_int_table(Precision::int8, 16, 99);
    for (int so : {-8, -3, 0, 2, 5, 7, 12, 16})
        for (int s : {0, 3, 6}) {
            add(tot, run_table(u, t, s, kExhaustive, kStalls, {true, so}));
            add(tot, run_table(u, r, s, kExhaustive, kStalls, {true, so}));
        }
    print_totals("int8 requantizer", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int8 lanes 8 exhaustive", "[int8][lanes]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8, 32, 8));
    u.reset(2);
    Totals tot;
    reference_tables_int8(u, tot, 3);
    uniform_and_random_int8(u, tot, 4);
    print_totals("int8 lanes 8", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int8 MaxEntries 64 holds N = 64 and smaller tables", "[int8]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8, 64, 1));
    u.reset(2);
    Totals tot;
    for (int n : {1, 2, 33, 64}) {
        const PwlTable t = random_int_table(Precision::int8, n, 500 + static_cast<uint64_t>(n));
        for (int s = 0; s < 8; ++s) add(tot, run_table(u, t, s, kExhaustive, kStalls));
    }
    print_totals("int8 n64", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int8 binary-search comparators: exhaustive, latency 2 + log2(MaxEntries)", "[int8][binary]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8), cost::Indexing::binary_search);
    CHECK(u.latency() == 2 + 5);
    u.reset(2);
    Totals tot;
    reference_tables_int8(u, tot, 5);
    uniform_and_random_int8(u, tot, 6);
    print_totals("int8 binary search", tot);
    CHECK(tot.mismatches == 0);
}

// INT16: 65536 codes x 16 scales per table, a uniform fit and a random table per N.
namespace {
void int16_tables(unit::PinLevelUnit& u, Totals& tot, std::initializer_list<int> ns, uint64_t seed) {
    for (int n : ns) {
        const PwlTable uni = uniform_table(n % 8 == 0 ? "gelu" : "hswish", Precision::int16, n, -4, 4);
        const PwlTable rnd = random_int_table(Precision::int16, n, seed + static_cast<uint64_t>(n));
        for (const PwlTable* t : {&uni, &rnd})
            for (int s = 0; s < 16; ++s)
                add(tot, run_table(u, *t, s, kExhaustive, {0.2, 0.2, seed + static_cast<uint64_t>(s)}));
    }
}
}  // namespace

TEST_CASE("int16 exhaustive N=4 and N=32: every code at all 16 scales, stalls", "[int16]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(16));
    u.reset(2);
    Totals tot;
    int16_tables(u, tot, {4, 32}, 10);
    print_totals("int16 N=4,32 (uniform + random)", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int16 exhaustive N=8 and N=16: every code at all 16 scales, stalls", "[int16]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(16));
    u.reset(2);
    Totals tot;
    int16_tables(u, tot, {8, 16}, 20);
    print_totals("int16 N=8,16 (uniform + random)", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int16 lanes 8 exhaustive with the requantizer", "[int16][lanes]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(16, 32, 8));
    u.reset(2);
    Totals tot;
    const PwlTable t = random_int_table(Precision::int16, 16, 1616);
    for (int s : {0, 5, 15}) {
        add(tot, run_table(u, t, s, kExhaustive, kStalls));
        add(tot, run_table(u, t, s, kExhaustive, kStalls, {true, s - 3}));
    }
    print_totals("int16 lanes 8", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int32 random and corner cases, N in {4,8,16,32}, scales 0..31, stalls", "[int32]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(32));
    u.reset(2);
    Totals tot;
    const sim::InputSpec random{false, 20000};
    for (int n : {4, 8, 16, 32}) {
        const PwlTable r = random_int_table(Precision::int32, n, 3200 + static_cast<uint64_t>(n));
        const PwlTable g = uniform_table("gelu", Precision::int32, n, -4, 4);
        for (int s = 0; s < 32; ++s) {
            add(tot, run_table(u, r, s, random, kStalls));
            if (s % 4 == 0) add(tot, run_table(u, g, s, random, kStalls));
        }
        for (int so : {-32, 0, 17, 64}) add(tot, run_table(u, r, 9, random, kStalls, {true, so}));
    }
    print_totals("int32 random+corners", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int32 lanes 8 random and corner cases", "[int32][lanes]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(32, 32, 8));
    u.reset(2);
    Totals tot;
    const sim::InputSpec random{false, 20000};
    for (int n : {8, 32}) {
        const PwlTable r = random_int_table(Precision::int32, n, 3300 + static_cast<uint64_t>(n));
        for (int s : {0, 1, 16, 31}) add(tot, run_table(u, r, s, random, kStalls));
    }
    print_totals("int32 lanes 8", tot);
    CHECK(tot.mismatches == 0);
}

TEST_CASE("int32 binary-search comparators", "[int32][binary]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(32, 64, 1), cost::Indexing::binary_search);
    CHECK(u.latency() == 2 + 6);
    u.reset(2);
    Totals tot;
    const sim::InputSpec random{false, 5000};
    for (int n : {3, 17, 64}) {
        const PwlTable r = random_int_table(Precision::int32, n, 3400 + static_cast<uint64_t>(n));
        for (int s : {0, 7, 31}) add(tot, run_table(u, r, s, random, kStalls));
    }
    print_totals("int32 binary search", tot);
    CHECK(tot.mismatches == 0);
}
