// Table files: the reference implementation's JSON, the own format, validation messages.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "search/uniform.hpp"
#include "tests/model/model_tables.hpp"

using namespace gqalut;

namespace {
std::string data(const std::string& name) { return std::string(GQALUT_TEST_DATA) + "/gqa-lut-pretrained/" + name; }

std::string error_of(const std::string& text) { return test::table_error(text); }
}  // namespace

TEST_CASE("reference JSON imports as per-scale INT8 codes", "[table]") {
    const PwlTable t = load_table(data("gelu_pwl_7.json"));
    CHECK(t.function == "gelu");
    CHECK(t.entries == 8);
    CHECK(t.scales == std::vector<int>{0, 1, 2, 3, 4, 5, 6});
    CHECK_FALSE(t.is_shared());
    // scale 6: breakpoints [-3.015625, -2.203125, ...] * 64
    CHECK(t.per_scale.at(6).breakpoints == std::vector<int64_t>{-128, -128, -57, -27, 2, 40, 128});
    CHECK(t.per_scale.at(0).breakpoints == std::vector<int64_t>{-3, -2, -1, 0, 0, 1, 3});
    CHECK(t.per_scale.at(0).slopes == std::vector<int64_t>{0, -2, -7, 3, 23, 48, 69, 64});
    CHECK(t.per_scale.at(0).intercepts == std::vector<int64_t>{0, -6, -17, -8, 0, -1, -14, 0});
}

TEST_CASE("own format round-trips every scheme", "[table]") {
    for (const PwlTable& t : {load_table(data("hswish_pwl_15.json")), uniform_table("gelu", Precision::int16, 8, -4, 4),
                              uniform_table("exp", Precision::fp32, 16, -8, 0),
                              uniform_table("rsqrt", Precision::int8, 8, 0.25, 4)}) {
        const std::string text = table_to_json(t).dump();
        const PwlTable u = table_from_json_text(text, "x");
        CHECK(table_to_json(u) == table_to_json(t));
        for (int s : t.scales) CHECK(u.lut_for_scale(s) == t.lut_for_scale(s));
    }
}

TEST_CASE("shared breakpoints give per-scale codes by round half even", "[table]") {
    PwlTable t = uniform_table("gelu", Precision::int8, 4, -4, 4);
    t.shared->breakpoints = {-2.5, 0.03125, 3.5};
    CHECK(t.lut_for_scale(0).breakpoints == std::vector<int64_t>{-2, 0, 4});
    CHECK(t.lut_for_scale(5).breakpoints == std::vector<int64_t>{-80, 1, 112});
    CHECK(t.lut_for_scale(6).breakpoints == std::vector<int64_t>{-128, 2, 128});
}

TEST_CASE("validation names field, index and value", "[table]") {
    const std::string ok = table_to_json(uniform_table("gelu", Precision::int8, 4, -4, 4)).dump();
    auto with = [&](const std::string& from, const std::string& to) {
        std::string s = ok;
        const auto pos = s.find(from);
        REQUIRE(pos != std::string::npos);
        return s.replace(pos, from.size(), to);
    };
    CHECK(error_of(with("\"breakpoints\":[-2.0,0.0,2.0]", "\"breakpoints\":[-2.0,3.0,2.0]")) ==
          "t.json: shared.breakpoints[2]: 2 is below the previous breakpoint 3 (breakpoints must be sorted)");
    CHECK(error_of(with("\"breakpoints\":[-2.0,0.0,2.0]", "\"breakpoints\":[-2.0,2.0]")) ==
          "t.json: shared.breakpoints: has 2 values, expected 3");
    CHECK(error_of(with("\"breakpoints\":[-2.0,0.0,2.0]", "\"breakpoints\":[-2.0,NaN,2.0]")) ==
          "t.json: shared.breakpoints[1]: NaN is not a finite number");
    CHECK(error_of(with("\"breakpoints\":[-2.0,0.0,2.0]", "\"breakpoints\":[-2.0,\"x\",2.0]")) ==
          "t.json: shared.breakpoints[1]: expected a number, got \"x\"");
    CHECK(error_of(with("\"function\":\"gelu\"", "\"function\":\"foo\"")).rfind("t.json: unknown function 'foo'", 0) == 0);
    // A control character in a string is refused, shown escaped: a NUL had ended the message
    // ("unknown function 'ge"), a newline split it.
    CHECK(error_of(with("\"function\":\"gelu\"", "\"function\":\"ge\\u0000lu\"")) ==
          "t.json: function: a control character in the string \"ge\\u0000lu\"");
    CHECK(error_of(with("\"function\":\"gelu\"", "\"function\":\"ge\\nlu\"")) ==
          "t.json: function: a control character in the string \"ge\\nlu\"");
    CHECK(error_of(with("\"precision\":\"int8\"", "\"precision\":\"int4\"")).rfind("t.json: unsupported precision 'int4'", 0) == 0);
    CHECK(error_of(ok.substr(0, ok.size() / 2)).rfind("t.json: invalid JSON", 0) == 0);
    CHECK(error_of("  \n") == "t.json: file is empty");
}

TEST_CASE("codes wider than their format are rejected", "[table]") {
    PwlTable t = uniform_table("gelu", Precision::int8, 4, -4, 4);
    t.shared->slopes[2] = 128;
    const std::string text = table_to_json(t).dump();
    CHECK(error_of(text) == "t.json: shared.slopes[2]: 128 does not fit signed 8 bits");
}

TEST_CASE("reference values off the code grid are rejected", "[table]") {
    CHECK(error_of(R"({"gelu": {"0": {"breakpoints": [0.5], "slopes": [0, 1], "intercepts": [0, 0]}}})") ==
          "t.json: gelu.0.breakpoints[0]: 0.5 is not a multiple of 2^-0");
}

TEST_CASE("save is atomic and leaves no temporary file", "[table]") {
    const std::string path = "test_table_io_out.json";
    std::remove(path.c_str());
    save_table(uniform_table("gelu", Precision::int8, 4, -4, 4), path);
    CHECK(load_table(path).entries == 4);
    std::ifstream tmp(path + ".tmp");
    CHECK_FALSE(tmp.good());
    std::remove(path.c_str());
}
