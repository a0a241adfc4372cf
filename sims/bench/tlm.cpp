// Bench section "tlm": elements per wall-clock second through the TLM accelerator on the
// virtual platform, one large INT8 job timed from START to the interrupt: with the golden model
// (DMI) and with the SystemC cycle model. Two platforms in one elaboration, run one after the
// other; `gqalut bench` relates the cycle figure to the bare cycle model's (section "cycle").
#include <chrono>
#include <random>

#include "search/uniform.hpp"
#include "sims/bench/bench.hpp"
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
    vp::PlatformConfig cfg;
    cfg.ram_bytes = uint64_t(96) << 20;
    vp::Platform golden("vp_golden", cfg);
    cfg.model = "cycle";
    vp::Platform cycle("vp_cycle", cfg);
    const uint64_t n_golden = opt.quick ? (uint64_t(1) << 20) : (uint64_t(16) << 20);
    const uint64_t n_cycle = opt.quick ? (uint64_t(1) << 16) : (uint64_t(1) << 20);
    nlohmann::json j;
    sc_core::sc_event golden_done;
    golden.cpu.set_program([&](vp::Cpu&) {
        j["golden_dmi_int8_elements_per_second"] = job_rate(golden, n_golden, 3);
        j["golden_job_elements"] = n_golden;
        j["golden_dmi_accesses"] = golden.accel.dmi_accesses();
        j["golden_bus_accesses"] = golden.accel.bus_accesses();
        golden_done.notify();
    });
    cycle.cpu.set_program([&](vp::Cpu&) {
        sc_core::wait(golden_done);
        j["cycle_int8_elements_per_second"] = job_rate(cycle, n_cycle, 2);
        j["cycle_job_elements"] = n_cycle;
    });
    sc_core::sc_start();
    return j;
}

const RegisterSection reg{{"tlm", "TLM accelerator: elements per wall-clock second, golden (DMI) and cycle models", bench_tlm, 60}};

}  // namespace

}  // namespace gqalut::bench
