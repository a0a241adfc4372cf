// gqalut explore --out DIR [--grid quick|full] [--functions F,..] [--expr E --range LO,HI]
//                [--precisions P,..] [--entries N,A..B] [--methods M,..] [--indexing I,..] [--lanes L,..]
//                [--preset paper|normalize] [--protocol paper|full|wide] [--max-error E] [--max-mse M] [--minimise area|energy|power|entries]
//                [--top K] [--shard I/N | --merge] [--threads T] [--no-plots] [--quiet] [--format text|json]
//                [--network digits|charlm [--max-accuracy-loss PCT | --max-bpc-increase B] [--network-seed N]
//                 [--network-size full|quick] [--network-cache DIR]]
// Sweeps the design space, prints the cheapest designs meeting the accuracy target with the
// command that makes each table, writes the CSV of every point, the Pareto front, the chosen
// tables, plots and a report (docs/explore.md). With --network, the study's Transformer runs
// the cheapest candidates' tables (python3 -m gqalut.study evaluate, an argument vector).
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
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
#include "sims/explore/network.hpp"
#include "sims/explore/shards.hpp"

namespace gqalut::cli {

namespace {

using namespace gqalut::explore;

double positive_number(const std::string& text, const std::string& option) {
    if (const auto v = parse_real(text); v && *v > 0) return *v;
    throw BadInput(option + ": '" + text + "' is not a finite number above 0");
}

std::vector<ShardFile> read_shards(const std::string& dir) {
    std::vector<ShardFile> files;
    DIR* d = opendir(dir.c_str());
    if (!d) throw BadInput("--out: cannot read folder " + dir);
    for (dirent* e; (e = readdir(d));)
        if (looks_like_shard_file(e->d_name)) files.push_back({e->d_name, ""});
    closedir(d);
    for (auto& f : files) {
        // A FIFO would block the merge forever, a device never ends: a shard is a regular file.
        const std::string path = dir + "/" + f.name;
        struct stat st{};
        if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
            throw BadInput(path + ": not a regular file (a FIFO or device), so not a shard");
        f.text = read_text_file(path);
    }
    return files;
}

// The fixed names a run writes into an existing --out folder: each absent or of the kind that
// is replaced (a regular file; tables/ a folder), checked before the sweep (the staged commit
// checks every name again before it moves any).
void check_out_members(const std::string& dir, const std::optional<ShardId>& id) {
    struct stat st{};
    if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;   // new, or refused by StagedDir
    std::vector<std::string> files = {"explore.csv", "pareto.csv", "summary.json", "report.html"};
    if (id) files = {id->file_name()};
    for (const std::string& name : files) {
        const std::string path = dir + "/" + name;
        if (lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
            throw BadInput("--out: " + path + " exists and is not a regular file; not replaced");
    }
    const std::string tables = dir + "/tables";
    if (!id && lstat(tables.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
        throw BadInput("--out: " + tables + " exists and is not a folder; not replaced");
}

std::string table_file_name(const Job& j) {
    std::string f = j.get("function");
    if (f.rfind("expr:", 0) == 0) f = "expr";
    // The datapath options only when set, so that the names of plain sweeps stay as they were.
    const std::string sym = j.get("symmetry"), clamp = j.get("clamp"), intercept = j.get("intercept");
    return f + "-" + j.get("precision") + "-" + j.get("entries") + "-" + j.get("method") + (j.uniform_segments ? "-uniform" : "") +
           (sym.empty() || sym == "none" ? "" : "-" + sym) + (clamp == "on" ? "-clamp" : "") +
           (intercept == "relative" ? "-relative" : "") + ".json";
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
    if (p.network_metric) j["network_metric"] = *p.network_metric;
    if (p.network_degradation) j["network_degradation"] = *p.network_degradation;
    return j;
}

std::string default_network_cache() {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(home ? home : ".") + "/.cache";
    return base + "/gqalut/network";   // gqalut.study.run.default_cache()
}

std::string last_line(const std::string& text) {
    std::string t = text;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
    return t.substr(t.find_last_of('\n') == std::string::npos ? 0 : t.find_last_of('\n') + 1);
}

// python3 -m gqalut.study evaluate, run with an argument vector (no shell); the module of this
// build tree first on the path when it is there, else the installed one.
class StudyProcess {
public:
    explicit StudyProcess(NetworkStudy s) : study_(std::move(s)) {}
    const NetworkStudy& study() const { return study_; }

    // Each (function, table file) on its own; none: the exact model (one result).
    std::vector<NetworkResult> evaluate(const std::vector<std::pair<std::string, std::string>>& each) const {
        std::vector<std::string> argv = {kPython, "-m", "gqalut.study"};
        for (auto& a : evaluate_arguments(study_, each)) argv.push_back(a);
        const ProgramOutput r = run_captured(argv, environment());
        const std::string what = "--network " + study_.task + ": ";
        if (r.status < 0) throw BadInput(what + "cannot run " + kPython + " (Debian: apt-get install python3)");
        if (r.status != 0) {
            std::string why = last_line(r.err);
            if (why.rfind("gqalut.study: ", 0) == 0) why.erase(0, 14);
            throw BadInput(what + (why.empty() ? "python3 -m gqalut.study exited with " + std::to_string(r.status) : why) +
                           (why.find("No module named") != std::string::npos && why.find("torch") == std::string::npos
                                ? " (build the Python module, docs/python.md)"
                                : ""));
        }
        std::vector<NetworkResult> results = parse_evaluations(r.out);
        if (results.size() != std::max<size_t>(1, each.size()))
            throw BadInput(what + "python3 -m gqalut.study evaluate answered " + std::to_string(results.size()) + " results for " +
                           std::to_string(std::max<size_t>(1, each.size())) + " evaluations");
        return results;
    }

private:
    static constexpr const char* kPython = "/usr/bin/python3";
    static std::vector<std::string> environment() {
        const std::string here = GQALUT_PYTHON_BUILD_DIR;
        if (!std::filesystem::exists(here + "/gqalut/__init__.py")) return {};
        const char* old = std::getenv("PYTHONPATH");
        return {"PYTHONPATH=" + here + (old && *old ? ":" + std::string(old) : "")};
    }
    NetworkStudy study_;
};

struct Request {
    Sweep sweep;
    Target target;
    int top = 5;
    std::string command;   // the explore command that reruns this sweep
    std::optional<StudyProcess> network;
    NetworkResult network_baseline;   // the INT8 model with exact functions
    bool quiet = false;
};

const PwlTable& table_of(const Request& q, const Job& job, std::map<size_t, PwlTable>& tables) {
    if (!tables.count(job.index)) tables.emplace(job.index, run_search(search_options(job, q.sweep)).table);
    return tables.at(job.index);
}

// The network metric for the candidates (judge_by_network), each table written into tables/
// first; progress on stderr. Returns the summary's "network" object.
nlohmann::json judge_network(const Request& q, std::vector<Point>& points, const std::vector<Job>& all_jobs,
                             std::map<size_t, PwlTable>& tables, const StagedDir& out) {
    const NetworkStudy& st = q.network->study();
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    const NetworkTask& task = network_task(st.task);
    size_t done = 0;
    const NetworkCount n = judge_by_network(points, q.target, q.top, [&](const std::vector<const Point*>& batch) {
        std::vector<std::pair<std::string, std::string>> each;
        std::filesystem::create_directories(out.path() + "/tables");
        for (const Point* p : batch) {
            const Job& job = all_jobs[p->job];
            const std::string file = out.path() + "/tables/" + table_file_name(job);
            save_table(table_of(q, job, tables), file);
            each.emplace_back(p->get("function"), std::filesystem::absolute(file).string());
        }
        const double t0 = seconds();
        if (!q.quiet)
            std::fprintf(stderr, "explore: network %s: evaluating %zu tables (%zu so far)\n", st.task.c_str(), batch.size(), done);
        const std::vector<NetworkResult> r = q.network->evaluate(each);
        for (size_t i = 0; i < r.size() && i < batch.size() && !q.quiet; ++i)
            std::fprintf(stderr, "explore: network %s: %s: %s %.3f, degradation %+.3f %s\n", st.task.c_str(),
                         all_jobs[batch[i]->job].describe().c_str(), r[i].metric.c_str(), r[i].value, r[i].degradation,
                         task.unit.c_str());
        done += batch.size();
        if (!q.quiet)
            std::fprintf(stderr, "explore: network %s: %zu tables in %.1f s, elapsed %.0f s\n", st.task.c_str(), batch.size(),
                         seconds() - t0, seconds());
        return r;
    });
    nlohmann::json j;
    j["task"] = st.task;
    j["metric"] = task.metric;
    j["unit"] = task.unit;
    j["seed"] = st.seed;
    j["size"] = st.size;
    j["cache"] = st.cache;
    j["fp32"] = q.network_baseline.fp32;
    j["int8_exact"] = q.network_baseline.int8_exact;
    j["max_loss"] = q.target.max_network_loss ? nlohmann::json(*q.target.max_network_loss) : nlohmann::json();
    j["evaluated"] = n.evaluated;
    j["rounds"] = n.rounds;
    j["unneeded"] = n.unneeded;
    j["not_runnable"] = n.not_runnable;
    j["seconds"] = seconds();
    return j;
}

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
            std::filesystem::create_directories(out.path() + "/tables");
            save_table(table_of(q, job, tables), out.path() + "/" + rel);
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
    const nlohmann::json& net = s["network"];
    if (s["max_error"].is_null() && s["max_mse"].is_null() && (net.is_null() || net["max_loss"].is_null()))
        std::printf("explore: %d points from %d jobs (no accuracy target, %s protocol); best by %s first\n",
                    s["points"].get<int>(), s["jobs"].get<int>(), s["protocol"].get<std::string>().c_str(),
                    s["objective"].get<std::string>().c_str());
    else
        std::printf("explore: %d points from %d jobs; %d meet %s; best by %s first\n", s["points"].get<int>(),
                    s["jobs"].get<int>(), s["meeting"].get<int>(), s["target"].get<std::string>().c_str(),
                    s["objective"].get<std::string>().c_str());
    const bool digits = !net.is_null() && net["task"] == "digits";
    if (!net.is_null())
        std::printf("network %s (seed %llu, %s model): FP32 %.4g, INT8 exact %.4g (%s); %d tables evaluated in %.0f s, "
                    "%d costlier candidates not needed, %d points it cannot run (it runs %s)\n",
                    net["task"].get<std::string>().c_str(), static_cast<unsigned long long>(net["seed"].get<uint64_t>()), net["size"].get<std::string>().c_str(),
                    net["fp32"].get<double>(), net["int8_exact"].get<double>(), digits ? "accuracy %" : "bits per char",
                    net["evaluated"].get<int>(), net["seconds"].get<double>(), net["unneeded"].get<int>(),
                    net["not_runnable"].get<int>(), network_functions_text().c_str());
    std::string function;
    for (const auto& b : s["best"]) {
        if (b["function"] != function) {
            function = b["function"];
            std::printf("\n%s\n  %-4s %-9s %7s %-8s %-8s %5s %10s %11s %9s %10s %10s", function.c_str(), "rank", "precision",
                        "entries", "method", "indexing", "lanes", "area um^2", "pJ/element", "power mW", "MSE", "max|err|");
            if (!net.is_null()) std::printf(" %9s %9s", digits ? "accuracy%" : "bpc", digits ? "loss pts" : "+bpc");
            std::printf("\n");
        }
        std::printf("  %-4d %-9s %7d %-8s %-8s %5d %10.0f %11.3f %9.3f %10.3e %10.3e", b["rank"].get<int>(),
                    b["precision"].get<std::string>().c_str(), b["entries"].get<int>(), b["method"].get<std::string>().c_str(),
                    b["indexing"].get<std::string>().c_str(), b["lanes"].get<int>(), b["area_um2"].get<double>(),
                    b["energy_pj_per_element"].get<double>(), b["power_mw"].get<double>(), b["mse_mean"].get<double>(),
                    b["max_abs_error"].get<double>());
        if (b.contains("network_metric"))
            std::printf(" %9.3f %+9.3f", b["network_metric"].get<double>(), b["network_degradation"].get<double>());
        else if (!net.is_null())
            std::printf(" %9s %9s", "-", "-");   // a function or precision the network does not run
        std::printf("\n       %s\n", b["command"].get<std::string>().c_str());
    }
    if (s["best"].empty()) std::printf("no design of the sweep meets the target\n");
    else
        for (const auto& f : s["unmet"]) std::printf("\n%s: no design meets the target\n", f.get<std::string>().c_str());
    std::printf("\nwrote %s/explore.csv, pareto.csv, tables/%s\n", s["out"].get<std::string>().c_str(),
                s["report"].is_string() ? ", plots and report.html" : "");
}

// Everything a finished sweep writes: CSV, Pareto CSV, chosen tables, summary, plots, report.
int finish(const Request& q, std::vector<Point> points, std::map<size_t, PwlTable>& tables, StagedDir& out, bool plots,
           Format fmt) {
    const std::vector<Job> all_jobs = jobs(q.sweep);
    const nlohmann::json network = q.network ? judge_network(q, points, all_jobs, tables, out) : nlohmann::json();
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
    s["network"] = network;
    s["pareto_points"] = front.size();
    s["best"] = choose_and_write(q, points, all_jobs, tables, out);
    std::set<std::string> chosen;
    for (const auto& b : s["best"]) chosen.insert(b["function"].get<std::string>());
    s["unmet"] = nlohmann::json::array();   // functions of the sweep without a design meeting the target
    for (const auto& f : q.sweep.of("function"))
        if (!chosen.count(f)) s["unmet"].push_back(f.rfind("expr:", 0) == 0 ? f.substr(5) : f);
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

// The --network options checked (the target's network bound set in `t`); nullopt without --network.
std::optional<NetworkStudy> network_study(const po::variables_map& vm, const std::string& network, uint64_t seed,
                                          const std::string& size, const std::string& cache, Target& t,
                                          const std::vector<std::string>& bounds) {
    const bool bound_given = vm.count("max-accuracy-loss") || vm.count("max-bpc-increase");
    if (!vm.count("network")) {
        for (const char* o : {"max-accuracy-loss", "max-bpc-increase", "network-seed", "network-size", "network-cache"})
            if (!vm[o].defaulted() && vm.count(o)) throw BadInput(std::string("--") + o + " needs --network digits|charlm");
        return std::nullopt;
    }
    const NetworkTask& task = network_task(network);
    for (const NetworkTask& other : network_tasks())
        if (other.name != task.name && vm.count(other.loss_option))
            throw BadInput("--" + other.loss_option + " is the target of --network " + other.name + "; with --network " +
                           task.name + " give --" + task.loss_option);
    if (size != "full" && size != "quick") throw BadInput("--network-size: '" + size + "' is neither full nor quick");
    if (cache.empty()) throw BadInput("--network-cache: empty folder name");
    if (bound_given) {
        const std::string& text = bounds[task.name == "digits" ? 0 : 1];
        const auto v = parse_real(text);
        if (!v || *v < 0) throw BadInput("--" + task.loss_option + ": '" + text + "' is not a finite number at least 0");
        t.max_network_loss = *v;
        t.network_label = task.name + (task.name == "digits" ? " accuracy loss" : " bits per char increase");
        t.network_unit = task.unit;
    }
    NetworkStudy s;
    s.task = task.name;
    s.seed = seed;
    s.size = size;
    s.cache = cache;
    return s;
}

int run_explore(const Args& args) {
    std::string out, grid_name, shard, format, expr, range, protocol, minimise, max_error, max_mse;
    std::string network, network_size, network_cache, max_accuracy_loss, max_bpc_increase, preset;
    std::vector<std::string> lists(axes().size());
    int threads = 2, top = 5;
    uint64_t seed = 1, network_seed = 1;
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
        ("seed", seed_value(&seed), "seed of the gqa, gqa-rm and nnlut searches")
        ("preset", po::value<std::string>(&preset)->default_value("paper"), "div/rsqrt scaler preset of the sweep: paper or normalize")
        ("protocol", po::value<std::string>(&protocol)->default_value("paper"), "accuracy protocol of the CSV and the target: paper, full or wide")
        ("max-error", po::value<std::string>(&max_error), "target: max |error| at most E")
        ("max-mse", po::value<std::string>(&max_mse), "target: mean MSE at most M")
        ("minimise", po::value<std::string>(&minimise)->default_value("area"), "objective: area, energy, power or entries")
        ("top", po::value<int>(&top)->default_value(5), "designs printed (and tables written) per function")
        ("shard", po::value<std::string>(&shard), "I/N: run only jobs with index % N == I (writes DIR/shard-I-of-N.csv)")
        ("merge", po::bool_switch(&merge), "join DIR/shard-*-of-N.csv of this sweep, then as a whole run")
        ("threads", po::value<int>(&threads)->default_value(2), "parallel jobs")
        ("no-plots", po::bool_switch(&no_plots), "no plots and no report.html")
        ("quiet", po::bool_switch(&quiet), "no progress on stderr")
        ("network", po::value<std::string>(&network), "digits or charlm: the study's INT8 Transformer runs the candidates' tables (python3 -m gqalut.study)")
        ("max-accuracy-loss", po::value<std::string>(&max_accuracy_loss), "target with --network digits: accuracy lost against INT8 exact at most PCT points")
        ("max-bpc-increase", po::value<std::string>(&max_bpc_increase), "target with --network charlm: bits per char gained against INT8 exact at most B")
        ("network-seed", seed_value(&network_seed, "--network-seed"), "seed of the network's trained model")
        ("network-size", po::value<std::string>(&network_size)->default_value("full"), "full, or quick (the study's tiny model, for checks)")
        ("network-cache", po::value<std::string>(&network_cache)->default_value(default_network_cache()), "folder of the trained models (python3 -m gqalut.study train)");
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
            if (const auto v = parse_real(t)) return *v;
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
    if (preset != "paper" && preset != "normalize") throw BadInput("--preset: '" + preset + "' is neither paper nor normalize");
    q.sweep.preset = preset;
    q.sweep.protocol = parse_protocol(protocol);
    // codes is a protocol of the scaler's search and eval; the sweep's tables are fitted on paper.
    if (q.sweep.protocol == Protocol::codes) throw BadInput("--protocol codes: explore takes paper, full or wide");
    q.target.objective = explore::parse_objective(minimise);
    if (vm.count("max-error")) q.target.max_error = positive_number(max_error, "--max-error");
    if (vm.count("max-mse")) q.target.max_mse = positive_number(max_mse, "--max-mse");
    const std::optional<NetworkStudy> study = network_study(vm, network, network_seed, network_size, network_cache, q.target,
                                                            {max_accuracy_loss, max_bpc_increase});
    if (study && vm.count("shard"))
        throw BadInput("--network is evaluated on the whole sweep: give it with --merge, not with --shard");
    if (top < 1 || top > 1000) throw BadInput("--top: " + std::to_string(top) + " outside 1..1000");
    if (threads < 1 || threads > 256) throw BadInput("--threads: " + std::to_string(threads) + " outside 1..256");
    if (merge && vm.count("shard")) throw BadInput("--merge joins shards; give no --shard with it");
    const std::vector<Job> all_jobs = jobs(q.sweep);
    if (all_jobs.empty()) throw BadInput("the sweep has no points (uniform indexing needs --methods optimal and an INT precision)");
    if (all_jobs.size() > 1000000) throw BadInput("the sweep has " + std::to_string(all_jobs.size()) + " jobs; at most 1000000");
    check_sweep(q.sweep);
    if (study && std::none_of(all_jobs.begin(), all_jobs.end(), [&](const Job& j) {
            Point p;
            p.values = j.values;
            return network_runs(p);
        }))
        throw BadInput("--network " + network + " runs " + network_functions_text() + " tables; the sweep has none");
    q.top = top;
    q.quiet = quiet;
    q.command = "gqalut explore --out " + explore::shell_quote(out) + " " + q.sweep.options() +
                (q.target.max_error ? " --max-error " + max_error : "") + (q.target.max_mse ? " --max-mse " + max_mse : "") +
                " --minimise " + minimise;
    if (study) {
        q.command += " --network " + network + (q.target.max_network_loss ? " --" + network_task(network).loss_option + " " +
                                                                             (max_accuracy_loss + max_bpc_increase) : "") +
                     " --network-seed " + std::to_string(network_seed) + " --network-size " + network_size +
                     " --network-cache " + explore::shell_quote(network_cache);
    }
    std::optional<ShardId> id;
    if (vm.count("shard")) id = parse_shard_option(shard);
    check_out_members(out, id);
    work_starts();   // the output folder is staged and programs are run from here on
    StagedDir staged(out, "--out");
    if (study) {
        // Python, PyTorch and the trained model are checked before any search: the exact INT8
        // model's metric, the baseline of every degradation.
        q.network.emplace(*study);
        q.network_baseline = q.network->evaluate({}).front();
        if (!quiet)
            std::fprintf(stderr, "explore: network %s: the trained model is there: INT8 with exact functions %.3f (%s)\n",
                         network.c_str(), q.network_baseline.int8_exact, q.network_baseline.metric.c_str());
    }

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
