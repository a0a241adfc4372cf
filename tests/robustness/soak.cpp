// Soak: random configurations and random data through the TLM accelerator running the SystemC
// cycle model (8 lanes), until at least N elements went through; every output byte is checked
// against the golden model, and the resident set size is watched for growth (a leak).
//   soak [ELEMENTS] [SEED]       (default 1e8 elements, seed 1)
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "model/fp32_datapath.hpp"
#include "tlm/platform.hpp"
#include "tlm/pwl_driver.hpp"
#include "model/unit/cycle_level.hpp"
#include "model/unit/elements.hpp"
#include "model/sc/start.hpp"

using namespace gqalut;
using namespace gqalut::vp;
using gqalut::unit::load_input;
using gqalut::unit::store_output;

namespace {

long rss_kb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

int64_t uniform_int(std::mt19937_64& r, int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(r() % static_cast<uint64_t>(hi - lo + 1));
}

// A random valid table of a random datapath, with its scale and requantizer.
struct Config {
    PwlTable t;
    int scale = 0;
    RequantConfig rq;
};

Config random_config(std::mt19937_64& r) {
    Config c;
    PwlTable& t = c.t;
    t.entries = static_cast<int>(uniform_int(r, 1, 64));
    t.method = "soak";
    const int kind = static_cast<int>(r() % 5);
    const size_t n = static_cast<size_t>(t.entries);
    if (kind == 3) {
        t.precision = Precision::fp32;
        auto f = [&] { return static_cast<float>(std::ldexp(static_cast<double>(uniform_int(r, -1000, 1000)), static_cast<int>(uniform_int(r, -12, 4)))); };
        for (size_t i = 0; i + 1 < n; ++i) t.fp32.breakpoints.push_back(f());
        std::sort(t.fp32.breakpoints.begin(), t.fp32.breakpoints.end());
        for (size_t i = 0; i < n; ++i) {
            t.fp32.slopes.push_back(f());
            t.fp32.intercepts.push_back(f());
        }
        return c;
    }
    t.precision = kind == 0 || kind == 4 ? Precision::int8 : kind == 1 ? Precision::int16 : Precision::int32;
    t.params = default_int_params(t.precision);
    t.params.lambda_k = static_cast<int>(uniform_int(r, 0, t.params.k));
    t.params.lambda_b = static_cast<int>(uniform_int(r, 0, t.params.k));
    if (kind == 4) {
        t.function = r() % 2 ? "rsqrt" : "div";
        t.scaler = ScalerSpec{};
        t.scaler->preset = r() % 2 ? "normalize" : "paper";
        t.scaler->output.frac = static_cast<int>(uniform_int(r, 0, 32));
        t.params.input_signed = false;
        c.scale = t.params.k - 3;
    } else {
        c.scale = static_cast<int>(uniform_int(r, 0, t.params.k - 1));
        c.rq.enable = r() % 2;
        c.rq.out_frac = static_cast<int>(uniform_int(r, -t.params.k, 2 * t.params.k));
    }
    LutCodes l;
    for (size_t i = 0; i + 1 < n; ++i) l.breakpoints.push_back(uniform_int(r, t.params.bp_min(), t.params.bp_max()));
    std::sort(l.breakpoints.begin(), l.breakpoints.end());
    const FixFormat pf = t.params.param_format(0);
    for (size_t i = 0; i < n; ++i) {
        l.slopes.push_back(uniform_int(r, pf.min_code(), pf.max_code()));
        l.intercepts.push_back(uniform_int(r, pf.min_code(), pf.max_code()));
    }
    t.scales = {c.scale};
    t.per_scale[c.scale] = l;
    return c;
}

}  // namespace

int sc_main(int argc, char** argv) {
    const double target = argc > 1 ? std::atof(argv[1]) : 1e8;
    const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    gqalut::unit::register_cycle_level();
    PlatformConfig cfg;
    cfg.model = "cycle";
    cfg.lanes = 8;
    cfg.ram_bytes = uint64_t(64) << 20;
    Platform p("soak", cfg);
    uint64_t elements = 0, jobs = 0, mismatches = 0, failed_jobs = 0;
    long rss_warm = 0;
    p.cpu.set_program([&](Cpu& cpu) {
        PwlDriver drv(cpu, Platform::kAccelBase);
        std::mt19937_64 r(seed);
        std::vector<uint8_t> in, out, want;
        while (static_cast<double>(elements) < target) {
            const Config c = random_config(r);
            drv.load(c.t, c.scale, c.rq);
            const uint64_t n = static_cast<uint64_t>(uniform_int(r, 1, 1 << 20));
            const unsigned ib = drv.in_bytes(), ob = drv.out_bytes();
            in.resize(n * ib);
            for (auto& b : in) b = static_cast<uint8_t>(r());
            cpu.write_block(0x100000, in.data(), in.size());
            const auto job = drv.run(0x100000, uint64_t(24) << 20, n);
            if (!job.ok) {
                ++failed_jobs;
                std::printf("job %llu failed with error code %u\n", static_cast<unsigned long long>(jobs), job.error_code);
                continue;
            }
            out.resize(n * ob);
            cpu.read_block(uint64_t(24) << 20, out.data(), out.size());
            const UnitShape shape = shape_for(c.t, 64, 8);
            const GoldenUnit g(c.t, c.scale, shape, c.rq);
            const uint64_t mask = shape.in_width >= 64 ? ~0ull : (uint64_t(1) << shape.in_width) - 1;
            want.resize(ob);
            for (uint64_t i = 0; i < n; ++i) {
                store_output(g.output(load_input(&in[i * ib], ib) & mask), shape, ob, want.data());
                if (std::memcmp(want.data(), &out[i * ob], ob) != 0) ++mismatches;
            }
            elements += n;
            if (++jobs == 8) rss_warm = rss_kb();
            if (jobs % 50 == 0)
                std::fprintf(stderr, "soak: %llu jobs, %.3g elements, %llu mismatches, max RSS %ld kB\n",
                             static_cast<unsigned long long>(jobs), static_cast<double>(elements),
                             static_cast<unsigned long long>(mismatches), rss_kb());
        }
    });
    gqalut::sc::start();
    const long rss_end = rss_kb();
    std::printf("soak: %llu jobs, %llu elements, %llu mismatches, %llu failed jobs, protocol violations %zu, "
                "max RSS after 8 jobs %ld kB, at the end %ld kB, simulated %.6f s\n",
                static_cast<unsigned long long>(jobs), static_cast<unsigned long long>(elements),
                static_cast<unsigned long long>(mismatches), static_cast<unsigned long long>(failed_jobs),
                p.protocol_violations(), rss_warm, rss_end, sc_core::sc_time_stamp().to_seconds());
    // Growth of the peak resident set after warm-up would be a leak (buffers are reused).
    const bool leak = rss_warm > 0 && rss_end > rss_warm + 64 * 1024;
    return (p.cpu.finished() && mismatches == 0 && failed_jobs == 0 && p.protocol_violations() == 0 && !leak) ? 0 : 1;
}
