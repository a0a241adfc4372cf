#include "search/nnlut.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "search/parallel.hpp"
#include "search/rng.hpp"
#include "search/segment_fit.hpp"

namespace gqalut {

namespace {

// Solves the (h+1)x(h+1) normal equations with a small ridge; Gaussian elimination with
// partial pivoting (tiny systems).
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
    const size_t n = b.size();
    for (size_t i = 0; i < n; ++i) a[i][i] += 1e-9 * (1.0 + a[i][i]);
    for (size_t col = 0; col < n; ++col) {
        size_t piv = col;
        for (size_t r = col + 1; r < n; ++r)
            if (std::fabs(a[r][col]) > std::fabs(a[piv][col])) piv = r;
        std::swap(a[col], a[piv]);
        std::swap(b[col], b[piv]);
        if (a[col][col] == 0) continue;
        for (size_t r = col + 1; r < n; ++r) {
            const double f = a[r][col] / a[col][col];
            for (size_t k = col; k < n; ++k) a[r][k] -= f * a[col][k];
            b[r] -= f * b[col];
        }
    }
    std::vector<double> x(n, 0.0);
    for (size_t i = n; i-- > 0;) {
        double s = b[i];
        for (size_t k = i + 1; k < n; ++k) s -= a[i][k] * x[k];
        x[i] = a[i][i] != 0 ? s / a[i][i] : 0.0;
    }
    return x;
}

struct Net {
    std::vector<double> w, c, v;
    double d = 0;
    double operator()(double x) const {
        double y = d;
        for (size_t i = 0; i < w.size(); ++i) y += v[i] * std::max(0.0, w[i] * x + c[i]);
        return y;
    }
};

}  // namespace

