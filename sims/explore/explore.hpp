// Design-space exploration (docs/explore.md): the jobs of a sweep (sims/explore/sweep.hpp)
// searched and priced. Accuracy comes from the search engine and the golden metrics under the
// sweep's protocol, area/energy/power from the cost model, latency from the unit's pipeline.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "model/pwl_table.hpp"
#include "search/search.hpp"
#include "sims/explore/sweep.hpp"

namespace gqalut::explore {

// The search request of a job, and the command that makes the same table.
SearchOptions search_options(const Job& j, const Sweep& s);
std::string search_command(const Job& j, const Sweep& s, const std::string& out = "");

// Every job's problem and the protocol are checked before anything runs; throws BadInput.
void check_sweep(const Sweep& s);

struct JobResult {
    std::vector<Point> points;   // one per pricing (indexing style, lanes)
    PwlTable table;
};

// Runs one job and prices its table for every indexing style and lane count of the sweep.
JobResult run_job(const Job& job, const Sweep& s);

struct Progress {
    size_t done = 0, total = 0;
    double elapsed_seconds = 0, eta_seconds = 0;
    const Job* job = nullptr;     // the job just finished
    double job_seconds = 0;
    std::string line() const;     // "explore: 12/72 jobs  elapsed 3 s  ETA 15 s  gelu int8 8 entries optimal (0.21 s)"
};

// Runs `mine` on `threads` threads; results come back in the order of `mine` whatever the
// thread count. The ETA weighs each remaining job by the mean time of finished jobs of its
// precision and method.
std::vector<JobResult> run_jobs(const Sweep& s, const std::vector<Job>& mine, int threads,
                                const std::function<void(const Progress&)>& progress);

}  // namespace gqalut::explore
