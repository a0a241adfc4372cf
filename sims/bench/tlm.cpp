// Bench section "tlm": elements per wall-clock second through the TLM accelerator on the
// virtual platform, one 1 Mi-element INT8 job timed from START to the interrupt: with the golden
// model and DMI granted, with the golden model and DMI refused (256-byte b_transport bursts),
// and with the SystemC cycle model; their ratios in the same run. Three platforms in one
// elaboration, run one after the other; `gqalut bench` relates the cycle figure to the bare
// cycle model's (section "cycle").
#include <chrono>
#include <random>

#include "model/sc/start.hpp"
#include "search/uniform.hpp"
#include "sims/bench/bench.hpp"
#include "sims/tb/built_in_levels.hpp"
#include "tlm/platform.hpp"
#include "tlm/pwl_driver.hpp"

namespace gqalut::bench {

namespace {

// Runs `reps` jobs of n INT8 elements on platform p; returns the best elements per second.
double job_rate(vp::Platform& p, uint64_t n, int reps) {
    vp::Cpu& cpu = p.cpu;
    vp::PwlDriver drv(cpu, vp::Platform::kAccelBase);
    PwlTable table = uniform_table("gelu", Precision::int8, 8, -4, 4);
    table.scales = {4};
    drv.load(table, 4, RequantConfig{true, 4});   // INT8 in, INT8 out
    std::vector<uint8_t> in(n);
    std::mt19937_64 rng(1);
    for (auto& b : in) b = static_cast<uint8_t>(rng());
    cpu.write_block(0, in.data(), n);
    double best = 0;
    for (int rep = 0; rep < reps; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto job = drv.run(0, uint64_t(32) << 20, n);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!job.ok) throw std::runtime_error("accelerator job failed");
        best = std::max(best, static_cast<double>(n) / s);
    }
    return best;
}

nlohmann::json bench_tlm(const Options& opt) {
    sim::register_built_in_levels();
    vp::PlatformConfig cfg;
    cfg.ram_bytes = uint64_t(48) << 20;
    vp::Platform dmi("vp_golden_dmi", cfg);
    vp::Platform bus("vp_golden_bus", cfg);
    cfg.model = "cycle";
    vp::Platform cycle("vp_cycle", cfg);
    const uint64_t n = opt.quick ? (uint64_t(1) << 18) : (uint64_t(1) << 20);
    const uint64_t n_cycle = opt.quick ? (uint64_t(1) << 16) : (uint64_t(1) << 20);
    const int reps = opt.quick ? 2 : 5;
    nlohmann::json j;
    sc_core::sc_event dmi_done, bus_done;
    dmi.cpu.set_program([&](vp::Cpu&) {
        j["golden_dmi_int8_elements_per_second"] = job_rate(dmi, n, reps);
        j["golden_dmi_accesses"] = dmi.accel.dmi_accesses();
        j["golden_dmi_bus_accesses"] = dmi.accel.bus_accesses();
        dmi_done.notify();
    });
    bus.cpu.set_program([&](vp::Cpu&) {
        sc_core::wait(dmi_done);
        bus.ram.set_dmi_allowed(false);
        j["golden_no_dmi_int8_elements_per_second"] = job_rate(bus, n, reps);
        j["golden_no_dmi_bus_accesses"] = bus.accel.bus_accesses();
        bus_done.notify();
    });
    cycle.cpu.set_program([&](vp::Cpu&) {
        sc_core::wait(bus_done);
        j["cycle_int8_elements_per_second"] = job_rate(cycle, n_cycle, 2);
    });
    sc::start();
    j["golden_job_elements"] = n;
    j["cycle_job_elements"] = n_cycle;
    const double g = j["golden_dmi_int8_elements_per_second"], b = j["golden_no_dmi_int8_elements_per_second"],
                 c = j["cycle_int8_elements_per_second"];
    j["golden_dmi_over_golden_no_dmi"] = b > 0 ? g / b : 0.0;
    j["golden_dmi_over_cycle"] = c > 0 ? g / c : 0.0;
    j["golden_no_dmi_over_cycle"] = c > 0 ? b / c : 0.0;
    return j;
}

const RegisterSection reg{{"tlm", "TLM accelerator: elements per wall-clock second, golden with and without DMI, cycle model",
                           bench_tlm, 60}};

}  // namespace

}  // namespace gqalut::bench
