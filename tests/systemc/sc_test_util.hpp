// Helpers of the SystemC tests: the unit under test, test tables (uniform fits and random LUT
// codes that stress every width), and a run that loads a table through the configuration port,
// streams inputs with random stalls and checks every output against the golden model.
#pragma once
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "model/fp32_datapath.hpp"
#include "model/table_io.hpp"
#include "search/uniform.hpp"
#include "tests/common/option_tables.hpp"
#include "model/unit/cycle_level.hpp"
#include "sims/tb/stream_job.hpp"

namespace gqalut::test {

// The process's cycle-model unit built with o, or of this shape (one elaboration per process).
inline unit::PinLevelUnit& cycle_unit(const unit::UnitOptions& o) {
    unit::register_cycle_level();
    return dynamic_cast<unit::PinLevelUnit&>(sim::process_unit(unit::level("cycle"), o));
}
inline unit::PinLevelUnit& cycle_unit(const UnitShape& shape, cost::Indexing ix = cost::Indexing::parallel) {
    unit::UnitOptions o;
    o.shape = shape;
    o.indexing = ix;
    return cycle_unit(o);
}

inline std::string data_dir() { return GQALUT_TEST_DATA; }
inline PwlTable reference_table(const std::string& name) { return load_table(data_dir() + "/gqa-lut-pretrained/" + name); }

// A per-scale INT table with random codes: random lambda_k, lambda_b in [0, W], slopes and
// intercepts over the whole W-bit range (extremes included), random sorted breakpoints that
// may sit on the code range's ends or on the "never fires" value 2^(k-1).
inline PwlTable random_int_table(Precision p, int entries, uint64_t seed, bool unsigned_core = false) {
    std::mt19937_64 rng(seed);
    PwlTable t;
    t.function = "gelu";
    t.method = "random-test";
    t.entries = entries;
    t.precision = p;
    t.params = default_int_params(p);
    t.params.input_signed = !unsigned_core;
    std::uniform_int_distribution<int> lam(0, t.params.width);
    t.params.lambda_k = lam(rng);
    t.params.lambda_b = lam(rng);
    const int64_t pmin = -(int64_t(1) << (t.params.width - 1)), pmax = (int64_t(1) << (t.params.width - 1)) - 1;
    std::uniform_int_distribution<int64_t> par(pmin, pmax);
    auto param = [&] {
        const int r = static_cast<int>(rng() % 8);
        return r == 0 ? pmin : r == 1 ? pmax : r == 2 ? 0 : par(rng);
    };
    const int k = t.params.k;
    const std::vector<int> scales = [&] {
        std::vector<int> s;
        for (int i = 0; i < k; ++i) s.push_back(i);
        return s;
    }();
    t.scales = unsigned_core ? std::vector<int>{k - 3} : scales;
    for (int s : t.scales) {
        LutCodes lut;
        std::uniform_int_distribution<int64_t> bp(t.params.bp_min(), t.params.bp_max());
        for (int j = 0; j < entries - 1; ++j) {
            const int r = static_cast<int>(rng() % 10);
            lut.breakpoints.push_back(r == 0 ? t.params.bp_min() : r == 1 ? t.params.bp_max() : bp(rng));
        }
        std::sort(lut.breakpoints.begin(), lut.breakpoints.end());
        for (int i = 0; i < entries; ++i) {
            lut.slopes.push_back(param());
            lut.intercepts.push_back(param());
        }
        t.per_scale[s] = lut;
    }
    return t;
}

// FP32 tables: a uniform fit, or random values with huge, tiny, zero and negative-zero entries.
inline PwlTable random_fp32_table(int entries, uint64_t seed) {
    std::mt19937_64 rng(seed);
    PwlTable t;
    t.function = "gelu";
    t.method = "random-test";
    t.entries = entries;
    t.precision = Precision::fp32;
    std::uniform_real_distribution<float> u(-8, 8);
    auto value = [&]() -> float {
        switch (rng() % 10) {
            case 0: return 3.0e38f;
            case 1: return -2.5e38f;
            case 2: return 1.0e-30f;
            case 3: return -0.0f;
            case 4: return 0.0f;
            case 5: return f32_from_bits(0x00400000u);   // subnormal: read as zero
            default: return u(rng);
        }
    };
    for (int j = 0; j < entries - 1; ++j) t.fp32.breakpoints.push_back(rng() % 6 == 0 ? std::ldexp(u(rng), 60) : u(rng));
    std::sort(t.fp32.breakpoints.begin(), t.fp32.breakpoints.end());
    for (int i = 0; i < entries; ++i) {
        t.fp32.slopes.push_back(value());
        t.fp32.intercepts.push_back(value());
    }
    return t;
}

struct Totals {
    uint64_t compared = 0, mismatches = 0, runs = 0;
};

// Loads t at scale s, streams `inputs` (exhaustive or random), checks against golden.
inline sim::StreamStats run_table(unit::PinLevelUnit& u, const PwlTable& t, int s, const sim::InputSpec& in,
                                  const sim::StallConfig& st, const RequantConfig& rq = {}) {
    REQUIRE(u.configure(config_writes(t, s, u.shape(), rq)));
    const auto inputs = sim::make_inputs(t, s, u.shape(), in, st.seed + 17);
    const auto ref = sim::golden_reference(t, s, u.shape(), rq);
    const sim::StreamStats r = sim::check_stream(u, inputs, *ref, st);
    CHECK_FALSE(r.timed_out);
    for (const auto& m : r.first)
        UNSCOPED_INFO("mismatch scale " << s << " element " << m.element << " lane " << m.lane << " input "
                                        << sim::hex_word(static_cast<i128>(m.input), u.shape().in_width) << " got "
                                        << sim::hex_word(m.got, u.shape().out_width()) << " expected "
                                        << sim::hex_word(m.expected, u.shape().out_width()));
    CHECK(r.mismatches == 0);
    CHECK(r.compared == inputs.size());
    return r;
}

inline void add(Totals& t, const sim::StreamStats& s) {
    t.compared += s.compared;
    t.mismatches += s.mismatches;
    ++t.runs;
}

inline void print_totals(const char* what, const Totals& t) {
    std::printf("%s: %llu runs, %llu compared, %llu mismatches\n", what, static_cast<unsigned long long>(t.runs),
                static_cast<unsigned long long>(t.compared), static_cast<unsigned long long>(t.mismatches));
    std::fflush(stdout);
}

// One row of the golden-vs-cycle-model tests: the unit (shape, indexing, expected latency, 0 =
// not checked) and what streams through it. run_case() builds the unit (one per process),
// resets it, runs the body, prints the totals and checks that nothing mismatched.
struct UnitCase {
    const char* label;
    UnitShape shape;
    cost::Indexing indexing;
    int latency;
    void (*body)(unit::PinLevelUnit&, Totals&);
};

inline void run_case(const UnitCase& c) {
    unit::PinLevelUnit& u = cycle_unit(c.shape, c.indexing);
    if (c.latency) CHECK(u.latency() == c.latency);
    u.reset(2);
    Totals tot;
    c.body(u, tot);
    print_totals(c.label, tot);
    CHECK(tot.mismatches == 0);
}

}  // namespace gqalut::test
