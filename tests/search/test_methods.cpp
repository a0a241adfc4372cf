// The methods end to end: GA fitness is the golden protocol, same seed gives the same table on
// any thread count, and every precision and the scaler work.
#include <catch2/catch.hpp>

#include "model/errors.hpp"
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
    o.spec.reference_lambda = true;   // the format fixed (k-2): the tests of --lambda auto set it
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
    // --lambda auto and the maximum error too.
    for (const char* m : {"optimal", "gqa-rm", "nnlut"})
        for (const char* obj : {"mse", "max"}) {
            if (std::string(m) == "nnlut" && std::string(obj) == "max") continue;
            SearchOptions a = quick("exp", 8, m);
            a.spec.reference_lambda = false;
            a.spec.objective = obj;
            a.threads = 1;
            const std::string first = table_bytes(run_search(a));
            a.threads = 2;
            INFO(m << " " << obj << " lambda auto");
            CHECK(table_bytes(run_search(a)) == first);
        }
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
            o.spec.reference_lambda = false;
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
                CHECK_FALSE(r.lambda_trials.empty());   // --lambda auto is the default
                CHECK(r.table.params.lambda_k >= 0);
                CHECK(r.table.params.lambda_k <= r.table.params.width);   // auto stays where the unit runs
                CHECK(r.table.params.lambda_b <= r.table.params.width);
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

TEST_CASE("lambda auto finds the format a fixed lambda clips, and the clipped run reports its rails", "[methods]") {
    // pi * clamp(x, -1, 1) on [-4, 4]: slopes of pi need two integer bits, which Q1.6 lacks.
    SearchOptions o = quick("expr", 8, "optimal");
    o.spec.expr = "min(max(x,-1),1)*_pi";
    o.spec.lo = -4;
    o.spec.hi = 4;
    o.spec.reference_lambda = false;
    for (const char* m : {"optimal", "gqa-rm"}) {
        o.method = m;
        o.generations = 200;
        o.spec.lambda_k = o.spec.lambda_b = 6;
        const SearchResult six = run_search(o);
        o.spec.lambda_k = o.spec.lambda_b = 5;
        const SearchResult five = run_search(o);
        o.spec.lambda_k = o.spec.lambda_b = std::nullopt;
        const SearchResult chosen = run_search(o);
        INFO(m << ": lambda 6 " << six.metrics.mse_mean << ", lambda 5 " << five.metrics.mse_mean << ", auto "
               << chosen.metrics.mse_mean << " at " << chosen.table.params.lambda_k << "/" << chosen.table.params.lambda_b);
        CHECK(six.rails.any());
        CHECK(six.table.metrics["codes_at_rail"]["slopes"].get<int>() == six.rails.slopes);
        CHECK_FALSE(rail_warning(six).empty());
        CHECK_FALSE(five.rails.any());
        CHECK(rail_warning(five).empty());
        CHECK(six.metrics.mse_mean > 10 * five.metrics.mse_mean);
        CHECK_FALSE(chosen.rails.any());
        CHECK_FALSE(chosen.lambda_trials.empty());
        if (std::string(m) == "optimal") CHECK(chosen.metrics.mse_mean <= five.metrics.mse_mean);
        else CHECK(chosen.metrics.mse_mean < six.metrics.mse_mean / 10);
    }
}

TEST_CASE("lambda auto with optimal ends at a pair no neighbour beats, for both objectives", "[methods]") {
    for (const char* f : {"gelu", "exp", "div"})
        for (const char* obj : {"mse", "max"}) {
            SearchOptions o = quick(f, 8, "optimal");
            o.spec.reference_lambda = false;
            o.spec.objective = obj;
            const SearchResult r = run_search(o);
            const int lk = r.table.params.lambda_k, lb = r.table.params.lambda_b;
            for (int dk = -1; dk <= 1; ++dk)
                for (int db = -1; db <= 1; ++db) {
                    // auto searches 0..W (numeric-definition.md §1), so that is the neighbourhood.
                    const int w = r.table.params.width;
                    if (lk + dk < 0 || lb + db < 0 || lk + dk > w || lb + db > w) continue;
                    SearchOptions n = o;
                    n.spec.lambda_k = lk + dk;
                    n.spec.lambda_b = lb + db;
                    INFO(f << " " << obj << " at " << lk << "/" << lb << " neighbour " << dk << "/" << db);
                    CHECK(run_search(n).objective_value >= r.objective_value);
                }
            // Independent fraction bits; the chosen table evaluates to what the search reported.
            CHECK(evaluate(load_table_roundtrip(r.table), Protocol::paper).mse_mean == r.metrics.mse_mean);
        }
}

