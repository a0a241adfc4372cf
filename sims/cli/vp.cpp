// gqalut vp --kernel softmax|layernorm|gelu [--model golden|cycle|rtl] [--config FILE] [--set NAME=VALUE]... [--format text|json]
// Runs a transformer kernel on the example virtual platform and compares it with double
// precision.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "model/errors.hpp"
#include "model/sc/start.hpp"
#include "model/table_io.hpp"
#include "model/unit/levels.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/outputs.hpp"
#include "sims/tb/built_in_levels.hpp"
#include "tlm/config.hpp"
#include "tlm/kernels.hpp"
#include "tlm/messages.hpp"
#include "tlm/vp_tables.hpp"

namespace gqalut::cli {

namespace {

int run_vp(const Args& args) {
    std::string kernel, model, format, exp_t, gelu_t, div_t, rsqrt_t, save_dir, config_file;
    std::vector<std::string> settings;
    int lanes = 1, log_level = 0, rows = 64, cols = 197;
    double clock_mhz = 500, quantum_ns = 1000;
    uint64_t seed = 1;
    po::options_description desc("vp options");
    desc.add_options()
        ("kernel", po::value<std::string>(&kernel)->required(), "softmax, layernorm or gelu")
        ("model", po::value<std::string>(&model)->default_value("golden"), "unit abstraction: golden, cycle or rtl")
        ("lanes", po::value<int>(&lanes)->default_value(1), "unit lanes")
        ("clock-mhz", po::value<double>(&clock_mhz)->default_value(500), "unit clock")
        ("quantum-ns", po::value<double>(&quantum_ns)->default_value(1000), "global quantum (temporal decoupling)")
        ("rows", po::value<int>(&rows)->default_value(64), "softmax rows / LayerNorm channels")
        ("cols", po::value<int>(&cols)->default_value(197), "tokens")
        ("seed", seed_value(&seed), "input data seed")
        ("log-level", po::value<int>(&log_level)->default_value(0), "accelerator log on stderr: 0 none, 1 jobs, 2 every register access")
        ("exp-table", po::value<std::string>(&exp_t), "EXP table file: INT8 exp(x) (or proportional to it) on the INT unit, or a range-reduced exp table on the scaler (default: the built-in range-reduced one)")
        ("gelu-table", po::value<std::string>(&gelu_t), "GELU table file (INT8)")
        ("div-table", po::value<std::string>(&div_t), "DIV table file (INT8 core + scaler)")
        ("rsqrt-table", po::value<std::string>(&rsqrt_t), "RSQRT table file (INT8 core + scaler)")
        ("save-tables", po::value<std::string>(&save_dir), "write the four tables used into this directory")
        ("config", po::value<std::string>(&config_file), "run-time configuration file: INSTANCE.PARAMETER=VALUE lines (docs/tlm-integration.md)")
        ("set", po::value<std::vector<std::string>>(&settings)->composing(),
         "INSTANCE.PARAMETER=VALUE, e.g. vp.accel.clock_mhz=800 (repeatable; over --config, GQALUT_SET and the flags)");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm, "gqalut vp --kernel softmax|layernorm|gelu [--model golden|cycle|rtl] [--config FILE] [--set INSTANCE.PARAMETER=VALUE]...")) return kOk;
    const Format fmt = parse_format(format);
    check_paths_given(vm, {"config", "exp-table", "gelu-table", "div-table", "rsqrt-table"});
    sim::register_built_in_levels();
    if (!unit::find_level(model)) throw BadInput("--model: unknown model '" + model + "' (known: " + unit::level_names() + ")");
    if (!vp::is_kernel(kernel)) throw BadInput("--kernel: unknown kernel '" + kernel + "' (known: softmax, layernorm, gelu)");
    if (lanes < 1 || lanes > 64) throw BadInput("--lanes: " + std::to_string(lanes) + " outside 1..64");
    check_real_option("--clock-mhz", clock_mhz, 0.001, 1e5);   // the accelerator's range (tlm/pwl_accelerator.cpp)
    check_real_option("--quantum-ns", quantum_ns, 0.001, 1e9);   // 1 ps (the resolution) to 1 s
    check_int_option("--log-level", log_level, 0, 2);
    check_matrix_size(rows, cols, 1 << 20);
    const vp::VpTables tables = vp::vp_tables(exp_t, gelu_t, div_t, rsqrt_t);
    const std::vector<const PwlTable*> used = {&tables.exp, &tables.gelu, &tables.div, &tables.rsqrt};
    if (vm.count("save-tables"))
        check_output_dir(save_dir, "--save-tables", table_file_names(used),
                         {{"--exp-table", exp_t}, {"--gelu-table", gelu_t}, {"--div-table", div_t}, {"--rsqrt-table", rsqrt_t}});
    work_starts();
    if (vm.count("save-tables")) save_table_set(save_dir, used);

