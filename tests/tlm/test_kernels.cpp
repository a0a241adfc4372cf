// The virtual platform's kernels run end to end; accuracy figures are in docs/results/vp.md.
#include <catch2/catch.hpp>

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
