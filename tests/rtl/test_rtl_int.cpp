// Verilated INT units against the golden model: exhaustive INT8 and INT16, random and corner
// inputs for INT32, each with random valid gaps, output stalls and ignored-write injection;
// every datapath option (symmetry folding, clamp, relative intercepts). One row of kCases per
// test case (rtltest::run_case).
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/table_io.hpp"
#include "rtl_tables.hpp"
#include "search/uniform.hpp"
#include "tests/common/option_tables.hpp"

using namespace gqalut;
using namespace gqalut::rtltest;

namespace {

struct Fn {
    const char* name;
    double lo, hi;
};
const std::vector<Fn> kFunctions = {{"gelu", -4, 4}, {"hswish", -4, 4}, {"exp", -8, 0},
                                    {"sigmoid", -8, 8}, {"tanh", -4, 4}, {"silu", -8, 8}};

size_t int8_reference(Driver& d, StreamResult& total) {
    // The published tables at their scales 0..6: every code, requantizer off and on.
    int run = 0;
    const auto words = all_words(8, 1);
    for (const auto& path : reference_table_paths()) {
        const PwlTable t = load_table(path);
        for (int s : t.scales) {
            for (const RequantConfig rq : {RequantConfig{}, RequantConfig{true, s}, RequantConfig{true, (s + 5) % 17 - 4}}) {
                total.add(run_table(d, t, s, rq, words, profile(run, 100 + static_cast<uint64_t>(run))));
                ++run;
            }
        }
    }
    return 6u * 7u * 3u * 256u;
}

size_t int8_uniform(Driver& d, StreamResult& total) {
    // Six functions x N in {4, 8, 16, 32} x all 8 scales, through the 8-lane configuration.
    int run = 0;
    const auto words = all_words(8, 8);
    for (const Fn& f : kFunctions)
        for (int n : {4, 8, 16, 32}) {
            const PwlTable t = uniform_table(f.name, Precision::int8, n, f.lo, f.hi);
            for (int s = 0; s < 8; ++s) {
                total.add(run_table(d, t, s, {}, words, profile(run, 200 + static_cast<uint64_t>(run))));
                ++run;
            }
        }
    return 6u * 4u * 8u * 256u;
}

size_t int8_random(Driver& d, StreamResult& total) {
    // Random LUTs (repeated breakpoints, the never-firing code, extreme codes, lambda_k !=
    // lambda_b, W < k) and random requantizer settings, all 8 scales.
    Rng rng(8);
    int run = 0;
    const auto words = all_words(8, 8);
    const std::vector<int> sizes = {1, 2, 3, 4, 8, 16, 31, 32};
    for (int i = 0; i < 100; ++i) {
        const PwlTable t = random_int_table(rng, Precision::int8, sizes[static_cast<size_t>(i) % sizes.size()]);
        for (int s = 0; s < 8; ++s) {
            total.add(run_table(d, t, s, random_requant(rng, 8), words, profile(run, 300 + static_cast<uint64_t>(run))));
            ++run;
        }
    }
    return 100u * 8u * 256u;
}

// Every option combination: random tables (N 1..32, random requantizer) and the uniform fits
// that use the options as intended, every code at every scale.
size_t int8_options(Driver& d, StreamResult& total) {
    Rng rng(81);
    int run = 0;
    size_t expected = 0;
    const auto words = all_words(8, d.dut().shape().lanes);
    for (const DatapathOptions& o : test::all_options())
        for (int n : {1, 6, 32}) {
            const PwlTable t = test::with_options(random_int_table(rng, Precision::int8, n), o, rng.next());
            for (int s = 0; s < 8; ++s, ++run, expected += words.size())
                total.add(run_table(d, t, s, random_requant(rng, 8), words, profile(run, 700 + static_cast<uint64_t>(run))));
        }
    for (int n : {4, 16})
        for (const PwlTable& t : test::option_fits(Precision::int8, n))
            for (int s = 0; s < 8; ++s, ++run, expected += words.size())
                total.add(run_table(d, t, s, {}, words, profile(run, 700 + static_cast<uint64_t>(run))));
    return expected;
}

size_t int16_four_scales(Driver& d, StreamResult& total) {
    Rng rng(16);
    int run = 0;
    size_t expected = 0;
    const auto words = all_words(16, 1);
    const std::vector<std::pair<Fn, int>> tables = {
        {kFunctions[0], 8}, {kFunctions[1], 16}, {kFunctions[2], 32}, {kFunctions[3], 4}};
    for (const auto& [f, n] : tables) {
        const PwlTable t = uniform_table(f.name, Precision::int16, n, f.lo, f.hi);
        for (int s : {0, 6, 11, 15}) {
            total.add(run_table(d, t, s, {}, words, profile(run, 400 + static_cast<uint64_t>(run))));
            expected += words.size();
            ++run;
        }
    }
    for (int n : {1, 2, 7, 16, 31, 32}) {
        const PwlTable t = random_int_table(rng, Precision::int16, n);
        for (int i = 0; i < 2; ++i) {
            const int s = static_cast<int>(rng.range(0, 15));
            total.add(run_table(d, t, s, random_requant(rng, 16), words, profile(run, 400 + static_cast<uint64_t>(run))));
            expected += words.size();
            ++run;
        }
    }
    return expected;
}

size_t int16_all_scales(Driver& d, StreamResult& total) {
    const auto words = all_words(16, 1);
    const PwlTable t = uniform_table("gelu", Precision::int16, 16, -4, 4);
    for (int s = 0; s < 16; ++s) {
        const RequantConfig rq = s % 3 == 2 ? RequantConfig{true, s - 2} : RequantConfig{};
        total.add(run_table(d, t, s, rq, words, profile(s, 500 + static_cast<uint64_t>(s))));
    }
    return 16u * 65536u;
}

// INT16: every option combination on a random table at one scale, the fits at one scale.
size_t int16_options(Driver& d, StreamResult& total) {
    Rng rng(161);
    int run = 0;
    size_t expected = 0;
    const auto words = all_words(16, 1);
    for (const DatapathOptions& o : test::all_options()) {
        const PwlTable t = test::with_options(random_int_table(rng, Precision::int16, static_cast<int>(rng.range(1, 32))), o,
                                              rng.next());
        total.add(run_table(d, t, static_cast<int>(rng.range(0, 15)), random_requant(rng, 16), words,
                            profile(run, 800 + static_cast<uint64_t>(run))));
        expected += words.size();
        ++run;
    }
    for (const PwlTable& t : test::option_fits(Precision::int16, 16)) {
        total.add(run_table(d, t, 12, {}, words, profile(run, 800 + static_cast<uint64_t>(run))));
        expected += words.size();
        ++run;
    }
    return expected;
}

// Corners: both ends, zero, +-1, each breakpoint and its neighbours; random: uniform codes and
// codes of random magnitude (every bit length).
std::vector<uint64_t> int32_words(Rng& rng, const PwlTable& t, int s, size_t count) {
    const auto word = [](int64_t c) { return static_cast<uint64_t>(c) & 0xFFFFFFFFull; };
    std::vector<uint64_t> words;
    for (int64_t c : {INT32_MIN, INT32_MIN + 1, -1, 0, 1, INT32_MAX - 1, INT32_MAX}) words.push_back(word(c));
    for (int64_t p : t.lut_for_scale(s).breakpoints)
        for (int64_t dq : {-1, 0, 1}) words.push_back(word(std::clamp<int64_t>(p + dq, INT32_MIN, INT32_MAX)));
    for (int64_t p : t.lut_for_scale(s).breakpoints)   // folded tables: the negative side too
        for (int64_t dq : {-1, 0, 1}) words.push_back(word(std::clamp<int64_t>(-p + dq, INT32_MIN, INT32_MAX)));
    while (words.size() < count) {
        const int bits = static_cast<int>(rng.range(1, 32));
        words.push_back(rng.chance(0.5) ? (rng.next() & 0xFFFFFFFFull)
                                        : word(rng.range(-(int64_t(1) << (bits - 1)), (int64_t(1) << (bits - 1)) - 1)));
    }
    return words;
}

size_t int32_random(Driver& d, StreamResult& total) {   // at least 100000
    Rng rng(32);
    int run = 0;
    for (int i = 0; i < 40; ++i) {
        const bool uniform = i % 4 == 0;
        const PwlTable t = uniform ? uniform_table(kFunctions[static_cast<size_t>(i / 4) % kFunctions.size()].name,
                                                   Precision::int32, 8 << (i % 3), -4, 4)
                                   : random_int_table(rng, Precision::int32, static_cast<int>(rng.range(1, 32)));
        const int s = static_cast<int>(rng.range(0, 31));
        const RequantConfig rq = uniform ? RequantConfig{} : random_requant(rng, 32);
        total.add(run_table(d, t, s, rq, int32_words(rng, t, s, 15000), profile(run, 600 + static_cast<uint64_t>(run))));
        ++run;
    }
    return 100000u;
}

size_t int32_options(Driver& d, StreamResult& total) {
    Rng rng(321);
    int run = 0;
    for (const DatapathOptions& o : test::all_options())
        for (int i = 0; i < 2; ++i) {
            const PwlTable t = test::with_options(random_int_table(rng, Precision::int32, static_cast<int>(rng.range(1, 32))), o,
                                                  rng.next());
            const int s = static_cast<int>(rng.range(0, 31));
            total.add(run_table(d, t, s, random_requant(rng, 32), int32_words(rng, t, s, 4000),
                                profile(run, 900 + static_cast<uint64_t>(run))));
            ++run;
        }
    return 100000u;
}

const RtlCase kCases[] = {
    {"exhaustive, 6 reference tables x scales 0-6 x 3 requantizer settings", int_shape(8, 32, 1), int8_reference, true},
    {"exhaustive, 6 functions x N 4/8/16/32 x scales 0-7", int_shape(8, 32, 8), int8_uniform, true},
    {"exhaustive, 100 random tables x scales 0-7", int_shape(8, 32, 8), int8_random, true},
    {"exhaustive, 4 uniform tables (N 4-32) x 4 scales + 6 random tables x 2 scales", int_shape(16), int16_four_scales, true},
    {"exhaustive, gelu N=16 x all 16 scales", int_shape(16), int16_all_scales, true},
    {"random + corner inputs, 40 tables (random scale, lambda, requantizer)", int_shape(32), int32_random, false},
    {"exhaustive, every datapath option x 3 random tables + 12 fits x scales 0-7", int_shape(8, 32, 1), int8_options, true},
    {"exhaustive, every datapath option, 8 lanes", int_shape(8, 32, 8), int8_options, true},
    {"exhaustive, every datapath option x a random table + 12 fits", int_shape(16), int16_options, true},
    {"random + corner inputs, every datapath option x 2 random tables", int_shape(32), int32_options, false},
};

}  // namespace

TEST_CASE("int8_exhaustive_reference_tables", "[int8]") { run_case(kCases[0]); }
TEST_CASE("int8_exhaustive_uniform_tables", "[int8]") { run_case(kCases[1]); }
TEST_CASE("int8_exhaustive_random_tables", "[int8]") { run_case(kCases[2]); }
TEST_CASE("int16_exhaustive_tables_at_four_scales", "[int16]") { run_case(kCases[3]); }
TEST_CASE("int16_exhaustive_all_scales", "[int16]") { run_case(kCases[4]); }
TEST_CASE("int32_random_and_corner_inputs", "[int32]") { run_case(kCases[5]); }
TEST_CASE("int8_exhaustive_datapath_options", "[int8][options]") { run_case(kCases[6]); }
TEST_CASE("int8_lanes8_exhaustive_datapath_options", "[int8][options]") { run_case(kCases[7]); }
TEST_CASE("int16_exhaustive_datapath_options", "[int16][options]") { run_case(kCases[8]); }
TEST_CASE("int32_random_and_corner_datapath_options", "[int32][options]") { run_case(kCases[9]); }
