#include "model/cost/calibration.hpp"

#include <cmath>
#include <limits>

#include "model/csv.hpp"

namespace gqalut::cost {

extern const char* const kTable6Csv;   // embedded_data.cpp

namespace {

// Solves min ||A x - b||² over x >= 0 for a handful of unknowns: least squares on every subset
// of free unknowns, the best feasible one wins (exact for n <= ~6).
std::vector<double> nnls(const std::vector<std::vector<double>>& A, const std::vector<double>& b) {
    const size_t n = A.empty() ? 0 : A[0].size();
    std::vector<double> best(n, 0.0);
    double best_res = std::numeric_limits<double>::infinity();
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
        std::vector<size_t> idx;
        for (size_t i = 0; i < n; ++i)
            if (mask & (1u << i)) idx.push_back(i);
        const size_t m = idx.size();
        std::vector<std::vector<double>> N(m, std::vector<double>(m + 1, 0.0));   // normal equations
        for (size_t r = 0; r < A.size(); ++r)
            for (size_t p = 0; p < m; ++p) {
                for (size_t q = 0; q < m; ++q) N[p][q] += A[r][idx[p]] * A[r][idx[q]];
                N[p][m] += A[r][idx[p]] * b[r];
            }
        bool ok = true;
        for (size_t p = 0; p < m && ok; ++p) {   // Gauss-Jordan with partial pivoting
            size_t piv = p;
            for (size_t q = p + 1; q < m; ++q)
                if (std::fabs(N[q][p]) > std::fabs(N[piv][p])) piv = q;
            if (std::fabs(N[piv][p]) < 1e-12 * (1 + std::fabs(N[p][p]))) {
                ok = false;
                break;
            }
            std::swap(N[p], N[piv]);
            for (size_t q = 0; q < m; ++q) {
                if (q == p) continue;
                const double f = N[q][p] / N[p][p];
                for (size_t c = p; c <= m; ++c) N[q][c] -= f * N[p][c];
            }
        }
        if (!ok) continue;
        std::vector<double> x(n, 0.0);
        for (size_t p = 0; p < m; ++p) {
            x[idx[p]] = N[p][m] / N[p][p];
            if (x[idx[p]] < 0) ok = false;
        }
        if (!ok) continue;
        double res = 0;
        for (size_t r = 0; r < A.size(); ++r) {
            double v = -b[r];
            for (size_t i = 0; i < n; ++i) v += A[r][i] * x[i];
            res += v * v;
        }
        if (res < best_res - 1e-15) {
            best_res = res;
            best = x;
        }
    }
    return best;
}

// Features of a row: what multiplies each fitted constant.
struct Features {
    double ff = 0, ge_int = 0, ge_fp = 0;      // area
    double act_int = 0, act_fp = 0;            // switched GE per cycle
};

Features features(const PaperRow& r, const GateLibrary& g) {
    const UnitStructure s = structure(paper_shape(r), Indexing::parallel, paper_options(), g);
    const Activity a = nominal_activity(s, r.entries);
    Features f;
    f.ff = s.ff_bits();
    f.ge_int = s.ge(false);
    f.ge_fp = s.ge(true);
    for (const auto& b : s.blocks) {
        const BlockActivity* ba = a.find(b.name);
        if (!ba) continue;
        double sw = 0;
        for (size_t x = 0; x < kActions; ++x) sw += ba->count[x] * b.ge_per_action[x];
        (b.fp ? f.act_fp : f.act_int) += sw / a.cycles;
    }
    return f;
}

}  // namespace

std::vector<PaperRow> parse_table6_csv(const std::string& text, const std::string& name) {
    std::vector<PaperRow> rows;
    read_csv(text, name, {"precision", "entries", "area_um2", "power_mw"},
             [&](const std::vector<std::string>& f, const std::string& where) {
                 PaperRow r;
                 r.precision = parse_precision(f[0]);
                 r.entries = static_cast<int>(csv_number(f[1], where + " entries", false));
                 r.area_um2 = csv_number(f[2], where + " area_um2", false);
                 r.power_mw = csv_number(f[3], where + " power_mw", false);
                 rows.push_back(r);
             });
    return rows;
}

std::vector<PaperRow> load_table6(const std::string& path) { return parse_table6_csv(read_text_file(path), path); }

const std::vector<PaperRow>& default_table6() {
    static const std::vector<PaperRow> rows = parse_table6_csv(kTable6Csv, "table6_hw_cost.csv");
    return rows;
}

UnitShape paper_shape(const PaperRow& r) {
    return r.precision == Precision::fp32 ? fp32_shape(r.entries) : int_shape(input_bits(r.precision), r.entries);
}

StructureOptions paper_options() { return table6_structure(); }

UnitCost predict(const PaperRow& r, const Constants& c) {
    return estimate(paper_shape(r), Indexing::parallel, r.entries, c, paper_options());
}

Constants calibrate(const std::vector<PaperRow>& rows, const Constants& base) {
    Constants c = base;
    std::vector<Features> f;
    for (const auto& r : rows) f.push_back(features(r, base.ge));
    // Area: relative residuals, so every row weighs the same.
    {
        std::vector<std::vector<double>> A;
        std::vector<double> b;
        for (size_t i = 0; i < rows.size(); ++i) {
            A.push_back({f[i].ff / rows[i].area_um2, f[i].ge_int / rows[i].area_um2, f[i].ge_fp / rows[i].area_um2});
            b.push_back(1.0);
        }
        bool any_fp = false;
        for (const auto& x : f) any_fp = any_fp || x.ge_fp > 0;
        const auto x = nnls(A, b);
        c.um2_per_ff_bit = x[0];
        c.um2_per_ge = x[1];
        if (any_fp) c.um2_per_ge_fp = x[2];
    }
    // Power: dynamic part after the (assumed) leakage of the fitted area.
    {
        std::vector<std::vector<double>> A;
        std::vector<double> b;
        const double k = c.clock_hz * 1e-9;   // pJ per cycle -> mW
        for (size_t i = 0; i < rows.size(); ++i) {
            const double area = f[i].ff * c.um2_per_ff_bit + f[i].ge_int * c.um2_per_ge + f[i].ge_fp * c.um2_per_ge_fp;
            const double y = rows[i].power_mw;
            A.push_back({k * f[i].ff / y, k * f[i].act_int / y, k * f[i].act_fp / y});
            b.push_back(1.0 - area * c.leakage_mw_per_um2 / y);
        }
        bool any_fp = false;
        for (const auto& x : f) any_fp = any_fp || x.act_fp > 0;
        const auto x = nnls(A, b);
        c.pj_per_ff_bit_cycle = x[0];
        c.pj_per_ge = x[1];
        if (any_fp) c.pj_per_ge_fp = x[2];
    }
    return c;
}

std::vector<RowCheck> validate(const std::vector<PaperRow>& rows, const Constants& used, const Constants& base) {
    std::vector<RowCheck> out;
    for (size_t i = 0; i < rows.size(); ++i) {
        RowCheck rc;
        rc.row = rows[i];
        const UnitCost p = predict(rows[i], used);
        rc.area_um2 = p.area_um2;
        rc.power_mw = p.power_mw;
        std::vector<PaperRow> rest;
        for (size_t j = 0; j < rows.size(); ++j)
            if (j != i) rest.push_back(rows[j]);
        const UnitCost l = predict(rows[i], calibrate(rest, base));
        rc.loo_area_um2 = l.area_um2;
        rc.loo_power_mw = l.power_mw;
        out.push_back(rc);
    }
    return out;
}

}  // namespace gqalut::cost
