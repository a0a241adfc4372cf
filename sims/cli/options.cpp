#include "sims/cli/options.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <cstdio>
#include <iostream>
#include <limits>

#include "model/errors.hpp"

namespace gqalut::cli {

namespace {
std::vector<Command>& registry() {
    static std::vector<Command> r;
    return r;
}
}  // namespace

RegisterCommand::RegisterCommand(const Command& c) { registry().push_back(c); }

std::vector<Command> commands() {
    std::vector<Command> c = registry();
    std::sort(c.begin(), c.end(), [](const Command& a, const Command& b) { return a.rank < b.rank; });
    return c;
}

Args glue_values(const Args& in, const std::vector<std::string>& options) {
    Args out;
    for (size_t i = 0; i < in.size(); ++i) {
        const bool named = std::find(options.begin(), options.end(), in[i]) != options.end();
        if (named && i + 1 < in.size() && !in[i + 1].empty() && in[i + 1][0] == '-' && in[i + 1].rfind("--", 0) != 0) {
            out.push_back(in[i] + "=" + in[i + 1]);
            ++i;
        } else {
            out.push_back(in[i]);
        }
    }
    return out;
}

namespace {

// No abbreviations: "--scale" must not silently mean "--scales".
constexpr int kStyle = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

// The message of a command line that does not parse. Boost 1.74 fills its messages by replacing
// %placeholders% until none is left, which never ends when an argument holds one ("--lanes
// %value%"): so the message comes from parsing again with every '%' shown as '?'.
std::string parse_error_message(Args args, const po::options_description& all) {
    for (auto& a : args) std::replace(a.begin(), a.end(), '%', '?');
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(args).options(all).positional({}).style(kStyle).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return e.what();
    }
    return "the command line does not parse";
}

}  // namespace

bool parse(const Args& args, const po::options_description& desc, po::variables_map& vm, const std::string& usage) {
    po::options_description all(desc);
    all.add_options()("help,h", "show this help");
    try {
        po::store(po::command_line_parser(args).options(all).positional({}).style(kStyle).run(), vm);
        if (vm.count("help")) {
            std::cout << "usage: " << usage << "\n\n" << all << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::error&) {   // its what() could loop forever, see parse_error_message
        throw BadInput(parse_error_message(args, all));
    }
    return true;
}

Format parse_format(const std::string& s) {
    if (s == "text") return Format::text;
    if (s == "json") return Format::json;
    throw BadInput("--format: '" + s + "' is neither text nor json");
}

void add_format_option(po::options_description& desc, std::string& target) {
    desc.add_options()("format", po::value<std::string>(&target)->default_value("text"), "output: text or json");
}

// Bytes that are not UTF-8 (a path given on the command line) print as U+FFFD instead of
// failing after the work is done and its files are written.
void print_json(const nlohmann::json& j) {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

namespace {

[[noreturn]] void outside(const std::string& option, const std::string& value, const std::string& lo, const std::string& hi) {
    throw BadInput(option + ": " + value + " outside " + lo + ".." + hi);
}

void (*work_starts_handler)() = nullptr;

}  // namespace

std::vector<int> parse_int_range(const std::string& s, const std::string& option, int lo, int hi) {
    const auto to_int = [&](const std::string& v) {
        const bool digits = !v.empty() && v.find_first_not_of("-0123456789") == std::string::npos &&
                            v.find('-', 1) == std::string::npos && v != "-";
        if (!digits) throw BadInput(option + ": '" + s + "' is not A..B with integers A <= B");
        long long i = 0;
        try {
            i = std::stoll(v);
        } catch (const std::out_of_range&) {
            outside(option, v, std::to_string(lo), std::to_string(hi));
        }
        if (i < lo || i > hi) outside(option, v, std::to_string(lo), std::to_string(hi));
        return static_cast<int>(i);
    };
    const auto dots = s.find("..");
    const int a = to_int(dots == std::string::npos ? s : s.substr(0, dots));
    const int b = dots == std::string::npos ? a : to_int(s.substr(dots + 2));
    if (b < a) throw BadInput(option + ": '" + s + "' is reversed (need A <= B)");
    std::vector<int> out;
    for (long long i = a; i <= b; ++i) out.push_back(static_cast<int>(i));
    return out;
}

std::optional<double> parse_real(const std::string& s) {
    if (s.empty()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    // ERANGE also flags an underflow, whose result (a subnormal or 0) is the nearest double.
    const bool overflow = errno == ERANGE && std::isinf(v);
    if (end != s.c_str() + s.size() || overflow || !std::isfinite(v)) return std::nullopt;
    return v;
}

uint64_t parse_count(const std::string& s, const std::string& option, uint64_t max) {
    const std::string legal = "0.." + std::to_string(max);
    if (s.empty() || s.size() > 20 || s.find_first_not_of("0123456789") != std::string::npos)
        throw BadInput(option + ": '" + s + "' is not an integer " + legal);
    uint64_t v = 0;
    try {
        v = std::stoull(s);
    } catch (const std::out_of_range&) {
        throw BadInput(option + ": " + s + " outside " + legal);
    }
    if (v > max) throw BadInput(option + ": " + s + " outside " + legal);
    return v;
}

uint64_t parse_seed(const std::string& s, const std::string& option) {
    return parse_count(s, option, std::numeric_limits<uint64_t>::max());
}

void make_output_dir(const std::string& dir, const std::string& option) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
        throw BadInput(option + ": cannot create the folder '" + dir + "'" + (ec ? " (" + ec.message() + ")" : ""));
}

po::typed_value<std::string>* seed_value(uint64_t* target, const std::string& option) {
    return po::value<std::string>()->default_value("1")->notifier(
        [target, option](const std::string& s) { *target = parse_seed(s, option); });
}

void check_int_option(const std::string& option, long long v, long long lo, long long hi) {
    if (v < lo || v > hi) outside(option, std::to_string(v), std::to_string(lo), std::to_string(hi));
}

void check_real_option(const std::string& option, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) outside(option, show_number(v), show_number(lo), show_number(hi));
}

void check_matrix_size(int rows, int cols, long long max_elements) {
    check_int_option("--rows", rows, 1, max_elements);
    check_int_option("--cols", cols, 1, max_elements);
    const long long n = static_cast<long long>(rows) * cols;
    if (n > max_elements)
        throw BadInput("--rows x --cols: " + std::to_string(rows) + " x " + std::to_string(cols) + " = " + std::to_string(n) +
                       " elements, at most " + std::to_string(max_elements));
}

void check_paths_given(const po::variables_map& vm, const std::vector<std::string>& options) {
    for (const std::string& o : options)
        if (vm.count(o) && vm[o].as<std::string>().empty()) throw BadInput("--" + o + ": an empty path names no file");
}

std::string one_line(const std::string& s) {
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

void work_starts() {
    if (work_starts_handler) work_starts_handler();
}

void set_work_starts_handler(void (*handler)()) { work_starts_handler = handler; }

}  // namespace gqalut::cli
