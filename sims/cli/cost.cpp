// gqalut cost [--precision P --entries N [--lanes L] [--max-entries M] [--indexing I] [--requantizer]
//             [--options] [--scaler [--reduction] [--octave]]]
//             [--validate] [--calibrate [--out FILE]] [--constants FILE] [--table6 FILE] [--yosys-csv FILE]
//             [--format text|json]
// Area, energy per element and power of the pwl unit from the cost model (docs/results/cost-model.md), and the
// model against paper Table 6 with leave-one-out errors; beside them the Yosys estimate of the
// RTL (docs/results/yosys_area.csv), the second, independent area estimate.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>
#include <iostream>

#include "model/cost/calibration.hpp"
#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/outputs.hpp"
#include "model/cost/yosys_area.hpp"

namespace gqalut::cli {

namespace {

using namespace gqalut::cost;

nlohmann::json row_json(const PaperRow* paper, const UnitShape& shape, int entries, Indexing ix, const UnitCost& c,
                        const RowCheck* check, const YosysRow* yosys) {
    nlohmann::json j;
    j["precision"] = shape.kind == UnitKind::fp32_unit     ? "fp32"
                     : shape.kind == UnitKind::scaler_unit ? "int" + std::to_string(shape.core_width) + "+scaler"
                                                           : "int" + std::to_string(shape.in_width);
    j["entries"] = entries;
    j["max_entries"] = shape.max_entries;
    j["lanes"] = shape.lanes;
    j["indexing"] = to_string(ix);
    j["area_um2"] = c.area_um2;
    j["power_mw"] = c.power_mw;
    j["energy_pj_per_element"] = c.energy_pj_per_element;
    j["paper_area_um2"] = paper ? nlohmann::json(paper->area_um2) : nlohmann::json();
    j["paper_power_mw"] = paper ? nlohmann::json(paper->power_mw) : nlohmann::json();
    if (check) {
        j["area_error"] = check->area_error();
        j["power_error"] = check->power_error();
        j["loo_area_um2"] = check->loo_area_um2;
        j["loo_power_mw"] = check->loo_power_mw;
        j["loo_area_error"] = check->loo_area_error();
        j["loo_power_error"] = check->loo_power_error();
    } else {
        j["loo_area_error"] = nullptr;
        j["loo_power_error"] = nullptr;
    }
    if (yosys) {
        j["yosys_config"] = yosys->config;
        j["yosys_cells"] = yosys->cells;
        j["yosys_gate_equivalents"] = yosys->gate_equivalents;
        j["yosys_area_um2"] = yosys->area_um2;
        j["yosys_area_error"] = paper ? nlohmann::json(yosys->area_um2 / paper->area_um2 - 1) : nlohmann::json();
    } else {
        j["yosys_config"] = nullptr;
        j["yosys_area_um2"] = nullptr;
        j["yosys_area_error"] = nullptr;
    }
    j["blocks"] = c.to_json()["blocks"];
    return j;
}

std::string pct(const nlohmann::json& v) {
    if (!v.is_number()) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * v.get<double>());
    return buf;
}

std::string num(const nlohmann::json& v, const char* fmt) {
    if (!v.is_number()) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v.get<double>());
    return buf;
}

std::string today() {
    const std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
    return buf;
}

}  // namespace

