// The searchers' scorer is the golden protocol: Problem::score equals
// evaluate(t, Protocol::paper).mse_mean bit for bit, for every kind of table.
#include <catch2/catch.hpp>

#include "model/errors.hpp"
#include "model/metrics.hpp"
#include "model/table_io.hpp"
#include "search/breakpoint_problem.hpp"
#include "search/problem.hpp"
#include "search/search.hpp"
#include "search/uniform.hpp"

using namespace gqalut;

namespace {
std::string data(const std::string& name) { return std::string(GQALUT_TEST_DATA) + "/gqa-lut-pretrained/" + name; }

Problem problem_for(const std::string& f, int entries, const std::string& precision = "int8") {
    SpecRequest r;
    r.function = f;
    if (f == "div" || f == "rsqrt") r.preset = "paper";   // uniform_table()'s scaler preset
    r.entries = entries;
    r.precision = precision;
    return Problem(make_spec(r));
}
}  // namespace

TEST_CASE("score equals evaluate() exactly: published per-scale tables", "[scoring]") {
    for (const char* name : {"gelu_pwl_7.json", "gelu_pwl_15.json", "hswish_pwl_7.json", "exp_pwl_15.json"}) {
        INFO(name);
        const PwlTable t = load_table(data(name));
        const Problem p = problem_for(t.function, t.entries);
        CHECK(p.score(t) == evaluate(t, Protocol::paper).mse_mean);
        CHECK(p.score_max(t) == evaluate(t, Protocol::paper).max_abs_error);
    }
}

TEST_CASE("score equals evaluate() exactly: shared, scaler and fp32 tables", "[scoring]") {
    for (const char* f : {"gelu", "hswish", "exp", "div", "rsqrt", "tanh"}) {
        for (const char* prec : {"int8", "int16", "int32", "fp32"}) {
            INFO(f << " " << prec);
            const Problem p = problem_for(f, 8, prec);
            const PwlTable t = uniform_table(f, parse_precision(prec), 8, p.spec().lo, p.spec().hi);
            CHECK(p.score(t) == evaluate(t, Protocol::paper).mse_mean);
            CHECK(p.score_max(t) == evaluate(t, Protocol::paper).max_abs_error);
            // A decoded genome too, both fits.
            for (Fit fit : {Fit::chord, Fit::lsq}) {
                const BreakpointProblem bp(p, fit);
                Genome g;
                for (size_t i = 0; i < bp.genes(); ++i)
                    g.push_back(bp.gene_lo() + (bp.gene_hi() - bp.gene_lo()) * (0.1 + 0.8 * static_cast<double>(i * i) / 49.0));
                const PwlTable d = bp.decode(g);
                validate(d);
                CHECK(bp.fitness(g) == evaluate(d, Protocol::paper).mse_mean);
            }
        }
    }
}

TEST_CASE("lsq fit is never worse than the chord on the same breakpoints", "[scoring]") {
    for (const char* f : {"gelu", "hswish", "exp", "div"}) {
        const Problem p = problem_for(f, 8);
        const BreakpointProblem chord(p, Fit::chord), lsq(p, Fit::lsq);
        Genome g;
        for (size_t i = 0; i < chord.genes(); ++i)
            g.push_back(p.spec().lo + (p.spec().hi - p.spec().lo) * static_cast<double>(i + 1) / 8.0);
        INFO(f);
        // LSQ minimises the scale-weighted sum over segments exactly for fixed breakpoints.
        CHECK(lsq.fitness(g) <= chord.fitness(g) * (1 + 1e-12));
        // With the maximum error as objective the fit takes the exact minimax codes instead.
        SpecRequest r;
        r.function = f;
        r.entries = 8;
        r.objective = "max";
        const Problem pm{make_spec(r)};
        const BreakpointProblem chord_m(pm, Fit::chord), lsq_m(pm, Fit::lsq);
        CHECK(lsq_m.fitness(g) == evaluate(lsq_m.decode(g), Protocol::paper).max_abs_error);
        CHECK(lsq_m.fitness(g) <= chord_m.fitness(g));
        CHECK(lsq_m.fitness(g) <= pm.score_max(lsq.decode(g)));
    }
}

TEST_CASE("bad problems are BadInput", "[scoring]") {
    auto spec = [](auto edit) {
        SpecRequest r;
        edit(r);
        return Problem(make_spec(r));
    };
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.function = "nosuch"; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.lo = 1, r.hi = -1; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.lo = 1, r.hi = 1; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.entries = 0; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.entries = 257; }), BadInput);   // 256 INT8 codes at most
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.lo = 0, r.hi = 0.5, r.entries = 40; }), BadInput);   // 33 codes at s = 6
    CHECK_NOTHROW(spec([](SpecRequest& r) { r.lo = 0, r.hi = 0.5, r.entries = 33; }));
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.function = "expr", r.expr = "sin(x", r.lo = 0, r.hi = 1; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.function = "expr", r.expr = "x*x"; }), BadInput);   // no range
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.precision = "int4"; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.scales = std::vector<int>{0, 9}; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.lambda_k = -1; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.lambda_b = 17; }), BadInput);   // INT8: 0..16
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.precision = "int32", r.lambda_k = 41; }), BadInput);   // the table's limit
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.objective = "median"; }), BadInput);
    CHECK_THROWS_AS(spec([](SpecRequest& r) { r.function = "div", r.preset = "bogus"; }), BadInput);
    SearchOptions o;
    o.method = "annealing";
    CHECK_THROWS_AS(run_search(o), BadInput);
    o.method = "gqa";
    o.scheme = "per-scale";
    CHECK_THROWS_AS(run_search(o), BadInput);
}
