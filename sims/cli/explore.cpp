// gqalut explore --out DIR [--grid quick|full] [--functions F,..] [--expr E --range LO,HI]
//                [--precisions P,..] [--entries N,A..B] [--methods M,..] [--indexing I,..] [--lanes L,..]
//                [--protocol paper|full|wide] [--max-error E] [--max-mse M] [--minimise area|energy|power|entries]
//                [--top K] [--shard I/N | --merge] [--threads T] [--no-plots] [--quiet] [--format text|json]
// Sweeps the design space, prints the cheapest designs meeting the accuracy target with the
// command that makes each table, writes the CSV of every point, the Pareto front, the chosen
// tables, plots and a report (docs/explore.md).
#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/spawn.hpp"
#include "sims/cli/staged_dir.hpp"
#include "sims/explore/choose.hpp"
#include "sims/explore/explore.hpp"
#include "sims/explore/shards.hpp"

namespace gqalut::cli {

namespace {

using namespace gqalut::explore;

double positive_number(const std::string& text, const std::string& option) {
    try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v) && v > 0) return v;
    } catch (const std::exception&) {
    }
    throw BadInput(option + ": '" + text + "' is not a finite number above 0");
}

std::vector<ShardFile> read_shards(const std::string& dir) {
    std::vector<ShardFile> files;
    DIR* d = opendir(dir.c_str());
    if (!d) throw BadInput("--out: cannot read folder " + dir);
    for (dirent* e; (e = readdir(d));)
        if (looks_like_shard_file(e->d_name)) files.push_back({e->d_name, ""});
    closedir(d);
    for (auto& f : files) f.text = read_text_file(dir + "/" + f.name);
    return files;
}

std::string table_file_name(const Job& j) {
    std::string f = j.get("function");
    if (f.rfind("expr:", 0) == 0) f = "expr";
    return f + "-" + j.get("precision") + "-" + j.get("entries") + "-" + j.get("method") + (j.uniform_segments ? "-uniform" : "") +
           ".json";
}

nlohmann::json point_json(const Point& p) {
    nlohmann::json j;
    for (size_t a = 0; a < axes().size(); ++a)
        j[axes()[a].column] = axes()[a].column == "entries" || axes()[a].column == "lanes" ? nlohmann::json(std::stoi(p.values[a]))
                                                                                           : nlohmann::json(p.values[a]);
    j["mse_mean"] = p.mse_mean;
    j["max_abs_error"] = p.max_abs_error;
    if (p.max_rel_error) j["max_rel_error"] = *p.max_rel_error;
    j["area_um2"] = p.area_um2;
    j["energy_pj_per_element"] = p.energy_pj_per_element;
    j["power_mw"] = p.power_mw;
    j["latency_cycles"] = p.latency_cycles;
    j["throughput_meps"] = p.throughput_meps;
    return j;
}

struct Request {
    Sweep sweep;
    Target target;
    int top = 5;
    std::string command;   // the explore command that reruns this sweep
};

// The best designs per function (at most `top` each), their tables written into tables/.
nlohmann::json choose_and_write(const Request& q, const std::vector<Point>& points, const std::vector<Job>& all_jobs,
                                std::map<size_t, PwlTable>& tables, const StagedDir& out) {
    std::map<std::string, int> per_function;
    nlohmann::json best = nlohmann::json::array();
    std::set<size_t> written;
    // Grouped by function in the sweep's order, best first within each.
    std::vector<const Point*> order = ranked(points, q.target);
    const auto& functions = q.sweep.of("function");
    std::stable_sort(order.begin(), order.end(), [&](const Point* a, const Point* b) {
        return std::find(functions.begin(), functions.end(), a->get("function")) <
               std::find(functions.begin(), functions.end(), b->get("function"));
    });
    for (const Point* p : order) {
        if (per_function[p->get("function")]++ >= q.top) continue;
        const Job& job = all_jobs[p->job];
        const std::string rel = "tables/" + table_file_name(job);
        if (written.insert(p->job).second) {
            if (!tables.count(p->job)) tables.emplace(p->job, run_search(search_options(job, q.sweep)).table);
            std::filesystem::create_directories(out.path() + "/tables");
            save_table(tables.at(p->job), out.path() + "/" + rel);
        }
        nlohmann::json j = point_json(*p);
        j["rank"] = per_function[p->get("function")];
        j["table"] = rel;
        j["command"] = search_command(job, q.sweep, out.dir() + "/" + rel);
        best.push_back(j);
    }
    return best;
}

