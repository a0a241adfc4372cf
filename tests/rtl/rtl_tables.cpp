#include "rtl_tables.hpp"

#include <algorithm>
#include <iostream>

#include <catch2/catch.hpp>

#include "model/table_io.hpp"

namespace gqalut::rtltest {

int64_t random_code(Rng& rng, int width) {
    const int64_t lo = -(int64_t(1) << (width - 1)), hi = (int64_t(1) << (width - 1)) - 1;
    switch (rng.next() % 8) {
        case 0: return lo;
        case 1: return hi;
        case 2: return rng.range(-2, 2);
        case 3: return rng.chance(0.5) ? lo + rng.range(0, 3) : hi - rng.range(0, 3);
        default: return rng.range(lo, hi);
    }
}

PwlTable random_int_table(Rng& rng, Precision p, int entries) {
    PwlTable t;
    t.function = "gelu";
    t.method = "random";
    t.precision = p;
    t.entries = entries;
    const int k = input_bits(p);
    t.params = default_int_params(p);
    t.params.width = static_cast<int>(rng.range(k - 2, k));
    do {
        t.params.lambda_k = static_cast<int>(rng.range(0, k));
        t.params.lambda_b = static_cast<int>(rng.range(0, k));
    } while (t.params.lambda_k == t.params.lambda_b);
    const int64_t lo = t.params.bp_min(), hi = t.params.bp_max();
    for (int s = 0; s < k; ++s) {
        t.scales.push_back(s);
        LutCodes lut;
        for (int j = 0; j + 1 < entries; ++j) {
            int64_t v;
            switch (rng.next() % 10) {
                case 0: v = lo; break;
                case 1: v = hi; break;   // never fires
                case 2: v = lut.breakpoints.empty() ? 0 : lut.breakpoints.back(); break;   // repeat
                case 3: v = rng.range(-4, 4); break;
                default: v = rng.range(lo, hi);
            }
            lut.breakpoints.push_back(v);
        }
        std::sort(lut.breakpoints.begin(), lut.breakpoints.end());
        for (int i = 0; i < entries; ++i) {
            lut.slopes.push_back(random_code(rng, t.params.width));
            lut.intercepts.push_back(random_code(rng, t.params.width));
        }
        t.per_scale[s] = lut;
    }
    return t;
}

RequantConfig random_requant(Rng& rng, int k) {
    RequantConfig rq;
    rq.enable = rng.chance(0.5);
    if (rq.enable) rq.out_frac = static_cast<int>(rng.range(-k, 2 * k));
    return rq;
}

std::vector<std::string> reference_table_paths() {
    std::vector<std::string> v;
    for (const char* f : {"gelu_pwl_7", "gelu_pwl_15", "hswish_pwl_7", "hswish_pwl_15", "exp_pwl_7", "exp_pwl_15"})
        v.push_back(std::string(GQALUT_TEST_DATA) + "/gqa-lut-pretrained/" + f + ".json");
    return v;
}

std::vector<uint64_t> all_words(int k, int lanes) {
    std::vector<uint64_t> w;
    for (uint64_t c = 0; c < (uint64_t(1) << k); ++c) w.push_back(c);
    pad_to_lanes(w, lanes);
    return w;
}

void pad_to_lanes(std::vector<uint64_t>& words, int lanes) {
    for (size_t i = 0; words.size() % static_cast<size_t>(lanes) != 0; ++i) words.push_back(words[i]);
}

StreamOptions profile(int i, uint64_t seed) {
    StreamOptions o;
    o.seed = seed;
    switch (i % 5) {
        case 0: break;                                   // full speed
        case 1: o.in_gap = 0.3; o.out_stall = 0.3; break;
        case 2: o.in_gap = 0.1; o.out_stall = 0.6; break;
        case 3: o.in_gap = 0.7; o.out_stall = 0.1; o.bad_writes = 0.2; o.busy_writes = 0.05; o.clear_writes = 0.02; break;
        default: o.in_gap = 0.2; o.out_stall = 0.2; o.busy_writes = 0.02; o.clear_writes = 0.01; break;
    }
    return o;
}

StreamResult run_table(Driver& d, const PwlTable& t, int scale, const RequantConfig& rq,
                       const std::vector<uint64_t>& words, const StreamOptions& opt) {
    const UnitShape& shape = d.dut().shape();
    const GoldenUnit golden(t, scale, shape, rq);
    StreamResult r = d.configure(config_writes(t, scale, shape, rq), true);
    r.add(d.stream(words, [&golden](uint64_t w) { return golden.output(w); }, opt));
    return r;
}

void report(const std::string& what, const StreamResult& r) {
    std::cout << "[rtl] " << what << ": " << r.summary() << std::endl;
}

void run_case(const RtlCase& c) {
    auto dut = rtl::make_rtl_unit(c.shape);
    REQUIRE(dut);
    Driver d(*dut);
    StreamResult total;
    const size_t expected = c.body(d, total);
    report(dut->shape().name() + ", " + c.label, total);
    if (c.exact) CHECK(total.elements == expected);
    else CHECK(total.elements >= expected);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

}  // namespace gqalut::rtltest
