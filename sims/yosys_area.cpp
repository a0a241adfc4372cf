#include "sims/yosys_area.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "model/errors.hpp"

namespace gqalut::cli {

extern const char* const kYosysAreaCsv;   // yosys_area_data.cpp (generated)

namespace {

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> f;
    std::string cur;
    for (char c : line) {
        if (c == ',') {
            f.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    f.push_back(cur);
    return f;
}

double number(const std::string& s, const std::string& where) {
    try {
        size_t used = 0;
        const double v = std::stod(s, &used);
        if (used == s.size() && std::isfinite(v) && v >= 0) return v;
    } catch (const std::exception&) {
    }
    throw BadInput(where + ": '" + s + "' is not a non-negative number");
}

}  // namespace

std::vector<YosysRow> parse_yosys_area_csv(const std::string& text, const std::string& name) {
    std::vector<YosysRow> rows;
    std::istringstream in(text);
    std::string line;
    int lineno = 0;
    bool header = false;
    while (std::getline(in, line)) {
        ++lineno;
        if (line.empty() || line[0] == '#') continue;
        const auto f = fields(line);
        const std::string where = name + ":" + std::to_string(lineno);
        if (!header) {
            if (f.size() < 6 || f[0] != "config" || f[1] != "cells" || f[2] != "flops" || f[3] != "gate_equivalents" ||
                f[4] != "area_um2" || f[5] != "paper_area_um2")
                throw BadInput(where + ": expected the header config,cells,flops,gate_equivalents,area_um2,paper_area_um2");
            header = true;
            continue;
        }
        if (f.size() < 6) throw BadInput(where + ": expected 6 fields");
        YosysRow r;
        r.config = f[0];
        r.cells = static_cast<int>(number(f[1], where + " cells"));
        r.flops = static_cast<int>(number(f[2], where + " flops"));
        r.gate_equivalents = number(f[3], where + " gate_equivalents");
        r.area_um2 = number(f[4], where + " area_um2");
        if (!f[5].empty()) r.paper_area_um2 = number(f[5], where + " paper_area_um2");
        rows.push_back(r);
    }
    if (rows.empty()) throw BadInput(name + ": no rows");
    return rows;
}

std::vector<YosysRow> load_yosys_area(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw BadInput(path + ": cannot open");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_yosys_area_csv(ss.str(), path);
}

const std::vector<YosysRow>& default_yosys_area() {
    static const std::vector<YosysRow> rows = parse_yosys_area_csv(kYosysAreaCsv, "yosys_area.csv");
    return rows;
}

const YosysRow* find_yosys(const std::vector<YosysRow>& rows, Precision p, int max_entries, bool requantizer) {
    if (p == Precision::fp32 && requantizer) return nullptr;
    const std::string want = to_string(p) + "_n" + std::to_string(max_entries) + (requantizer ? "_rq" : "");
    for (const auto& r : rows)
        if (r.config == want) return &r;
    return nullptr;
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

}  // namespace gqalut::cli
