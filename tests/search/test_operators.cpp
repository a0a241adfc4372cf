// Genetic operators and the random stream: free functions of the RNG, reproducible.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "search/genetic.hpp"
#include "search/rng.hpp"

using namespace gqalut;

TEST_CASE("rng: same seed, same stream, ranges respected", "[operators]") {
    Rng a(7), b(7), c(8);
    for (int i = 0; i < 100; ++i) {
        const double u = a.uniform01();
        CHECK(u == b.uniform01());
        CHECK(u >= 0.0);
        CHECK(u < 1.0);
        const int64_t k = a.uniform_int(-3, 5);
        CHECK(k == b.uniform_int(-3, 5));
        CHECK(k >= -3);
        CHECK(k <= 5);
        CHECK(std::isfinite(a.normal()));
        b.normal();
    }
    CHECK(Rng(7).bits() != c.bits());
    double sum = 0, sq = 0;
    Rng n(3);
    for (int i = 0; i < 20000; ++i) {
        const double z = n.normal();
        sum += z;
        sq += z * z;
    }
    CHECK(std::fabs(sum / 20000) < 0.05);
    CHECK(std::fabs(sq / 20000 - 1.0) < 0.05);
}

TEST_CASE("two-point crossover swaps one inner run of genes", "[operators]") {
    Rng rng(1);
    for (int rep = 0; rep < 200; ++rep) {
        Genome a{0, 1, 2, 3, 4, 5, 6}, b{10, 11, 12, 13, 14, 15, 16};
        two_point_crossover(a, b, rng);
        int swapped = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            const bool sw = a[i] >= 10;
            CHECK(b[i] == (sw ? static_cast<double>(i) : static_cast<double>(i + 10)));
            swapped += sw;
        }
        CHECK(swapped >= 1);
        CHECK(swapped <= 6);   // cut points in 1..size: the first gene never moves
        CHECK(a[0] == 0);
        // The swapped genes form one contiguous run.
        int runs = 0;
        for (size_t i = 0; i < a.size(); ++i) runs += (a[i] >= 10) && (i == 0 || a[i - 1] < 10);
        CHECK(runs == 1);
    }
    Genome one{1}, other{2};
    two_point_crossover(one, other, rng);   // too short: unchanged
    CHECK(one[0] == 1);
}

TEST_CASE("rounding mutation puts genes on the 2^-i grid of Algorithm 2", "[operators]") {
    Rng rng(5);
    int rounded = 0, total = 0;
    for (int rep = 0; rep < 500; ++rep) {
        Genome g{-3.14159, -1.2345, 0.3333, 2.71828};
        const Genome before = g;
        // theta_r = 0.1, [2, 4]: r in [0.2, 0.5) rounds (30%); no Gaussian mutation.
        rounding_mutation(g, rng, 0.1, 2, 4, 0.2, 0.0, -4, 4);
        for (size_t i = 0; i < g.size(); ++i) {
            ++total;
            if (g[i] == before[i]) continue;
            ++rounded;
            bool on_grid = false;
            for (int e = 2; e <= 4; ++e)
                on_grid = on_grid || (g[i] == std::ldexp(std::nearbyint(std::ldexp(before[i], e)), -e));
            CHECK(on_grid);
        }
    }
    CHECK(std::fabs(static_cast<double>(rounded) / total - 0.3) < 0.05);
    // theta_r = 0 (DIV/RSQRT in Table 1): never rounds.
    Genome g{0.7071, 1.4142};
    for (int rep = 0; rep < 100; ++rep) rounding_mutation(g, rng, 0.0, 0, 6, 0.2, 0.0, 0.5, 4);
    CHECK(g == Genome{0.7071, 1.4142});
}

TEST_CASE("gaussian mutation stays in range, tournament takes the best aspirant", "[operators]") {
    Rng rng(9);
    Genome g(50, 3.9);
    for (int rep = 0; rep < 20; ++rep) gaussian_mutation(g, rng, 0.5, 0.5, -4, 4);
    for (double x : g) {
        CHECK(x >= -4);
        CHECK(x <= 4);
    }
    const std::vector<double> fit{5, 1, 3, 0.5, 7};
    int wins_best = 0;
    for (int rep = 0; rep < 2000; ++rep) wins_best += tournament_select(fit, 3, rng) == 3;
    // P(index 3 among 3 draws with replacement) = 1 - (4/5)^3 = 0.488
    CHECK(std::fabs(wins_best / 2000.0 - 0.488) < 0.04);
    CHECK(tournament_select(fit, 50, rng) == 3);
}

TEST_CASE("paper Table 1 defaults", "[operators]") {
    const GaConfig g8 = paper_ga_config("gelu", 8, true), g16 = paper_ga_config("gelu", 16, true);
    CHECK(g8.population == 50);
    CHECK(g8.generations == 500);
    CHECK(g8.crossover == 0.7);
    CHECK(g8.mutation == 0.2);
    CHECK(g8.tournament == 3);
    CHECK(g8.theta_r == 0.05);
    CHECK((g8.rm_lo == 2 && g8.rm_hi == 6));
    CHECK((g16.rm_lo == 0 && g16.rm_hi == 6));
    CHECK(paper_ga_config("hswish", 8, true).rm_lo == 0);
    CHECK(paper_ga_config("hswish", 16, true).rm_lo == 2);
    CHECK(paper_ga_config("exp", 16, true).rm_lo == 0);
    CHECK(paper_ga_config("div", 8, true).theta_r == 0);
    CHECK(paper_ga_config("rsqrt", 16, true).theta_r == 0);
}

TEST_CASE("GeneticSearch rejects every bad configuration in its constructor", "[operators]") {
    CHECK_NOTHROW(GeneticSearch(GaConfig{}, 1));
    struct Bad {
        const char* what;
        std::function<void(GaConfig&)> set;
    };
    const std::vector<Bad> bad{
        {"--population", [](GaConfig& c) { c.population = 1; }},
        {"--population", [](GaConfig& c) { c.population = 100001; }},
        {"--generations", [](GaConfig& c) { c.generations = -1; }},
        {"--generations", [](GaConfig& c) { c.generations = 1000001; }},
        {"crossover", [](GaConfig& c) { c.crossover = -0.1; }},
        {"crossover", [](GaConfig& c) { c.crossover = 1.5; }},
        {"crossover", [](GaConfig& c) { c.crossover = std::nan(""); }},
        {"mutation probability", [](GaConfig& c) { c.mutation = 2; }},
        {"tournament", [](GaConfig& c) { c.tournament = 0; }},
        {"sigma", [](GaConfig& c) { c.sigma = -1; }},
        {"sigma", [](GaConfig& c) { c.sigma = INFINITY; }},
        {"gene mutation", [](GaConfig& c) { c.gene_prob = 1.01; }},
        {"--theta-r", [](GaConfig& c) { c.theta_r = -0.5; }},
        {"--rm-range start", [](GaConfig& c) { c.rm_lo = -1; }},
        {"--rm-range end", [](GaConfig& c) { c.rm_hi = 63; }},
        {"--rm-range end", [](GaConfig& c) { c.rm_lo = 5, c.rm_hi = 4; }},
        {"--threads", [](GaConfig& c) { c.threads = 0; }},
        {"--threads", [](GaConfig& c) { c.threads = 257; }},
    };
    for (const Bad& b : bad) {
        GaConfig c;
        b.set(c);
        INFO(b.what);
        CHECK_THROWS_WITH(GeneticSearch(c, 1), Catch::Contains(b.what));
    }
}
