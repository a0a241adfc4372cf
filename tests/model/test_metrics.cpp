// Metrics: the reference implementation's published tables under the paper protocol. The
// expected MSEs were computed independently (a direct evaluation of Eq. 1 on the real
// breakpoints, slopes and intercepts of each JSON file, in Python, before this code existed).
#include <catch2/catch.hpp>
#include <cmath>

#include "model/metrics.hpp"
#include "model/scaler_datapath.hpp"
#include "model/table_io.hpp"
#include "search/uniform.hpp"

using namespace gqalut;

namespace {
std::string data(const std::string& name) { return std::string(GQALUT_TEST_DATA) + "/gqa-lut-pretrained/" + name; }
}  // namespace

TEST_CASE("paper protocol on the published tables", "[metrics]") {
    struct Row {
        const char* file;
        double mse, max_abs, paper;   // paper: Table 3, GQA-LUT w/RM
    };
    const Row rows[] = {
        {"gelu_pwl_7.json", 9.972764514639893e-05, 0.02541873063700656, 9.4e-5},
        {"gelu_pwl_15.json", 9.061758803223043e-05, 0.046875, 9.6e-5},
        {"hswish_pwl_7.json", 0.0003075973075034851, 0.0390625, 2.9e-4},
        {"hswish_pwl_15.json", 0.00019967844762961456, 0.07291666666666674, 2.2e-4},
        {"exp_pwl_7.json", 0.0001220732713641325, 0.07100444117144233, 1.2e-4},
        {"exp_pwl_15.json", 8.376296274442139e-05, 0.039754441171442334, 7.4e-5},
    };
    for (const Row& r : rows) {
        INFO(r.file);
        const Metrics m = evaluate(load_table(data(r.file)), Protocol::paper);
        CHECK(m.mse_per_scale.size() == 7);
        CHECK(m.mse_mean == Approx(r.mse).epsilon(1e-12));
        CHECK(m.max_abs_error == Approx(r.max_abs).epsilon(1e-12));
        CHECK(std::fabs(m.mse_mean / r.paper - 1.0) < 0.2);   // close to Table 3
    }
}

TEST_CASE("paper protocol grid sizes", "[metrics]") {
    const auto f = builtin_function("gelu");
    const auto g = paper_grid(*f, default_int_params(Precision::int8), {0, 5, 6}, -4, 4);
    CHECK(g[0].q.size() == 9);     // -4..4
    CHECK(g[1].q.size() == 256);   // all INT8 codes lie in [-4, 4) at s = 5
    CHECK(g[2].q.size() == 256);
    const auto g16 = paper_grid(*f, default_int_params(Precision::int16), {6}, -4, 4);
    CHECK(g16[0].q.size() == 8 * 64 + 1);
    CHECK(fp32_paper_points(-4, 4).size() == 800);
    CHECK(fp32_paper_points(0.5, 4).size() == 350);
}

TEST_CASE("full protocol covers the domain (exp: only x <= 0)", "[metrics]") {
    const PwlTable t = uniform_table("exp", Precision::int8, 8, -8, 0);
    const Metrics m = evaluate(t, Protocol::full);
    CHECK(m.points == 7 * 129);   // q in [-128, 0] at every scale
    CHECK_FALSE(m.sampled);
    CHECK_THROWS(evaluate(t, Protocol::wide));
}

TEST_CASE("scaler tables: paper and wide protocols", "[metrics]") {
    PwlTable t = uniform_table("div", Precision::int8, 8, 0.5, 4);
    t.scaler->input = FixFormat{16, 8, false};   // UQ8.8 keeps the exhaustive sweep small
    t.scaler->preset = "normalize";
    const Metrics p = evaluate(t, Protocol::paper);
    CHECK(p.points == 350);
    CHECK(p.mse_mean < 1e-2);
    const Metrics w = evaluate(t, Protocol::wide);
    CHECK(w.points == 65535);
    REQUIRE(w.max_rel_error);
    CHECK(*w.mean_rel_error < *w.max_rel_error);
    // Brute-force cross-check of the interval sums.
    const ScalerDatapath dp(t);
    double max_rel = 0, sum_rel = 0, sum_sq = 0;
    for (uint64_t u = 1; u < 65536; ++u) {
        const double x = u / 256.0, y = dp.exact(u).value();
        max_rel = std::max(max_rel, std::fabs(y * x - 1.0));
        sum_rel += std::fabs(y - 1.0 / x) * x;
        sum_sq += (y - 1.0 / x) * (y - 1.0 / x);
    }
    CHECK(*w.mean_rel_error == Approx(sum_rel / 65535).epsilon(1e-9));
    CHECK(w.mse_mean == Approx(sum_sq / 65535).epsilon(1e-9));
    CHECK(*w.max_rel_error == Approx(max_rel).epsilon(1e-12));
}

