// gqalut explore --out DIR [--grid quick|full] [--shard I/N] [--threads T] [--merge] [--no-plots]
#include <sys/stat.h>

#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <tuple>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "sims/cli/options.hpp"
#include "sims/explore/explore.hpp"

namespace gqalut::cli {

namespace {

std::pair<int, int> parse_shard(const std::string& s) {
    const std::regex re(R"((\d+)/(\d+))");
    std::smatch m;
    if (!std::regex_match(s, m, re)) throw BadInput("--shard: '" + s + "' is not I/N");
    const int i = std::stoi(m[1]), n = std::stoi(m[2]);
    if (n < 1 || n > 100000 || i >= n) throw BadInput("--shard: '" + s + "' needs 0 <= I < N");
    return {i, n};
}

void make_dir(const std::string& dir) {
    struct stat st{};
    if (stat(dir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) throw BadInput("--out: " + dir + " exists and is not a directory");
        return;
    }
    if (mkdir(dir.c_str(), 0777) != 0) throw BadInput("--out: cannot create " + dir);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

void plots(const std::string& dir) {
    const std::string cmd = "/usr/bin/python3 " GQALUT_SOURCE_DIR "/scripts/explore_plots.py '" + dir + "/explore.csv' '" +
                            dir + "' >&2";
    if (std::system(cmd.c_str()) != 0) std::cerr << "explore: warning: plotting failed (python3 with matplotlib?)\n";
}

int run_explore(const Args& args) {
    std::string out, grid_name, shard;
    int threads = 2;
    bool merge = false, no_plots = false;
    po::options_description desc("explore options");
    desc.add_options()
        ("out", po::value<std::string>(&out)->required(), "output directory")
        ("grid", po::value<std::string>(&grid_name)->default_value("quick"), "quick (about 120 points) or full")
        ("shard", po::value<std::string>(&shard), "I/N: run only jobs with index % N == I (write DIR/shard-I-of-N.csv)")
        ("threads", po::value<int>(&threads)->default_value(2), "parallel jobs")
        ("merge", po::bool_switch(&merge), "join DIR/shard-*-of-N.csv into DIR/explore.csv and plot")
        ("no-plots", po::bool_switch(&no_plots), "skip the PNG plots");
    po::variables_map vm;
    if (!parse(args, desc, vm, "gqalut explore --out DIR [--grid quick|full] [--shard I/N] [--merge]")) return kOk;
    const explore::Grid grid = explore::grid_by_name(grid_name);
    if (threads < 1 || threads > 256) throw BadInput("--threads: " + std::to_string(threads) + " outside 1..256");
    if (merge && vm.count("shard")) throw BadInput("--merge joins shards; give no --shard with it");

    if (merge) {
        std::map<int, std::vector<explore::Point>> by_shard;
        int total = -1;
        DIR* d = opendir(out.c_str());
        if (!d) throw BadInput("--out: cannot read directory " + out);
        const std::regex re(R"(shard-(\d+)-of-(\d+)\.csv)");
        for (dirent* e; (e = readdir(d));) {
            std::smatch m;
            const std::string name = e->d_name;
            if (!std::regex_match(name, m, re)) continue;
            const int n = std::stoi(m[2]);
            if (total >= 0 && n != total) {
                closedir(d);
                throw BadInput(out + ": shards of different splits (of " + std::to_string(total) + " and of " + std::to_string(n) + ")");
            }
            total = n;
            by_shard[std::stoi(m[1])] = explore::from_csv(read_text(out + "/" + name), out + "/" + name);
        }
        closedir(d);
        if (total < 0) throw BadInput(out + ": no shard-I-of-N.csv files to merge");
        for (int i = 0; i < total; ++i)
            if (!by_shard.count(i)) throw BadInput(out + ": shard " + std::to_string(i) + " of " + std::to_string(total) + " is missing");
        std::vector<explore::Point> all;
        std::set<size_t> jobs;
        for (auto& [i, pts] : by_shard)
            for (auto& p : pts) {
                if (static_cast<int>(p.job % static_cast<size_t>(total)) != i)
                    throw BadInput(out + ": shard " + std::to_string(i) + " holds job " + std::to_string(p.job) + " of another shard");
                jobs.insert(p.job);
                all.push_back(p);
            }
        const size_t expected = explore::accuracy_jobs(grid).size();
        if (jobs.size() != expected || (!jobs.empty() && *jobs.rbegin() != expected - 1))
            throw BadInput(out + ": the shards hold " + std::to_string(jobs.size()) + " jobs, the " + grid.name + " grid has " +
                           std::to_string(expected));
        std::stable_sort(all.begin(), all.end(), [](const explore::Point& a, const explore::Point& b) { return a.job < b.job; });
        write_file_atomic(out + "/explore.csv", explore::to_csv(all));
        std::cerr << "explore: merged " << total << " shards, " << all.size() << " points into " << out << "/explore.csv\n";
        if (!no_plots) plots(out);
        return kOk;
    }

    int index = 0, count = 1;
    if (vm.count("shard")) std::tie(index, count) = parse_shard(shard);
    make_dir(out);
    const auto t0 = std::chrono::steady_clock::now();
    const auto points = explore::run_sweep(grid, index, count, threads, [](const std::string& s) { std::cerr << s << "\n"; });
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const std::string file = vm.count("shard") ? out + "/shard-" + std::to_string(index) + "-of-" + std::to_string(count) + ".csv"
                                               : out + "/explore.csv";
    write_file_atomic(file, explore::to_csv(points));
    std::cerr << "explore: " << points.size() << " points in " << secs << " s -> " << file << "\n";
    if (!vm.count("shard") && !no_plots) plots(out);
    return kOk;
}

const RegisterCommand reg{{"explore", "sweep entries x precision x method x indexing x lanes: CSV and plots", run_explore, 80}};

}  // namespace

}  // namespace gqalut::cli
