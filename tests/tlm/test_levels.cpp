// The three abstractions behind the accelerator's sockets give identical bytes in memory:
// golden, the SystemC cycle model and (when built) the Verilated RTL run the same kernels and
// random jobs of every datapath on three platforms of one elaboration; every output buffer is
// compared byte for byte with the golden platform's, and the golden platform's with the golden
// model (GoldenUnit) of each job's table. The jobs include every datapath option combination
// (INT8 every code at three scales, INT16 every code, INT32 random) and the EXP2, LOG2 and EXP
// range reductions.
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "model/sc/start.hpp"
#include "model/unit/elements.hpp"
#include "search/uniform.hpp"
#include "tests/common/option_tables.hpp"
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
    bool every_code = false;   // INT8/INT16: inputs 0, 1, 2, ...; scaler: test::reduction_window()
};

PwlTable per_scale(PwlTable t) {
    for (int s : t.scales) t.per_scale[s] = t.lut_for_scale(s);
    t.shared.reset();
    return t;
}

// Every option combination: INT8 every code at scales 0, 3, 7 (and requantized at 3); INT16
// every code at one scale; INT32 random.
void option_jobs(std::vector<Job>& j) {
    PwlTable t8 = uniform_table("gelu", Precision::int8, 8, -4, 4);
    t8.scales = {0, 3, 7};
    PwlTable t16 = uniform_table("tanh", Precision::int16, 16, -4, 4);
    t16.scales = {12};
    PwlTable t32 = uniform_table("silu", Precision::int32, 16, -8, 8);
    t32.scales = {26};
    uint64_t seed = 100;
    for (const DatapathOptions& o : test::all_options()) {
        const PwlTable a = test::with_options(per_scale(t8), o, seed);
        for (int s : a.scales) j.push_back({a, s, {}, 256, seed, true});
        j.push_back({a, 3, {true, 5}, 256, seed, true});
        j.push_back({test::with_options(per_scale(t16), o, seed), 12, {}, 65536, seed, true});
        j.push_back({test::with_options(per_scale(t32), o, seed), 26, {}, 2000, seed, false});
        ++seed;
    }
    for (const PwlTable& t : test::option_fits(Precision::int8, 8)) j.push_back({t, 5, {}, 256, seed++, true});
}

void reduction_jobs(std::vector<Job>& j) {
    uint64_t seed = 200;
    for (const char* f : {"exp2", "log2", "exp"}) {
        j.push_back({test::reduction_table(f, 16, 0), 0, {}, test::reduction_window(f).size(), seed++, true});
        j.push_back({test::reduction_table(f, 32, seed, 20, 30), 0, {}, 3000, seed++});
    }
}

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
        for (const char* preset : {"paper", "normalize", "octave"}) {
            if (std::string(preset) == "octave" && std::string(f) == "div") continue;   // RSQRT only (CFG_SCALER.OCTAVE)
            PwlTable t = uniform_table(f, Precision::int8, 16, 0.25, 4);
            t.scaler->preset = preset;
            j.push_back({t, 0, {}, 3000, 6});
        }
    option_jobs(j);
    reduction_jobs(j);
    return j;
}

// A job's input bytes: every code in turn, or random bytes (scaler words: also shifted right
// by up to 23 bits, so that small magnitudes occur).
std::vector<uint8_t> inputs(const Job& job, unsigned in_bytes) {
    std::mt19937_64 rng(job.seed);
    std::vector<uint8_t> in(job.n * in_bytes);
    if (job.every_code) {
        const std::vector<uint64_t> window = job.table.scaler ? test::reduction_window(job.table.function) : std::vector<uint64_t>{};
        for (uint64_t i = 0; i < job.n; ++i) std::memcpy(&in[i * in_bytes], job.table.scaler ? &window[i] : &i, in_bytes);
        return in;
    }
    for (auto& b : in) b = static_cast<uint8_t>(rng());
    if (job.table.scaler)
        for (uint64_t i = 0; i < job.n; i += 2) {
            int32_t w;
            std::memcpy(&w, &in[i * 4], 4);
            w >>= rng() % 24;
            std::memcpy(&in[i * 4], &w, 4);
        }
    return in;
}

// The golden model's output bytes for `in`.
std::vector<uint8_t> golden_model(const Job& job, const std::vector<uint8_t>& in) {
    const UnitShape shape = shape_for(job.table, acc::kMaxEntries);
    const unsigned ib = unit::input_element_bytes(shape), ob = unit::output_element_bytes(shape, job.rq.enable);
    const GoldenUnit g(job.table, job.table.scaler ? job.table.scales.front() : job.scale, shape, job.rq);
    const uint64_t mask = shape.in_width >= 64 ? ~0ull : (uint64_t(1) << shape.in_width) - 1;
    std::vector<uint8_t> out(job.n * ob);
    for (uint64_t i = 0; i < job.n; ++i) unit::store_output(g.output(unit::load_input(&in[i * ib], ib) & mask), shape, ob, &out[i * ob]);
    return out;
}

// Every job's output bytes and every kernel's digest on one platform.
struct Outcome {
    std::vector<std::vector<uint8_t>> inputs, outputs;
    std::vector<bool> ok;
    std::map<std::string, uint64_t> digests;
    std::map<std::string, double> errors;
};

void program(Platform& p, Outcome& o, const VpTables& tables) {
    Cpu& cpu = p.cpu;
    PwlDriver drv(cpu, Platform::kAccelBase);
    for (const Job& job : jobs()) {
        drv.load(job.table, job.scale, job.rq);
        const std::vector<uint8_t> in = inputs(job, drv.in_bytes());
        std::vector<uint8_t> out(job.n * drv.out_bytes());
        cpu.write_block(0x10000, in.data(), in.size());
        o.inputs.push_back(in);
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
    gqalut::sc::start();
    int failures = 0;
    const std::vector<Job> all = jobs();
    if (platforms[0]->cpu.finished())
        for (size_t k = 0; k < all.size(); ++k)
            if (outcomes[0].outputs[k] != golden_model(all[k], outcomes[0].inputs[k])) {
                std::printf("FAIL %s: job %zu (%s) differs from the golden model\n", models[0].c_str(), k, all[k].table.function.c_str());
                ++failures;
            }
    std::printf("%zu jobs, each against the golden model and across the models\n", all.size());
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
