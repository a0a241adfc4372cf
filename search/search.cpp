#include "search/search.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

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
    Problem problem(make_spec(opt.spec));
    const bool fp32 = problem.is_fp32();
    const Objective objective = problem.spec().objective;
    if (objective == Objective::max && method == "nnlut")
        throw BadInput("--objective max: nnlut trains its network for the MSE by design; use gqa, gqa-rm or optimal");
    if (objective == Objective::max && fp32 && method == "optimal")
        throw BadInput("--objective max: the fp32 optimum is a least-squares fit; use gqa or gqa-rm, or an INT precision");
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
    if (method == "gqa" || method == "gqa-rm") {
        // Bounded work: every fitness evaluation scores every point of the protocol.
        double points = static_cast<double>(problem.fp32_x().size());
        for (const ScaleGrid& g : problem.grids()) points += static_cast<double>(g.q.size());
        const double evaluations = static_cast<double>(cfg.population) * (cfg.generations + 1);
        if (points * evaluations > kMaxGaPointEvaluations)
            throw BadInput(method + ": " + show_number(evaluations) + " fitness evaluations of " + show_number(points) +
                           " protocol points each exceed the limit of " + show_number(kMaxGaPointEvaluations) +
                           " point evaluations; use fewer --generations, --population or --scales, or --method optimal");
    }
    SearchResult r;
    r.scheme = fp32 ? "fp32" : scheme;
    r.objective = objective;
    const auto t0 = std::chrono::steady_clock::now();
    std::optional<OptimalResult> chosen;   // --lambda auto with optimal: the winner's optimum
    const bool auto_lambda = !fp32 && (problem.spec().auto_lambda_k || problem.spec().auto_lambda_b);
    if (auto_lambda && method != "nnlut") {
        // The GA searches shared tables: its format is chosen by a quick shared optimum.
        const bool ga = method != "optimal";
        const std::string by = ga ? "shared" : scheme;
        say("lambda auto: solving the " + by + " optimum on candidate pairs");
        LambdaChoice c = choose_lambda(problem, by, opt.threads, ga);
        const bool quick = c.quick;
        problem = problem.with_lambda(c.lambda_k, c.lambda_b);
        r.lambda_trials = c.tried;
        r.lambda_by = std::string(quick ? "quick " + by + " optimum per pair (DPs on at most 257 boundaries)"
                                        : "exact " + by + " optimum per pair") +
                      ", descending to a pair no neighbour beats";
        say("lambda auto: lambda_k " + std::to_string(c.lambda_k) + ", lambda_b " + std::to_string(c.lambda_b) + " (best of " +
            std::to_string(c.tried.size()) + " pairs)");
        if (method == "optimal" && !quick) chosen = std::move(c.optimum);   // else solved in full below
    }
    const std::string objective_name = objective == Objective::max ? "max error" : "MSE";
    if (method == "gqa" || method == "gqa-rm") {
        const BreakpointProblem bp(problem, opt.fit);
        const GeneticSearch ga(cfg, opt.seed);
        const int every = std::max(1, cfg.generations / 10);
        const GaResult res = ga.run([&](const Genome& g) { return bp.fitness(g); }, bp.genes(), bp.gene_lo(), bp.gene_hi(),
                                    [&](int gen, double best) {
                                        if (gen % every == 0 || gen == cfg.generations)
                                            say(method + ": generation " + std::to_string(gen) + "/" +
                                                std::to_string(cfg.generations) + "  best " + objective_name + " " +
                                                fmt_mse(best));
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
        if (auto_lambda) {
            // Training does not depend on the format: convert the network at every pair.
            const SearchSpec& sp = problem.spec();
            const int most = auto_lambda_limit(sp);
            double best = INFINITY;
            Problem winner = problem;
            for (int lk = sp.auto_lambda_k ? 0 : sp.params.lambda_k; lk <= (sp.auto_lambda_k ? most : sp.params.lambda_k); ++lk)
                for (int lb = sp.auto_lambda_b ? 0 : sp.params.lambda_b; lb <= (sp.auto_lambda_b ? most : sp.params.lambda_b); ++lb) {
                    const Problem q = problem.with_lambda(lk, lb);
                    const PwlTable t = nnlut_convert(q, res.pwl);
                    const double v = q.score(t);
                    r.lambda_trials.push_back({lk, lb, v});
                    if (v < best) best = v, r.table = t, winner = q;
                }
            problem = winner;
            r.lambda_by = "the network converted at every pair";
        }
        r.table.seed = opt.seed;
        r.search_fitness = res.train_mse;
        r.note = "float network MSE on its samples " + fmt_mse(res.train_mse);
    } else {
        say("optimal: " + std::string(fp32 ? "fp32 DP" : scheme == "shared" ? "shared-breakpoint DP"
                                                       : scheme == "uniform" ? "uniform segments" : "per-scale DP"));
        const OptimalResult res = chosen ? *chosen : fp32 ? optimal_fp32(problem) : optimal_in(problem, scheme, opt.threads);
        r.table = res.table;
        r.exact = res.exact;
        r.note = res.note;
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    validate(r.table);
    r.metrics = evaluate(r.table, problem.spec().protocol);   // the points the search fitted
    r.objective_value = objective == Objective::max ? r.metrics.max_abs_error : r.metrics.mse_mean;
    if (method == "optimal") r.search_fitness = r.objective_value;
    r.rails = clipped_codes(problem, r.table);
    const IntParams& ip = r.table.params;
    r.bits_per_entry = fp32 ? 96 : 2 * ip.width + (scheme == "uniform" ? 0 : ip.k + 1);
    r.table.metrics = r.metrics.to_json();
    r.table.metrics["objective"] = to_string(objective);
    if (!fp32) r.table.metrics["codes_at_rail"] = r.rails.to_json();
    if (r.exact) r.table.metrics["exact"] = *r.exact;
    return r;
}

std::string rail_warning(const SearchResult& r) {
    if (!r.rails.any()) return "";
    const IntParams& p = r.table.params;
    return std::to_string(r.rails.slopes) + " slope and " + std::to_string(r.rails.intercepts) +
           " intercept codes sit at a rail of the " + std::to_string(p.width) + "-bit format (lambda_k " +
           std::to_string(p.lambda_k) + ", lambda_b " + std::to_string(p.lambda_b) +
           ") and would move past it: the format clipped these lines" +
           (r.lambda_trials.empty() ? " (try --lambda auto, or fewer fraction bits)"
                                    : " (at the best pair --lambda auto found; more bits, --width, would avoid it)");
}

}  // namespace gqalut
