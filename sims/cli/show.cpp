// gqalut show --table FILE [--scale S] [--plot FILE.png] [--format text|json|csv]
// A table in real units: formats, per scale every segment's input interval, breakpoint, slope
// and intercept (code and value), the codes at a rail of their format; its metrics; a plot of
// f(x) and the pwl output with the error per input code below it.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "model/errors.hpp"
#include "model/file_io.hpp"
#include "model/metrics.hpp"
#include "model/table_io.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/outputs.hpp"
#include "sims/cli/report.hpp"
#include "sims/cli/spawn.hpp"
#include "sims/cli/table_view.hpp"

namespace gqalut::cli {

namespace {

std::string num(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    char b[32];
    std::snprintf(b, sizeof b, "%.6g", v.get<double>());
    return b;
}

std::string rails(const nlohmann::json& r) {
    std::string s;
    for (const auto& x : r) s += (s.empty() ? "" : ", ") + x.get<std::string>() + (x == "slope" || x == "intercept" ? " at rail" : "");
    return s;
}

void print_text(const std::string& path, const PwlTable& t, const nlohmann::json& v, const Metrics& m) {
    std::printf("table %s: %s\n", path.c_str(), describe(t).c_str());
    for (const char* k : {"input", "breakpoints", "slopes", "intercepts", "scaler", "datapath"})
        if (v["formats"].contains(k)) std::printf("  %-11s %s\n", k, v["formats"][k].get<std::string>().c_str());
    for (const auto& sc : v["scales"]) {
        if (sc["scale"].is_null())
            std::printf("\nsegments (binary32)\n  %3s %14s %14s %14s %14s\n", "seg", "x from", "x to", "slope", "intercept");
        else
            std::printf("\nscale %d: x = q * 2^-%d (%s, x from %s to %s)\n  %3s %11s %11s %9s %9s %7s %11s %8s  %s\n",
                        sc["scale"].get<int>(), sc["scale"].get<int>(), sc["input_format"].get<std::string>().c_str(),
                        num(sc["x_min"]).c_str(), num(sc["x_max"]).c_str(), "seg", "x from", "x to", "bp code", "slope k",
                        "code", "intercept b", "code", "rail (saturated code)");
        for (const auto& g : sc["segments"]) {
            if (sc["scale"].is_null()) {
                std::printf("  %3d %14s %14s %14s %14s\n", g["segment"].get<int>(), num(g["x_from"]).c_str(),
                            num(g["x_to"]).c_str(), num(g["slope"]).c_str(), num(g["intercept"]).c_str());
                continue;
            }
            const std::string bp = g.contains("breakpoint_code") ? std::to_string(g["breakpoint_code"].get<int64_t>()) : "-";
            std::printf("  %3d %11s %11s %9s %9s %7lld %11s %8lld  %s\n", g["segment"].get<int>(),
                        g["empty"].get<bool>() ? "(empty)" : num(g["x_from"]).c_str(), g["empty"].get<bool>() ? "" : num(g["x_to"]).c_str(),
                        bp.c_str(), num(g["slope"]).c_str(), static_cast<long long>(g["slope_code"].get<int64_t>()),
                        num(g["intercept"]).c_str(), static_cast<long long>(g["intercept_code"].get<int64_t>()),
                        rails(g["rail"]).c_str());
        }
    }
    std::printf("\n");
    print_metrics_text(std::cout, m);
    std::fflush(stdout);
}

void print_csv(const nlohmann::json& v) {
    std::printf("scale,segment,x_from,x_to,breakpoint_code,breakpoint,slope_code,slope,intercept_code,intercept,rail\n");
    for (const auto& sc : v["scales"])
        for (const auto& g : sc["segments"]) {
            auto field = [&](const char* k) { return g.contains(k) ? num(g[k]) : std::string(); };
            auto code = [&](const char* k) { return g.contains(k) ? std::to_string(g[k].get<int64_t>()) : std::string(); };
            std::string r;
            for (const auto& x : g["rail"]) r += (r.empty() ? "" : ";") + x.get<std::string>();
            std::printf("%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", sc["scale"].is_null() ? "" : std::to_string(sc["scale"].get<int>()).c_str(),
                        g["segment"].get<int>(), field("x_from").c_str(), field("x_to").c_str(), code("breakpoint_code").c_str(),
                        field("breakpoint").c_str(), code("slope_code").c_str(), field("slope").c_str(),
                        code("intercept_code").c_str(), field("intercept").c_str(), r.c_str());
        }
}

// The plot through scripts/show_plot.py, written beside `png` and renamed into place.
void plot(const PwlTable& t, std::optional<int> scale, const std::string& png) {
    nlohmann::json d = plot_data(t, scale);
    d["title"] = describe(t);
    d["function"] = t.function == "expr" ? t.expr : t.function;
    if (d["series"].size() == 1) {   // one scale: its breakpoints as lines
        const nlohmann::json v = table_view(t, scale);
        nlohmann::json bps = nlohmann::json::array();
        for (const auto& g : v["scales"][0]["segments"])
            if (g.contains("breakpoint") && !g["empty"].get<bool>()) bps.push_back(g["breakpoint"]);
            else if (!is_int(t.precision) && g["x_from"].is_number()) bps.push_back(g["x_from"]);
        d["breakpoints"] = bps;
    }
    // The script writes into a private temporary folder; the PNG then replaces `png` like every
    // other output (write_file_atomic: a link keeps pointing at it, any legal name works).
    char tmp[] = "/tmp/gqalut-show-XXXXXX";
    if (!mkdtemp(tmp)) throw BadInput("--plot: cannot make a temporary folder in /tmp");
    const std::string data = std::string(tmp) + "/plot.json", made = std::string(tmp) + "/plot.png";
    std::string image;
    try {
        write_file_atomic(data, d.dump());
        const int rc = run_script("show_plot.py", {data, made});
        if (rc != 0) throw BadInput("--plot: the plot was not made (/usr/bin/python3 with matplotlib?)");
        image = read_text_file(made);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove_all(tmp, ec);
        throw;
    }
    std::error_code ec;
    std::filesystem::remove_all(tmp, ec);
    write_file_atomic(png, image);
}

int run_show(const Args& args) {
    std::string table_path, plot_path, format;
    int scale = 0;
    po::options_description desc("show options");
    desc.add_options()
        ("table", po::value<std::string>(&table_path)->required(), "table file (own format or the reference JSON)")
        ("scale", po::value<int>(&scale), "INT tables: only this scale (default: every scale)")
        ("plot", po::value<std::string>(&plot_path), "write a PNG: f(x) and the pwl output, the error per input code below")
        ("format", po::value<std::string>(&format)->default_value("text"), "output: text, json or csv");
    po::variables_map vm;
    if (!parse(args, desc, vm, "gqalut show --table FILE [--scale S] [--plot FILE.png] [--format text|json|csv]")) return kOk;
    if (format != "text" && format != "json" && format != "csv") throw BadInput("--format: '" + format + "' is not text, json or csv");
    if (vm.count("plot")) check_output_file(plot_path, "--plot", {{"--table", table_path}});
    const PwlTable t = load_table(table_path);
    std::optional<int> only;
    if (vm.count("scale")) only = scale;
    const nlohmann::json v = table_view(t, only);
    work_starts();
    EvalOptions eo;
    if (only) eo.scales = std::vector<int>{*only};
    const Metrics m = evaluate(t, Protocol::paper, only && t.is_shared() ? eo : EvalOptions{});
    if (vm.count("plot")) plot(t, only, plot_path);
    if (format == "json") {
        nlohmann::json j = table_summary(t);
        j["table"] = table_path;
        j.update(v);
        j["metrics"] = m.to_json();
        if (vm.count("plot")) j["plot"] = plot_path;
        print_json(j);
    } else if (format == "csv") {
        print_csv(v);
    } else {
        print_text(table_path, t, v, m);
        if (vm.count("plot")) std::printf("plot written to %s\n", plot_path.c_str());
    }
    return kOk;
}

const RegisterCommand reg{{"show", "a table in real units: breakpoints, slopes, intercepts per scale, rails, metrics, plot", run_show, 25}};

}  // namespace

}  // namespace gqalut::cli
