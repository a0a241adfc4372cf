// Range-reduced searches (exp2, log2, exp with --preset reduce; numeric-definition.md §12): every
// method, scheme and objective on INT8 and INT16 cores makes a scaler table that round-trips
// through the table format and evaluates to the metrics the search reported; the exact optimum
// beats the chord table of the core; the formats are recorded; bad ranges are refused.
#include <catch2/catch.hpp>

#include "model/errors.hpp"
#include "model/metrics.hpp"
#include "model/table_io.hpp"
#include "search/search.hpp"
#include "tests/common/option_tables.hpp"

using namespace gqalut;

namespace {

struct Case {
    const char* function;
    double lo, hi;
};
const Case kCases[] = {{"exp2", -8, 4}, {"log2", 0.25, 64}, {"exp", -16, 0}};

SearchOptions reduced(const Case& c, const std::string& precision, const std::string& method, const std::string& scheme,
                      const std::string& objective) {
    SearchOptions o;
    o.spec.function = c.function;
    o.spec.lo = c.lo;
    o.spec.hi = c.hi;
    if (std::string(c.function) == "exp") o.spec.preset = "reduce";
    o.spec.entries = 8;
    o.spec.precision = precision;
    o.spec.objective = objective;
    o.spec.reference_lambda = true;   // k-2: the formats are not the subject here
    o.method = method;
    o.scheme = scheme;
    o.generations = 20;
    return o;
}

}  // namespace

TEST_CASE("reduced searches: every method and scheme, both objectives, INT8 and INT16, eval equals the search",
          "[reduce]") {
    struct Run {
        const char *method, *scheme, *objective;
    };
    const Run runs[] = {{"optimal", "per-scale", "mse"}, {"optimal", "per-scale", "max"}, {"optimal", "shared", "mse"},
                        {"optimal", "shared", "max"},    {"optimal", "uniform", "mse"},   {"optimal", "uniform", "max"},
                        {"gqa-rm", "shared", "mse"},     {"gqa", "shared", "max"}};
    for (const Case& c : kCases)
        for (const char* precision : {"int8", "int16"})
            for (const Run& run : runs) {
                // INT16: the uniform scheme, and exp2's per-scale MSE optimum (the other INT16
                // per-scale optima take 10-30 s each on this machine).
                const bool uniform = std::string(run.scheme) == "uniform";
                const bool exp2_mse = std::string(c.function) == "exp2" && std::string(run.scheme) == "per-scale" &&
                                      std::string(run.objective) == "mse";
                if (std::string(precision) == "int16" && !uniform && !exp2_mse) continue;
                const SearchOptions o = reduced(c, precision, run.method, run.scheme, run.objective);
                INFO(c.function << " " << precision << " " << run.method << " " << run.scheme << " " << run.objective);
                const SearchResult r = run_search(o);
                const int k = std::string(precision) == "int8" ? 8 : 16;
                REQUIRE(r.table.scaler);
                CHECK(r.table.scaler->preset == "reduce");
                CHECK(r.table.function == c.function);
                CHECK(r.table.params.k == k);
                CHECK_FALSE(r.table.params.input_signed);
                CHECK(r.table.scales == std::vector<int>{k});
                CHECK(r.table.range_lo == c.lo);
                CHECK(r.table.range_hi == c.hi);
                // The table format keeps every field, and eval of it is what search reported.
                const std::string text = table_to_json(r.table).dump();
                const PwlTable back = table_from_json_text(text, "roundtrip");
                CHECK(table_to_json(back).dump() == text);
                const Metrics e = evaluate(back, Protocol::paper);
                CHECK(e.mse_mean == r.metrics.mse_mean);
                CHECK(e.max_abs_error == r.metrics.max_abs_error);
                CHECK(e.points == r.metrics.points);
                CHECK(r.table.metrics["mse_mean"] == r.metrics.mse_mean);
                // What the methods minimised is the whole-range metric.
                const Problem p(make_spec(o.spec));
                CHECK(p.score(r.table) == Approx(r.objective_value).epsilon(1e-12));
            }
}

TEST_CASE("the exact reduced optimum beats the chord table of the core on the whole range", "[reduce]") {
    for (const Case& c : kCases)
        for (int n : {4, 8, 16})
            for (const char* objective : {"mse", "max"}) {
                SearchOptions o = reduced(c, "int8", "optimal", "per-scale", objective);
                o.spec.entries = n;
                const SearchResult r = run_search(o);
                PwlTable chord = test::reduction_table(std::string(c.function) == "exp" ? "exp" : c.function, n, 0);
                chord.range_lo = c.lo;
                chord.range_hi = c.hi;
                chord.scaler = r.table.scaler;
                REQUIRE(chord.params == r.table.params);
                const Metrics m = evaluate(chord, Protocol::paper);
                INFO(c.function << " N=" << n << " " << objective << ": optimum " << r.metrics.mse_mean << " / "
                                << r.metrics.max_abs_error << ", chords " << m.mse_mean << " / " << m.max_abs_error);
                if (std::string(objective) == "mse") CHECK(r.metrics.mse_mean <= m.mse_mean);
                else CHECK(r.metrics.max_abs_error <= m.max_abs_error);
            }
}

TEST_CASE("reduced searches record the formats asked and refuse bad ranges and formats", "[reduce]") {
    SearchOptions o = reduced(kCases[2], "int8", "optimal", "uniform", "mse");
    o.spec.scaler_input = "Q7.8";
    o.spec.scaler_output = "UQ1.31";
    const SearchResult r = run_search(o);
    const FixFormat& in = r.table.scaler->input;
    const FixFormat& out = r.table.scaler->output;
    CHECK((in.width == 16 && in.frac == 8 && in.is_signed));
    CHECK((out.width == 32 && out.frac == 31 && !out.is_signed));
    const PwlTable back = table_from_json_text(table_to_json(r.table).dump(), "roundtrip");
    CHECK(back.scaler == r.table.scaler);

    // (case, precision, range, scaler input, what the message names)
    struct Bad {
        const Case& c;
        const char* precision;
        double lo, hi;
        const char *input, *words;
    };
    const Bad bad[] = {{kCases[0], "int8", -40000, 4, nullptr, "outside the scaler input Q15.16"},
                       {kCases[0], "int8", -8, 8, nullptr, "outside the scaler output UQ8.24"},
                       {kCases[1], "int8", 0, 64, nullptr, "domain of log2"},
                       {kCases[1], "int8", 0.25, 300, "UQ8.8", "outside the scaler input UQ8.8"},
                       {kCases[2], "int8", -16, 1, nullptr, "domain of exp"},
                       {kCases[0], "int32", -8, 4, nullptr, "int8 or int16"}};
    for (const Bad& x : bad) {
        SearchOptions b = reduced(x.c, x.precision, "optimal", "per-scale", "mse");
        b.spec.lo = x.lo;
        b.spec.hi = x.hi;
        if (x.input) b.spec.scaler_input = x.input;
        INFO(x.words);
        CHECK_THROWS_WITH(run_search(b), Catch::Contains(x.words));
    }
}
