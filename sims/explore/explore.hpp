// Design-space exploration (docs/explore.md): function x entries x precision x method x indexing x
// lanes. Accuracy comes from the search engine and the golden metrics, area/energy/power from
// the cost model, latency from the unit's pipeline; each accuracy job is independent, so a
// sweep splits into shards for a cluster and merges back.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/cost/cost_model.hpp"
#include "model/pwl_table.hpp"

namespace gqalut::explore {

struct Grid {
    std::string name;
    std::vector<std::string> functions;
    std::vector<int> entries;
    std::vector<Precision> precisions;
    std::vector<std::string> methods;   // gqa-rm, optimal, nnlut (comparator indexing)
    bool uniform = true;                // also uniform MSB-addressed segments (INT only)
    std::vector<int> lanes;
    uint64_t seed = 1;
};

Grid quick_grid();
Grid full_grid();
Grid grid_by_name(const std::string& name);   // "quick" | "full"; throws BadInput

// One table to search: its accuracy is shared by every indexing style and lane count that can
// run it (parallel and binary-search comparators compute the same segment).
struct AccuracyJob {
    size_t index = 0;
    std::string function;
    int entries = 8;
    Precision precision = Precision::int8;
    std::string method;   // gqa-rm | optimal | nnlut | uniform
};
std::vector<AccuracyJob> accuracy_jobs(const Grid& g);

struct Point {
    size_t job = 0;
    std::string function, method, indexing;
    Precision precision = Precision::int8;
    int entries = 0, lanes = 1;
    double mse_mean = 0, max_abs_error = 0;
    std::vector<std::pair<std::string, double>> mse_per_scale;
    double area_um2 = 0, energy_pj_per_element = 0, power_mw = 0;
    int latency_cycles = 0;
    double throughput_meps = 0;   // million elements per second at the clock
    double search_seconds = 0;
};

// Runs one accuracy job and prices it for every indexing style and lane count of the grid.
std::vector<Point> run_job(const AccuracyJob& job, const Grid& g);

// Runs the jobs of shard `shard` of `shards` (job index modulo shards) on `threads` threads;
// points come back in job order whatever the thread count. progress: one line per job.
std::vector<Point> run_sweep(const Grid& g, int shard, int shards, int threads,
                             const std::function<void(const std::string&)>& progress);

std::string csv_header();
std::string to_csv(const std::vector<Point>& points);
// Parses a CSV written by to_csv (for merging shards); throws BadInput naming file and line.
std::vector<Point> from_csv(const std::string& text, const std::string& name);

}  // namespace gqalut::explore
