#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "errors.hpp"
#include "fp32_datapath.hpp"
#include "int_datapath.hpp"
#include "scaler_datapath.hpp"

namespace gqalut {

Protocol parse_protocol(const std::string& s) {
    if (s == "paper") return Protocol::paper;
    if (s == "full") return Protocol::full;
    if (s == "wide") return Protocol::wide;
    if (s == "codes") return Protocol::codes;
    throw BadInput("unknown protocol '" + s + "' (known: paper, full, wide, codes)");
}

std::string to_string(Protocol p) {
    switch (p) {
        case Protocol::paper: return "paper";
        case Protocol::full: return "full";
        case Protocol::wide: return "wide";
        case Protocol::codes: return "codes";
    }
    return "?";
}

namespace {

constexpr double kStep = 0.01;   // paper Algorithm 1, line 6

// numpy.arange(lo, hi, 0.01): the paper's sample count (Table 1 "data size"), bounded.
size_t arange_count(double lo, double hi) {
    const double n = std::max(0.0, std::ceil((hi - lo) / kStep - 1e-9));   // inf for huge ranges
    if (!(n <= kMaxStepPoints))
        throw BadInput("--range: [" + show_number(lo) + ", " + show_number(hi) + "] sampled with step 0.01 gives " +
                       show_number(n) + " points, more than the protocol's limit of " + show_number(kMaxStepPoints));
    return static_cast<size_t>(n);
}

// The codes q of the format [qmin, qmax] with x = q 2^-s in [lo, hi], as an interval
// (empty: q0 > q1). Compared in double before any conversion, so a range beyond the format
// (or beyond int64) clamps to the format instead of overflowing.
std::pair<int64_t, int64_t> code_interval(double lo, double hi, int s, int64_t qmin, int64_t qmax) {
    const double a = std::ceil(std::ldexp(lo, s)), b = std::floor(std::ldexp(hi, s));
    const int64_t q0 = a <= static_cast<double>(qmin) ? qmin : a > static_cast<double>(qmax) ? qmax + 1 : static_cast<int64_t>(a);
    const int64_t q1 = b >= static_cast<double>(qmax) ? qmax : b < static_cast<double>(qmin) ? qmin - 1 : static_cast<int64_t>(b);
    return {q0, q1};
}

// The paper's DIV/RSQRT inputs: x = lo + i * 0.01 as codes of the scaler's input format. A range
// reduction (EXP2, LOG2, EXP) whose range holds more than kMaxStepPoints of them takes
// kMaxStepPoints evenly spaced points instead (`sampled`): log2 on (0, 65535] is measurable.
struct ScalerInputs {
    std::vector<uint64_t> u;
    bool sampled = false;
};
ScalerInputs scaler_paper_inputs(const RangeScaler& sc, double lo, double hi) {
    const FixFormat& in = sc.spec().input;
    ScalerInputs r;
    double step = kStep;
    size_t n;
    if (is_reduction(sc.func()) && std::ceil((hi - lo) / kStep - 1e-9) > kMaxStepPoints) {
        n = static_cast<size_t>(kMaxStepPoints);
        step = (hi - lo) / kMaxStepPoints;
        r.sampled = true;
    } else {
        n = arange_count(lo, hi);
    }
    for (size_t i = 0; i < n; ++i)
        r.u.push_back(static_cast<uint64_t>(
            round_half_even_scaled(lo + static_cast<double>(i) * step, in.frac, in.min_code(), in.max_code())));
    return r;
}

// The `codes` protocol's inputs: every code of the scaler's input format in [lo, hi], ascending;
// more than kMaxStepPoints of them are sampled with a constant stride from the lowest.
ScalerInputs scaler_code_inputs(const RangeScaler& sc, double lo, double hi) {
    const FixFormat& in = sc.spec().input;
    const auto [q0, q1] = code_interval(lo, hi, in.frac, in.min_code(), in.max_code());
    ScalerInputs r;
    if (q0 > q1) return r;
    const int64_t n = q1 - q0 + 1;   // at most 2^32: no overflow
    const int64_t most = static_cast<int64_t>(kMaxStepPoints);
    const int64_t stride = (n + most - 1) / most;
    r.sampled = stride > 1;
    for (int64_t q = q0; q <= q1; q += stride) r.u.push_back(static_cast<uint64_t>(q));
    return r;
}

// The last code b in [a, last] such that `same` holds on all of [a, b], for a predicate that
// holds on an interval starting at a (the scaler's choice is monotone in the input code):
// gallop, then bisect.
template <class T, class Same>
T interval_end(T a, T last, Same same) {
    T lo = a, step = 1;
    while (lo + step <= last && same(lo + step)) {
        lo += step;
        step *= 2;
    }
    T hi = std::min(last, lo + step);
    if (same(hi)) lo = hi;
    while (hi > lo + 1) {
        const T mid = lo + (hi - lo) / 2;
        (same(mid) ? lo : hi) = mid;
    }
    return lo;
}

// Running sums of one group of points.
struct ErrorSum {
    double sq = 0, max_abs = 0;
    uint64_t n = 0;
    void add(double err, double weight = 1.0) {
        sq += weight * err * err;
        max_abs = std::max(max_abs, std::fabs(err) * std::sqrt(weight));
        ++n;
    }
    double mse() const { return n ? sq / static_cast<double>(n) : 0.0; }
};

void finish_mean(Metrics& m) {
    double sum = 0;
    for (const auto& kv : m.mse_per_scale) sum += kv.second;
    m.mse_mean = m.mse_per_scale.empty() ? 0.0 : sum / static_cast<double>(m.mse_per_scale.size());
}

std::vector<int> chosen_scales(const PwlTable& t, const EvalOptions& opt) {
    if (!opt.scales) return t.scales;
    for (int s : *opt.scales) {
        if (s < 0 || s > t.params.k - 1)
            throw BadInput("--scales: " + std::to_string(s) + " outside [0, " + std::to_string(t.params.k - 1) + "]");
        if (!t.is_shared() && !t.per_scale.count(s))
            throw BadInput("--scales: the table has no LUT for scale " + std::to_string(s));
    }
    return *opt.scales;
}

// ---- INT tables with a scaled input ------------------------------------------------------

Metrics eval_int(const PwlTable& t, const RefFunction& f, Protocol protocol, const EvalOptions& opt) {
    if (protocol == Protocol::wide)
        throw BadInput("protocol wide is for div and rsqrt tables (the multi-range scaler); use paper or full");
    if (protocol == Protocol::codes)
        throw BadInput("protocol codes is for scaler tables (div, rsqrt, exp2, log2, reduced exp); the INT unit's paper "
                       "protocol already scores every input code in the range");
    Metrics m;
    m.protocol = to_string(protocol);
    const auto scales = chosen_scales(t, opt);
    for (int s : scales) {
        const IntDatapath dp = int_datapath(t, s);
        ErrorSum e;
        if (protocol == Protocol::paper) {
            const auto grid = paper_grid(f, t.params, {s}, t.range_lo, t.range_hi);
            m.sampled = m.sampled || grid[0].stride > 1;
            for (size_t i = 0; i < grid[0].q.size(); ++i) e.add(dp.value(grid[0].q[i]) - grid[0].target[i]);
        } else {
            // Every code for k <= 16; INT32 takes a deterministic stride of 2^12 (2^20 codes).
            const int64_t stride = t.params.k > 16 ? (int64_t(1) << 12) : 1;
            m.sampled = m.sampled || stride > 1;
            for (int64_t q = t.params.min_code(); q <= t.params.max_code(); q += stride) {
                const double x = std::ldexp(static_cast<double>(q), -s);
                if (!f.in_domain(x)) continue;
                const double fx = f(x);
                if (std::isfinite(fx)) e.add(dp.value(q) - fx);
            }
        }
        m.mse_per_scale.emplace_back(std::to_string(s), e.mse());
        m.max_abs_error = std::max(m.max_abs_error, e.max_abs);
        m.points += e.n;
    }
    finish_mean(m);
    return m;
}

// ---- DIV/RSQRT behind the multi-range scaler ----------------------------------------------

// Sums over every input code u in [a, b] with one constant result y (one scaler choice).
struct WideSum {
    double sq = 0, max_abs = 0, rel = 0, max_rel = 0, max_lsb = 0;
    uint64_t n = 0, saturated = 0;
    void merge(const WideSum& o) {
        sq += o.sq;
        rel += o.rel;
        n += o.n;
        saturated += o.saturated;
        max_abs = std::max(max_abs, o.max_abs);
        max_rel = std::max(max_rel, o.max_rel);
        max_lsb = std::max(max_lsb, o.max_lsb);
    }
};

template <class F>
void sum_interval(uint64_t a, uint64_t b, double y, double yq, bool sat, double in_lsb, double out_lsb, F f,
                  WideSum& w) {
    for (uint64_t u = a; u <= b; ++u) {
        const double fx = f(static_cast<double>(u) * in_lsb);
        const double d = y - fx;
        w.sq += d * d;
        w.max_abs = std::max(w.max_abs, std::fabs(d));
        const double r = std::fabs(d) / fx;
        w.rel += r;
        w.max_rel = std::max(w.max_rel, r);
        if (!sat) w.max_lsb = std::max(w.max_lsb, std::fabs(yq - fx) / out_lsb);
    }
    w.n += b - a + 1;
    if (sat) w.saturated += b - a + 1;
}

// EXP2/LOG2/EXP full and wide: every input code (in the input format's order) whose exact f(x)
// the output format represents (|f(x)| at most its largest value; EXP2/EXP at least one LSB), in
// intervals of one reduction choice (the result is constant on each); relative errors for the
// positive EXP2/EXP. The three functions increase, so the codes form one interval, found by
// bisection.
Metrics eval_reduction(const ScalerDatapath& dp, const RefFunction& f, Protocol protocol) {
    const ScalerSpec& spec = dp.scaler().spec();
    const RangeScaler& sc = dp.scaler();
    Metrics m;
    m.protocol = to_string(protocol);
    const double out_lsb = std::ldexp(1.0, -spec.output.frac);
    const double out_lo = static_cast<double>(spec.output.min_code()) * out_lsb;
    const double out_hi = static_cast<double>(spec.output.max_code()) * out_lsb;
    const bool relative = sc.func() != ScalerFunc::log2;
    const auto fx_of = [&](int64_t code) {
        const double x = std::ldexp(static_cast<double>(code), -spec.input.frac);
        return f.in_domain(x) ? f(x) : -std::numeric_limits<double>::infinity();
    };
    const double floor_y = relative ? out_lsb : out_lo;
    // First code with f >= floor_y, last code with f <= out_hi (f increasing).
    int64_t b0 = spec.input.min_code(), b1 = spec.input.max_code() + 1;
    while (b0 < b1) {
        const int64_t mid = b0 + (b1 - b0) / 2;
        if (fx_of(mid) >= floor_y) b1 = mid;
        else b0 = mid + 1;
    }
    const int64_t first = b0;
    b0 = first - 1;
    b1 = spec.input.max_code();
    while (b0 < b1) {
        const int64_t mid = b0 + (b1 - b0 + 1) / 2;
        if (fx_of(mid) <= out_hi) b0 = mid;
        else b1 = mid - 1;
    }
    const int64_t last = b0;
    const auto word = [](int64_t code) { return static_cast<uint64_t>(code); };
    const auto same = [&](int64_t code, const ScalerChoice& c) {
        const ScalerChoice d = sc.select(word(code));
        return d.core_code == c.core_code && d.int_part == c.int_part && d.zero == c.zero;
    };
    WideSum all;
    for (int64_t a = first; a <= last;) {
        const ScalerChoice c = sc.select(word(a));
        const int64_t lo = interval_end(a, last, [&](int64_t u) { return same(u, c); });
        const auto r = dp.exact(word(a));
        const double y = r.value();
        const double yq = static_cast<double>(dp.output(word(a))) * out_lsb;
        for (int64_t u = a; u <= lo; ++u) {
            const double fx = fx_of(u);
            if (!std::isfinite(fx) || fx < floor_y || fx > out_hi) continue;
            const double d = y - fx;
            all.sq += d * d;
            all.max_abs = std::max(all.max_abs, std::fabs(d));
            if (relative && fx > 0) {
                all.rel += std::fabs(d) / fx;
                all.max_rel = std::max(all.max_rel, std::fabs(d) / fx);
            }
            all.max_lsb = std::max(all.max_lsb, std::fabs(yq - fx) / out_lsb);
            ++all.n;
        }
        if (lo == last) break;
        a = lo + 1;
    }
    m.mse_per_scale.emplace_back("none", all.n ? all.sq / static_cast<double>(all.n) : 0.0);
    m.max_abs_error = all.max_abs;
    m.points = all.n;
    if (relative) {
        m.max_rel_error = all.max_rel;
        m.mean_rel_error = all.n ? all.rel / static_cast<double>(all.n) : 0.0;
    }
    m.max_lsb_error = all.max_lsb;
    finish_mean(m);
    return m;
}

Metrics eval_scaler(const PwlTable& t, const RefFunction& f, Protocol protocol, const EvalOptions& opt) {
    const ScalerDatapath dp(t);
    const ScalerSpec& spec = dp.scaler().spec();
    Metrics m;
    m.protocol = to_string(protocol);
    const double out_lsb = std::ldexp(1.0, -spec.output.frac);
    if (protocol == Protocol::paper || protocol == Protocol::codes) {
        ErrorSum e;
        double max_lsb = 0;
        f.check_range(t.range_lo, t.range_hi);
        const ScalerInputs inputs = protocol == Protocol::codes ? scaler_code_inputs(dp.scaler(), t.range_lo, t.range_hi)
                                                                : scaler_paper_inputs(dp.scaler(), t.range_lo, t.range_hi);
        m.sampled = inputs.sampled;
        for (uint64_t u : inputs.u) {
            const double fx = finite_target(f, std::ldexp(static_cast<double>(dp.scaler().input_code(u)), -spec.input.frac));
            e.add(dp.exact(u).value() - fx);
            max_lsb = std::max(max_lsb, std::fabs(static_cast<double>(dp.output(u)) * out_lsb - fx) / out_lsb);
        }
        m.mse_per_scale.emplace_back("none", e.mse());
        m.max_abs_error = e.max_abs;
        m.points = e.n;
        m.max_lsb_error = max_lsb;
        finish_mean(m);
        return m;
    }
    if (is_reduction(dp.scaler().func())) return eval_reduction(dp, f, protocol);
    // full / wide: every input code with x > 0, in intervals of one scaler choice.
    struct Interval {
        uint64_t a, b;
        double y, yq;
        bool sat;
    };
    std::vector<Interval> intervals;
    const uint64_t last = static_cast<uint64_t>(spec.input.max_code());
    auto same = [&dp](uint64_t u, const ScalerChoice& c) {
        const ScalerChoice d = dp.scaler().select(u);
        return d.shift == c.shift && d.core_code == c.core_code;
    };
    for (uint64_t a = 1; a <= last;) {
        const ScalerChoice c = dp.scaler().select(a);
        const uint64_t lo = interval_end(a, last, [&](uint64_t u) { return same(u, c); });
        const auto r = dp.exact(a);
        const int64_t q = requantize(r.acc, r.frac, spec.output);
        const bool sat = q == spec.output.min_code() || q == spec.output.max_code();
        // In pieces of at most 2^22 codes, so the two threads share the work evenly and progress
        // can be told.
        for (uint64_t p = a; p <= lo; p += uint64_t(1) << 22)
            intervals.push_back({p, std::min(lo, p + (uint64_t(1) << 22) - 1), r.value(), static_cast<double>(q) * out_lsb, sat});
        a = lo + 1;
    }
    const double in_lsb = std::ldexp(1.0, -spec.input.frac);
    const bool rsqrt = t.function == "rsqrt";
    const unsigned threads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    std::vector<WideSum> part(threads);
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < threads; ++k)
        pool.emplace_back([&, k] {
            for (size_t i = k; i < intervals.size(); i += threads) {
                const auto& iv = intervals[i];
                if (k == 0 && opt.progress) opt.progress(static_cast<double>(iv.a) / static_cast<double>(last));
                WideSum w;
                if (rsqrt)
                    sum_interval(iv.a, iv.b, iv.y, iv.yq, iv.sat, in_lsb, out_lsb,
                                 [](double x) { return 1.0 / std::sqrt(x); }, w);
                else
                    sum_interval(iv.a, iv.b, iv.y, iv.yq, iv.sat, in_lsb, out_lsb, [](double x) { return 1.0 / x; }, w);
                part[k].merge(w);
            }
        });
    for (auto& th : pool) th.join();
    if (opt.progress) opt.progress(1.0);
    WideSum all;
    for (const auto& p : part) all.merge(p);
    m.mse_per_scale.emplace_back("none", all.n ? all.sq / static_cast<double>(all.n) : 0.0);
    m.max_abs_error = all.max_abs;
    m.points = all.n;
    m.max_rel_error = all.max_rel;
    m.mean_rel_error = all.n ? all.rel / static_cast<double>(all.n) : 0.0;
    m.max_lsb_error = all.max_lsb;
    finish_mean(m);
    return m;
}

// ---- FP32 ------------------------------------------------------------------------------

Metrics eval_fp32(const PwlTable& t, const RefFunction& f, Protocol protocol) {
    if (protocol == Protocol::wide)
        throw BadInput("protocol wide is for INT div and rsqrt tables (the multi-range scaler); use paper or full");
    if (protocol == Protocol::codes)
        throw BadInput("protocol codes is for INT scaler tables (div, rsqrt, exp2, log2, reduced exp); use paper or full");
    Metrics m;
    m.protocol = to_string(protocol);
    ErrorSum e;
    auto add = [&](float x) {
        if (!f.in_domain(x)) return;
        const double fx = f(static_cast<double>(x));
        if (std::isfinite(fx)) e.add(static_cast<double>(fp32_pwl(t.fp32, x)) - fx);
    };
    if (protocol == Protocol::paper) {
        f.check_range(t.range_lo, t.range_hi);
        for (float x : fp32_paper_points(t.range_lo, t.range_hi))
            e.add(static_cast<double>(fp32_pwl(t.fp32, x)) - finite_target(f, static_cast<double>(x)));
    } else {
        // Every binary32 value in the range, by bit pattern, at most 2^24 of them.
        const float lo = static_cast<float>(t.range_lo), hi = static_cast<float>(t.range_hi);
        // Ordered integer key of a float: monotone in value across signs.
        auto key = [](float v) {
            const int64_t b = f32_bits(v);
            return (b & 0x80000000) ? -(b & 0x7FFFFFFF) : b;
        };
        auto from_key = [](int64_t kk) {
            return f32_from_bits(kk < 0 ? static_cast<uint32_t>(0x80000000u | static_cast<uint32_t>(-kk))
                                        : static_cast<uint32_t>(kk));
        };
        const int64_t k0 = key(lo), k1 = key(hi);
        const int64_t stride = std::max<int64_t>(1, (k1 - k0) >> 24);
        m.sampled = stride > 1;
        for (int64_t kk = k0; kk <= k1; kk += stride) add(from_key(kk));
    }
    m.mse_per_scale.emplace_back("none", e.mse());
    m.max_abs_error = e.max_abs;
    m.points = e.n;
    finish_mean(m);
    return m;
}

// An INT unit's output stays below 2^63 in magnitude in every format (acc = K q + B of codes of
// at most 32 bits, shifted right by the fraction bits): a target beyond it cannot be reached.
// The search's integer codes then saturated without a rail warning (1e19 * x: every code 0,
// and from 1e160 * x on an MSE of inf, reported as null), so it is refused here.
double int_target(const RefFunction& f, double x) {
    const double y = finite_target(f, x);
    if (!(std::fabs(y) < 0x1p63))
        throw BadInput((f.expr().empty() ? f.name() : "expression '" + f.expr() + "'") + " is " + show_number(y) +
                       " at x = " + show_number(x) + ", beyond the 2^63 in magnitude that an INT table's output can reach");
    return y;
}

}  // namespace

