// The virtual platform's kernels run end to end; accuracy figures are in docs/results/vp.md.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "model/table_io.hpp"
#include "search/search.hpp"

#include "tlm/kernels.hpp"
#include "tlm/vp_tables.hpp"
#include "tlm_fixture.hpp"

using namespace gqalut;
using namespace gqalut::vp;

TEST_CASE("kernels run without errors and report their error against double precision", "[kernels]") {
    const VpTables tables = vp_tables();
    for (const char* k : {"softmax", "layernorm", "gelu"}) {
        INFO(k);
        test::fresh();
        const KernelResult r = run_kernel(k, test::platform(), tables, KernelShape{});
        CHECK(r.ok);
        CHECK(r.outputs >= 4096);
        CHECK(r.max_abs_error > 0);
        CHECK(r.mean_abs_error <= r.max_abs_error);
        CHECK(r.sim_time_ns > 0);
        // Same inputs and tables: the same accelerator output, run after run.
        test::fresh();
        CHECK(run_kernel(k, test::platform(), tables, KernelShape{}).digest == r.digest);
    }
}

namespace {
// The accelerator's exp of x = d 2^-4 for every difference d = x - max(x) of two INT8 logits at
// the softmax's scale (d in [-255, 0]) with the kernels' EXP table, as the softmax feeds it:
// the worst relative error against exp(x) (the factor of a table proportional to exp(x) taken
// out at x = 0).
double worst_exp_relative_error(const PwlTable& exp) {
    Cpu& cpu = test::platform().cpu;
    PwlDriver drv(cpu, test::kAcc);
    constexpr int s = kSoftmaxScale;
    std::vector<uint8_t> in;
    for (int d = 0; d >= -255; --d) {
        if (exp.scaler) {
            const int32_t w = d * (1 << (exp.scaler->input.frac - s));
            uint8_t b[4];
            std::memcpy(b, &w, 4);
            in.insert(in.end(), b, b + 4);
        } else {
            in.push_back(static_cast<uint8_t>(std::max(-128, d)));   // the INT8 input range
        }
    }
    const uint64_t n = 256;
    drv.load(exp, s);
    cpu.write_block(0x10000, in.data(), in.size());
    REQUIRE(drv.run(0x10000, 0x80000, n).ok);
    std::vector<uint8_t> out(n * drv.out_bytes());
    cpu.read_block(0x80000, out.data(), out.size());
    REQUIRE(drv.out_bytes() == 4);   // scaler words, or INT8 accumulators
    std::vector<double> y(n);
    for (uint64_t i = 0; i < n; ++i) {
        uint32_t u;
        std::memcpy(&u, &out[i * 4], 4);
        y[i] = exp.scaler ? static_cast<double>(u) : static_cast<double>(static_cast<int32_t>(u));
    }
    double worst = 0;
    for (uint64_t i = 0; i < n; ++i) {
        const double x = -static_cast<double>(i) / (1 << s);
        worst = std::max(worst, std::fabs(y[i] / y[0] - std::exp(x)) / std::exp(x));
    }
    return worst;
}
}  // namespace

TEST_CASE("the built-in EXP table is range-reduced: every x - max(x) of the softmax is in range", "[kernels]") {
    test::fresh();
    const VpTables tables = vp_tables();
    REQUIRE(tables.exp.scaler);
    CHECK(tables.exp.scaler->preset == "reduce");
    CHECK(tables.exp.function == "exp");
    // 2^x' in [1, 2) with Q1.6 codes: a relative error of a few 2^-7 at every x down to -15.9
    // (an INT8 table of exp(x) on [-8, 0] is off by a factor e^7.9 at the bottom).
    CHECK(worst_exp_relative_error(tables.exp) < 0.03);
}

TEST_CASE("the built-in EXP table is what search makes, with its metrics", "[kernels]") {
    // No second recipe: the table is the search's, byte for byte, with its metrics.
    const SearchOptions o = reduced_exp_search();
    CHECK(o.spec.function == "exp");
    CHECK(o.spec.preset == std::optional<std::string>("reduce"));
    CHECK((o.spec.lo == std::optional<double>(-16.0) && o.spec.hi == std::optional<double>(0.0)));
    const SearchResult r = run_search(o);
    const PwlTable& t = vp_tables().exp;
    CHECK(table_to_json(t).dump() == table_to_json(r.table).dump());
    REQUIRE(t.metrics.contains("mse_mean"));
    const Metrics m = evaluate(t, Protocol::paper);
    CHECK(t.metrics["mse_mean"] == m.mse_mean);
    CHECK(t.metrics["max_abs_error"] == m.max_abs_error);
    CHECK(m.points == 1600);
    CHECK(t.scaler->output.frac == 31);
}

TEST_CASE("softmax with an INT8 EXP table (--exp-table) still runs on the INT unit", "[kernels]") {
    test::fresh();
    SearchOptions o;
    o.method = "optimal";
    o.spec.function = "expr";
    o.spec.expr = "0.49*exp(x)";
    o.spec.entries = 16;
    o.spec.lo = -8;
    o.spec.hi = 0;
    o.spec.lambda_k = o.spec.lambda_b = 8;
    o.spec.scales = std::vector<int>{kSoftmaxScale};
    VpTables tables = vp_tables();
    tables.exp = run_search(o).table;
    const KernelResult r = run_kernel("softmax", test::platform(), tables, KernelShape{});
    CHECK(r.ok);
    CHECK(r.outputs == 64u * 197u);
    CHECK(r.max_abs_error > 0);
    CHECK(r.max_abs_error < 0.05);   // docs/results/vp.md: 0.0245 with these 16 entries
}
