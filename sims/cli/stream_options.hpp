// What `gqalut sim` and `gqalut cosim` both take and check the same way: the unit's size, and
// the job a table is streamed with (scales, inputs, stalls, requantizer). Everything is checked
// before anything is simulated.
#pragma once
#include <cstdint>
#include <string>

#include "model/unit_config.hpp"
#include "sims/cli/options.hpp"
#include "sims/tb/stream_job.hpp"

namespace gqalut::cli {

// The values of --inputs, --scale, --stall-in, --stall-out, --seed and --requantize.
struct StreamOptions {
    std::string inputs, scale;
    double stall_in = 0, stall_out = 0;
    uint64_t seed = 1;
    int rq_frac = 0;
};

// --lanes and --max-entries within what a unit can be built with; throws BadInput.
void check_unit_size(int lanes, int max_entries);
// --stall-in and --stall-out are probabilities in [0, kMaxStall]; throws BadInput.
constexpr double kMaxStall = 0.99;
void check_stalls(const StreamOptions& o);

// Fills job.rq, job.scales, job.inputs and job.stalls for job.table on a unit of `shape`, and
// checks that every scale's configuration fits it; throws BadInput.
void set_stream_job(sim::SimJob& job, const UnitShape& shape, const StreamOptions& o, const po::variables_map& vm);

}  // namespace gqalut::cli
