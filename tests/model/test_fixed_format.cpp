#include <catch2/catch.hpp>

#include "model/fixed_format.hpp"

using namespace gqalut;

TEST_CASE("format code ranges and Q notation", "[format]") {
    CHECK(FixFormat{8, 6, true}.min_code() == -128);
    CHECK(FixFormat{8, 6, true}.max_code() == 127);
    CHECK(FixFormat{8, 5, false}.max_code() == 255);
    CHECK(FixFormat{8, 6, true}.str() == "Q1.6");
    CHECK(FixFormat{8, 5, false}.str() == "UQ3.5");
    CHECK(FixFormat{32, 24, false}.str() == "UQ8.24");
}

TEST_CASE("requantizer rounds half up", "[requant]") {
    const FixFormat out{8, 0, true};
    CHECK(requantize(48, 5, out) == 2);     // 1.5 -> 2
    CHECK(requantize(-48, 5, out) == -1);   // -1.5 -> -1 (half up, not away from zero)
    CHECK(requantize(47, 5, out) == 1);     // 1.46875 -> 1
    CHECK(requantize(-49, 5, out) == -2);   // -1.53125 -> -2
    CHECK(requantize(100, 9, FixFormat{8, 4, true}) == 3);   // 0.1953125 -> 3/16
}

TEST_CASE("requantizer saturates both ways", "[requant]") {
    const FixFormat out{8, 0, true};
    CHECK(requantize(1000, 0, out) == 127);
    CHECK(requantize(-1000, 0, out) == -128);
    CHECK(requantize(4095, 4, out) == 127);   // 255.94 -> 256 -> saturates
    CHECK(requantize(-5, 0, FixFormat{8, 0, false}) == 0);
    CHECK(requantize(300, 0, FixFormat{8, 0, false}) == 255);
}

TEST_CASE("requantizer left shift (r < 0) is exact or saturates", "[requant]") {
    CHECK(requantize(5, 0, FixFormat{8, 3, true}) == 40);
    CHECK(requantize(100, 0, FixFormat{8, 2, true}) == 127);
    CHECK(requantize(-100, 0, FixFormat{8, 2, true}) == -128);
    CHECK(requantize(i128(1) << 100, -10, FixFormat{64, 0, true}) == INT64_MAX);
    CHECK(requantize(-(i128(1) << 100), 0, FixFormat{16, 40, true}) == -32768);
}

TEST_CASE("breakpoint rounding is half to even, clamped", "[format]") {
    CHECK(round_half_even_scaled(0.5, 0, -128, 128) == 0);
    CHECK(round_half_even_scaled(1.5, 0, -128, 128) == 2);
    CHECK(round_half_even_scaled(-2.5, 0, -128, 128) == -2);
    CHECK(round_half_even_scaled(-3.03125, 4, -128, 128) == -48);   // -48.5 -> -48
    CHECK(round_half_even_scaled(4.0, 6, -128, 128) == 128);       // 256 -> one past the top code
    CHECK(round_half_even_scaled(-1e9, 6, -128, 128) == -128);
}