void print_best(const nlohmann::json& s) {
    if (s["max_error"].is_null() && s["max_mse"].is_null())
        std::printf("explore: %d points from %d jobs (no accuracy target, %s protocol); best by %s first\n",
                    s["points"].get<int>(), s["jobs"].get<int>(), s["protocol"].get<std::string>().c_str(),
                    s["objective"].get<std::string>().c_str());
    else
        std::printf("explore: %d points from %d jobs; %d meet %s; best by %s first\n", s["points"].get<int>(),
                    s["jobs"].get<int>(), s["meeting"].get<int>(), s["target"].get<std::string>().c_str(),
                    s["objective"].get<std::string>().c_str());
    std::string function;
    for (const auto& b : s["best"]) {
        if (b["function"] != function) {
            function = b["function"];
            std::printf("\n%s\n  %-4s %-9s %7s %-8s %-8s %5s %10s %11s %9s %10s %10s\n", function.c_str(), "rank", "precision",
                        "entries", "method", "indexing", "lanes", "area um^2", "pJ/element", "power mW", "MSE", "max|err|");
        }
        std::printf("  %-4d %-9s %7d %-8s %-8s %5d %10.0f %11.3f %9.3f %10.3e %10.3e\n", b["rank"].get<int>(),
                    b["precision"].get<std::string>().c_str(), b["entries"].get<int>(), b["method"].get<std::string>().c_str(),
                    b["indexing"].get<std::string>().c_str(), b["lanes"].get<int>(), b["area_um2"].get<double>(),
                    b["energy_pj_per_element"].get<double>(), b["power_mw"].get<double>(), b["mse_mean"].get<double>(),
                    b["max_abs_error"].get<double>());
        std::printf("       %s\n", b["command"].get<std::string>().c_str());
    }
    if (s["best"].empty()) std::printf("no design of the sweep meets the target\n");
    std::printf("\nwrote %s/explore.csv, pareto.csv, tables/%s\n", s["out"].get<std::string>().c_str(),
                s["report"].is_string() ? ", plots and report.html" : "");
}

// Everything a finished sweep writes: CSV, Pareto CSV, chosen tables, summary, plots, report.
int finish(const Request& q, const std::vector<Point>& points, std::map<size_t, PwlTable>& tables, StagedDir& out,
           bool plots, Format fmt) {
    const std::vector<Job> all_jobs = jobs(q.sweep);
    std::vector<Point> front;
    for (const Point* p : pareto_front(points, q.target.objective)) front.push_back(*p);
    write_file_atomic(out.path() + "/explore.csv", to_csv(points));
    write_file_atomic(out.path() + "/pareto.csv", to_csv(front));
    nlohmann::json s;
    s["command"] = q.command;
    s["sweep"] = q.sweep.options();
    s["out"] = out.dir();
    s["points"] = points.size();
    s["jobs"] = all_jobs.size();
    s["protocol"] = to_string(q.sweep.protocol);
    s["target"] = q.target.describe(to_string(q.sweep.protocol));
    s["max_error"] = q.target.max_error ? nlohmann::json(*q.target.max_error) : nlohmann::json();
    s["max_mse"] = q.target.max_mse ? nlohmann::json(*q.target.max_mse) : nlohmann::json();
    s["objective"] = to_string(q.target.objective);
    s["meeting"] = ranked(points, q.target).size();
    s["pareto_points"] = front.size();
    s["best"] = choose_and_write(q, points, all_jobs, tables, out);
    s["report"] = plots ? nlohmann::json("report.html") : nlohmann::json();
    write_file_atomic(out.path() + "/summary.json", s.dump(2) + "\n");
    if (plots && run_script("explore_report.py", {out.path()}) != 0) {
        std::cerr << "explore: warning: plots and report not made (/usr/bin/python3 with matplotlib?)\n";
        s["report"] = nullptr;
    }
    out.commit();
    if (fmt == Format::json) print_json(s);
    else print_best(s);
    return kOk;
}

