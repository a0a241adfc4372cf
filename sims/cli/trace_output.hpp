// VCD traces of sim and cosim: bounded in length before the run, and staged so that a failed
// or interrupted run leaves existing traces as they were.
#pragma once
#include <memory>
#include <string>
#include <vector>

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

// Trace files written into staging folders beside them (beside the file a link names; one
// folder per directory), moved onto them by commit(); without commit nothing is changed.
class StagedTraces {
public:
    explicit StagedTraces(const std::vector<std::string>& traces);
    const std::string& path(size_t i) const { return staged_.at(i); }   // where to write trace i
    void commit();

private:
    std::vector<std::unique_ptr<StagedDir>> dirs_;
    std::vector<std::string> staged_;
};

}  // namespace gqalut::cli
