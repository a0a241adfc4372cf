// The three abstractions behind the accelerator's sockets give identical bytes in memory:
// golden, the SystemC cycle model and (when built) the Verilated RTL run the same kernels and
// random jobs of every datapath on three platforms of one elaboration; every output buffer is
// compared byte for byte with the golden platform's.
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "search/uniform.hpp"
#include "tlm/kernels.hpp"
#include "tlm/pwl_driver.hpp"
#include "model/unit/cycle_level.hpp"
#include "model/unit/levels.hpp"
#ifdef GQALUT_HAVE_RTL
#include "rtl/unit/rtl_levels.hpp"
#endif
#include "tlm/vp_tables.hpp"

using namespace gqalut;
using namespace gqalut::vp;

namespace {

struct Job {
    PwlTable table;
    int scale;
    RequantConfig rq;
    uint64_t n, seed;
};

std::vector<Job> jobs() {
    std::vector<Job> j;
    PwlTable t8 = uniform_table("gelu", Precision::int8, 8, -4, 4);
    t8.scales = {0, 3, 7};
    j.push_back({t8, 3, {}, 3000, 1});
    j.push_back({t8, 7, {true, 5}, 3000, 2});
    PwlTable t16 = uniform_table("exp", Precision::int16, 16, -8, 0);
    t16.scales = {9};
    j.push_back({t16, 9, {}, 3000, 3});
    PwlTable t32 = uniform_table("tanh", Precision::int32, 32, -4, 4);
    t32.scales = {20};
    j.push_back({t32, 20, {true, 28}, 3000, 4});
    j.push_back({uniform_table("silu", Precision::fp32, 16, -8, 8), 0, {}, 3000, 5});
    for (const char* f : {"div", "rsqrt"})
        for (const char* preset : {"paper", "normalize"}) {
            PwlTable t = uniform_table(f, Precision::int8, 16, 0.25, 4);
            t.scaler->preset = preset;
            j.push_back({t, 0, {}, 3000, 6});
        }
    return j;
}

// Every job's output bytes and every kernel's digest on one platform.
struct Outcome {
    std::vector<std::vector<uint8_t>> outputs;
    std::vector<bool> ok;
    std::map<std::string, uint64_t> digests;
    std::map<std::string, double> errors;
};

void program(Platform& p, Outcome& o, const VpTables& tables) {
    Cpu& cpu = p.cpu;
    PwlDriver drv(cpu, Platform::kAccelBase);
    for (const Job& job : jobs()) {
        drv.load(job.table, job.scale, job.rq);
        std::mt19937_64 rng(job.seed);
        std::vector<uint8_t> in(job.n * drv.in_bytes()), out(job.n * drv.out_bytes());
        for (auto& b : in) b = static_cast<uint8_t>(rng());
        cpu.write_block(0x10000, in.data(), in.size());
        o.ok.push_back(drv.run(0x10000, 0x200000, job.n).ok);
        cpu.read_block(0x200000, out.data(), out.size());
        o.outputs.push_back(out);
    }
    for (const char* k : {"softmax", "layernorm", "gelu"}) {
        const KernelResult r = run_kernel(k, p, tables, KernelShape{});
        o.digests[k] = r.digest;
        o.errors[k] = r.max_abs_error;
    }
}

}  // namespace

int sc_main(int, char**) {
    const VpTables tables = vp_tables();
    unit::register_cycle_level();
#ifdef GQALUT_HAVE_RTL
    rtl::register_rtl_levels();
#endif
    // Every level with a unit the accelerator can use (rtl-sc is one INT8 shape of 32 entries).
    std::vector<std::string> models;
    for (const auto& l : unit::levels())
        if (l.name != "rtl-sc") models.push_back(l.name);
    std::vector<std::unique_ptr<Platform>> platforms;
    std::vector<Outcome> outcomes(models.size());
    for (size_t i = 0; i < models.size(); ++i) {
        PlatformConfig cfg;
        cfg.model = models[i];
        cfg.ram_bytes = uint64_t(16) << 20;
        platforms.push_back(std::make_unique<Platform>(("vp_" + models[i]).c_str(), cfg));
        Platform& p = *platforms.back();
        Outcome& o = outcomes[i];
        p.cpu.set_program([&p, &o, &tables](Cpu&) { program(p, o, tables); });
    }
    sc_core::sc_start();
    int failures = 0;
    for (size_t i = 0; i < models.size(); ++i) {
        const Outcome& o = outcomes[i];
        if (!platforms[i]->cpu.finished()) {
            std::printf("FAIL %s: did not finish\n", models[i].c_str());
            ++failures;
            continue;
        }
        for (size_t k = 0; k < o.ok.size(); ++k) {
            if (!o.ok[k]) {
                std::printf("FAIL %s: job %zu ended with an error\n", models[i].c_str(), k);
                ++failures;
            }
            if (o.outputs[k] != outcomes[0].outputs[k]) {
                size_t b = 0;
                while (o.outputs[k][b] == outcomes[0].outputs[k][b]) ++b;
                std::printf("FAIL %s: job %zu differs from golden at byte %zu\n", models[i].c_str(), k, b);
                ++failures;
            }
        }
        for (const auto& [k, d] : o.digests) {
            std::printf("%-7s %-9s digest %016llx max |error| %.4e\n", models[i].c_str(), k.c_str(),
                        static_cast<unsigned long long>(d), o.errors.at(k));
            if (d != outcomes[0].digests.at(k)) {
                std::printf("FAIL %s: %s output differs from golden\n", models[i].c_str(), k.c_str());
                ++failures;
            }
        }
        if (platforms[i]->protocol_violations()) {
            std::printf("FAIL %s: protocol violations\n", models[i].c_str());
            ++failures;
        }
    }
    std::printf("%zu models compared, %d failure(s)\n", models.size(), failures);
    return (failures == 0 && models.size() >= 2) ? 0 : 1;
}
