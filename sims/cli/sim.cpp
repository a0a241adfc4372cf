// gqalut sim --table FILE --model golden|cycle|rtl [--inputs exhaustive|random:N] [--scale S|all]
//            [--lanes L] [--max-entries M] [--indexing parallel|binary] [--stall-in P] [--stall-out P]
//            [--seed S] [--vcd FILE] [--toggles] [--requantize SO] [--clock-mhz F] [--format text|json]
// Streams inputs through a model of the unit, checks every output word against the golden
// model, reports mismatches, speed, area, energy per element and power (docs/cycle-model.md, docs/cli.md).
#include <cstdio>
#include <iostream>
#include <memory>

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/outputs.hpp"
#include "sims/cli/report.hpp"
#include "sims/cli/sized_cost.hpp"
#include "sims/cli/trace_output.hpp"
#include "sims/cli/stream_options.hpp"
#include "sims/tb/built_in_levels.hpp"
#include "sims/tb/stream_job.hpp"

namespace gqalut::cli {

namespace {

void print_text(const sim::SimReport& r, const PwlTable& t, const std::string& table_path) {
    std::printf("sim: model %s, unit %s, %s indexing, latency %d cycles\n", r.model.c_str(), r.shape.name().c_str(),
                cost::to_string(r.indexing).c_str(), r.latency);
    std::printf("table %s: %s\n", table_path.c_str(), describe(t).c_str());
    std::printf("%6s %12s %11s %10s\n", "scale", "compared", "mismatches", "cycles");
    for (const auto& s : r.per_scale)
        std::printf("%6d %12llu %11llu %10llu\n", s.scale, static_cast<unsigned long long>(s.compared),
                    static_cast<unsigned long long>(s.mismatches), static_cast<unsigned long long>(s.cycles));
    for (const auto& m : r.first)
        std::printf("mismatch: cycle %llu element %llu lane %d input %s got %s expected %s\n",
                    static_cast<unsigned long long>(m.cycle), static_cast<unsigned long long>(m.element), m.lane,
                    sim::hex_word(static_cast<i128>(m.input), r.shape.in_width).c_str(),
                    sim::hex_word(m.got, r.shape.out_width()).c_str(), sim::hex_word(m.expected, r.shape.out_width()).c_str());
    if (r.cfg_error) std::printf("error: a configuration write was refused (cfg_err_o)\n");
    if (r.timed_out) std::printf("error: no progress for too long (handshake stuck)\n");
    std::printf("total: %llu compared, %llu mismatches, %llu cycles, %.3f s, %.3g elements/s\n",
                static_cast<unsigned long long>(r.compared), static_cast<unsigned long long>(r.mismatches),
                static_cast<unsigned long long>(r.cycles), r.seconds, r.elements_per_second());
    if (r.cost) {
        const auto& c = *r.cost;
        std::printf("cost (%s activity, %.0f MHz): area %.0f um^2, %.4f pJ/element, %.4f mW (%.4f dynamic + %.4f leakage)\n",
                    r.activity.c_str(), c.clock_hz / 1e6, c.area_um2, c.energy_pj_per_element, c.power_mw, c.dynamic_mw,
                    c.leakage_mw);
        std::printf("  %-12s %10s %12s %10s\n", "block", "area um^2", "pJ/element", "power mW");
        for (const auto& b : c.blocks)
            std::printf("  %-12s %10.1f %12.4f %10.4f\n", b.name.c_str(), b.area_um2,
                        c.elements > 0 ? b.energy_pj / c.elements : 0.0, b.power_mw);
    }
}

}  // namespace

int run_sim(const Args& args) {
    std::string table_path, model, indexing, vcd, constants, format;
    int lanes = 1, max_entries = 32;
    double clock_mhz = 500;
    StreamOptions so;
    bool toggles = false;
    std::string names;
    sim::register_built_in_levels();
    for (const auto& l : unit::levels()) names += (names.empty() ? "" : ", ") + l.name;
    po::options_description desc("sim options");
    desc.add_options()
        ("table", po::value<std::string>(&table_path)->required(), "table file")
        ("model", po::value<std::string>(&model)->default_value("cycle"), ("model of the unit: " + names).c_str())
        ("inputs", po::value<std::string>(&so.inputs), "exhaustive | random:N (default: exhaustive up to 16-bit inputs, else random:100000)")
        ("scale", po::value<std::string>(&so.scale)->default_value("all"), "INT tables: scale s, A..B, or all")
        ("lanes", po::value<int>(&lanes)->default_value(1), "lanes (precompiled: 1, 8)")
        ("max-entries", po::value<int>(&max_entries)->default_value(32), "LUT depth MaxEntries (precompiled: 32, 64)")
        ("indexing", po::value<std::string>(&indexing)->default_value("parallel"), "parallel or binary (comparator style)")
        ("stall-in", po::value<double>(&so.stall_in)->default_value(0), "probability the driver withholds an input per cycle")
        ("stall-out", po::value<double>(&so.stall_out)->default_value(0), "probability the sink stalls per cycle")
        ("seed", seed_value(&so.seed), "seed of random inputs and stalls")
        ("vcd", po::value<std::string>(&vcd), "write a VCD trace of the pins (and the model's state) to FILE")
        ("toggles", po::bool_switch(&toggles), "weight the power monitor's actions by measured bit toggles")
        ("requantize", po::value<int>(&so.rq_frac), "INT: enable the requantizer, output fraction bits SO")
        ("clock-mhz", po::value<double>(&clock_mhz)->default_value(500), "clock for power (and the simulated period)")
        ("constants", po::value<std::string>(&constants), "cost constants file (default: embedded cost_28nm.json)");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm,
               "gqalut sim --table FILE --model " + names +
                   " [--inputs exhaustive|random:N] [--scale S|all] [--lanes L] [--stall-in P] [--stall-out P] [--vcd FILE]"))
        return kOk;
    const Format fmt = parse_format(format);
    check_paths_given(vm, {"table", "constants"});
    const unit::Level* level = unit::find_level(model);
    if (!level) throw BadInput("--model: unknown model '" + model + "' (known: " + names + ")");
    check_unit_size(lanes, max_entries);
    // At least 1 MHz: the most cycles a run can take (2^32 inputs x 32 scales x 100 for stalls)
    // times the period must fit SystemC's 64-bit picosecond time.
    check_real_option("--clock-mhz", clock_mhz, 1, 10000);
    check_stalls(so);
    if (!constants.empty()) sim::set_cost_constants(cost::load_constants(constants));

    // Everything that can be wrong with the request is checked before anything is simulated.
    sim::SimJob job;
    job.table = load_table(table_path);
    const PwlTable& t = job.table;
    unit::UnitOptions opt;
    opt.shape = shape_for(t, max_entries, lanes);
    opt.indexing = cost::parse_indexing(indexing);
    if (opt.indexing == cost::Indexing::uniform) throw BadInput("--indexing: the unit models parallel and binary indexing");
    opt.vcd = vcd;
    opt.toggles = toggles;
    opt.clock_hz = clock_mhz * 1e6;
    set_stream_job(job, opt.shape, so, vm);
    std::unique_ptr<StagedTraces> traces;
    if (vm.count("vcd")) {
        check_vcd_file(vcd, {{"--table", table_path}, {"--constants", constants}});
        check_trace_length(job, opt.shape);
        traces = std::make_unique<StagedTraces>(std::vector<std::string>{vcd});
        opt.vcd = traces->path(0);
    }

    work_starts();
    unit::Unit& u = sim::process_unit(*level, opt);
    const sim::SimReport r = sim::run_stream_job(u, job, opt.clock_hz, model);
    if (traces) traces->commit();
    const SizedCost sized = sized_cost(t, table_path, lanes, opt.indexing, vm.count("requantize") > 0, opt.clock_hz,
                                       sim::cost_constants());
    if (fmt == Format::json) {
        nlohmann::json j = r.to_json();
        j["table"] = table_path;
        j.update(table_summary(t));
        j["sized_unit"] = to_json(sized);
        print_json(j);
    } else {
        print_text(r, t, table_path);
        print_sized_cost(sized, r.shape);
    }
    return r.ok() ? kOk : kMismatch;
}

namespace {
const RegisterCommand reg{{"sim", "stream inputs through a model of the unit, check against golden, report cost", run_sim, 40}};
}  // namespace

}  // namespace gqalut::cli
