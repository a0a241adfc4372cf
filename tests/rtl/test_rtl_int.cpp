// Verilated INT units against the golden model: exhaustive INT8 and INT16, random and corner
// inputs for INT32, each with random valid gaps, output stalls and ignored-write injection.
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/table_io.hpp"
#include "rtl_tables.hpp"
#include "search/uniform.hpp"

using namespace gqalut;
using namespace gqalut::rtltest;

namespace {

std::unique_ptr<rtl::RtlUnit> model(int k, int lanes) {
    auto m = rtl::make_rtl_unit(int_shape(k, 32, lanes));
    REQUIRE(m);
    return m;
}

struct Fn {
    const char* name;
    double lo, hi;
};
const std::vector<Fn> kFunctions = {{"gelu", -4, 4}, {"hswish", -4, 4}, {"exp", -8, 0},
                                    {"sigmoid", -8, 8}, {"tanh", -4, 4}, {"silu", -8, 8}};

}  // namespace

TEST_CASE("int8_exhaustive_reference_tables", "[int8]") {
    // The published tables at their scales 0..6: every code, requantizer off and on.
    auto dut = model(8, 1);
    Driver d(*dut);
    StreamResult total;
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
    report("int8_p8_n32_l1 exhaustive, 6 reference tables x scales 0-6 x 3 requantizer settings", total);
    CHECK(total.elements == 6u * 7u * 3u * 256u);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

TEST_CASE("int8_exhaustive_uniform_tables", "[int8]") {
    // Six functions x N in {4, 8, 16, 32} x all 8 scales, through the 8-lane configuration.
    auto dut = model(8, 8);
    Driver d(*dut);
    StreamResult total;
    int run = 0;
    const auto words = all_words(8, 8);
    for (const Fn& f : kFunctions) {
        for (int n : {4, 8, 16, 32}) {
            const PwlTable t = uniform_table(f.name, Precision::int8, n, f.lo, f.hi);
            for (int s = 0; s < 8; ++s) {
                total.add(run_table(d, t, s, {}, words, profile(run, 200 + static_cast<uint64_t>(run))));
                ++run;
            }
        }
    }
    report("int8_p8_n32_l8 exhaustive, 6 functions x N 4/8/16/32 x scales 0-7", total);
    CHECK(total.elements == 6u * 4u * 8u * 256u);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

TEST_CASE("int8_exhaustive_random_tables", "[int8]") {
    // Random LUTs (repeated breakpoints, the never-firing code, extreme codes, lambda_k !=
    // lambda_b, W < k) and random requantizer settings, all 8 scales.
    auto dut = model(8, 8);
    Driver d(*dut);
    Rng rng(8);
    StreamResult total;
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
    report("int8_p8_n32_l8 exhaustive, 100 random tables x scales 0-7", total);
    CHECK(total.elements == 100u * 8u * 256u);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

TEST_CASE("int16_exhaustive_tables_at_four_scales", "[int16]") {
    auto dut = model(16, 1);
    Driver d(*dut);
    Rng rng(16);
    StreamResult total;
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
    report("int16_p16_n32_l1 exhaustive, 4 uniform tables (N 4-32) x 4 scales + 6 random tables x 2 scales", total);
    CHECK(total.elements == expected);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

TEST_CASE("int16_exhaustive_all_scales", "[int16]") {
    auto dut = model(16, 1);
    Driver d(*dut);
    StreamResult total;
    const auto words = all_words(16, 1);
    const PwlTable t = uniform_table("gelu", Precision::int16, 16, -4, 4);
    for (int s = 0; s < 16; ++s) {
        const RequantConfig rq = s % 3 == 2 ? RequantConfig{true, s - 2} : RequantConfig{};
        total.add(run_table(d, t, s, rq, words, profile(s, 500 + static_cast<uint64_t>(s))));
    }
    report("int16_p16_n32_l1 exhaustive, gelu N=16 x all 16 scales", total);
    CHECK(total.elements == 16u * 65536u);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

TEST_CASE("int32_random_and_corner_inputs", "[int32]") {
    auto dut = model(32, 1);
    Driver d(*dut);
    Rng rng(32);
    StreamResult total;
    int run = 0;
    const auto word = [](int64_t c) { return static_cast<uint64_t>(c) & 0xFFFFFFFFull; };
    for (int i = 0; i < 40; ++i) {
        const bool uniform = i % 4 == 0;
        const PwlTable t = uniform ? uniform_table(kFunctions[static_cast<size_t>(i / 4) % kFunctions.size()].name,
                                                   Precision::int32, 8 << (i % 3), -4, 4)
                                   : random_int_table(rng, Precision::int32, static_cast<int>(rng.range(1, 32)));
        const int s = static_cast<int>(rng.range(0, 31));
        const RequantConfig rq = uniform ? RequantConfig{} : random_requant(rng, 32);
        // Corners: both ends, zero, +-1, each breakpoint and its neighbours.
        std::vector<uint64_t> words;
        for (int64_t c : {INT32_MIN, INT32_MIN + 1, -1, 0, 1, INT32_MAX - 1, INT32_MAX}) words.push_back(word(c));
        for (int64_t p : t.lut_for_scale(s).breakpoints)
            for (int64_t dq : {-1, 0, 1}) words.push_back(word(std::clamp<int64_t>(p + dq, INT32_MIN, INT32_MAX)));
        // Random: uniform codes, and codes of random magnitude (every bit length).
        while (words.size() < 15000) {
            const int bits = static_cast<int>(rng.range(1, 32));
            words.push_back(rng.chance(0.5) ? (rng.next() & 0xFFFFFFFFull)
                                            : word(rng.range(-(int64_t(1) << (bits - 1)), (int64_t(1) << (bits - 1)) - 1)));
        }
        total.add(run_table(d, t, s, rq, words, profile(run, 600 + static_cast<uint64_t>(run))));
        ++run;
    }
    report("int32_p32_n32_l1 random + corner inputs, 40 tables (random scale, lambda, requantizer)", total);
    CHECK(total.elements >= 100000u);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}
