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
