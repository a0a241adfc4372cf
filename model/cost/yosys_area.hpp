// The Yosys area estimate of the RTL (docs/results/yosys_area.csv, written by
// scripts/yosys_area.py): generic cells after synthesis weighted in NAND2 gate equivalents, one
// um^2-per-GE factor calibrated on INT8 with 8 entries against paper Table 6. Embedded at build
// time; `gqalut cost` shows it beside the cost model's estimate and Table 6.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/pwl_table.hpp"

namespace gqalut::cost {

struct YosysRow {
    std::string config;   // rtl/syn/<config>.ys: int8_n8, int16_n16_rq, fp32_n8, scaler32_n8, ...
    int cells = 0, flops = 0;
    double gate_equivalents = 0, area_um2 = 0;
    std::optional<double> paper_area_um2;
};

// Throws BadInput naming the file and line.
std::vector<YosysRow> parse_yosys_area_csv(const std::string& text, const std::string& name);
std::vector<YosysRow> load_yosys_area(const std::string& path);
// The copy of docs/results/yosys_area.csv embedded at build time.
const std::vector<YosysRow>& default_yosys_area();

// The synthesized configuration of an INT/FP32 unit with one lane, parallel comparators and
// `max_entries` LUT entries (with the requantizer: the _rq build; with the datapath options
// too: the _opt build), or nullptr.
const YosysRow* find_yosys(const std::vector<YosysRow>& rows, Precision p, int max_entries, bool requantizer,
                           bool options = false);
// The multi-range scaler unit (32-bit input, INT8 core; with the range reduction: the _red
// build; with the RSQRT octave's constant multiplier: the _oct build; both: none).
const YosysRow* find_yosys_scaler(const std::vector<YosysRow>& rows, int max_entries, bool reduction, bool octave = false);
// The um^2 per GE the file uses and the configuration it was calibrated on (area = paper area).
double yosys_um2_per_ge(const std::vector<YosysRow>& rows);
std::string yosys_calibration_config(const std::vector<YosysRow>& rows);

}  // namespace gqalut::cost