std::vector<ScaleGrid> paper_grid(const RefFunction& f, const IntParams& p, const std::vector<int>& scales, double lo,
                                  double hi) {
    std::vector<ScaleGrid> grids;
    for (int s : scales) {
        ScaleGrid g;
        g.s = s;
        const auto [q0, q1] = code_interval(lo, hi, s, p.min_code(), p.max_code());
        if (q0 <= q1) {
            // q1 - q0 < 2^k <= 2^32: no overflow.
            const int64_t n = q1 - q0 + 1;
            g.stride = (n + kMaxGridCodes - 1) / kMaxGridCodes;
            for (int64_t q = q0; q <= q1; q += g.stride) {
                const double x = std::ldexp(static_cast<double>(q), -s);
                if (!f.in_domain(x)) f.check_range(lo, hi);   // names the domain
                g.q.push_back(q);
                g.target.push_back(int_target(f, x));
                g.weight.push_back(1.0);
            }
        }
        grids.push_back(std::move(g));
    }
    return grids;
}

namespace {

// The core's points for scaler inputs u (the paper and codes protocols).
ScaleGrid scaler_grid(const RefFunction& f, const RangeScaler& scaler, double lo, double hi, const ScalerInputs& inputs) {
    ScaleGrid g;
    g.s = scaler.core_frac();
    const auto& in = scaler.spec().input;
    for (uint64_t u : inputs.u) {
        const ScalerChoice c = scaler.select(u);
        if (c.zero) continue;
        const double x = std::ldexp(static_cast<double>(scaler.input_code(u)), -in.frac);
        if (!f.in_domain(x)) f.check_range(lo, hi);
        // result = pwl * m * 2^-e + offset (m: the octave's constant, else 1): the core's
        // target is (f(x) - offset) * 2^e / m, its weight (m * 2^-e)^2.
        const int e = scaler.result_shift(c);
        const double m = scaler.result_factor(c);
        g.q.push_back(c.core_code);
        g.target.push_back(std::ldexp(finite_target(f, x) - static_cast<double>(scaler.result_offset(c)), e) / m);
        g.weight.push_back(std::ldexp(m * m, -2 * e));
    }
    return g;
}

}  // namespace

