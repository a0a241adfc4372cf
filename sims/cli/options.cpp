#include "sims/cli/options.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

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

bool parse(const Args& args, const po::options_description& desc, po::variables_map& vm, const std::string& usage) {
    po::options_description all(desc);
    all.add_options()("help,h", "show this help");
    try {
        // No abbreviations: "--scale" must not silently mean "--scales".
        const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(args).options(all).positional({}).style(style).run(), vm);
        if (vm.count("help")) {
            std::cout << "usage: " << usage << "\n\n" << all << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw BadInput(e.what());
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

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << std::endl; }

std::vector<int> parse_int_range(const std::string& s, const std::string& option) {
    auto to_int = [&](const std::string& v) {
        try {
            size_t used = 0;
            const int i = std::stoi(v, &used);
            if (used == v.size()) return i;
        } catch (const std::exception&) {
        }
        throw BadInput(option + ": '" + s + "' is not A..B with integers A <= B");
    };
    const auto dots = s.find("..");
    const int a = to_int(dots == std::string::npos ? s : s.substr(0, dots));
    const int b = dots == std::string::npos ? a : to_int(s.substr(dots + 2));
    if (b < a) throw BadInput(option + ": '" + s + "' is reversed (need A <= B)");
    std::vector<int> out;
    for (int i = a; i <= b; ++i) out.push_back(i);
    return out;
}

void check_output_path(const std::string& path, const std::string& option) {
    const size_t slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    if (path.empty() || path.back() == '/' || access(dir.c_str(), W_OK) != 0)
        throw BadInput(option + ": cannot write '" + path + "' (no such directory or not writable)");
}

void make_output_dir(const std::string& dir, const std::string& option) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
        throw BadInput(option + ": cannot create the folder '" + dir + "'" + (ec ? " (" + ec.message() + ")" : ""));
}

}  // namespace gqalut::cli
