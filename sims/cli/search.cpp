// gqalut search --function F | --expr E --range LO,HI --entries N --precision int8|int16|int32|fp32
//               [--scheme shared|per-scale|uniform] --method gqa|gqa-rm|nnlut|optimal [--objective mse|max]
//               [--lambda auto|L] [--lambda-k auto|L] [--lambda-b auto|L] [--width W] [--symmetry S] [--clamp]
//               [--intercept absolute|relative] [--preset P] [--scaler-input FMT] [--scaler-output FMT]
//               [--protocol paper|codes] [--seed S] [--threads T] [--out FILE] [--format text|json]   (docs/cli.md, docs/search.md; more options: --help)
#include <cmath>
#include <iostream>
#include <optional>

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "search/search.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/outputs.hpp"
#include "sims/cli/report.hpp"

namespace gqalut::cli {

namespace {

double parse_double(const std::string& s, const std::string& option) {
    if (const auto v = parse_real(s)) return *v;
    throw BadInput(option + ": '" + s + "' is not a finite number");
}

// "auto" (unset: chosen by the search) or fraction bits.
std::optional<int> parse_lambda(const std::string& s, const std::string& option) {
    if (s == "auto") return std::nullopt;
    if (s.empty() || s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos)
        throw BadInput(option + ": '" + s + "' is neither auto nor a number of fraction bits");
    return std::stoi(s);
}

std::pair<double, double> parse_range(const std::string& s) {
    const auto comma = s.find(',');
    if (comma == std::string::npos) throw BadInput("--range: '" + s + "' is not LO,HI");
    return {parse_double(s.substr(0, comma), "--range"), parse_double(s.substr(comma + 1), "--range")};
}

// "--range -4,4": a value that starts with '-' would be taken for an option; glue it on.
Args glue_values(const Args& in) {
    Args out;
    for (size_t i = 0; i < in.size(); ++i) {
        if ((in[i] == "--range" || in[i] == "--expr") && i + 1 < in.size() && !in[i + 1].empty() && in[i + 1][0] == '-' &&
            in[i + 1].rfind("--", 0) != 0) {
            out.push_back(in[i] + "=" + in[i + 1]);
            ++i;
        } else {
            out.push_back(in[i]);
        }
    }
    return out;
}

}  // namespace

int run_search(const Args& raw_args) {
    std::string function, expr, range, precision, scheme, method, seed, out, format, fit, scales, rm_range, preset;
    std::string lambda, lambda_k, lambda_b, objective, symmetry, intercept, scaler_input, scaler_output, protocol;
    int entries = 0, threads = 1, generations = -1, population = -1, width = -1, nn_steps = -1;
    double theta_r = -1;
    bool quiet = false, clamp = false;
    po::options_description desc("search options");
    desc.add_options()
        ("function", po::value<std::string>(&function), "gelu, hswish, exp, div, rsqrt, sigmoid, tanh, silu, exp2, log2")
        ("expr", po::value<std::string>(&expr), "a function of x (muparser syntax); needs --range")
        ("range", po::value<std::string>(&range), "search and protocol range LO,HI (default: paper Table 1)")
        ("entries", po::value<int>(&entries)->required(), "number of entries N (N-1 breakpoints)")
        ("precision", po::value<std::string>(&precision)->default_value("int8"), "int8, int16, int32 or fp32")
        ("scheme", po::value<std::string>(&scheme), "shared (one breakpoint set, GA/NN-LUT), per-scale (optimal's default) or uniform (optimal codes for uniform MSB-addressed segments)")
        ("method", po::value<std::string>(&method)->default_value("gqa-rm"), "gqa, gqa-rm, nnlut or optimal")
        ("seed", po::value<std::string>(&seed)->default_value("1"), "random seed (gqa, gqa-rm, nnlut)")
        ("threads", po::value<int>(&threads)->default_value(1), "worker threads; results do not depend on it")
        ("out", po::value<std::string>(&out), "write the table here (atomically)")
        ("fit", po::value<std::string>(&fit)->default_value("chord"), "GA segment fit: chord (paper) or lsq")
        ("generations", po::value<int>(&generations), "GA generations (default 500)")
        ("population", po::value<int>(&population), "GA population (default 50)")
        ("theta-r", po::value<double>(&theta_r), "rounding mutation probability per scale (default Table 1)")
        ("rm-range", po::value<std::string>(&rm_range), "rounding mutation scales ma..mb (default Table 1)")
        ("nn-steps", po::value<int>(&nn_steps), "NN-LUT training steps (default 3000)")
        ("scales", po::value<std::string>(&scales), "INT protocol scales A..B (default 0..6)")
        ("lambda", po::value<std::string>(&lambda)->default_value("auto"),
         "fraction bits of slopes and intercepts: auto (the pair that minimises the objective) or a number for both")
        ("lambda-k", po::value<std::string>(&lambda_k), "slope fraction bits (auto or a number; overrides --lambda)")
        ("lambda-b", po::value<std::string>(&lambda_b), "intercept fraction bits (auto or a number; overrides --lambda)")
        ("objective", po::value<std::string>(&objective)->default_value("mse"), "what to minimise: mse (mean of the per-scale MSEs) or max (largest absolute error)")
        ("width", po::value<int>(&width), "slope/intercept width W (default k)")
        ("preset", po::value<std::string>(&preset),
         "scaler preset: div/rsqrt normalize (default: every code of the input format) or paper (Table 2 as printed, "
         "for Table 3); rsqrt octave (every exponent, x' in [4, 8), odd ones times 1/sqrt(2)); exp2/log2 reduce (the default, range reduction); exp reduce (through 2^x on the scaler)")
        ("scaler-input", po::value<std::string>(&scaler_input),
         "scaler input format: Q15.16 (exp2, exp; the default) or UQ16.16 (div, rsqrt, log2; the default), any width 2..32")
        ("scaler-output", po::value<std::string>(&scaler_output),
         "scaler output format, 32 bits: UQ8.24 (the default) or UQ(32-F).F; log2 Q7.24 (the default) or Q(31-F).F")
        ("protocol", po::value<std::string>(&protocol)->default_value("paper"),
         "the points fitted and reported: paper (numeric-definition.md §7) or, on the scaler, codes (every code of "
         "--scaler-input in --range; eval --protocol codes measures the same)")
        ("symmetry", po::value<std::string>(&symmetry)->default_value("none"),
         "INT unit: fold the input sign, the table covers |x| (none, auto: the function's own, odd, even, point, shifted)")
        ("clamp", po::bool_switch(&clamp), "INT unit: clamp inputs outside the range to it before indexing")
        ("intercept", po::value<std::string>(&intercept)->default_value("absolute"),
         "INT unit: absolute (y = K q + B) or relative (y = K (q - P_{i-1}) + B, B the value at the segment start)")
        ("quiet", po::bool_switch(&quiet), "no progress on stderr");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(glue_values(raw_args), desc, vm,
               "gqalut search --function F | --expr E --range LO,HI --entries N --precision int8|int16|int32|fp32 "
               "[--scheme shared|per-scale|uniform] --method gqa|gqa-rm|nnlut|optimal [--objective mse|max] "
               "[--lambda auto|L] [--lambda-k auto|L] [--lambda-b auto|L] [--width W] [--symmetry none|auto|odd|even|point|shifted] "
               "[--clamp] [--intercept absolute|relative] [--preset P] [--scaler-input Q15.16] [--scaler-output UQ8.24] "
               "[--protocol paper|codes] [--seed S] [--threads T] [--out FILE] "
               "[--format text|json]"))
        return kOk;
    const Format fmt = parse_format(format);

