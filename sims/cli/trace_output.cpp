#include "sims/cli/trace_output.hpp"

#include <cmath>
#include <filesystem>

#include "model/errors.hpp"

namespace gqalut::cli {

void check_trace_length(const sim::SimJob& job, const UnitShape& shape, double extra) {
    const double per_scale = job.inputs.exhaustive ? std::ldexp(1.0, shape.in_width) : double(job.inputs.random_count);
    const double elements = per_scale * double(job.scales.size()) / double(shape.lanes);
    const double cycles = elements / ((1 - job.stalls.in) * (1 - job.stalls.out)) + extra;
    if (cycles > kMaxTraceCycles)
        throw BadInput("--vcd: the run takes about " + std::to_string(static_cast<unsigned long long>(cycles)) +
                       " cycles, a trace takes at most 2^20 (about 0.7 GB); trace fewer inputs (--inputs random:N, one --scale)");
}

StagedTraces::StagedTraces(const std::vector<std::string>& traces) {
    namespace fs = std::filesystem;
    for (const std::string& vcd : traces) {
        std::error_code ec;
        const fs::path target = fs::exists(vcd, ec) ? fs::canonical(vcd, ec) : fs::path(vcd);
        const std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
        StagedDir* in = nullptr;   // one staging folder per directory: its name is per process
        for (const auto& d : dirs_)
            if (fs::equivalent(d->dir(), dir, ec)) in = d.get();
        if (!in) in = dirs_.emplace_back(std::make_unique<StagedDir>(dir, "--vcd")).get();
        staged_.push_back((fs::path(in->path()) / target.filename()).string());
    }
}

void StagedTraces::commit() {
    for (const auto& d : dirs_) d->commit();
}

}  // namespace gqalut::cli
