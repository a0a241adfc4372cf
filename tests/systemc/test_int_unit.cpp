// INT8 / INT16 / INT32 cycle model against the golden model: exhaustive INT8 and INT16 (every
// code at every scale), random plus corner cases for INT32, random back-pressure throughout;
// every datapath option (symmetry folding, clamp, relative intercepts). One row of kCases per
// test case (each its own process: one elaboration), run by run_case().
#include "tests/systemc/sc_test_util.hpp"

using namespace gqalut;
using namespace gqalut::test;

namespace {
const sim::InputSpec kExhaustive{true, 0};
const sim::StallConfig kStalls{0.3, 0.3, 7};
const sim::InputSpec kRandom32{false, 20000};

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

void int8_reference(unit::PinLevelUnit& u, Totals& t) { reference_tables_int8(u, t, 1); }
void int8_uniform_random(unit::PinLevelUnit& u, Totals& t) { uniform_and_random_int8(u, t, 2); }
void int8_lanes8(unit::PinLevelUnit& u, Totals& t) {
    reference_tables_int8(u, t, 3);
    uniform_and_random_int8(u, t, 4);
}
void int8_binary(unit::PinLevelUnit& u, Totals& t) {
    reference_tables_int8(u, t, 5);
    uniform_and_random_int8(u, t, 6);
}

void int8_requantizer(unit::PinLevelUnit& u, Totals& tot) {
    const PwlTable t = reference_table("gelu_pwl_7.json");
    const PwlTable r = random_int_table(Precision::int8, 16, 99);
    for (int so : {-8, -3, 0, 2, 5, 7, 12, 16})
        for (int s : {0, 3, 6}) {
            add(tot, run_table(u, t, s, kExhaustive, kStalls, {true, so}));
            add(tot, run_table(u, r, s, kExhaustive, kStalls, {true, so}));
        }
}

void int8_n64(unit::PinLevelUnit& u, Totals& tot) {
    for (int n : {1, 2, 33, 64}) {
        const PwlTable t = random_int_table(Precision::int8, n, 500 + static_cast<uint64_t>(n));
        for (int s = 0; s < 8; ++s) add(tot, run_table(u, t, s, kExhaustive, kStalls));
    }
}

// Every option combination on random tables (N 1..32) and on uniform fits that use the options
// as intended, every code at every scale, the requantizer on every third run.
void int8_options(unit::PinLevelUnit& u, Totals& tot, uint64_t seed) {
    uint64_t i = 0;
    for (const DatapathOptions& o : all_options())
        for (int n : {1, 5, 16, 32}) {
            const PwlTable t = with_options(random_int_table(Precision::int8, n, seed + i), o, seed + i);
            for (int s = 0; s < 8; ++s, ++i)
                add(tot, run_table(u, t, s, kExhaustive, {0.3, 0.3, seed + i}, i % 3 == 0 ? RequantConfig{true, s} : RequantConfig{}));
        }
    for (int n : {4, 8, 16})
        for (const PwlTable& t : option_fits(Precision::int8, n))
            for (int s = 0; s < 8; ++s, ++i) add(tot, run_table(u, t, s, kExhaustive, {0.2, 0.4, seed + i}));
}
void int8_options_l1(unit::PinLevelUnit& u, Totals& t) { int8_options(u, t, 40); }
void int8_options_l8(unit::PinLevelUnit& u, Totals& t) { int8_options(u, t, 41); }
void int8_options_binary(unit::PinLevelUnit& u, Totals& t) { int8_options(u, t, 42); }

// INT16: 65536 codes x 16 scales per table, a uniform fit and a random table per N.
void int16_tables(unit::PinLevelUnit& u, Totals& tot, std::initializer_list<int> ns, uint64_t seed) {
    for (int n : ns) {
        const PwlTable uni = uniform_table(n % 8 == 0 ? "gelu" : "hswish", Precision::int16, n, -4, 4);
        const PwlTable rnd = random_int_table(Precision::int16, n, seed + static_cast<uint64_t>(n));
        for (const PwlTable* t : {&uni, &rnd})
            for (int s = 0; s < 16; ++s)
                add(tot, run_table(u, *t, s, kExhaustive, {0.2, 0.2, seed + static_cast<uint64_t>(s)}));
    }
}
void int16_n4_n32(unit::PinLevelUnit& u, Totals& t) { int16_tables(u, t, {4, 32}, 10); }
void int16_n8_n16(unit::PinLevelUnit& u, Totals& t) { int16_tables(u, t, {8, 16}, 20); }

void int16_lanes8(unit::PinLevelUnit& u, Totals& tot) {
    const PwlTable t = random_int_table(Precision::int16, 16, 1616);
    for (int s : {0, 5, 15}) {
        add(tot, run_table(u, t, s, kExhaustive, kStalls));
        add(tot, run_table(u, t, s, kExhaustive, kStalls, {true, s - 3}));
    }
}

// INT16 options: every combination on a random table at two scales, the uniform fits at two.
void int16_options(unit::PinLevelUnit& u, Totals& tot) {
    uint64_t i = 0;
    for (const DatapathOptions& o : all_options()) {
        const PwlTable t = with_options(random_int_table(Precision::int16, 1 + static_cast<int>(i * 7 % 32), 1600 + i), o, i);
        for (int s : {static_cast<int>(i % 16), 15}) add(tot, run_table(u, t, s, kExhaustive, {0.2, 0.2, 1600 + i++}));
    }
    for (const PwlTable& t : option_fits(Precision::int16, 16))
        for (int s : {8, 13}) add(tot, run_table(u, t, s, kExhaustive, {0.2, 0.2, 1600 + i++}, {true, s}));
}

void int32_random(unit::PinLevelUnit& u, Totals& tot) {
    for (int n : {4, 8, 16, 32}) {
        const PwlTable r = random_int_table(Precision::int32, n, 3200 + static_cast<uint64_t>(n));
        const PwlTable g = uniform_table("gelu", Precision::int32, n, -4, 4);
        for (int s = 0; s < 32; ++s) {
            add(tot, run_table(u, r, s, kRandom32, kStalls));
            if (s % 4 == 0) add(tot, run_table(u, g, s, kRandom32, kStalls));
        }
        for (int so : {-32, 0, 17, 64}) add(tot, run_table(u, r, 9, kRandom32, kStalls, {true, so}));
    }
}

void int32_lanes8(unit::PinLevelUnit& u, Totals& tot) {
    for (int n : {8, 32}) {
        const PwlTable r = random_int_table(Precision::int32, n, 3300 + static_cast<uint64_t>(n));
        for (int s : {0, 1, 16, 31}) add(tot, run_table(u, r, s, kRandom32, kStalls));
    }
}

void int32_binary(unit::PinLevelUnit& u, Totals& tot) {
    const sim::InputSpec random{false, 5000};
    for (int n : {3, 17, 64}) {
        const PwlTable r = random_int_table(Precision::int32, n, 3400 + static_cast<uint64_t>(n));
        for (int s : {0, 7, 31}) add(tot, run_table(u, r, s, random, kStalls));
    }
}

// INT32 options: every combination on random tables (random + corner inputs: the extremes, the
// breakpoints and their neighbours), random scales and requantizer.
void int32_options(unit::PinLevelUnit& u, Totals& tot) {
    uint64_t i = 0;
    const sim::InputSpec random{false, 5000};
    for (const DatapathOptions& o : all_options())
        for (int n : {3, 32}) {
            const PwlTable t = with_options(random_int_table(Precision::int32, n, 3500 + i), o, i);
            const int s = static_cast<int>((i * 11) % 32);
            add(tot, run_table(u, t, s, random, kStalls, i % 2 ? RequantConfig{true, s - 5} : RequantConfig{}));
            ++i;
        }
    for (const PwlTable& t : option_fits(Precision::int32, 16)) add(tot, run_table(u, t, 20, random, kStalls));
}

const cost::Indexing kPar = cost::Indexing::parallel, kBin = cost::Indexing::binary_search;
const UnitCase kCases[] = {
    {"int8 reference tables (N=8,16)", int_shape(8), kPar, 0, int8_reference},
    {"int8 uniform+random tables N=4..32", int_shape(8), kPar, 0, int8_uniform_random},
    {"int8 requantizer", int_shape(8), kPar, 0, int8_requantizer},
    {"int8 lanes 8", int_shape(8, 32, 8), kPar, 0, int8_lanes8},
    {"int8 n64", int_shape(8, 64, 1), kPar, 0, int8_n64},
    {"int8 binary search", int_shape(8), kBin, 2 + 5, int8_binary},
    {"int16 N=4,32 (uniform + random)", int_shape(16), kPar, 0, int16_n4_n32},
    {"int16 N=8,16 (uniform + random)", int_shape(16), kPar, 0, int16_n8_n16},
    {"int16 lanes 8", int_shape(16, 32, 8), kPar, 0, int16_lanes8},
    {"int32 random+corners", int_shape(32), kPar, 0, int32_random},
    {"int32 lanes 8", int_shape(32, 32, 8), kPar, 0, int32_lanes8},
    {"int32 binary search", int_shape(32, 64, 1), kBin, 2 + 6, int32_binary},
    {"int8 datapath options", int_shape(8), kPar, 3, int8_options_l1},
    {"int8 lanes 8 datapath options", int_shape(8, 32, 8), kPar, 3, int8_options_l8},
    {"int8 binary search datapath options", int_shape(8), kBin, 2 + 5, int8_options_binary},
    {"int16 datapath options", int_shape(16), kPar, 3, int16_options},
    {"int32 datapath options", int_shape(32), kPar, 3, int32_options},
};
}  // namespace

