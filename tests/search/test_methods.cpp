// The methods end to end: GA fitness is the golden protocol, same seed gives the same table on
// any thread count, and every precision and the scaler work.
#include <catch2/catch.hpp>

#include "model/metrics.hpp"
#include "model/table_io.hpp"
#include "search/search.hpp"

using namespace gqalut;

namespace {
SearchOptions quick(const std::string& f, int entries, const std::string& method) {
    SearchOptions o;
    o.spec.function = f;
    o.spec.entries = entries;
    o.method = method;
    o.generations = 40;
    o.nn_steps = 200;
    return o;
}
std::string table_bytes(const SearchResult& r) { return table_to_json(r.table).dump(2); }
// Through the file format and back, as a user of the table would see it.
PwlTable load_table_roundtrip(const PwlTable& t) { return table_from_json_text(table_to_json(t).dump(), "roundtrip"); }
}  // namespace

TEST_CASE("GA fitness equals evaluate(table, paper).mse_mean exactly", "[methods]") {
    for (const char* f : {"gelu", "hswish", "exp", "div", "rsqrt"})
        for (const char* m : {"gqa", "gqa-rm"})
            for (Fit fit : {Fit::chord, Fit::lsq}) {
                SearchOptions o = quick(f, 8, m);
                o.fit = fit;
                const SearchResult r = run_search(o);
                INFO(f << " " << m << " " << to_string(fit));
                CHECK(r.search_fitness == r.metrics.mse_mean);
                CHECK(r.search_fitness == evaluate(load_table_roundtrip(r.table), Protocol::paper).mse_mean);
                CHECK(r.table.is_shared());
                CHECK(r.table.seed == std::optional<uint64_t>(1));
                CHECK(r.table.metrics["mse_mean"] == r.metrics.mse_mean);
            }
}

TEST_CASE("same seed, byte-identical table for 1 and 2 threads", "[methods]") {
    for (const char* m : {"gqa", "gqa-rm", "nnlut", "optimal"}) {
        for (const char* f : {"gelu", "div"}) {
            SearchOptions o = quick(f, 8, m);
            o.seed = 12345;
            o.threads = 1;
            const std::string one = table_bytes(run_search(o));
            o.threads = 2;
            INFO(m << " " << f);
            CHECK(table_bytes(run_search(o)) == one);
            o.seed = 12346;
            if (std::string(m) != "optimal") CHECK(table_bytes(run_search(o)) != one);
        }
    }
    SearchOptions o = quick("gelu", 8, "optimal");
    o.scheme = "shared";
    o.threads = 1;
    const std::string one = table_bytes(run_search(o));
    o.threads = 2;
    CHECK(table_bytes(run_search(o)) == one);
}

TEST_CASE("more generations never end worse (the best ever is kept)", "[methods]") {
    SearchOptions o = quick("gelu", 8, "gqa-rm");
    o.generations = 20;
    const double short_run = run_search(o).metrics.mse_mean;
    o.generations = 80;
    CHECK(run_search(o).metrics.mse_mean <= short_run);
}

TEST_CASE("every precision, the scaler and user expressions", "[methods]") {
    for (const char* prec : {"int8", "int16", "int32", "fp32"}) {
        for (const char* m : {"gqa-rm", "nnlut", "optimal"}) {
            SearchOptions o = quick("gelu", 8, m);
            o.spec.precision = prec;
            const SearchResult r = run_search(o);
            INFO(prec << " " << m);
            validate(r.table);
            CHECK(to_string(r.table.precision) == prec);
            CHECK(r.metrics.mse_mean > 0);
            CHECK(r.metrics.mse_mean < 2e-3);
            if (std::string(prec) == "fp32") {
                CHECK(r.metrics.mse_per_scale.size() == 1);
            } else {
                CHECK(r.metrics.mse_per_scale.size() == 7);
                CHECK(r.table.params.width == input_bits(r.table.precision));
                CHECK(r.table.params.lambda_k == input_bits(r.table.precision) - 2);
            }
        }
    }
    // Higher precision tables get closer to the function.
    SearchOptions o = quick("gelu", 8, "optimal");
    const double i8 = run_search(o).metrics.mse_mean;
    o.spec.precision = "int16";
    CHECK(run_search(o).metrics.mse_mean < i8);

    SearchOptions d = quick("div", 8, "gqa");
    REQUIRE(make_spec(d.spec).scaler);
    CHECK(make_spec(d.spec).scaler->preset == "normalize");   // the default: every input code
    d.spec.preset = "paper";
    const SearchResult r = run_search(d);
    REQUIRE(r.table.scaler);
    CHECK(r.table.scaler->preset == "paper");
    CHECK(r.table.params.lambda_k == 5);
    CHECK_FALSE(r.table.params.input_signed);
    CHECK(r.table.scales == std::vector<int>{5});
    CHECK(r.metrics.points == 350);

    SearchOptions e = quick("expr", 8, "optimal");
    e.spec.expr = "0.25*x^3 - 0.5*x";
    e.spec.lo = -1.5;
    e.spec.hi = 1.5;
    const SearchResult x = run_search(e);
    CHECK(x.table.function == "expr");
    CHECK(x.metrics.mse_mean < 1e-3);
}
