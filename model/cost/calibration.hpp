// Calibration of the cost constants to paper Table 6 (TSMC 28 nm, Synopsys DC, 500 MHz) and
// its leave-one-out validation (calibrate without a row, predict it).
#pragma once
#include <string>
#include <vector>

#include "model/cost/cost_model.hpp"
#include "model/pwl_table.hpp"

namespace gqalut::cost {

struct PaperRow {
    Precision precision = Precision::int8;
    int entries = 8;
    double area_um2 = 0;
    double power_mw = 0;
};

std::vector<PaperRow> parse_table6_csv(const std::string& text, const std::string& name);   // throws BadInput
std::vector<PaperRow> load_table6(const std::string& path);
// docs/paper/table6_hw_cost.csv, embedded at build time.
const std::vector<PaperRow>& default_table6();

// The unit a Table 6 row describes in this model: input and parameter width k, MaxEntries =
// entries, one lane, parallel comparators, no requantizer, all entries active, one element per
// cycle with random data.
UnitShape paper_shape(const PaperRow& r);
StructureOptions paper_options();
UnitCost predict(const PaperRow& r, const Constants& c);

// Least squares in relative error over `rows`, non-negative: area = a_ff·FF + a_ge·GE_int +
// a_fp·GE_fp; power = f·(e_clk·FF + e_ge·G_int + e_fp·G_fp) + leakage·area (leakage and the gate
// library are taken from `base`, not fitted). A constant no row informs keeps its base value.
Constants calibrate(const std::vector<PaperRow>& rows, const Constants& base);

struct RowCheck {
    PaperRow row;
    double area_um2 = 0, power_mw = 0;           // with the constants given
    double loo_area_um2 = 0, loo_power_mw = 0;   // calibrated without this row
    double area_error() const { return area_um2 / row.area_um2 - 1; }
    double power_error() const { return power_mw / row.power_mw - 1; }
    double loo_area_error() const { return loo_area_um2 / row.area_um2 - 1; }
    double loo_power_error() const { return loo_power_mw / row.power_mw - 1; }
};

std::vector<RowCheck> validate(const std::vector<PaperRow>& rows, const Constants& used, const Constants& base);

}  // namespace gqalut::cost
