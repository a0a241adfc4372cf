// Which tables explore --network evaluates (sims/explore/network.hpp), with a fake network: the
// answer is the cheapest points meeting the whole target; every table that one-by-one evaluation
// would run is run, few others, in few rounds; no table twice.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "model/errors.hpp"
#include "sims/explore/network.hpp"

using namespace gqalut::explore;

namespace {

// A sweep's points without searching: per job a function, an entry count and a precision,
// priced for two indexing styles; accuracy and cost made up from the seed.
std::vector<Point> made_up_points(std::mt19937& rng, size_t n_jobs) {
    std::uniform_real_distribution<double> u(0, 1);
    const char* functions[] = {"gelu", "exp", "sigmoid"};
    std::vector<Point> pts;
    for (size_t j = 0; j < n_jobs; ++j) {
        Point p;
        p.job = j;
        p.values.assign(axes().size(), "");
        p.values[axis_index("function")] = functions[rng() % 3];
        p.values[axis_index("precision")] = rng() % 4 ? "int8" : "int16";
        p.values[axis_index("entries")] = std::to_string(4 << (rng() % 3));
        p.values[axis_index("method")] = "optimal";
        p.values[axis_index("lanes")] = "1";
        p.mse_mean = u(rng) * 1e-4;
        p.max_abs_error = u(rng) * 0.1;
        const double area = 500 + 1000 * u(rng);
        for (const char* ix : {"parallel", "binary"}) {
            p.values[axis_index("indexing")] = ix;
            p.area_um2 = area + (std::string(ix) == "binary" ? 30 : 0);
            pts.push_back(p);
        }
    }
    return pts;
}

// The walk done the plain way: one table after the other in objective order, per function
// until `top` points meet. Returns the jobs it evaluates.
std::set<size_t> one_by_one(const std::vector<Point>& pts, const Target& t, int top, const std::map<size_t, double>& loss) {
    std::set<size_t> evaluated;
    std::map<std::string, int> found;
    for (const Point* p : ranked(pts, t.operator_part())) {
        if (!network_runs(*p) || found[p->get("function")] >= top) continue;
        evaluated.insert(p->job);
        if (!t.max_network_loss || loss.at(p->job) <= *t.max_network_loss) ++found[p->get("function")];
    }
    return evaluated;
}

}  // namespace

TEST_CASE("explore --network evaluates the tables that decide the answer, in few rounds", "[network]") {
    for (unsigned seed = 1; seed <= 200; ++seed) {
        std::mt19937 rng(seed);
        std::vector<Point> pts = made_up_points(rng, 5 + seed % 30);
        std::map<size_t, double> loss;   // the fake network's degradation per job
        for (const Point& p : pts) loss.emplace(p.job, std::uniform_real_distribution<double>(-0.5, 2)(rng));
        Target t;
        if (seed % 3) t.max_error = 0.06;
        if (seed % 5) t.max_network_loss = 0.5;
        const int top = 1 + static_cast<int>(seed % 4);
        std::multiset<size_t> asked;
        std::vector<Point> judged = pts;
        const NetworkCount n = judge_by_network(judged, t, top, [&](const std::vector<const Point*>& batch) {
            std::vector<NetworkResult> r;
            for (const Point* p : batch) {
                REQUIRE(network_runs(*p));
                asked.insert(p->job);
                NetworkResult x;
                x.degradation = loss.at(p->job);
                x.value = 90 - x.degradation;
                r.push_back(x);
            }
            return r;
        });
        INFO("seed " << seed);
        const std::set<size_t> want = one_by_one(pts, t, top, loss);
        const std::set<size_t> got_jobs(asked.begin(), asked.end());
        CHECK(asked.size() == got_jobs.size());   // no table twice
        CHECK(std::includes(got_jobs.begin(), got_jobs.end(), want.begin(), want.end()));
        std::set<std::string> functions;
        for (const Point& p : pts) functions.insert(p.get("function"));
        CHECK(got_jobs.size() <= 3 * want.size() + top * functions.size());
        CHECK(n.evaluated == got_jobs.size());
        // Rounds grow: at most about log2 of the tables per function, not one per table.
        CHECK(n.rounds <= 2 + 2 * static_cast<size_t>(std::log2(1.0 + static_cast<double>(want.size()))) * functions.size());
        // Every candidate is evaluated or counted as not needed.
        std::set<size_t> candidates;
        for (const Point* p : ranked(pts, t.operator_part()))
            if (network_runs(*p)) candidates.insert(p->job);
        CHECK(n.evaluated + n.unneeded == candidates.size());
        // Every point of an evaluated job carries the network's answer; no other point does.
        for (const Point& p : judged) {
            CHECK(p.network_degradation.has_value() == (got_jobs.count(p.job) == 1));
            if (p.network_degradation) CHECK(*p.network_degradation == loss.at(p.job));
        }
        // The answer: per function the `top` cheapest points meeting the whole target, exactly
        // the ones a fully evaluated sweep would give.
        std::vector<Point> all = pts;
        for (Point& p : all) p.network_degradation = loss.at(p.job);
        std::map<std::string, std::vector<const Point*>> got, full;
        for (const Point* p : ranked(judged, t))
            if (network_runs(*p) && got[p->get("function")].size() < static_cast<size_t>(top)) got[p->get("function")].push_back(p);
        for (const Point* p : ranked(all, t))
            if (network_runs(*p) && full[p->get("function")].size() < static_cast<size_t>(top)) full[p->get("function")].push_back(p);
        for (const auto& [f, list] : full) {
            REQUIRE(got[f].size() == list.size());
            for (size_t i = 0; i < list.size(); ++i)
                CHECK(std::make_pair(got[f][i]->job, got[f][i]->area_um2) == std::make_pair(list[i]->job, list[i]->area_um2));
        }
    }
}

TEST_CASE("a network bound fails a point the network did not evaluate", "[network]") {
    Point p;
    p.values.assign(axes().size(), "");
    Target t;
    t.max_network_loss = 0.1;
    CHECK_FALSE(meets(p, t));
    p.network_degradation = 0.1;
    CHECK(meets(p, t));
    p.network_degradation = 0.11;
    CHECK_FALSE(meets(p, t));
    CHECK(meets(p, t.operator_part()));
}

TEST_CASE("the study's answers are parsed, a malformed one refused", "[network]") {
    const auto r = parse_evaluations(
        "{\"metric\": \"accuracy\", \"fp32\": 97.2, \"int8_exact\": 96.9, \"lut\": 96.6, \"degradation\": 0.3}\n"
        "{\"metric\": \"accuracy\", \"fp32\": 97.2, \"int8_exact\": 96.9, \"lut\": 97.5, \"degradation\": -0.6}\n");
    REQUIRE(r.size() == 2);
    CHECK(r[1].degradation == -0.6);
    CHECK(r[0].value == 96.6);
    CHECK_THROWS_AS(parse_evaluation("{\"metric\": \"accuracy\"}"), gqalut::BadInput);
    CHECK_THROWS_AS(parse_evaluation("Traceback"), gqalut::BadInput);
    NetworkStudy s;
    s.task = "digits";
    s.cache = "c d";
    const auto a = evaluate_arguments(s, {{"gelu", "t.json"}, {"exp", "u v.json"}});
    CHECK(std::count(a.begin(), a.end(), "--require-cached") == 1);
    CHECK(std::find(a.begin(), a.end(), "exp=u v.json") != a.end());   // one argument, no shell
    CHECK(std::find(a.begin(), a.end(), "c d") != a.end());
}
