// VCD traces of sim and cosim: bounded in length before the run, and (sim) staged so that a
// failed or interrupted run leaves an existing trace as it was.
#pragma once
#include <memory>
#include <string>

#include "model/unit/unit.hpp"
#include "sims/cli/staged_dir.hpp"
#include "sims/tb/stream_job.hpp"

namespace gqalut::cli {

// A trace grows with the cycles simulated (about 220 bytes a cycle of the cycle model, 710 of the
// Verilated one): a run expected to take more cycles than this is refused with --vcd.
constexpr double kMaxTraceCycles = double(1 << 20);

// The cycles `job` takes on `shape` (elements over the stall probabilities) plus `extra`; throws
// BadInput naming --vcd if that exceeds kMaxTraceCycles.
void check_trace_length(const sim::SimJob& job, const UnitShape& shape, double extra = 0);

// A staging folder beside `vcd` (beside the file a link names); `staged_path` is where to write
// the trace. commit() moves it onto that file; without commit nothing is changed.
std::unique_ptr<StagedDir> stage_trace(const std::string& vcd, std::string& staged_path);

}  // namespace gqalut::cli
