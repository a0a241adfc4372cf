#include "search/search.hpp"

#include <chrono>
#include <cstdio>

#include "model/errors.hpp"
#include "search/optimal.hpp"

namespace gqalut {

namespace {

std::string fmt_mse(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4e", v);
    return buf;
}

}  // namespace

SearchResult run_search(const SearchOptions& opt) {
    const std::string& method = opt.method;
    if (method != "gqa" && method != "gqa-rm" && method != "nnlut" && method != "optimal")
        throw BadInput("--method: unknown method '" + method + "' (known: gqa, gqa-rm, nnlut, optimal)");
    // The GA settings are checked for every method, so a bad value is never silently ignored.
    GaConfig cfg = paper_ga_config(opt.spec.function, opt.spec.entries, method == "gqa-rm");
    if (opt.generations) cfg.generations = *opt.generations;
    if (opt.population) cfg.population = *opt.population;
    if (opt.theta_r) cfg.theta_r = *opt.theta_r;
    if (opt.rm_range) cfg.rm_lo = opt.rm_range->first, cfg.rm_hi = opt.rm_range->second;
    cfg.threads = opt.threads;
    check_ga_config(cfg);
    const Problem problem(make_spec(opt.spec));
    const bool fp32 = problem.is_fp32();
    std::string scheme = opt.scheme;
    if (scheme.empty()) scheme = method == "optimal" ? "per-scale" : "shared";
    if (scheme != "shared" && scheme != "per-scale" && scheme != "uniform")
        throw BadInput("--scheme: '" + scheme + "' is not shared, per-scale or uniform");
    if (scheme != "shared" && method != "optimal")
        throw BadInput("--scheme " + scheme + ": " + method +
                       " searches one breakpoint set for all scales (shared); per-scale and uniform are for optimal");
    auto say = [&](const std::string& s) {
        if (opt.progress) opt.progress(s);
    };
    SearchResult r;
    r.scheme = fp32 ? "fp32" : scheme;
    const auto t0 = std::chrono::steady_clock::now();
    if (method == "gqa" || method == "gqa-rm") {
        const BreakpointProblem bp(problem, opt.fit);
        const GeneticSearch ga(cfg, opt.seed);
        const int every = std::max(1, cfg.generations / 10);
        const GaResult res = ga.run([&](const Genome& g) { return bp.fitness(g); }, bp.genes(), bp.gene_lo(), bp.gene_hi(),
                                    [&](int gen, double best) {
                                        if (gen % every == 0 || gen == cfg.generations)
                                            say(method + ": generation " + std::to_string(gen) + "/" +
                                                std::to_string(cfg.generations) + "  best MSE " + fmt_mse(best));
                                    });
        r.table = bp.decode(res.best, method);
        r.table.seed = opt.seed;
        r.evaluations = res.evaluations;
        r.search_fitness = res.fitness;
        r.note = "fit " + to_string(opt.fit) + (cfg.rounding && cfg.theta_r > 0
                                                     ? ", rounding mutation theta_r " + show_number(cfg.theta_r) + " [" +
                                                           std::to_string(cfg.rm_lo) + ", " + std::to_string(cfg.rm_hi) + "]"
                                                     : cfg.rounding ? ", theta_r 0 (no rounding mutation)" : "");
    } else if (method == "nnlut") {
        NnLutConfig nn;
        nn.threads = opt.threads;
        if (opt.nn_steps) nn.steps = *opt.nn_steps;
        const NnLutResult res = nnlut_table(problem, nn, opt.seed, [&](int step, double mse) {
            say("nnlut: step " + std::to_string(step) + "/" + std::to_string(nn.steps) + "  float MSE " + fmt_mse(mse));
        });
        r.table = res.table;
        r.search_fitness = res.train_mse;
        r.note = "float network MSE on its samples " + fmt_mse(res.train_mse);
    } else {
        say("optimal: " + std::string(fp32 ? "fp32 DP" : scheme == "shared" ? "shared-breakpoint DP"
                                                       : scheme == "uniform" ? "uniform segments" : "per-scale DP"));
        const OptimalResult res = scheme == "uniform" ? optimal_uniform_segments(problem)
                                  : fp32              ? optimal_fp32(problem)
                                  : scheme == "shared" ? optimal_shared(problem, opt.threads)
                                                       : optimal_per_scale(problem, opt.threads);
        r.table = res.table;
        r.exact = res.exact;
        r.note = res.note;
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    validate(r.table);
    r.metrics = evaluate(r.table, Protocol::paper);
    if (method == "optimal") r.search_fitness = r.metrics.mse_mean;
    r.table.metrics = r.metrics.to_json();
    if (r.exact) r.table.metrics["exact"] = *r.exact;
    return r;
}

}  // namespace gqalut
