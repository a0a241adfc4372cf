// gqalut bench [--only SECTION] [--quick] [--format text|json]
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "model/errors.hpp"
#include "sims/bench/bench.hpp"
#include "sims/cli/options.hpp"

namespace gqalut::cli {

namespace {

void print_text(const std::string& prefix, const nlohmann::json& j) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it->is_object()) {
            print_text(prefix + it.key() + ".", *it);
        } else if (it->is_number_float()) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.4g", it->get<double>());
            std::cout << "  " << prefix << it.key() << " = " << buf << "\n";
        } else {
            std::cout << "  " << prefix << it.key() << " = " << it->dump() << "\n";
        }
    }
}

// Runs one section in a child process: a SystemC design elaborates once per process, and
// several sections elaborate their own. The child sends its JSON back through a pipe.
nlohmann::json run_isolated(const bench::Section& s, const bench::Options& opt) {
    int fd[2];
    if (pipe(fd) != 0) throw std::runtime_error("pipe failed");
    std::cout.flush();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        close(fd[0]);
        std::string out;
        int code = 0;
        try {
            out = s.run(opt).dump();
        } catch (const std::exception& e) {
            out = nlohmann::json{{"error", e.what()}}.dump();
            code = 1;
        }
        for (size_t done = 0; done < out.size();) {
            const ssize_t n = write(fd[1], out.data() + done, out.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        close(fd[1]);
        _exit(code);
    }
    close(fd[1]);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = read(fd[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (text.empty()) return nlohmann::json{{"error", "section '" + std::string(s.name) + "' crashed"}};
    return nlohmann::json::parse(text);
}

}  // namespace

int run_bench(const Args& args) {
    std::string only, format;
    bool quick = false;
    po::options_description desc("bench options");
    desc.add_options()
        ("only", po::value<std::string>(&only), "run one section (see --list)")
        ("list", "list the sections")
        ("quick", po::bool_switch(&quick), "short measurements and small workloads");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm, "gqalut bench [--only SECTION] [--quick] [--format text|json]")) return kOk;
    const Format fmt = parse_format(format);
    const auto all = bench::sections();
    if (vm.count("list")) {
        for (const auto& s : all) std::cout << s.name << "  " << s.what << "\n";
        return kOk;
    }
    bool found = only.empty();
    for (const auto& s : all) found = found || only == s.name;
    if (!found) throw BadInput("--only: unknown section '" + only + "' (gqalut bench --list)");

    bench::Options opt;
    opt.quick = quick;
    if (quick) opt.min_seconds = 0.05;
    nlohmann::json out;
    out["quick"] = quick;
    for (const auto& s : all) {
        if (!only.empty() && only != s.name) continue;
        std::cerr << "bench: " << s.name << " ..." << std::endl;
        out[s.name] = run_isolated(s, opt);
    }
    // Ratios across sections, all measured in this run.
    if (out.contains("tlm") && out.contains("cycle") && out["tlm"].contains("cycle_int8_elements_per_second") &&
        out["cycle"].contains("cycle_int8_n8_l1_elements_per_second"))
        out["tlm"]["cycle_accelerator_over_bare_cycle_model"] =
            out["tlm"]["cycle_int8_elements_per_second"].get<double>() /
            out["cycle"]["cycle_int8_n8_l1_elements_per_second"].get<double>();
    if (fmt == Format::json) {
        print_json(out);
    } else {
        for (auto it = out.begin(); it != out.end(); ++it) {
            if (!it->is_object()) continue;
            std::cout << it.key() << ":\n";
            print_text("", *it);
        }
    }
    return kOk;
}

namespace {
const RegisterCommand reg{{"bench", "speed of the models and tools, as ratios measured in one run", run_bench, 90}};
}  // namespace

}  // namespace gqalut::cli
