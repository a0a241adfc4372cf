#include "tlm/kernels.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "model/errors.hpp"
#include "tlm/pwl_driver.hpp"

namespace gqalut::vp {

namespace {

constexpr uint64_t kIn = Platform::kRamBase + 0x100000;    // input buffer
constexpr uint64_t kOut = Platform::kRamBase + 0x800000;   // output buffer

// Deterministic normal samples (Box-Muller on the raw 64-bit stream: same on every library).
struct Normal {
    std::mt19937_64 rng;
    explicit Normal(uint64_t seed) : rng(seed) {}
    double uniform() { return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53; }
    double operator()(double mean, double sd) {
        return mean + sd * std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
    }
};

int8_t quantize(double x, int s) {
    return static_cast<int8_t>(std::max(-128.0, std::min(127.0, std::nearbyint(std::ldexp(x, s)))));
}

void fnv(uint64_t& h, const std::vector<uint8_t>& bytes) {
    for (uint8_t b : bytes) h = (h ^ b) * 0x100000001b3ull;
}

struct Errors {
    double max = 0, sum = 0;
    uint64_t n = 0;
    void add(double e) {
        max = std::max(max, std::fabs(e));
        sum += std::fabs(e);
        ++n;
    }
    void report(KernelResult& r) const {
        r.outputs = n;
        r.max_abs_error = max;
        r.mean_abs_error = n ? sum / static_cast<double>(n) : 0.0;
    }
};

// One accelerator job: n input elements of `in` (already in the element format) -> outputs.
std::vector<uint8_t> accelerate(Cpu& cpu, PwlDriver& drv, const std::vector<uint8_t>& in, uint64_t n, KernelResult& r) {
    cpu.write_block(kIn, in.data(), in.size());
    const PwlDriver::Job job = drv.run(kIn, kOut, n);
    r.ok = r.ok && job.ok;
    r.cycles += job.cycles;
    r.energy_pj += static_cast<double>(job.energy_fj) / 1000.0;
    r.elements += n;
    std::vector<uint8_t> out(n * drv.out_bytes());
    cpu.read_block(kOut, out.data(), out.size());
    fnv(r.digest, out);
    return out;
}

int64_t read_signed(const std::vector<uint8_t>& b, size_t i, unsigned size) {
    if (size == 4) {
        int32_t v;
        std::memcpy(&v, b.data() + i * 4, 4);
        return v;
    }
    int64_t v;
    std::memcpy(&v, b.data() + i * 8, 8);
    return v;
}

uint32_t read_u32(const std::vector<uint8_t>& b, size_t i) {
    uint32_t v;
    std::memcpy(&v, b.data() + i * 4, 4);
    return v;
}

std::vector<uint8_t> u32_bytes(const std::vector<uint32_t>& v) {
    std::vector<uint8_t> b(v.size() * 4);
    std::memcpy(b.data(), v.data(), b.size());
    return b;
}

// Input codes for the scaler: x in UQ(32-F).F with F = the table's input fraction bits.
uint32_t scaler_code(double x, const PwlTable& t) {
    const double c = std::nearbyint(std::ldexp(x, t.scaler->input.frac));
    return static_cast<uint32_t>(std::max(0.0, std::min(4294967295.0, c)));
}

double exact_frac(const PwlTable& t, int s) { return t.params.lambda_o() + s; }

// EXP of the differences d = x - max(x) (INT8 codes at scale s, d <= 0) through the accelerator:
// the outputs as integers and the value of one unit of them. A range-reduced table takes every
// d as a Q(32-F).F word; an INT8 table sees d clamped to its input range (exp(-8) is 3e-4).
std::vector<int64_t> exp_of_differences(Cpu& cpu, PwlDriver& drv, const PwlTable& exp, const std::vector<int>& d, int s,
                                        KernelResult& r, double& lsb) {
    std::vector<int64_t> e(d.size());
    if (exp.scaler) {
        std::vector<uint32_t> words(d.size());
        for (size_t i = 0; i < d.size(); ++i) {
            const double w = std::nearbyint(std::ldexp(static_cast<double>(d[i]), exp.scaler->input.frac - s));
            if (w < -2147483648.0)
                throw BadInput("the exp table's input Q" + std::to_string(32 - exp.scaler->input.frac) + "." +
                               std::to_string(exp.scaler->input.frac) + " cannot hold x - max(x) = " +
                               std::to_string(std::ldexp(static_cast<double>(d[i]), -s)));
            words[i] = static_cast<uint32_t>(static_cast<int32_t>(w));
        }
        drv.load(exp);
        const auto out = accelerate(cpu, drv, u32_bytes(words), words.size(), r);
        for (size_t i = 0; i < d.size(); ++i) e[i] = read_u32(out, i);
        lsb = std::ldexp(1.0, -exp.scaler->output.frac);
        return e;
    }
    std::vector<uint8_t> codes(d.size());
    for (size_t i = 0; i < d.size(); ++i) codes[i] = static_cast<uint8_t>(std::max(-128, d[i]));
    drv.load(exp, s);
    const auto out = accelerate(cpu, drv, codes, codes.size(), r);
    for (size_t i = 0; i < d.size(); ++i) e[i] = read_signed(out, i, drv.out_bytes());
    lsb = std::ldexp(1.0, -static_cast<int>(exact_frac(exp, s)));
    return e;
}

void softmax(Cpu& cpu, PwlDriver& drv, Normal& rnd, const VpTables& tb, const KernelShape& sh, KernelResult& r) {
    const int R = sh.rows, C = sh.cols, s = kSoftmaxScale;
    std::vector<int8_t> logits(static_cast<size_t>(R) * C);
    for (auto& a : logits) a = quantize(rnd(0.0, 2.0), s);
    std::vector<int> d(logits.size());
    for (int i = 0; i < R; ++i) {
        const int8_t m = *std::max_element(&logits[static_cast<size_t>(i) * C], &logits[static_cast<size_t>(i + 1) * C]);
        for (int j = 0; j < C; ++j) d[static_cast<size_t>(i) * C + j] = logits[static_cast<size_t>(i) * C + j] - m;
    }
    double e_lsb = 0;
    const std::vector<int64_t> e = exp_of_differences(cpu, drv, tb.exp, d, s, r, e_lsb);
    // Row sums in software, then 1/sum through the scaler (DIV).
    std::vector<double> sums(static_cast<size_t>(R));
    std::vector<uint32_t> codes(static_cast<size_t>(R));
    for (int i = 0; i < R; ++i) {
        int64_t acc = 0;
        for (int j = 0; j < C; ++j) acc += e[static_cast<size_t>(i) * C + j];
        sums[static_cast<size_t>(i)] = static_cast<double>(acc) * e_lsb;
        codes[static_cast<size_t>(i)] = scaler_code(sums[static_cast<size_t>(i)], tb.div);
    }
    drv.load(tb.div);
    const auto inv = accelerate(cpu, drv, u32_bytes(codes), codes.size(), r);
    const double inv_lsb = std::ldexp(1.0, -tb.div.scaler->output.frac);
    Errors err;
    for (int i = 0; i < R; ++i) {
        const double rinv = static_cast<double>(read_u32(inv, static_cast<size_t>(i))) * inv_lsb;
        double ref_sum = 0;
        const double m = *std::max_element(&logits[static_cast<size_t>(i) * C], &logits[static_cast<size_t>(i + 1) * C]) * std::ldexp(1.0, -s);
        for (int j = 0; j < C; ++j) ref_sum += std::exp(logits[static_cast<size_t>(i) * C + j] * std::ldexp(1.0, -s) - m);
        for (int j = 0; j < C; ++j) {
            const size_t k = static_cast<size_t>(i) * C + j;
            const double prob = static_cast<double>(e[k]) * e_lsb * rinv;
            const double ref = std::exp(logits[k] * std::ldexp(1.0, -s) - m) / ref_sum;
            err.add(prob - ref);
        }
    }
    err.report(r);
}

void layernorm(Cpu& cpu, PwlDriver& drv, Normal& rnd, const VpTables& tb, const KernelShape& sh, KernelResult& r) {
    // Rows are tokens, columns channels: normalise each token over its channels.
    const int R = sh.cols, C = sh.rows, s = kLayerNormScale;
    constexpr double kEps = 1e-5;
    std::vector<int8_t> x(static_cast<size_t>(R) * C);
    for (int i = 0; i < R; ++i) {
        const double mean = rnd(0.0, 1.0), sd = 0.25 + 2.0 * rnd.uniform();
        for (int j = 0; j < C; ++j) x[static_cast<size_t>(i) * C + j] = quantize(rnd(mean, sd), s);
    }
    const double lsb = std::ldexp(1.0, -s);
    std::vector<double> mean(static_cast<size_t>(R)), var(static_cast<size_t>(R));
    std::vector<uint32_t> codes(static_cast<size_t>(R));
    for (int i = 0; i < R; ++i) {
        int64_t sum = 0, sq = 0;
        for (int j = 0; j < C; ++j) {
            const int64_t a = x[static_cast<size_t>(i) * C + j];
            sum += a;
            sq += a * a;
        }
        mean[static_cast<size_t>(i)] = static_cast<double>(sum) / C * lsb;
        var[static_cast<size_t>(i)] = (static_cast<double>(sq) / C - std::pow(static_cast<double>(sum) / C, 2)) * lsb * lsb;
        codes[static_cast<size_t>(i)] = scaler_code(var[static_cast<size_t>(i)] + kEps, tb.rsqrt);
    }
    drv.load(tb.rsqrt);
    const auto inv = accelerate(cpu, drv, u32_bytes(codes), codes.size(), r);
    const double inv_lsb = std::ldexp(1.0, -tb.rsqrt.scaler->output.frac);
    Errors err;
    for (int i = 0; i < R; ++i) {
        const double rs = static_cast<double>(read_u32(inv, static_cast<size_t>(i))) * inv_lsb;
        const double ref_rs = 1.0 / std::sqrt(var[static_cast<size_t>(i)] + kEps);
        for (int j = 0; j < C; ++j) {
            const double v = x[static_cast<size_t>(i) * C + j] * lsb - mean[static_cast<size_t>(i)];
            err.add(v * rs - v * ref_rs);
        }
    }
    err.report(r);
}

void gelu(Cpu& cpu, PwlDriver& drv, Normal& rnd, const VpTables& tb, const KernelShape& sh, KernelResult& r) {
    const int s = kGeluScale;
    const size_t n = static_cast<size_t>(sh.cols) * 256;   // tokens x FFN hidden units
    std::vector<uint8_t> x(n);
    for (auto& a : x) a = static_cast<uint8_t>(quantize(rnd(0.0, 1.5), s));
    drv.load(tb.gelu, s);
    const auto y = accelerate(cpu, drv, x, n, r);
    const double y_lsb = std::ldexp(1.0, -static_cast<int>(exact_frac(tb.gelu, s)));
    Errors err;
    for (size_t i = 0; i < n; ++i) {
        const double v = static_cast<int8_t>(x[i]) * std::ldexp(1.0, -s);
        const double ref = 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)));
        err.add(static_cast<double>(read_signed(y, i, drv.out_bytes())) * y_lsb - ref);
    }
    err.report(r);
}

}  // namespace

bool is_kernel(const std::string& name) { return name == "softmax" || name == "layernorm" || name == "gelu"; }

KernelResult run_kernel(const std::string& kernel, Platform& p, const VpTables& tables, const KernelShape& shape) {
    if (!is_kernel(kernel)) throw BadInput("unknown kernel '" + kernel + "' (known: softmax, layernorm, gelu)");
    KernelResult r;
    r.kernel = kernel;
    r.digest = 0xcbf29ce484222325ull;
    const sc_core::sc_time t0 = sc_core::sc_time_stamp();
    PwlDriver drv(p.cpu, Platform::kAccelBase);
    Normal rnd(shape.seed);
    if (kernel == "softmax") softmax(p.cpu, drv, rnd, tables, shape, r);
    else if (kernel == "layernorm") layernorm(p.cpu, drv, rnd, tables, shape, r);
    else gelu(p.cpu, drv, rnd, tables, shape, r);
    p.cpu.sync();
    r.sim_time_ns = (sc_core::sc_time_stamp() - t0).to_seconds() * 1e9;
    return r;
}

}  // namespace gqalut::vp