ScaleGrid scaler_paper_grid(const RefFunction& f, const RangeScaler& scaler, double lo, double hi) {
    return scaler_grid(f, scaler, lo, hi, scaler_paper_inputs(scaler, lo, hi));
}

ScaleGrid scaler_codes_grid(const RefFunction& f, const RangeScaler& scaler, double lo, double hi) {
    return scaler_grid(f, scaler, lo, hi, scaler_code_inputs(scaler, lo, hi));
}

std::vector<float> fp32_paper_points(double lo, double hi) {
    std::vector<float> xs;
    const size_t n = arange_count(lo, hi);
    for (size_t i = 0; i < n; ++i) xs.push_back(static_cast<float>(lo + static_cast<double>(i) * kStep));
    return xs;
}

double finite_target(const RefFunction& f, double x) {
    const double y = f(x);
    if (!std::isfinite(y))
        throw BadInput((f.expr().empty() ? f.name() : "expression '" + f.expr() + "'") + " is not finite at x = " +
                       show_number(x) + ", inside the range: no table can approximate it there");
    return y;
}

double grid_mse(const ScaleGrid& g, const IntParams& p, const LutCodes& lut) {
    IntDatapath dp(p, g.s, lut);
    double sq = 0;
    for (size_t i = 0; i < g.q.size(); ++i) {
        const double d = dp.value(g.q[i]) - g.target[i];
        sq += g.weight[i] * d * d;
    }
    return g.q.empty() ? 0.0 : sq / static_cast<double>(g.q.size());
}

Metrics evaluate(const PwlTable& t, Protocol protocol, const EvalOptions& opt) {
    const RefFunctionPtr f = make_function(t.function, t.expr, t.range_lo, t.range_hi);
    if (t.precision == Precision::fp32) return eval_fp32(t, *f, protocol);
    if (t.scaler) {
        if (opt.scales) throw BadInput("--scales does not apply to div/rsqrt tables (their core has one scale)");
        return eval_scaler(t, *f, protocol, opt);
    }
    return eval_int(t, *f, protocol, opt);
}

nlohmann::json Metrics::to_json() const {
    nlohmann::json j;
    j["protocol"] = protocol;
    j["mse_mean"] = mse_mean;
    nlohmann::json per = nlohmann::json::object();
    for (const auto& [k, v] : mse_per_scale) per[k] = v;
    j["mse_per_scale"] = per;
    j["max_abs_error"] = max_abs_error;
    j["points"] = points;
    j["sampled"] = sampled;
    if (max_rel_error) j["max_rel_error"] = *max_rel_error;
    if (mean_rel_error) j["mean_rel_error"] = *mean_rel_error;
    if (max_lsb_error) j["max_lsb_error"] = *max_lsb_error;
    return j;
}

}  // namespace gqalut
