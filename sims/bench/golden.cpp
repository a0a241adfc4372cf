// Bench section "golden": the golden model's element rates, scalar versus batch path.
#include <random>

#include "model/fp32_datapath.hpp"
#include "model/int_datapath.hpp"
#include "model/scaler_datapath.hpp"
#include "search/uniform.hpp"
#include "sims/bench/bench.hpp"

namespace gqalut::bench {

namespace {

nlohmann::json bench_golden(const Options& opt) {
    nlohmann::json j;
    std::mt19937_64 rng(1);
    for (Precision p : {Precision::int8, Precision::int16, Precision::int32}) {
        const PwlTable t = uniform_table("gelu", p, 8, -4, 4);
        const IntDatapath dp(t.params, 4, t.lut_for_scale(4));
        const IntBatch batch(dp);
        std::uniform_int_distribution<int64_t> dist(t.params.min_code(), t.params.max_code());
        std::vector<int64_t> in(1 << 16);
        for (auto& q : in) q = dist(rng);
        std::vector<double> out(in.size());
        volatile double sink = 0;
        const double scalar = rate(opt, [&](size_t n) {
            double acc = 0;
            for (size_t i = 0; i < n; ++i) acc += dp.value(in[i & (in.size() - 1)]);
            sink = sink + acc;
        });
        const double fast = rate(opt, [&](size_t n) {
            for (size_t done = 0; done < n; done += in.size()) batch.values(in.data(), out.data(), in.size());
            sink = sink + out[0];
        }, in.size());
        const std::string key = to_string(p) + "_n8";
        j[key + "_scalar_elements_per_second"] = scalar;
        j[key + "_batch_elements_per_second"] = fast;
        j[key + "_batch_over_scalar"] = fast / scalar;
    }
    {
        const PwlTable t = uniform_table("gelu", Precision::fp32, 8, -4, 4);
        std::uniform_real_distribution<float> dist(-5.0f, 5.0f);
        std::vector<float> in(1 << 16);
        for (auto& x : in) x = dist(rng);
        volatile float sink = 0;
        j["fp32_n8_elements_per_second"] = rate(opt, [&](size_t n) {
            float acc = 0;
            for (size_t i = 0; i < n; ++i) acc += fp32_pwl(t.fp32, in[i & (in.size() - 1)]);
            sink = sink + acc;
        });
    }
    {
        const PwlTable t = uniform_table("div", Precision::int8, 8, 0.5, 4);
        const ScalerDatapath dp(t);
        volatile int64_t sink = 0;
        j["div_scaler_elements_per_second"] = rate(opt, [&](size_t n) {
            int64_t acc = 0;
            for (size_t i = 0; i < n; ++i) acc += dp.output(static_cast<uint64_t>(i * 2654435761u) & 0xFFFFFFFFu);
            sink = sink + acc;
        });
    }
    return j;
}

const RegisterSection reg{{"golden", "golden model: elements per second, scalar and batch paths", bench_golden, 10}};

}  // namespace

}  // namespace gqalut::bench
