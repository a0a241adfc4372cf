// GQA-LUT's genetic algorithm (paper Algorithm 1, run like the reference's DEAP eaSimple) and
// its rounding mutation (Algorithm 2). The algorithm knows nothing about tables: it minimises a
// fitness over sorted real vectors in [lo, hi]. Operators are free functions taking the RNG.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "search/rng.hpp"

namespace gqalut {

using Genome = std::vector<double>;

struct GaConfig {
    int population = 50;        // N_p
    int generations = 500;      // T
    double crossover = 0.7;     // theta_c, two-point
    double mutation = 0.2;      // theta_m, per individual
    int tournament = 3;
    double sigma = 0.2;         // Gaussian mutation N(0, sigma) ...
    double gene_prob = 0.1;     // ... on each gene with this probability (the reference's values)
    bool rounding = false;      // Algorithm 2 (gqa-rm)
    double theta_r = 0.05;      // theta_r
    int rm_lo = 0, rm_hi = 6;   // [m_a, m_b]
    int threads = 1;            // parallel fitness evaluation; results do not depend on it
};

// Table 1 defaults for `function` with `entries` entries (theta_r and [m_a, m_b]; DIV/RSQRT
// have theta_r = 0, i.e. no rounding mutation).
GaConfig paper_ga_config(const std::string& function, int entries, bool rounding);

// --- operators ---------------------------------------------------------------------------
// n genes uniform in [lo, hi], sorted.
Genome random_genome(size_t n, double lo, double hi, Rng& rng);
// DEAP cxTwoPoint: swap the genes between two random cut points (genomes of >= 2 genes).
void two_point_crossover(Genome& a, Genome& b, Rng& rng);
// Each gene with probability prob: add N(0, sigma), clamp to [lo, hi].
void gaussian_mutation(Genome& g, Rng& rng, double sigma, double prob, double lo, double hi);
// Algorithm 2: per gene one draw r in [0, 1); if m_a <= floor(r / theta_r) = i <= m_b the gene
// becomes round(p 2^i) / 2^i (a breakpoint exactly on the scale-2^-i grid). Genes it leaves
// alone get the Gaussian mutation (sigma, prob), as in the reference implementation; clamp.
void rounding_mutation(Genome& g, Rng& rng, double theta_r, int m_a, int m_b, double sigma, double prob, double lo,
                       double hi);
// Tournament of `size` aspirants drawn with replacement; the lowest fitness wins (first on ties).
size_t tournament_select(const std::vector<double>& fitness, int size, Rng& rng);

// --- algorithm -------------------------------------------------------------------------------
struct GaResult {
    Genome best;                 // sorted
    double fitness = 0;
    uint64_t evaluations = 0;
    std::vector<double> best_per_generation;   // best fitness seen after each generation (0 = initial)
};

using Fitness = std::function<double(const Genome&)>;
using GaProgress = std::function<void(int generation, double best)>;

// Throws BadInput naming the first field of `c` outside its range (each message names the
// `gqalut search` option that sets the field).
void check_ga_config(const GaConfig& c);

class GeneticSearch {
public:
    // The configuration is checked here (check_ga_config), not fixed up later.
    GeneticSearch(GaConfig config, uint64_t seed);
    // fitness must be thread-safe (it is called concurrently when threads > 1).
    GaResult run(const Fitness& fitness, size_t genes, double lo, double hi, const GaProgress& progress = {}) const;
    const GaConfig& config() const { return cfg_; }

private:
    GaConfig cfg_;
    uint64_t seed_;
};

}  // namespace gqalut
