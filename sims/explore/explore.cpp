#include "sims/explore/explore.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <thread>

#include "model/errors.hpp"
#include "search/search.hpp"

namespace gqalut::explore {

Grid quick_grid() {
    Grid g;
    g.name = "quick";
    g.functions = {"gelu", "exp", "div"};
    g.entries = {4, 8, 16, 32};
    g.precisions = {Precision::int8, Precision::int16};
    g.methods = {"gqa-rm", "optimal"};
    g.lanes = {1};
    return g;
}

Grid full_grid() {
    Grid g;
    g.name = "full";
    g.functions = {"gelu", "hswish", "exp", "div", "rsqrt", "sigmoid", "tanh", "silu"};
    g.entries = {4, 8, 16, 32, 64};
    g.precisions = {Precision::int8, Precision::int16, Precision::int32, Precision::fp32};
    g.methods = {"gqa-rm", "optimal", "nnlut"};
    g.lanes = {1, 4, 8};
    return g;
}

Grid grid_by_name(const std::string& name) {
    if (name == "quick") return quick_grid();
    if (name == "full") return full_grid();
    throw BadInput("--grid: '" + name + "' is neither quick nor full");
}

std::vector<AccuracyJob> accuracy_jobs(const Grid& g) {
    std::vector<AccuracyJob> jobs;
    for (const auto& f : g.functions)
        for (Precision p : g.precisions)
            for (int n : g.entries) {
                std::vector<std::string> methods = g.methods;
                if (g.uniform && is_int(p)) methods.push_back("uniform");
                for (const auto& m : methods) jobs.push_back({jobs.size(), f, n, p, m});
            }
    return jobs;
}

std::vector<Point> run_job(const AccuracyJob& job, const Grid& g) {
    SearchOptions o;
    o.spec.function = job.function;
    o.spec.entries = job.entries;
    o.spec.precision = to_string(job.precision);
    o.method = job.method == "uniform" ? "optimal" : job.method;
    if (job.method == "uniform") o.scheme = "uniform";
    o.seed = g.seed;
    o.spec.reference_lambda = true;   // the sweep's published fronts use the reference's k-2 format
    const SearchResult r = run_search(o);

    std::vector<cost::Indexing> styles;
    if (job.method == "uniform") styles = {cost::Indexing::uniform};
    else styles = {cost::Indexing::parallel, cost::Indexing::binary_search};
    std::vector<Point> out;
    for (cost::Indexing ix : styles)
        for (int lanes : g.lanes) {
            Point pt;
            pt.job = job.index;
            pt.function = job.function;
            pt.method = job.method;
            pt.indexing = cost::to_string(ix);
            pt.precision = job.precision;
            pt.entries = job.entries;
            pt.lanes = lanes;
            pt.mse_mean = r.metrics.mse_mean;
            pt.max_abs_error = r.metrics.max_abs_error;
            pt.mse_per_scale = r.metrics.mse_per_scale;
            // The unit as Table 6 sizes it: MaxEntries = N, no requantizer, all entries active.
            const UnitShape shape = shape_for(r.table, job.entries, lanes);
            cost::StructureOptions so;
            so.requantizer = false;
            const cost::UnitCost c = cost::estimate(shape, ix, job.entries, cost::default_constants(), so);
            pt.area_um2 = c.area_um2;
            pt.energy_pj_per_element = c.energy_pj_per_element;
            pt.power_mw = c.power_mw;
            pt.latency_cycles = cost::unit_latency(shape, ix);
            pt.throughput_meps = lanes * c.clock_hz / 1e6;
            pt.search_seconds = r.seconds;
            out.push_back(pt);
        }
    return out;
}

std::vector<Point> run_sweep(const Grid& g, int shard, int shards, int threads,
                             const std::function<void(const std::string&)>& progress) {
    std::vector<AccuracyJob> mine;
    for (const auto& j : accuracy_jobs(g))
        if (static_cast<int>(j.index % static_cast<size_t>(shards)) == shard) mine.push_back(j);
    std::vector<std::vector<Point>> results(mine.size());
    std::atomic<size_t> next{0}, done{0};
    std::mutex say;
    std::string error;
    auto worker = [&] {
        for (size_t i; (i = next++) < mine.size();) {
            const auto t0 = std::chrono::steady_clock::now();
            try {
                results[i] = run_job(mine[i], g);
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(say);
                if (error.empty()) error = e.what();
                continue;
            }
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::lock_guard<std::mutex> lock(say);
            char line[200];
            std::snprintf(line, sizeof line, "explore: %zu/%zu  %s %s %d entries %s  (%.2f s)", ++done, mine.size(),
                          mine[i].function.c_str(), to_string(mine[i].precision).c_str(), mine[i].entries,
                          mine[i].method.c_str(), s);
            if (progress) progress(line);
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < std::max(1, threads); ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    if (!error.empty()) throw std::runtime_error("explore: a job failed: " + error);
    std::vector<Point> all;
    for (auto& r : results) all.insert(all.end(), r.begin(), r.end());
    return all;
}

namespace {
constexpr int kScaleColumns = 7;   // mse_s0 .. mse_s6: the paper protocol's scales
}

std::string csv_header() {
    std::string h = "job,function,precision,entries,method,indexing,lanes,mse_mean,max_abs_error";
    for (int s = 0; s < kScaleColumns; ++s) h += ",mse_s" + std::to_string(s);
    return h + ",area_um2,energy_pj_per_element,power_mw,latency_cycles,throughput_meps,search_seconds";
}

std::string to_csv(const std::vector<Point>& points) {
    std::ostringstream os;
    os.precision(9);
    os << csv_header() << "\n";
    for (const Point& p : points) {
        os << p.job << "," << p.function << "," << to_string(p.precision) << "," << p.entries << "," << p.method << ","
           << p.indexing << "," << p.lanes << "," << p.mse_mean << "," << p.max_abs_error;
        for (int s = 0; s < kScaleColumns; ++s) {
            os << ",";
            for (const auto& [k, v] : p.mse_per_scale)
                if (k == std::to_string(s)) os << v;
        }
        os << "," << p.area_um2 << "," << p.energy_pj_per_element << "," << p.power_mw << "," << p.latency_cycles << ","
           << p.throughput_meps << "," << p.search_seconds << "\n";
    }
    return os.str();
}

std::vector<Point> from_csv(const std::string& text, const std::string& name) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != csv_header()) throw BadInput(name + ": line 1: not an explore CSV header");
    std::vector<Point> out;
    for (int ln = 2; std::getline(in, line); ++ln) {
        if (line.empty()) continue;
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
        if (line.back() == ',') f.emplace_back();
        const size_t want = 9 + kScaleColumns + 6;
        if (f.size() != want)
            throw BadInput(name + ": line " + std::to_string(ln) + ": " + std::to_string(f.size()) + " fields, expected " +
                           std::to_string(want));
        try {
            Point p;
            size_t i = 0;
            p.job = std::stoul(f[i++]);
            p.function = f[i++];
            p.precision = parse_precision(f[i++]);
            p.entries = std::stoi(f[i++]);
            p.method = f[i++];
            p.indexing = f[i++];
            p.lanes = std::stoi(f[i++]);
            p.mse_mean = std::stod(f[i++]);
            p.max_abs_error = std::stod(f[i++]);
            for (int s = 0; s < kScaleColumns; ++s, ++i)
                if (!f[i].empty()) p.mse_per_scale.emplace_back(std::to_string(s), std::stod(f[i]));
            p.area_um2 = std::stod(f[i++]);
            p.energy_pj_per_element = std::stod(f[i++]);
            p.power_mw = std::stod(f[i++]);
            p.latency_cycles = std::stoi(f[i++]);
            p.throughput_meps = std::stod(f[i++]);
            p.search_seconds = std::stod(f[i++]);
            out.push_back(p);
        } catch (const BadInput& e) {
            throw BadInput(name + ": line " + std::to_string(ln) + ": " + e.what());
        } catch (const std::exception&) {
            throw BadInput(name + ": line " + std::to_string(ln) + ": a field is not a number");
        }
    }
    return out;
}

}  // namespace gqalut::explore
