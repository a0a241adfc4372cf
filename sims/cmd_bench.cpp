// gqalut bench [--only SECTION] [--quick] [--format text|json]
#include <iostream>

#include "model/errors.hpp"
#include "sims/bench.hpp"
#include "sims/cli.hpp"

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
        out[s.name] = s.run(opt);
    }
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