TEST_CASE("fp32 paper protocol", "[metrics]") {
    const PwlTable t = uniform_table("gelu", Precision::fp32, 16, -4, 4);
    const Metrics m = evaluate(t, Protocol::paper);
    CHECK(m.points == 800);
    CHECK(m.mse_mean > 0);
    CHECK(m.mse_mean < 1e-3);
}

TEST_CASE("ranges beyond the input format clamp to its codes, never overflow", "[metrics]") {
    const auto f = builtin_function("gelu");
    const IntParams p8 = default_int_params(Precision::int8);
    // -4 .. 1e18: every scale keeps its codes up to the largest code (the old conversion of
    // 1e18 * 2^s to int64 overflowed and dropped scales 4..6).
    const auto g = paper_grid(*f, p8, {0, 4, 6}, -4, 1e18);
    CHECK(g[0].q.size() == 132);
    CHECK(g[1].q.size() == 192);
    CHECK(g[2].q.size() == 256);
    CHECK(g[2].q.back() == 127);
    // +-1e308 (2^s times it is infinite): the whole format at every scale.
    for (const auto& s : paper_grid(*f, p8, {0, 3, 7}, -1e308, 1e308)) {
        CHECK(s.q.size() == 256);
        CHECK(s.stride == 1);
    }
    // A range entirely beyond the format holds no code.
    CHECK(paper_grid(*f, p8, {0}, 200, 300)[0].q.empty());
    CHECK(paper_grid(*f, p8, {0}, -1e300, -200)[0].q.empty());
}

TEST_CASE("grids larger than kMaxGridCodes are sampled with a constant stride, and the metrics say so", "[metrics]") {
    const auto f = builtin_function("gelu");
    const IntParams p32 = default_int_params(Precision::int32);
    const auto g = paper_grid(*f, p32, {6, 20, 31}, -4, 4);
    CHECK(g[0].stride == 1);
    CHECK(g[0].q.size() == 513);
    CHECK(g[1].stride == 129);   // 8 * 2^20 + 1 codes
    CHECK(g[1].q.size() <= static_cast<size_t>(kMaxGridCodes));
    CHECK(g[2].stride == 65536);   // all 2^32 codes
    CHECK(g[2].q.size() == 65536);
    for (size_t i = 1; i < g[2].q.size(); ++i) CHECK(g[2].q[i] - g[2].q[i - 1] == 65536);
    PwlTable t = uniform_table("gelu", Precision::int32, 8, -4, 4);
    CHECK_FALSE(evaluate(t, Protocol::paper).sampled);
    t.scales = {6, 31};
    const Metrics m = evaluate(t, Protocol::paper);
    CHECK(m.sampled);
    CHECK(m.points == 513 + 65536);
}

TEST_CASE("the paper protocol refuses functions that are not finite on the grid and ranges outside the domain", "[metrics]") {
    const auto nan_hole = expr_function("x>0.7&&x<0.72?0/0:x", 0, 1);
    CHECK_THROWS_WITH(paper_grid(*nan_hole, default_int_params(Precision::int8), {6}, 0, 1),
                      Catch::Contains("not finite at x = 0.703125"));
    CHECK_THROWS_WITH(paper_grid(*builtin_function("exp"), default_int_params(Precision::int8), {0}, -4, 4),
                      Catch::Contains("domain of exp (x <= 0)"));
    CHECK_THROWS_WITH(builtin_function("div")->check_range(0, 4), Catch::Contains("x > 0"));
    CHECK_NOTHROW(builtin_function("div")->check_range(1e-9, 4));
    CHECK_THROWS_WITH(fp32_paper_points(-1e9, 1e9), Catch::Contains("more than the protocol's limit"));
    // A table file whose range leaves the domain is refused by the paper protocol, not clipped.
    PwlTable t = uniform_table("exp", Precision::int8, 8, -8, 0);
    t.range_hi = 2;
    CHECK_THROWS_WITH(evaluate(t, Protocol::paper), Catch::Contains("domain of exp"));
    CHECK_NOTHROW(evaluate(t, Protocol::full));   // `full` is defined on the domain
}
