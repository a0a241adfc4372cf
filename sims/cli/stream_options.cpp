#include "sims/cli/stream_options.hpp"

#include "model/errors.hpp"

namespace gqalut::cli {

namespace {

std::vector<int> resolve_scales(const PwlTable& t, const std::string& spec) {
    if (t.precision == Precision::fp32 || t.scaler) return {0};   // no input scale register in use
    if (spec == "all") {
        std::vector<int> s;
        if (!t.is_shared()) {
            for (const auto& kv : t.per_scale) s.push_back(kv.first);
            return s;
        }
        for (int i = 0; i < t.params.k; ++i) s.push_back(i);
        return s;
    }
    return parse_int_range(spec, "--scale", 0, 31);
}

}  // namespace

void check_unit_size(int lanes, int max_entries) {
    if (lanes < 1 || lanes > 64) throw BadInput("--lanes: " + std::to_string(lanes) + " outside [1, 64]");
    if (max_entries < 1 || max_entries > 256) throw BadInput("--max-entries: " + std::to_string(max_entries) + " outside [1, 256]");
}

// At most 0.99: a run then takes up to 100 times the cycles of one without stalls. Closer to 1
// a stretch of 100000 stalled cycles, which the testbenches' no-progress watchdog takes for a
// stuck handshake, becomes likely (0.999999: almost every run), and the run fails for no fault.
void check_stalls(const StreamOptions& o) {
    check_real_option("--stall-in", o.stall_in, 0, kMaxStall);
    check_real_option("--stall-out", o.stall_out, 0, kMaxStall);
}

void set_stream_job(sim::SimJob& job, const UnitShape& shape, const StreamOptions& o, const po::variables_map& vm) {
    const PwlTable& t = job.table;
    const bool int_table = t.precision != Precision::fp32 && !t.scaler;
    if (vm.count("requantize")) {
        if (!int_table) throw BadInput("--requantize: only the INT unit has a requantizer");
        job.rq.enable = true;
        job.rq.out_frac = o.rq_frac;
    }
    if (!int_table && !vm["scale"].defaulted() && o.scale != "all")
        throw BadInput("--scale: the " + std::string(t.precision == Precision::fp32 ? "fp32" : t.function) + " unit has no input scale");
    job.scales = resolve_scales(t, o.scale);
    job.inputs = sim::parse_inputs(vm.count("inputs") ? o.inputs : (shape.in_width <= 16 ? "exhaustive" : "random:100000"));
    if (job.inputs.exhaustive && shape.in_width > 24)
        throw BadInput("--inputs exhaustive: " + std::to_string(shape.in_width) +
                       "-bit inputs have too many codes; use --inputs random:N");
    job.stalls = {o.stall_in, o.stall_out, o.seed};
    for (int s : job.scales) config_writes(t, s, shape, job.rq);   // throws BadInput: N, s, widths
}

}  // namespace gqalut::cli
