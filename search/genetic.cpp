#include "search/genetic.hpp"

#include <algorithm>
#include <cmath>

#include "model/errors.hpp"
#include "search/parallel.hpp"

namespace gqalut {

GaConfig paper_ga_config(const std::string& function, int entries, bool rounding) {
    GaConfig c;
    c.rounding = rounding;
    const bool small = entries <= 8;   // Table 1 gives [m_a, m_b] for 8 and 16 entries
    if (function == "gelu") {
        c.rm_lo = small ? 2 : 0;
    } else if (function == "hswish") {
        c.rm_lo = small ? 0 : 2;
    } else if (function == "div" || function == "rsqrt") {
        c.theta_r = 0;   // Table 1: theta_r = 0 -- only quantized inputs, nothing to round for
    }
    return c;
}

namespace {

void check_int(const char* what, int v, int lo, int hi) {
    if (v < lo || v > hi)
        throw BadInput(std::string(what) + ": " + std::to_string(v) + " outside " + std::to_string(lo) + ".." + std::to_string(hi));
}

void check_unit(const char* what, double v) {
    if (!(v >= 0 && v <= 1)) throw BadInput(std::string(what) + ": " + show_number(v) + " is not a probability in [0, 1]");
}

}  // namespace

void check_ga_config(const GaConfig& c) {
    check_int("--population", c.population, 2, 100000);
    check_int("--generations", c.generations, 0, 1000000);
    check_unit("GA crossover probability", c.crossover);
    check_unit("GA mutation probability", c.mutation);
    check_int("GA tournament size", c.tournament, 1, 1000);
    if (!(c.sigma >= 0 && c.sigma <= 1e6)) throw BadInput("GA mutation sigma: " + show_number(c.sigma) + " outside [0, 1e6]");
    check_unit("GA gene mutation probability", c.gene_prob);
    check_unit("--theta-r", c.theta_r);
    check_int("--rm-range start", c.rm_lo, 0, 62);
    check_int("--rm-range end", c.rm_hi, c.rm_lo, 62);
    check_int("--threads", c.threads, 1, 256);
}

GeneticSearch::GeneticSearch(GaConfig config, uint64_t seed) : cfg_(config), seed_(seed) { check_ga_config(cfg_); }

Genome random_genome(size_t n, double lo, double hi, Rng& rng) {
    Genome g(n);
    for (auto& x : g) x = rng.uniform(lo, hi);
    std::sort(g.begin(), g.end());
    return g;
}

void two_point_crossover(Genome& a, Genome& b, Rng& rng) {
    const size_t size = std::min(a.size(), b.size());
    if (size < 2) return;
    size_t c1 = static_cast<size_t>(rng.uniform_int(1, static_cast<int64_t>(size)));
    size_t c2 = static_cast<size_t>(rng.uniform_int(1, static_cast<int64_t>(size) - 1));
    if (c2 >= c1) {
        ++c2;
    } else {
        std::swap(c1, c2);
    }
    for (size_t i = c1; i < c2; ++i) std::swap(a[i], b[i]);
}

void gaussian_mutation(Genome& g, Rng& rng, double sigma, double prob, double lo, double hi) {
    for (auto& x : g)
        if (rng.uniform01() < prob) x = std::clamp(x + sigma * rng.normal(), lo, hi);
}

void rounding_mutation(Genome& g, Rng& rng, double theta_r, int m_a, int m_b, double sigma, double prob, double lo,
                       double hi) {
    for (auto& x : g) {
        const double r = rng.uniform01();
        const double i = theta_r > 0 ? std::floor(r / theta_r) : -1.0;
        if (i >= m_a && i <= m_b) {
            const int e = static_cast<int>(i);
            x = std::clamp(std::ldexp(std::nearbyint(std::ldexp(x, e)), -e), lo, hi);
        } else if (rng.uniform01() < prob) {
            x = std::clamp(x + sigma * rng.normal(), lo, hi);
        }
    }
}

size_t tournament_select(const std::vector<double>& fitness, int size, Rng& rng) {
    const int64_t n = static_cast<int64_t>(fitness.size());
    size_t best = static_cast<size_t>(rng.uniform_int(0, n - 1));
    for (int k = 1; k < size; ++k) {
        const size_t c = static_cast<size_t>(rng.uniform_int(0, n - 1));
        if (fitness[c] < fitness[best]) best = c;
    }
    return best;
}

GaResult GeneticSearch::run(const Fitness& fitness, size_t genes, double lo, double hi,
                            const GaProgress& progress) const {
    // Every random number is drawn here, on one stream, in a fixed order; only the fitness
    // evaluations run in parallel, each writing its own slot.
    Rng rng(seed_);
    WorkerPool pool(cfg_.threads);
    const size_t np = static_cast<size_t>(cfg_.population);
    std::vector<Genome> pop(np);
    for (auto& g : pop) g = random_genome(genes, lo, hi, rng);
    std::vector<double> fit(np);
    GaResult res;
    auto evaluate = [&](std::vector<Genome>& who, std::vector<double>& out, const std::vector<char>& stale) {
        std::vector<size_t> todo;
        for (size_t i = 0; i < who.size(); ++i)
            if (stale[i]) todo.push_back(i);
        pool.for_each(todo.size(), [&](size_t k) { out[todo[k]] = fitness(who[todo[k]]); });
        res.evaluations += todo.size();
    };
    // Hall of fame of one: eaSimple keeps no elite, so the final population's best can be worse
    // than a table seen earlier; the best ever evaluated is returned.
    auto remember = [&](const std::vector<Genome>& who, const std::vector<double>& f) {
        for (size_t i = 0; i < who.size(); ++i)
            if (res.best.empty() || f[i] < res.fitness) {
                res.best = who[i];
                res.fitness = f[i];
            }
        res.best_per_generation.push_back(res.fitness);
    };
    evaluate(pop, fit, std::vector<char>(np, 1));
    remember(pop, fit);
    if (progress) progress(0, res.fitness);

    std::vector<Genome> off(np);
    std::vector<double> off_fit(np);
    std::vector<char> stale(np);
    for (int gen = 1; gen <= cfg_.generations; ++gen) {
        for (size_t i = 0; i < np; ++i) {
            const size_t w = tournament_select(fit, cfg_.tournament, rng);
            off[i] = pop[w];
            off_fit[i] = fit[w];
            stale[i] = 0;
        }
        for (size_t i = 1; i < np; i += 2)
            if (rng.uniform01() < cfg_.crossover) {
                two_point_crossover(off[i - 1], off[i], rng);
                stale[i - 1] = stale[i] = 1;
            }
        for (size_t i = 0; i < np; ++i)
            if (rng.uniform01() < cfg_.mutation) {
                if (cfg_.rounding)
                    rounding_mutation(off[i], rng, cfg_.theta_r, cfg_.rm_lo, cfg_.rm_hi, cfg_.sigma, cfg_.gene_prob, lo, hi);
                else
                    gaussian_mutation(off[i], rng, cfg_.sigma, cfg_.gene_prob, lo, hi);
                stale[i] = 1;
            }
        for (size_t i = 0; i < np; ++i)
            if (stale[i]) std::sort(off[i].begin(), off[i].end());   // the reference sorts before evaluating
        evaluate(off, off_fit, stale);
        pop.swap(off);
        fit.swap(off_fit);
        remember(pop, fit);
        if (progress) progress(gen, res.fitness);
    }
    return res;
}

}  // namespace gqalut
