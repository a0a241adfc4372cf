// Bench section "tlm": elements per wall-clock second through the TLM accelerator on the
// virtual platform (golden model, DMI), one large INT8 job timed from START to the interrupt.
#include <chrono>
#include <random>

#include "search/uniform.hpp"
#include "sims/bench.hpp"
#include "tlm/platform.hpp"
#include "tlm/pwl_driver.hpp"

namespace gqalut::bench {

namespace {

nlohmann::json bench_tlm(const Options& opt) {
    vp::PlatformConfig cfg;
    cfg.ram_bytes = uint64_t(96) << 20;
    vp::Platform p("vp", cfg);
    const uint64_t n = opt.quick ? (uint64_t(1) << 20) : (uint64_t(16) << 20);
    const PwlTable table = uniform_table("gelu", Precision::int8, 8, -4, 4);
    nlohmann::json j;
    p.cpu.set_program([&](vp::Cpu& cpu) {
        vp::PwlDriver drv(cpu, vp::Platform::kAccelBase);
        drv.load(table, 4, RequantConfig{true, 4});   // INT8 in, INT8 out
        std::vector<uint8_t> in(n);
        std::mt19937_64 rng(1);
        for (auto& b : in) b = static_cast<uint8_t>(rng());
        cpu.write_block(0, in.data(), n);
        double best = 0;
        for (int rep = 0; rep < 3; ++rep) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto job = drv.run(0, uint64_t(32) << 20, n);
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (!job.ok) throw std::runtime_error("accelerator job failed");
            best = std::max(best, static_cast<double>(n) / s);
        }
        j["golden_dmi_int8_elements_per_second"] = best;
        j["job_elements"] = n;
        j["dmi_accesses"] = p.accel.dmi_accesses();
        j["bus_accesses"] = p.accel.bus_accesses();
    });
    sc_core::sc_start();
    return j;
}

const RegisterSection reg{{"tlm", "TLM accelerator: elements per wall-clock second (golden, DMI)", bench_tlm, 60}};

}  // namespace

}  // namespace gqalut::bench