TEST_CASE("int8 exhaustive: reference tables, every code at every scale, random stalls", "[int8]") { run_case(kCases[0]); }
TEST_CASE("int8 exhaustive: uniform and random tables, N in {4,8,16,32}, all 8 scales, stalls", "[int8]") { run_case(kCases[1]); }
TEST_CASE("int8 exhaustive with the requantizer at several output scales", "[int8]") { run_case(kCases[2]); }
TEST_CASE("int8 lanes 8 exhaustive", "[int8][lanes]") { run_case(kCases[3]); }
TEST_CASE("int8 MaxEntries 64 holds N = 64 and smaller tables", "[int8]") { run_case(kCases[4]); }
TEST_CASE("int8 binary-search comparators: exhaustive, latency 2 + log2(MaxEntries)", "[int8][binary]") { run_case(kCases[5]); }
TEST_CASE("int16 exhaustive N=4 and N=32: every code at all 16 scales, stalls", "[int16]") { run_case(kCases[6]); }
TEST_CASE("int16 exhaustive N=8 and N=16: every code at all 16 scales, stalls", "[int16]") { run_case(kCases[7]); }
TEST_CASE("int16 lanes 8 exhaustive with the requantizer", "[int16][lanes]") { run_case(kCases[8]); }
TEST_CASE("int32 random and corner cases, N in {4,8,16,32}, scales 0..31, stalls", "[int32]") { run_case(kCases[9]); }
TEST_CASE("int32 lanes 8 random and corner cases", "[int32][lanes]") { run_case(kCases[10]); }
TEST_CASE("int32 binary-search comparators", "[int32][binary]") { run_case(kCases[11]); }
TEST_CASE("int8 exhaustive: every datapath option (symmetry x clamp x intercept), every code at every scale", "[int8][options]") {
    run_case(kCases[12]);
}
TEST_CASE("int8 lanes 8 exhaustive: every datapath option", "[int8][lanes][options]") { run_case(kCases[13]); }
TEST_CASE("int8 binary-search comparators: every datapath option", "[int8][binary][options]") { run_case(kCases[14]); }
TEST_CASE("int16 exhaustive: every datapath option at two scales each", "[int16][options]") { run_case(kCases[15]); }
TEST_CASE("int32 random and corner cases: every datapath option", "[int32][options]") { run_case(kCases[16]); }