TEST_CASE("the GA minimises the maximum error when asked, fitness equal to the golden metric", "[methods]") {
    for (const char* f : {"gelu", "div"})
        for (Fit fit : {Fit::chord, Fit::lsq}) {
            SearchOptions o = quick(f, 8, "gqa-rm");
            o.spec.objective = "max";
            o.fit = fit;
            const SearchResult r = run_search(o);
            INFO(f << " " << to_string(fit));
            CHECK(r.search_fitness == r.metrics.max_abs_error);
            CHECK(r.search_fitness == evaluate(load_table_roundtrip(r.table), Protocol::paper).max_abs_error);
            o.method = "optimal";
            o.scheme = "shared";
            CHECK(run_search(o).metrics.max_abs_error <= r.metrics.max_abs_error);
        }
    SearchOptions n = quick("gelu", 8, "nnlut");
    n.spec.objective = "max";
    CHECK_THROWS_AS(run_search(n), BadInput);
}

TEST_CASE("symmetry and clamp: the search fits the folded, clamped datapath the unit evaluates", "[methods][datapath]") {
    struct Case {
        const char* f;
        const char* symmetry;
        bool clamp;
        Symmetry want;
    };
    for (const Case& c : {Case{"sigmoid", "auto", false, Symmetry::point}, Case{"tanh", "odd", true, Symmetry::odd},
                          Case{"gelu", "auto", false, Symmetry::shifted}, Case{"silu", "shifted", true, Symmetry::shifted}})
        for (const char* scheme : {"per-scale", "shared", "uniform"})
            for (const char* obj : {"mse", "max"}) {
                INFO(c.f << " " << c.symmetry << (c.clamp ? " clamp " : " ") << scheme << " " << obj);
                SearchOptions o = quick(c.f, 8, "optimal");
                o.scheme = scheme;
                o.spec.objective = obj;
                o.spec.symmetry = c.symmetry;
                o.spec.clamp = c.clamp;
                const SearchResult r = run_search(o);
                CHECK(r.table.datapath.symmetry == c.want);
                CHECK(r.table.datapath.clamp == c.clamp);
                CHECK(r.table.format_version() == 2);
                // The folded grid's score is the golden datapath's metric on the full range.
                const Problem p(make_spec(o.spec));
                const Metrics m = evaluate(load_table_roundtrip(r.table), Protocol::paper);
                const double want = std::string(obj) == "max" ? m.max_abs_error : m.mse_mean;
                CHECK(p.score(r.table) == Approx(want).epsilon(1e-12));
                CHECK(m.mse_mean == r.metrics.mse_mean);
                // Folding a symmetric function never loses to the unfolded optimum at equal entries.
                SearchOptions plain = o;
                plain.spec.symmetry = "none";
                plain.spec.clamp = false;
                const SearchResult u = run_search(plain);
                CHECK(u.table.format_version() == 1);
                if (std::string(scheme) == "per-scale") CHECK(r.objective_value <= u.objective_value * (1 + 1e-12));
            }
}

TEST_CASE("a symmetry the function lacks, or options off the INT unit, are refused", "[methods][datapath]") {
    SearchOptions o = quick("exp", 8, "optimal");
    o.spec.symmetry = "even";
    CHECK_THROWS_AS(run_search(o), BadInput);
    o.spec.symmetry = "auto";   // exp has none: auto gives an unfolded, version-1 table
    CHECK(run_search(o).table.format_version() == 1);
    SearchOptions d = quick("div", 8, "optimal");
    d.spec.clamp = true;
    CHECK_THROWS_AS(make_spec(d.spec), BadInput);
    SearchOptions f = quick("gelu", 8, "optimal");
    f.spec.precision = "fp32";
    f.spec.symmetry = "shifted";
    CHECK_THROWS_AS(make_spec(f.spec), BadInput);
}
