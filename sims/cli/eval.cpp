// gqalut eval --table FILE [--protocol paper|full|wide|codes] [--scales A..B] [--quiet] [--format text|json]
#include <chrono>
#include <cstdio>
#include <iostream>

#include "model/metrics.hpp"
#include "model/table_io.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/report.hpp"

namespace gqalut::cli {

int run_eval(const Args& args) {
    std::string table_path, protocol_name, scales, format;
    bool quiet = false;
    po::options_description desc("eval options");
    desc.add_options()
        ("table", po::value<std::string>(&table_path)->required(), "table file (own format or the reference JSON)")
        ("protocol", po::value<std::string>(&protocol_name)->default_value("paper"), "paper, full, wide or codes (scaler tables: every input code in the range)")
        ("scales", po::value<std::string>(&scales), "scale set A..B (default: the table's scales)")
        ("quiet", po::bool_switch(&quiet), "no progress on stderr (long evaluations report it every few seconds)");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm, "gqalut eval --table FILE [--protocol paper|full|wide|codes] [--format text|json]"))
        return kOk;
    const Format fmt = parse_format(format);
    const Protocol protocol = parse_protocol(protocol_name);
    const PwlTable t = load_table(table_path);
    EvalOptions opt;
    if (vm.count("scales")) opt.scales = parse_int_range(scales, "--scales", 0, 31);
    const auto start = std::chrono::steady_clock::now();
    auto last = start;
    if (!quiet)
        opt.progress = [&](double done) {
            const auto now = std::chrono::steady_clock::now();
            if (done < 1 && now - last < std::chrono::seconds(3)) return;
            last = now;
            const double sec = std::chrono::duration<double>(now - start).count();
            std::fprintf(stderr, "eval: %3.0f%% of the input codes, %.0f s elapsed, ETA %.0f s\n", 100 * done, sec,
                         done > 0 ? sec * (1 - done) / done : 0.0);
        };
    work_starts();
    const Metrics m = evaluate(t, protocol, opt);

    nlohmann::json j = table_summary(t);
    j["table"] = table_path;
    j.update(m.to_json());
    if (fmt == Format::json) {
        print_json(j);
    } else {
        std::cout << table_path << ": " << describe(t) << "\n";
        print_metrics_text(std::cout, m);
    }
    return kOk;
}

namespace {
const RegisterCommand reg{{"eval", "accuracy of a table under a protocol (paper, full, wide, codes)", run_eval, 20}};
}  // namespace

}  // namespace gqalut::cli
