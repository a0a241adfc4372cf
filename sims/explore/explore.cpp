#include "sims/explore/explore.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "model/errors.hpp"
#include "model/functions.hpp"
#include "search/problem.hpp"

namespace gqalut::explore {

SearchOptions search_options(const Job& j, const Sweep& s) {
    SearchOptions o;
    const auto& a = axes();
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].searched) a[i].to_search(j.values[i], o);
    if (o.spec.function == "expr") {
        o.spec.lo = s.expr_lo;
        o.spec.hi = s.expr_hi;
    }
    if (j.uniform_segments) o.scheme = "uniform";
    // The scaler (and so its preset) is for INT div and rsqrt tables.
    if (o.spec.function != "expr" && o.spec.precision != "fp32" && builtin_function(o.spec.function)->multi_range())
        o.spec.preset = s.preset;
    o.seed = s.seed;
    o.spec.reference_lambda = true;   // the sweep's published fronts use the reference's k-2 format
    return o;
}

std::string search_command(const Job& j, const Sweep& s, const std::string& out) {
    const SearchOptions o = search_options(j, s);
    std::string c = "gqalut search";
    if (o.spec.function == "expr")
        c += " --expr " + shell_quote(o.spec.expr) + " --range " + show_number(*o.spec.lo) + "," + show_number(*o.spec.hi);
    else
        c += " --function " + o.spec.function;
    c += " --precision " + o.spec.precision + " --entries " + std::to_string(o.spec.entries) + " --method " + o.method;
    if (!o.scheme.empty()) c += " --scheme " + o.scheme;
    if (o.spec.preset) c += " --preset " + *o.spec.preset;   // always: search defaults to normalize, the sweep to paper
    const SearchSpec spec = make_spec(o.spec);
    if (is_int(spec.precision)) {   // the sweep's fixed format, which `search` would otherwise choose
        const int k = spec.params.lambda_k, b = spec.params.lambda_b;
        c += k == b ? " --lambda " + std::to_string(k) : " --lambda-k " + std::to_string(k) + " --lambda-b " + std::to_string(b);
    }
    if (o.spec.symmetry != "none") c += " --symmetry " + o.spec.symmetry;
    if (o.spec.clamp) c += " --clamp";
    if (o.spec.intercept != "absolute") c += " --intercept " + o.spec.intercept;
    if (o.method != "optimal") c += " --seed " + std::to_string(o.seed);
    if (!out.empty()) c += " --out " + shell_quote(out);
    return c;
}

void check_sweep(const Sweep& s) {
    std::set<std::string> seen;
    for (const Job& j : jobs(s)) {
        const SearchOptions o = search_options(j, s);
        const std::string key = o.spec.function + "/" + o.spec.precision + "/" + std::to_string(o.spec.entries) + "/" +
                                o.spec.symmetry + "/" + (o.spec.clamp ? "clamp" : "") + "/" + o.spec.intercept;
        if (!seen.insert(key).second) continue;
        const SearchSpec spec = make_spec(o.spec);
        if (s.protocol == Protocol::wide && !(spec.scaler && is_int(spec.precision)))
            throw BadInput("--protocol wide is for INT div and rsqrt tables; " + o.spec.function + " " + o.spec.precision +
                           " is in the sweep");
    }
}

JobResult run_job(const Job& job, const Sweep& s) {
    const SearchResult r = run_search(search_options(job, s));
    const Metrics m = s.protocol == Protocol::paper ? r.metrics : evaluate(r.table, s.protocol);
    JobResult out;
    out.table = r.table;
    for (const auto& [ix_name, lanes] : pricings(s, job)) {
        const cost::Indexing ix = cost::parse_indexing(ix_name);
        Point pt;
        pt.job = job.index;
        pt.values = job.values;
        pt.values[axis_index("indexing")] = ix_name;
        pt.values[axis_index("lanes")] = std::to_string(lanes);
        pt.mse_mean = m.mse_mean;
        pt.max_abs_error = m.max_abs_error;
        pt.max_rel_error = m.max_rel_error;
        for (const auto& [k, v] : m.mse_per_scale)
            if (k.size() == 1 && k[0] >= '0' && k[0] <= '6') pt.mse_per_scale.emplace_back(k, v);
        // The unit as Table 6 sizes it: MaxEntries = N, no requantizer, all entries active (plus the
        // datapath options a folded, clamped or relative table needs).
        const int entries = r.table.entries;
        const UnitShape shape = shape_for(r.table, entries, lanes);
        cost::StructureOptions so = cost::table6_structure();
        so.options = !r.table.datapath.is_default();   // the fold, clamp and relative blocks when the table uses them
        const cost::UnitCost c = cost::estimate(shape, ix, entries, cost::default_constants(), so);
        pt.area_um2 = c.area_um2;
        pt.energy_pj_per_element = c.energy_pj_per_element;
        pt.power_mw = c.power_mw;
        pt.latency_cycles = cost::unit_latency(shape, ix);
        pt.throughput_meps = lanes * c.clock_hz / 1e6;
        pt.search_seconds = r.seconds;
        out.points.push_back(pt);
    }
    return out;
}