    vp::PlatformConfig cfg;
    cfg.model = model;
    cfg.lanes = lanes;
    cfg.clock_mhz = clock_mhz;
    cfg.quantum = sc_core::sc_time(quantum_ns, sc_core::SC_NS);
    // The accelerator's messages (sc_report, types "gqalut/..."): shown on stderr up to the
    // level asked; protocol violations are collected and end the run with exit status 1.
    static const int kLevels[] = {sc_core::SC_NONE, sc_core::SC_MEDIUM, sc_core::SC_DEBUG};
    cfg.log_level = kLevels[log_level];
    for (const char* type : vp::msg::kAll) sc_core::sc_report_handler::set_actions(type, sc_core::SC_INFO, sc_core::SC_DISPLAY);
    sc_core::sc_report_handler::set_actions(vp::msg::kProtocol, sc_core::SC_ERROR, sc_core::SC_DISPLAY);
    // Run-time configuration: GQALUT_CONFIG, GQALUT_SET, then --config, then --set, over the flags.
    vp::Config& config = vp::Config::global();
    if (!config_file.empty()) config.load_file(config_file);
    for (const auto& s : settings) config.set(s, "--set " + s);
    // A parameter the accelerator refuses (e.g. lanes the cycle model is not built with), or a
    // setting that names no parameter or no module, is bad input.
    std::unique_ptr<vp::Platform> built;
    try {
        built = std::make_unique<vp::Platform>("vp", cfg);
    } catch (const sc_core::sc_report& e) {
        if (std::string(e.get_msg_type()) != vp::msg::kParams && std::string(e.get_msg_type()) != vp::msg::kConfig) throw;
        throw BadInput(e.get_msg());
    }
    if (const auto left = config.not_taken(); !left.empty()) throw BadInput("no module takes the setting " + left.front());
    if (built->accel.params().log_level > sc_core::sc_report_handler::get_verbosity_level())
        sc_core::sc_report_handler::set_verbosity_level(built->accel.params().log_level);
    vp::Platform& platform = *built;
    vp::KernelResult result;
    vp::KernelShape shape{rows, cols, seed};
    platform.cpu.set_program([&](vp::Cpu&) { result = vp::run_kernel(kernel, platform, tables, shape); });
    const auto t0 = std::chrono::steady_clock::now();
    sc::start();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!platform.cpu.finished()) throw std::runtime_error("the platform stopped before the kernel finished");

    nlohmann::json j;
    j["kernel"] = kernel;
    j["model"] = platform.accel.params().model;
    j["lanes"] = platform.accel.params().lanes;
    j["clock_mhz"] = platform.accel.params().clock_mhz;
    j["elements"] = result.elements;
    j["outputs"] = result.outputs;
    j["max_abs_error"] = result.max_abs_error;
    j["mean_abs_error"] = result.mean_abs_error;
    j["sim_time_ns"] = result.sim_time_ns;
    j["unit_cycles"] = result.cycles;
    j["energy_pj"] = result.energy_pj;
    j["jobs_ok"] = result.ok;
    j["protocol_violations"] = platform.protocol_violations();
    char digest[20];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(result.digest));
    j["output_digest"] = digest;
    j["wall_seconds"] = wall;
    if (fmt == Format::json) {
        print_json(j);
    } else {
        const auto& ap = platform.accel.params();
        std::printf("%s on the virtual platform (unit model %s, %d lane%s, %g MHz)\n", kernel.c_str(), ap.model.c_str(),
                    ap.lanes, ap.lanes == 1 ? "" : "s", ap.clock_mhz);
        std::printf("  elements through the accelerator %llu, outputs compared %llu\n",
                    static_cast<unsigned long long>(result.elements), static_cast<unsigned long long>(result.outputs));
        std::printf("  max |error| vs double %.4e, mean %.4e\n", result.max_abs_error, result.mean_abs_error);
        std::printf("  simulated time %.1f ns, unit cycles %llu, energy %.1f pJ\n", result.sim_time_ns,
                    static_cast<unsigned long long>(result.cycles), result.energy_pj);
        std::printf("  output digest %s, wall %.3f s\n", digest, wall);
    }
    return result.ok && platform.protocol_violations() == 0 ? kOk : kMismatch;
}

const RegisterCommand reg{{"vp", "run softmax, LayerNorm or GELU on the virtual platform", run_vp, 70}};

}  // namespace

}  // namespace gqalut::cli