int run_cost(const Args& args) {
    std::string precision, indexing, constants_path, table6_path, yosys_path, out_path, format, table_path;
    double clock_mhz = 500;
    int entries = 0, lanes = 1, max_entries = 0;
    bool validate_rows = false, calibrate_now = false, requantizer = false, options = false, breakdown = false;
    bool scaler = false, reduction = false, octave = false;
    po::options_description desc("cost options");
    desc.add_options()
        ("precision", po::value<std::string>(&precision), "int8, int16, int32 or fp32 (with --entries: one estimate)")
        ("entries", po::value<int>(&entries), "active entries N")
        ("table", po::value<std::string>(&table_path), "instead of --precision/--entries: the unit sized to this table (MaxEntries = N; DIV/RSQRT with the scaler)")
        ("clock-mhz", po::value<double>(&clock_mhz)->default_value(500), "clock for power (one estimate; Table 6 is at 500 MHz)")
        ("max-entries", po::value<int>(&max_entries), "LUT depth MaxEntries (default: N)")
        ("lanes", po::value<int>(&lanes)->default_value(1), "lanes")
        ("indexing", po::value<std::string>(&indexing)->default_value("parallel"), "parallel, binary or uniform")
        ("requantizer", po::bool_switch(&requantizer), "include the INT requantizer (Table 6's units have none)")
        ("options", po::bool_switch(&options),
         "include the INT datapath options: symmetry, clamp, relative intercepts (implies --requantizer)")
        ("scaler", po::bool_switch(&scaler), "the multi-range scaler unit (32-bit input) with a --precision core (int8)")
        ("reduction", po::bool_switch(&reduction), "with --scaler: include the range reduction (EXP2, LOG2, EXP)")
        ("octave", po::bool_switch(&octave), "with --scaler: include the RSQRT octave's constant multiplier (preset octave)")
        ("validate", po::bool_switch(&validate_rows), "every Table 6 row: predicted vs paper, leave-one-out errors")
        ("calibrate", po::bool_switch(&calibrate_now), "fit the constants to Table 6 (writes --out, else prints)")
        ("out", po::value<std::string>(&out_path), "with --calibrate: constants file to write")
        ("constants", po::value<std::string>(&constants_path), "constants file (default: the embedded cost_28nm.json)")
        ("table6", po::value<std::string>(&table6_path), "Table 6 CSV (default: the embedded docs/paper copy)")
        ("yosys-csv", po::value<std::string>(&yosys_path), "Yosys area CSV (default: the embedded docs/results/yosys_area.csv)")
        ("breakdown", po::bool_switch(&breakdown), "text output: per-block area and power");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm,
               "gqalut cost [--precision P --entries N] [--validate] [--calibrate [--out FILE]] [--format text|json]"))
        return kOk;
    const Format fmt = parse_format(format);
    check_paths_given(vm, {"table", "constants", "table6", "yosys-csv"});
    if (vm.count("precision") != vm.count("entries")) throw BadInput("give --precision and --entries together");
    if (vm.count("table") && vm.count("precision")) throw BadInput("give --table or --precision/--entries, not both");
    if (!(clock_mhz > 0 && clock_mhz <= 10000)) throw BadInput("--clock-mhz: must be in (0, 10000]");
    const bool one = vm.count("table") || vm.count("precision");
    if (!vm["clock-mhz"].defaulted() && !one)
        throw BadInput("--clock-mhz: Table 6 and the calibration are at 500 MHz; give it with --precision/--entries or --table");
    if (vm.count("out") && !calibrate_now) throw BadInput("--out needs --calibrate");
    if (vm.count("out"))
        check_output_file(out_path, "--out",
                          {{"--constants", constants_path}, {"--table6", table6_path}, {"--yosys-csv", yosys_path}});
    const Constants base = constants_path.empty() ? default_constants() : load_constants(constants_path);
    const std::vector<PaperRow> rows = table6_path.empty() ? default_table6() : load_table6(table6_path);
    const std::vector<YosysRow> yosys = yosys_path.empty() ? default_yosys_area() : load_yosys_area(yosys_path);

    if (calibrate_now) {
        work_starts();
        Constants c = calibrate(rows, base);
        c.name = base.name;
        c.provenance = {
            {"source", "GQA-LUT (DAC 2024) Table 6: LUT-based pwl units, TSMC 28 nm, Synopsys Design Compiler, 500 MHz "
                       "(docs/paper/table6_hw_cost.csv)"},
            {"method", "non-negative least squares in relative error over the Table 6 rows: area = a_ff*FF + "
                       "a_ge*GE_int + a_ge_fp*GE_fp; power = f*(e_clk*FF + e_ge*G_int + e_ge_fp*G_fp) + leakage*area, "
                       "with FF/GE counted by model/cost/cost_model.cpp from the unit's widths (parallel comparators, "
                       "no requantizer, one lane, N = MaxEntries, one element per cycle, toggle rate 1/2); gate "
                       "equivalents and leakage are fixed assumptions, not fitted"},
            {"tool", "gqalut cost --calibrate"},
            {"date", today()}};
        double worst_area = 0, worst_power = 0;
        nlohmann::json loo = nlohmann::json::array();
        for (const auto& rc : validate(rows, c, base)) {
            worst_area = std::max(worst_area, std::fabs(rc.loo_area_error()));
            worst_power = std::max(worst_power, std::fabs(rc.loo_power_error()));
            loo.push_back({{"precision", to_string(rc.row.precision)},
                           {"entries", rc.row.entries},
                           {"area_error", rc.area_error()},
                           {"power_error", rc.power_error()},
                           {"loo_area_error", rc.loo_area_error()},
                           {"loo_power_error", rc.loo_power_error()}});
        }
        c.fit = {{"rows", rows.size()}, {"max_abs_loo_area_error", worst_area}, {"max_abs_loo_power_error", worst_power},
                 {"per_row", loo}};
        const std::string text = to_json(c).dump(2) + "\n";
        if (vm.count("out")) {
            write_file_atomic(out_path, text);
            std::cerr << "gqalut cost: wrote " << out_path << " (max |LOO error| area " << 100 * worst_area << "%, power "
                      << 100 * worst_power << "%)\n";
        } else {
            std::cout << text;
        }
        return kOk;
    }

    nlohmann::json out;
    out["constants"] = base.name;
    out["clock_hz"] = base.clock_hz;
    nlohmann::json rows_j = nlohmann::json::array();
    std::optional<PwlTable> table;
    if (vm.count("table")) {
        table = load_table(table_path);
        precision = to_string(table->precision);
        entries = table->entries;
    }
    if (!precision.empty()) {
        const Precision p = parse_precision(precision);
        if (entries < 1 || entries > 1024) throw BadInput("--entries: " + std::to_string(entries) + " outside [1, 1024]");
        if (max_entries == 0) max_entries = entries;
        if (max_entries < entries || max_entries > 1024)
            throw BadInput("--max-entries: " + std::to_string(max_entries) + " must be in [entries, 1024]");
        if (lanes < 1 || lanes > 64) throw BadInput("--lanes: " + std::to_string(lanes) + " outside [1, 64]");
        const Indexing ix = parse_indexing(indexing);
        PaperRow probe;
        probe.precision = p;
        probe.entries = max_entries;
        if (table) {
            if (scaler || reduction || octave || options)
                throw BadInput("--scaler, --reduction, --octave and --options: with --table the table says which");
            scaler = table->scaler.has_value();
            reduction = scaler && table->scaler->preset == "reduce";
            octave = scaler && table->scaler->preset == "octave";
            options = !table->datapath.is_default();
        }
        UnitShape shape = table ? shape_for(*table, max_entries, lanes) : scaler ? scaler_shape(max_entries, lanes) : paper_shape(probe);
        shape.lanes = lanes;
        if (!table) {
            if (options && p == Precision::fp32) throw BadInput("--options: the datapath options are for INT precisions");
            if (reduction && !scaler) throw BadInput("--reduction needs --scaler");
            if (octave && !scaler) throw BadInput("--octave needs --scaler");
            if (scaler && (p != Precision::int8 || options || requantizer))
                throw BadInput("--scaler: the scaler unit has an int8 core and its own requantizer (no --options, --requantizer)");
        }
        requantizer = requantizer || options;
        StructureOptions opt = paper_options();
        opt.requantizer = requantizer;
        opt.options = options;
        opt.reduction = reduction;
        opt.octave = octave;
        Constants at_clock = base;
        at_clock.clock_hz = clock_mhz * 1e6;
        out["clock_hz"] = at_clock.clock_hz;
        work_starts();
        const UnitCost c = estimate(shape, ix, entries, at_clock, opt);
        // A Table 6 configuration gets its paper values and leave-one-out errors.
        const PaperRow* paper = nullptr;
        for (const auto& r : rows)
            if (r.precision == p && r.entries == entries && max_entries == entries && lanes == 1 &&
                ix == Indexing::parallel && !requantizer && !scaler && clock_mhz == 500)
                paper = &r;
        std::vector<RowCheck> checks;
        if (paper) checks = validate(rows, base, base);
        const RowCheck* check = nullptr;
        for (const auto& rc : checks)
            if (rc.row.precision == p && rc.row.entries == entries) check = &rc;
        const YosysRow* y = lanes != 1 || ix != Indexing::parallel ? nullptr
                            : scaler ? find_yosys_scaler(yosys, max_entries, reduction, octave)
                                     : find_yosys(yosys, p, max_entries, requantizer, options);
        rows_j.push_back(row_json(paper, shape, entries, ix, c, check, y));
    } else {
        (void)validate_rows;   // the default listing is the validation
        work_starts();
        for (const auto& rc : validate(rows, base, base))
            rows_j.push_back(row_json(&rc.row, paper_shape(rc.row), rc.row.entries, Indexing::parallel, predict(rc.row, base), &rc,
                                      find_yosys(yosys, rc.row.precision, rc.row.entries, false)));
    }
    double worst_area = 0, worst_power = 0;
    for (const auto& r : rows_j) {
        if (r["loo_area_error"].is_number()) worst_area = std::max(worst_area, std::fabs(r["loo_area_error"].get<double>()));
        if (r["loo_power_error"].is_number()) worst_power = std::max(worst_power, std::fabs(r["loo_power_error"].get<double>()));
    }
    out["rows"] = rows_j;
    out["max_abs_loo_area_error"] = worst_area;
    out["max_abs_loo_power_error"] = worst_power;
    const double per_ge = yosys_um2_per_ge(yosys);
    const std::string cal = yosys_calibration_config(yosys);
    out["yosys"] = {{"source", yosys_path.empty() ? "docs/results/yosys_area.csv (embedded at build time; scripts/yosys_area.py)"
                                                  : yosys_path},
                    {"um2_per_gate_equivalent", per_ge},
                    {"calibrated_on", cal.empty() ? nlohmann::json() : nlohmann::json(cal)},
                    {"method", "Yosys synth of the RTL (one lane, Requant = 0 unless _rq), generic cells weighted in NAND2 "
                               "gate equivalents, one um^2/GE factor fitted so the calibration configuration equals Table "
                               "6; its yosys_area_error is 0 by construction, the others are predictions"}};
    if (fmt == Format::json) {
        print_json(out);
        return kOk;
    }
    std::printf("cost model '%s' at %.0f MHz (area um^2, power mW; errors relative to the paper)\n", base.name.c_str(),
                out["clock_hz"].get<double>() / 1e6);
    if (table) std::printf("unit sized to %s: %s%s\n", table_path.c_str(), shape_for(*table, max_entries, lanes).name().c_str(),
                           table->scaler ? " (with the multi-range scaler)" : "");
    std::printf("%-6s %4s %5s %-8s %9s %9s %7s %9s %9s %7s %8s %8s %7s %9s %9s\n", "prec", "N", "lanes", "indexing",
                "area", "paper", "err", "LOO err", "yosys", "err", "power", "paper", "err", "LOO err", "pJ/elem");
    for (const auto& r : rows_j) {
        std::printf("%-6s %4d %5d %-8s %9.0f %9s %7s %9s %9s %7s %8.3f %8s %7s %9s %9.3f\n",
                    r["precision"].get<std::string>().c_str(), r["entries"].get<int>(), r["lanes"].get<int>(),
                    r["indexing"].get<std::string>().c_str(), r["area_um2"].get<double>(),
                    num(r["paper_area_um2"], "%.0f").c_str(), pct(r.value("area_error", nlohmann::json())).c_str(),
                    pct(r["loo_area_error"]).c_str(), num(r["yosys_area_um2"], "%.0f").c_str(),
                    pct(r["yosys_area_error"]).c_str(), r["power_mw"].get<double>(),
                    num(r["paper_power_mw"], "%.2f").c_str(), pct(r.value("power_error", nlohmann::json())).c_str(),
                    pct(r["loo_power_error"]).c_str(), r["energy_pj_per_element"].get<double>());
        if (breakdown || !precision.empty())
            for (const auto& b : r["blocks"])
                std::printf("    %-12s area %8.1f um^2  %7.4f pJ/elem  %7.4f mW\n", b["block"].get<std::string>().c_str(),
                            b["area_um2"].get<double>(), b["energy_pj_per_element"].get<double>(),
                            b["power_mw"].get<double>());
    }
    if (precision.empty())
        std::printf("max |LOO error|: area %.1f%%, power %.1f%%\n", 100 * worst_area, 100 * worst_power);
    std::printf("yosys: area of the synthesized RTL (Yosys generic cells in NAND2 equivalents x %.4f um^2/GE, the one "
                "factor calibrated so that %s equals Table 6; every other row is a prediction; docs/results/area.md)\n",
                per_ge, cal.empty() ? "no row" : cal.c_str());
    return kOk;
}

namespace {
const RegisterCommand reg{{"cost", "area, energy and power of the unit; Table 6 validation (leave-one-out)", run_cost, 60}};
}  // namespace

}  // namespace gqalut::cli