std::string Progress::line() const {
    auto span = [](double sec) {
        char b[32];
        if (sec < 120) std::snprintf(b, sizeof b, "%.0f s", sec);
        else if (sec < 7200) std::snprintf(b, sizeof b, "%.0f min", sec / 60);
        else std::snprintf(b, sizeof b, "%.1f h", sec / 3600);
        return std::string(b);
    };
    char buf[320];
    std::snprintf(buf, sizeof buf, "explore: %zu/%zu jobs  elapsed %s  ETA %s  %s (%.2f s)", done, total,
                  span(elapsed_seconds).c_str(), done == total ? "0 s" : span(eta_seconds).c_str(),
                  job ? job->describe().c_str() : "", job_seconds);
    return buf;
}

namespace {

std::string job_class(const Job& j) { return j.get("precision") + "/" + j.get("method") + (j.uniform_segments ? "/u" : ""); }

// Seconds left: every unfinished job at the mean time of its class (or of all finished jobs),
// shared by the threads.
double eta(const std::vector<Job>& mine, const std::vector<char>& finished, const std::map<std::string, std::pair<double, int>>& by_class,
           double total_seconds, size_t done, int threads) {
    if (done == 0) return 0;
    double left = 0;
    for (size_t i = 0; i < mine.size(); ++i) {
        if (finished[i]) continue;
        const auto it = by_class.find(job_class(mine[i]));
        left += it != by_class.end() ? it->second.first / it->second.second : total_seconds / static_cast<double>(done);
    }
    return left / std::max(1, std::min(threads, static_cast<int>(mine.size() - done)));
}

}  // namespace

std::vector<JobResult> run_jobs(const Sweep& s, const std::vector<Job>& mine, int threads,
                                const std::function<void(const Progress&)>& progress) {
    std::vector<JobResult> results(mine.size());
    std::vector<char> finished(mine.size(), 0);
    std::map<std::string, std::pair<double, int>> by_class;
    double job_seconds_total = 0;
    std::atomic<size_t> next{0};
    size_t done = 0;
    std::mutex say;
    std::string error;
    bool bad_input = false;   // the first failure was the request's fault (exit 2), not ours
    const auto start = std::chrono::steady_clock::now();
    auto worker = [&] {
        for (size_t i; (i = next++) < mine.size();) {
            const auto t0 = std::chrono::steady_clock::now();
            try {
                results[i] = run_job(mine[i], s);
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(say);
                if (error.empty()) {
                    error = mine[i].describe() + ": " + e.what();
                    bad_input = dynamic_cast<const BadInput*>(&e) != nullptr;
                }
                next = mine.size();   // stop handing out jobs
                continue;
            }
            const auto t1 = std::chrono::steady_clock::now();
            const double sec = std::chrono::duration<double>(t1 - t0).count();
            std::lock_guard<std::mutex> lock(say);
            finished[i] = 1;
            ++done;
            auto& c = by_class[job_class(mine[i])];
            c.first += sec;
            ++c.second;
            job_seconds_total += sec;
            if (progress) {
                Progress p;
                p.done = done;
                p.total = mine.size();
                p.elapsed_seconds = std::chrono::duration<double>(t1 - start).count();
                p.eta_seconds = eta(mine, finished, by_class, job_seconds_total, done, threads);
                p.job = &mine[i];
                p.job_seconds = sec;
                progress(p);
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < std::max(1, threads); ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    if (bad_input) throw BadInput(error);
    if (!error.empty()) throw std::runtime_error("explore: a job failed: " + error);
    return results;
}

}  // namespace gqalut::explore
