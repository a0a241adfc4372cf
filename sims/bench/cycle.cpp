// Bench section "cycle": elements per second of the SystemC cycle model for INT8 with N = 8
// (MaxEntries 32, lanes 1 and 8), through the same pin-level driver and checker `gqalut sim`
// uses, beside the golden model's rate measured in the same run. With the Verilated RTL in the
// build: the `rtl` backend measured the same way (cycle/rtl ratio), Verilator's own pin-level
// --sc model of INT8 (`rtl-sc`, lanes 1; cycle/rtl-sc ratio), the lock-step cosim of
// golden + cycle model + RTL (`gqalut cosim`), and the Verilated model stepped from plain C++
// (rtl::Driver, no SystemC kernel) for scale.
// SystemC elaborates once per process, so every measurement runs in a forked child.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "model/unit_config.hpp"
#include "search/uniform.hpp"
#include "sims/bench/bench.hpp"
#include "sims/tb/built_in_levels.hpp"
#include "sims/tb/stream_job.hpp"
#ifdef GQALUT_HAVE_RTL
#include "rtl/verilated/rtl_driver.hpp"
#include "sims/tb/cosim.hpp"
#endif

namespace gqalut::bench {

namespace {

constexpr int kScale = 4;

PwlTable bench_table() { return uniform_table("gelu", Precision::int8, 8, -4, 4); }

// Runs in a child: elements per second of `model` for INT8 N=8 with `lanes` lanes (0 on failure).
double measure_backend(const std::string& model, int lanes, const Options& opt) {
    sim::register_built_in_levels();
    const unit::Level* level = unit::find_level(model);
    if (!level) return 0;
    unit::UnitOptions o;
    o.shape = shape_for(bench_table(), 32, lanes);
    unit::Unit& u = sim::process_unit(*level, o);
    sim::SimJob job;
    job.table = bench_table();
    job.scales = {kScale};
    job.inputs = {false, uint64_t(50000)};
    sim::run_stream_job(u, job, o.clock_hz, model);   // warm-up (and the elaboration)
    // Grow the run until it lasts long enough to time.
    uint64_t n = opt.quick ? 100000 : 400000;
    for (;;) {
        job.inputs.random_count = n;
        const sim::SimReport r = sim::run_stream_job(u, job, o.clock_hz, model);
        if (!r.ok()) return 0;
        if (r.seconds >= opt.min_seconds * 2 || n >= (uint64_t(1) << 28))
            return r.elements_per_second();
        n = static_cast<uint64_t>(static_cast<double>(n) * std::min(16.0, 2.5 * opt.min_seconds / std::max(r.seconds, 1e-3)));
    }
}

#ifdef GQALUT_HAVE_RTL
// Elements per second of the lock-step cosim (golden + SystemC cycle model + Verilated RTL).
double measure_cosim(int lanes, const Options& opt) {
    sim::CosimOptions o;
    o.shape = shape_for(bench_table(), 32, lanes);
    sim::CosimSim& cs = sim::cosim_sim(o);
    sim::SimJob job;
    job.table = bench_table();
    job.scales = {kScale};
    job.inputs = {false, uint64_t(50000)};
    sim::run_cosim_job(cs, job);   // warm-up (and the elaboration)
    uint64_t n = opt.quick ? 100000 : 400000;
    for (;;) {
        job.inputs.random_count = n;
        const sim::CosimReport r = sim::run_cosim_job(cs, job);
        if (!r.ok()) return 0;
        if (r.seconds >= opt.min_seconds * 2 || n >= (uint64_t(1) << 28)) return r.elements_per_second();
        n = static_cast<uint64_t>(static_cast<double>(n) * std::min(16.0, 2.5 * opt.min_seconds / std::max(r.seconds, 1e-3)));
    }
}

// Elements per second of the Verilated model stepped from C++ by rtl::Driver (its own
// handshake reference and the golden check per word; no SystemC).
double measure_rtl_driver(int lanes, const Options& opt) {
    const PwlTable t = bench_table();
    auto unit = rtl::make_rtl_unit(shape_for(t, 32, lanes));
    if (!unit) return 0;
    rtl::Driver d(*unit);
    d.reset();
    if (!d.configure(config_writes(t, kScale, unit->shape())).ok()) return 0;
    const GoldenUnit g(t, kScale, unit->shape());
    std::vector<i128> table(256);
    for (uint64_t w = 0; w < 256; ++w) table[w] = g.output(w);
    const rtl::GoldenFn golden = [&](uint64_t w) { return table[w & 0xFF]; };
    std::mt19937_64 rng(3);
    std::vector<uint64_t> words(size_t(1) << 16);
    for (auto& w : words) w = rng() & 0xFF;
    bool ok = true;
    const double v = rate(opt, [&](size_t n) {
        std::vector<uint64_t> in(n - n % static_cast<size_t>(lanes) + static_cast<size_t>(lanes));
        for (size_t i = 0; i < in.size(); ++i) in[i] = words[i & (words.size() - 1)];
        ok = ok && d.stream(in, golden).ok();
    });
    return ok ? v : 0;
}
#endif

double in_child(const std::string& model, int lanes, const Options& opt) {
    int fd[2];
    if (pipe(fd) != 0) return 0;
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        double v = 0;
        try {
#ifdef GQALUT_HAVE_RTL
            if (model == "cosim") v = measure_cosim(lanes, opt);
            else if (model == "rtl-driver") v = measure_rtl_driver(lanes, opt);
            else
#endif
                v = measure_backend(model, lanes, opt);
        } catch (const std::exception&) {
            v = 0;
        }
        const std::string s = std::to_string(v);
        const ssize_t w = write(fd[1], s.data(), s.size());
        (void)w;
        close(fd[1]);
        _exit(0);
    }
    close(fd[1]);
    std::string s;
    char buf[64];
    ssize_t got;
    while ((got = read(fd[0], buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(got));
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    try {
        return s.empty() ? 0 : std::stod(s);
    } catch (const std::exception&) {
        return 0;
    }
}

nlohmann::json bench_cycle(const Options& opt) {
    nlohmann::json j;
    // Golden model: GoldenUnit::output element by element, the same table and scale.
    {
        const PwlTable t = bench_table();
        const GoldenUnit g(t, kScale, shape_for(t, 32, 1));
        std::mt19937_64 rng(1);
        std::vector<uint64_t> in(1 << 16);
        for (auto& w : in) w = rng() & 0xFF;
        volatile int64_t sink = 0;
        j["golden_int8_n8_elements_per_second"] = rate(opt, [&](size_t n) {
            int64_t acc = 0;
            for (size_t i = 0; i < n; ++i) acc += static_cast<int64_t>(g.output(in[i & (in.size() - 1)]));
            sink = sink + acc;
        });
    }
    const double golden = j["golden_int8_n8_elements_per_second"].get<double>();
    sim::register_built_in_levels();
    const bool rtl = unit::find_level("rtl") != nullptr;
    for (int lanes : {1, 8}) {
        const std::string key = "int8_n8_l" + std::to_string(lanes);
        const double cyc = in_child("cycle", lanes, opt);
        j["cycle_" + key + "_elements_per_second"] = cyc;
        j["cycle_" + key + "_cycles_per_second"] = cyc / lanes;
        j["golden_over_cycle_" + key] = cyc > 0 ? golden / cyc : 0.0;
        if (rtl) {
            const double r = in_child("rtl", lanes, opt);
            j["rtl_" + key + "_elements_per_second"] = r;
            j["rtl_" + key + "_cycles_per_second"] = r / lanes;
            j["cycle_over_rtl_" + key] = r > 0 ? cyc / r : 0.0;
        }
        if (lanes == 1 && unit::find_level("rtl-sc")) {   // Verilator's pin-level --sc model
            const double r = in_child("rtl-sc", lanes, opt);
            j["rtl_sc_" + key + "_elements_per_second"] = r;
            j["cycle_over_rtl_sc_" + key] = r > 0 ? cyc / r : 0.0;
            if (rtl) j["rtl_over_rtl_sc_" + key] = r > 0 ? j["rtl_" + key + "_elements_per_second"].get<double>() / r : 0.0;
        }
#ifdef GQALUT_HAVE_RTL
        const double co = in_child("cosim", lanes, opt);
        j["cosim_" + key + "_elements_per_second"] = co;
        j["cosim_" + key + "_cycles_per_second"] = co / lanes;
        j["cycle_over_cosim_" + key] = co > 0 ? cyc / co : 0.0;
        const double drv = in_child("rtl-driver", lanes, opt);
        j["rtl_cc_driver_" + key + "_elements_per_second"] = drv;
        j["rtl_cc_driver_over_rtl_systemc_" + key] = rtl && j["rtl_" + key + "_elements_per_second"].get<double>() > 0
                                                          ? drv / j["rtl_" + key + "_elements_per_second"].get<double>()
                                                          : 0.0;
#endif
    }
    j["testbench"] = "unit::PinUnit driver + golden checker (gqalut sim), random inputs, no stalls, 500 MHz clock";
    if (unit::find_level("rtl-sc"))
        j["rtl_sc"] = "rtl-sc: Verilator's --sc model (pin-level sc_module); rtl: the --cc model stepped in rtl::RtlScUnit";
#ifdef GQALUT_HAVE_RTL
    j["cosim_testbench"] = "CosimTestbench (gqalut cosim): cycle model and RTL on the same pins, pins compared every cycle, "
                           "both outputs checked against golden";
    j["rtl_cc_driver"] = "rtl::Driver: the Verilated --cc model stepped from C++ with its handshake reference and golden "
                         "check, no SystemC";
#endif
    return j;
}

const RegisterSection reg{{"cycle", "SystemC cycle model: elements per second (INT8 N=8, lanes 1 and 8) vs golden", bench_cycle, 30}};

}  // namespace

}  // namespace gqalut::bench