    SearchOptions opt;
    if (vm.count("function") && vm.count("expr")) throw BadInput("give --function or --expr, not both");
    if (!vm.count("function") && !vm.count("expr")) throw BadInput("give --function F or --expr E with --range LO,HI");
    if (vm.count("expr")) {
        opt.spec.function = "expr";
        opt.spec.expr = expr;
    } else {
        opt.spec.function = function;
        if (function == "expr") throw BadInput("--function expr: use --expr E --range LO,HI");
    }
    if (vm.count("range")) {
        const auto r = parse_range(range);
        opt.spec.lo = r.first;
        opt.spec.hi = r.second;
    }
    opt.spec.entries = entries;
    opt.spec.precision = precision;
    if (vm.count("preset")) opt.spec.preset = preset;
    if (vm.count("scaler-input")) opt.spec.scaler_input = scaler_input;
    if (vm.count("scaler-output")) opt.spec.scaler_output = scaler_output;
    opt.spec.lambda_k = opt.spec.lambda_b = parse_lambda(lambda, "--lambda");
    if (vm.count("lambda-k")) opt.spec.lambda_k = parse_lambda(lambda_k, "--lambda-k");
    if (vm.count("lambda-b")) opt.spec.lambda_b = parse_lambda(lambda_b, "--lambda-b");
    opt.spec.objective = objective;
    opt.spec.protocol = protocol;
    opt.spec.symmetry = symmetry;
    opt.spec.clamp = clamp;
    opt.spec.intercept = intercept;
    if (vm.count("width")) opt.spec.width = width;
    if (vm.count("scales")) opt.spec.scales = parse_int_range(scales, "--scales", 0, 31);
    opt.method = method;
    if (vm.count("scheme")) opt.scheme = scheme;
    opt.seed = parse_seed(seed);
    opt.threads = threads;
    opt.fit = parse_fit(fit);
    if (vm.count("generations")) opt.generations = generations;
    if (vm.count("population")) opt.population = population;
    if (vm.count("theta-r")) opt.theta_r = theta_r;
    if (vm.count("rm-range")) {
        const auto r = parse_int_range(rm_range, "--rm-range", 0, 62);
        opt.rm_range = std::make_pair(r.front(), r.back());
    }
    if (vm.count("nn-steps")) {
        if (nn_steps < 1 || nn_steps > 10000000) throw BadInput("--nn-steps: outside 1..10000000");
        opt.nn_steps = nn_steps;
    }
    if (!quiet) opt.progress = [](const std::string& line) { std::cerr << line << std::endl; };