int run_explore(const Args& args) {
    std::string out, grid_name, shard, format, expr, range, protocol, minimise, max_error, max_mse;
    std::vector<std::string> lists(axes().size());
    int threads = 2, top = 5;
    uint64_t seed = 1;
    bool merge = false, no_plots = false, quiet = false;
    po::options_description desc("explore options");
    desc.add_options()
        ("out", po::value<std::string>(&out)->required(), "output folder")
        ("grid", po::value<std::string>(&grid_name)->default_value("quick"), "preset axes: quick (120 points) or full (3240); the axis options below replace its lists");
    for (size_t a = 0; a < axes().size(); ++a)
        desc.add_options()(axes()[a].option.c_str(), po::value<std::string>(&lists[a]), axes()[a].help.c_str());
    desc.add_options()
        ("expr", po::value<std::string>(&expr), "also sweep a function of x (muparser syntax); needs --range")
        ("range", po::value<std::string>(&range), "LO,HI: the range of --expr")
        ("seed", po::value<uint64_t>(&seed)->default_value(1), "seed of the gqa, gqa-rm and nnlut searches")
        ("protocol", po::value<std::string>(&protocol)->default_value("paper"), "accuracy protocol of the CSV and the target: paper, full or wide")
        ("max-error", po::value<std::string>(&max_error), "target: max |error| at most E")
        ("max-mse", po::value<std::string>(&max_mse), "target: mean MSE at most M")
        ("minimise", po::value<std::string>(&minimise)->default_value("area"), "objective: area, energy, power or entries")
        ("top", po::value<int>(&top)->default_value(5), "designs printed (and tables written) per function")
        ("shard", po::value<std::string>(&shard), "I/N: run only jobs with index % N == I (writes DIR/shard-I-of-N.csv)")
        ("merge", po::bool_switch(&merge), "join DIR/shard-*-of-N.csv of this sweep, then as a whole run")
        ("threads", po::value<int>(&threads)->default_value(2), "parallel jobs")
        ("no-plots", po::bool_switch(&no_plots), "no plots and no report.html")
        ("quiet", po::bool_switch(&quiet), "no progress on stderr");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(glue_values(args, {"--range", "--expr"}), desc, vm, "gqalut explore --out DIR [--grid quick|full] [--functions F,..] [--precisions P,..] "
                               "[--entries N,A..B] [--max-error E] [--minimise area|energy|power|entries] [--shard I/N | --merge]"))
        return kOk;

    // Everything is checked before any work starts.
    const Format fmt = parse_format(format);
    Request q;
    q.sweep = grid_by_name(grid_name);
    for (size_t a = 0; a < axes().size(); ++a)
        if (vm.count(axes()[a].option)) q.sweep.values[a] = axes()[a].parse(lists[a]);
    if (vm.count("expr") != vm.count("range")) throw BadInput("--expr and --range go together");
    if (vm.count("expr")) {
        const auto comma = range.find(',');
        if (comma == std::string::npos) throw BadInput("--range: '" + range + "' is not LO,HI");
        auto finite = [&](const std::string& t) {
            try {
                size_t used = 0;
                const double v = std::stod(t, &used);
                if (used == t.size() && std::isfinite(v)) return v;
            } catch (const std::exception&) {
            }
            throw BadInput("--range: '" + range + "' is not LO,HI with finite numbers");
        };
        q.sweep.expr_lo = finite(range.substr(0, comma));
        q.sweep.expr_hi = finite(range.substr(comma + 1));
        q.sweep.expr = expr;
        auto& f = q.sweep.values[axis_index("function")];
        if (!vm.count("functions")) f.clear();
        f.push_back("expr:" + expr);
    }
    q.sweep.seed = seed;
    q.sweep.protocol = parse_protocol(protocol);
    q.target.objective = explore::parse_objective(minimise);
    if (vm.count("max-error")) q.target.max_error = positive_number(max_error, "--max-error");
    if (vm.count("max-mse")) q.target.max_mse = positive_number(max_mse, "--max-mse");
    if (top < 1 || top > 1000) throw BadInput("--top: " + std::to_string(top) + " outside 1..1000");
    if (threads < 1 || threads > 256) throw BadInput("--threads: " + std::to_string(threads) + " outside 1..256");
    if (merge && vm.count("shard")) throw BadInput("--merge joins shards; give no --shard with it");
    const std::vector<Job> all_jobs = jobs(q.sweep);
    if (all_jobs.empty()) throw BadInput("the sweep has no points (uniform indexing needs --methods optimal and an INT precision)");
    if (all_jobs.size() > 1000000) throw BadInput("the sweep has " + std::to_string(all_jobs.size()) + " jobs; at most 1000000");
    check_sweep(q.sweep);
    q.top = top;
    q.command = "gqalut explore --out " + explore::shell_quote(out) + " " + q.sweep.options() +
                (q.target.max_error ? " --max-error " + max_error : "") + (q.target.max_mse ? " --max-mse " + max_mse : "") +
                " --minimise " + minimise;
    std::optional<ShardId> id;
    if (vm.count("shard")) id = parse_shard_option(shard);
    StagedDir staged(out, "--out");

    std::map<size_t, PwlTable> tables;
    if (merge) {
        const std::vector<Point> points = merge_shards(read_shards(out), q.sweep);
        if (!quiet) std::cerr << "explore: merged the shards of " << out << ": " << points.size() << " points\n";
        return finish(q, points, tables, staged, !no_plots, fmt);
    }
    std::vector<Job> mine;
    for (const Job& j : all_jobs)
        if (!id || static_cast<int>(j.index % static_cast<size_t>(id->count)) == id->index) mine.push_back(j);
    std::function<void(const Progress&)> progress;
    if (!quiet) progress = [](const Progress& p) { std::cerr << p.line() << std::endl; };
    const std::vector<JobResult> results = run_jobs(q.sweep, mine, threads, progress);
    std::vector<Point> points;
    for (size_t i = 0; i < results.size(); ++i) {
        points.insert(points.end(), results[i].points.begin(), results[i].points.end());
        tables.emplace(mine[i].index, results[i].table);
    }
    if (!id) return finish(q, points, tables, staged, !no_plots, fmt);
    write_file_atomic(staged.path() + "/" + id->file_name(), shard_text(q.sweep, *id, points));
    staged.commit();
    const std::string file = out + "/" + id->file_name();
    if (fmt == Format::json) print_json({{"shard", shard}, {"file", file}, {"points", points.size()}, {"jobs", mine.size()}});
    else std::printf("explore: shard %s: %zu points from %zu jobs -> %s\n", shard.c_str(), points.size(), mine.size(), file.c_str());
    return kOk;
}

const RegisterCommand reg{{"explore", "design-space sweep: the cheapest designs meeting an accuracy target, CSV, plots, report",
                           run_explore, 80}};

}  // namespace

}  // namespace gqalut::cli
