#include "model/cost/yosys_area.hpp"

#include <cmath>

#include "model/csv.hpp"

namespace gqalut::cost {

extern const char* const kYosysAreaCsv;   // yosys_area_data.cpp (generated)

std::vector<YosysRow> parse_yosys_area_csv(const std::string& text, const std::string& name) {
    std::vector<YosysRow> rows;
    read_csv(text, name, {"config", "cells", "flops", "gate_equivalents", "area_um2", "paper_area_um2"},
             [&](const std::vector<std::string>& f, const std::string& where) {
                 YosysRow r;
                 r.config = f[0];
                 r.cells = static_cast<int>(csv_number(f[1], where + " cells", true));
                 r.flops = static_cast<int>(csv_number(f[2], where + " flops", true));
                 r.gate_equivalents = csv_number(f[3], where + " gate_equivalents", true);
                 r.area_um2 = csv_number(f[4], where + " area_um2", true);
                 if (!f[5].empty()) r.paper_area_um2 = csv_number(f[5], where + " paper_area_um2", true);
                 rows.push_back(r);
             });
    return rows;
}

std::vector<YosysRow> load_yosys_area(const std::string& path) {
    return parse_yosys_area_csv(read_text_file(path), path);
}

const std::vector<YosysRow>& default_yosys_area() {
    static const std::vector<YosysRow> rows = parse_yosys_area_csv(kYosysAreaCsv, "yosys_area.csv");
    return rows;
}

namespace {
const YosysRow* find_config(const std::vector<YosysRow>& rows, const std::string& config) {
    for (const auto& r : rows)
        if (r.config == config) return &r;
    return nullptr;
}
}  // namespace

const YosysRow* find_yosys(const std::vector<YosysRow>& rows, Precision p, int max_entries, bool requantizer,
                           bool options) {
    if (p == Precision::fp32 && (requantizer || options)) return nullptr;
    if (options && !requantizer) return nullptr;   // the _opt builds have the requantizer
    return find_config(rows, to_string(p) + "_n" + std::to_string(max_entries) + (options ? "_opt" : requantizer ? "_rq" : ""));
}

const YosysRow* find_yosys_scaler(const std::vector<YosysRow>& rows, int max_entries, bool reduction, bool octave) {
    if (reduction && octave) return nullptr;
    return find_config(rows, "scaler32_n" + std::to_string(max_entries) + (reduction ? "_red" : octave ? "_oct" : ""));
}

double yosys_um2_per_ge(const std::vector<YosysRow>& rows) {
    for (const auto& r : rows)
        if (r.gate_equivalents > 0) return r.area_um2 / r.gate_equivalents;
    return 0;
}

std::string yosys_calibration_config(const std::vector<YosysRow>& rows) {
    // The row whose estimate equals its paper area (to the rounding of the file).
    for (const auto& r : rows)
        if (r.paper_area_um2 && std::fabs(r.area_um2 - *r.paper_area_um2) < 0.5) return r.config;
    return "";
}

}  // namespace gqalut::cost