NnLutResult nnlut_table(const Problem& p, const NnLutConfig& cfg, uint64_t seed,
                        const std::function<void(int, double)>& progress) {
    const RefFunction& f = p.function();
    const double lo = p.fit_lo(), hi = p.fit_hi();   // the range the input format reaches
    const size_t h = static_cast<size_t>(p.spec().entries - 1);
    Rng rng(seed);

    std::vector<double> xs, ts;
    while (xs.size() < static_cast<size_t>(std::max(16, cfg.samples))) {
        const double x = rng.uniform(lo, hi);
        if (!f.in_domain(x)) continue;
        const double t = f(x);
        if (!std::isfinite(t)) continue;
        xs.push_back(x);
        ts.push_back(t);
    }
    const size_t m = xs.size();

    // Kinks spread over the range with jitter, random orientation; output layer by least squares.
    Net net;
    for (size_t i = 0; i < h; ++i) {
        const double kink = lo + (hi - lo) * (static_cast<double>(i) + 0.5 + 0.8 * (rng.uniform01() - 0.5)) / static_cast<double>(h);
        const double w = rng.uniform01() < 0.5 ? -1.0 : 1.0;
        net.w.push_back(w);
        net.c.push_back(-w * kink);
    }
    {
        std::vector<std::vector<double>> a(h + 1, std::vector<double>(h + 1, 0.0));
        std::vector<double> b(h + 1, 0.0), phi(h + 1);
        for (size_t s = 0; s < m; ++s) {
            for (size_t i = 0; i < h; ++i) phi[i] = std::max(0.0, net.w[i] * xs[s] + net.c[i]);
            phi[h] = 1.0;
            for (size_t i = 0; i <= h; ++i) {
                b[i] += phi[i] * ts[s];
                for (size_t k = 0; k <= h; ++k) a[i][k] += phi[i] * phi[k];
            }
        }
        const auto sol = solve(a, b);
        net.v.assign(sol.begin(), sol.begin() + static_cast<std::ptrdiff_t>(h));
        net.d = sol[h];
    }

    // Full-batch Adam on all parameters. Gradients are summed over fixed chunks, then the chunks
    // in order, so the result is the same for any thread count.
    const size_t params = 3 * h + 1;
    std::vector<double> mom(params, 0.0), vel(params, 0.0);
    constexpr size_t kChunks = 8;
    std::vector<std::vector<double>> grad(kChunks, std::vector<double>(params + 1));
    WorkerPool pool(cfg.threads);
    double mse = 0;
    const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    for (int step = 1; step <= cfg.steps; ++step) {
        pool.for_each(kChunks, [&](size_t ch) {
            auto& g = grad[ch];
            std::fill(g.begin(), g.end(), 0.0);
            const size_t s0 = ch * m / kChunks, s1 = (ch + 1) * m / kChunks;
            for (size_t s = s0; s < s1; ++s) {
                const double x = xs[s];
                const double e = net(x) - ts[s];
                const double dy = 2.0 * e / static_cast<double>(m);
                for (size_t i = 0; i < h; ++i) {
                    const double z = net.w[i] * x + net.c[i];
                    if (z <= 0) continue;
                    g[i] += dy * net.v[i] * x;      // d/dw
                    g[h + i] += dy * net.v[i];      // d/dc
                    g[2 * h + i] += dy * z;         // d/dv
                }
                g[3 * h] += dy;                     // d/dd
                g[params] += e * e;
            }
        });
        std::vector<double> total(params + 1, 0.0);
        for (const auto& g : grad)
            for (size_t k = 0; k <= params; ++k) total[k] += g[k];
        mse = total[params] / static_cast<double>(m);
        const double lr = cfg.lr * (step > cfg.steps * 3 / 4 ? 0.25 : step > cfg.steps / 2 ? 0.5 : 1.0);
        const double c1 = 1.0 - std::pow(b1, step), c2 = 1.0 - std::pow(b2, step);
        for (size_t k = 0; k < params; ++k) {
            mom[k] = b1 * mom[k] + (1 - b1) * total[k];
            vel[k] = b2 * vel[k] + (1 - b2) * total[k] * total[k];
            const double delta = lr * (mom[k] / c1) / (std::sqrt(vel[k] / c2) + eps);
            double& par = k < h ? net.w[k] : k < 2 * h ? net.c[k - h] : k < 3 * h ? net.v[k - 2 * h] : net.d;
            par -= delta;
        }
        if (progress && (step % 500 == 0 || step == cfg.steps)) progress(step, mse);
    }

    // The network as a pwl: sorted kinks, and per interval the active units' slope/intercept.
    std::vector<double> kinks;
    for (size_t i = 0; i < h; ++i) {
        const double k = net.w[i] != 0 ? -net.c[i] / net.w[i] : hi + 1.0;
        kinks.push_back(std::clamp(std::isfinite(k) ? k : hi + 1.0, lo - 1.0, hi + 1.0));   // outside: same split
    }
    std::sort(kinks.begin(), kinks.end());
    std::vector<double> slopes, intercepts;
    for (size_t seg = 0; seg <= h; ++seg) {
        const double a = seg == 0 ? kinks.empty() ? lo : kinks[0] - 1.0 : kinks[seg - 1];
        const double b = seg == h ? (kinks.empty() ? hi : kinks[h - 1] + 1.0) : kinks[seg];
        const double mid = 0.5 * (a + b);   // a point inside the interval decides which units are active
        double k = 0, icpt = net.d;
        for (size_t i = 0; i < h; ++i) {
            if (net.w[i] * mid + net.c[i] <= 0) continue;
            k += net.v[i] * net.w[i];
            icpt += net.v[i] * net.c[i];
        }
        slopes.push_back(k);
        intercepts.push_back(icpt);
    }

    NnLutResult r;
    r.train_mse = mse;
    r.pwl = {kinks, slopes, intercepts};
    r.table = nnlut_convert(p, r.pwl);
    r.table.seed = seed;
    return r;
}

PwlTable nnlut_convert(const Problem& p, const NnLutPwl& pwl) {
    PwlTable t = p.blank_table("nnlut");
    if (p.is_fp32()) {
        for (double k : pwl.kinks) t.fp32.breakpoints.push_back(static_cast<float>(k));
        for (size_t i = 0; i < pwl.slopes.size(); ++i) {
            t.fp32.slopes.push_back(static_cast<float>(pwl.slopes[i]));
            t.fp32.intercepts.push_back(static_cast<float>(pwl.intercepts[i]));
        }
        return t;
    }
    SharedBreakpoints sh;
    sh.breakpoints = pwl.kinks;
    const bool relative = t.datapath.intercept == InterceptMode::relative;
    for (size_t i = 0; i < pwl.slopes.size(); ++i) {
        // Relative intercepts: B is the piece's value at its start (§10), the range's low end
        // for the first piece.
        const double start = !relative ? 0.0 : i == 0 ? p.fit_lo() : std::max(p.fit_lo(), pwl.kinks[i - 1]);
        sh.slopes.push_back(param_code(pwl.slopes[i], t.params.lambda_k, t.params));
        sh.intercepts.push_back(param_code(pwl.intercepts[i] + pwl.slopes[i] * start, t.params.lambda_b, t.params));
    }
    t.shared = sh;
    return t;
}

}  // namespace gqalut