    if (vm.count("out")) check_output_file(out, "--out", {});   // before the search, not after it
    work_starts();
    const SearchResult r = gqalut::run_search(opt);
    if (!out.empty()) save_table(r.table, out);
    const std::string warning = rail_warning(r);
    if (!warning.empty()) std::cerr << "gqalut search: warning: " << warning << std::endl;

    if (fmt == Format::json) {
        nlohmann::json j = table_summary(r.table);
        j.update(r.metrics.to_json());
        j["seconds"] = r.seconds;
        j["seed"] = r.table.seed ? nlohmann::json(*r.table.seed) : nlohmann::json(nullptr);
        j["objective"] = to_string(r.objective);
        j["objective_value"] = r.objective_value;
        j["bits_per_entry"] = r.bits_per_entry;
        if (is_int(r.table.precision)) {
            j["lambda_k"] = r.table.params.lambda_k;
            j["lambda_b"] = r.table.params.lambda_b;
            j["codes_at_rail"] = r.rails.to_json();
            j["symmetry"] = to_string(r.table.datapath.symmetry);
            j["clamp"] = r.table.datapath.clamp;
            j["intercept"] = to_string(r.table.datapath.intercept);
        }
        if (r.table.scaler) {
            j["scaler_input"] = r.table.scaler->input.str();
            j["scaler_output"] = r.table.scaler->output.str();
        }
        if (!r.lambda_trials.empty()) j["lambda_search"] = {{"pairs", r.lambda_trials.size()}, {"by", r.lambda_by}};
        if (r.exact) j["exact"] = *r.exact;
        j["note"] = r.note;
        if (r.evaluations) j["evaluations"] = r.evaluations;
        j["range"] = {r.table.range_lo, r.table.range_hi};
        if (is_int(r.table.precision)) j["scales"] = r.table.scales;
        if (!out.empty()) j["out"] = out;
        print_json(j);
    } else {
        std::cout << describe(r.table) << "\n";
        print_metrics_text(std::cout, r.metrics);
        char buf[96];
        if (is_int(r.table.precision))
            std::cout << "  objective " << to_string(r.objective) << ", lambda_k " << r.table.params.lambda_k << ", lambda_b "
                      << r.table.params.lambda_b << (r.lambda_trials.empty() ? "" : " (auto)") << ", " << r.bits_per_entry
                      << " bits per entry\n";
        std::snprintf(buf, sizeof buf, "  seconds     %.3f\n", r.seconds);
        std::cout << buf << "  " << r.note << "\n";
        if (!out.empty()) std::cout << "table written to " << out << "\n";
    }
    return kOk;
}

namespace {
const RegisterCommand reg{{"search", "search a pwl table: gqa, gqa-rm, nnlut or the exact optimum", run_search, 10}};
}  // namespace

}  // namespace gqalut::cli
