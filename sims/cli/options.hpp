// Shared pieces of the `gqalut` subcommands: option parsing, output format, exit codes.
#pragma once
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace gqalut::cli {

namespace po = boost::program_options;

// Exit status (docs/cli.md): 0 success, 1 a verification mismatch, 2 bad usage or bad input.
constexpr int kOk = 0;
constexpr int kMismatch = 1;
constexpr int kBadInput = 2;

using Args = std::vector<std::string>;

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Args& args);
    int rank;   // position in `gqalut --help`
};

// Every registered subcommand, ordered by rank.
std::vector<Command> commands();

// Each sims/cli/<name>.cpp registers its subcommand with a static RegisterCommand, so adding a
// subcommand touches no shared file.
struct RegisterCommand {
    explicit RegisterCommand(const Command& c);
};

// Parses args against desc (no positional arguments). Returns false if --help was given, after
// printing "usage" and the options to stdout. Throws BadInput on unknown or malformed options.
bool parse(const Args& args, const po::options_description& desc, po::variables_map& vm, const std::string& usage);

enum class Format { text, json };
Format parse_format(const std::string& s);
// `--format text|json` with its default, for every subcommand that prints results.
void add_format_option(po::options_description& desc, std::string& target);

// One JSON object on stdout.
void print_json(const nlohmann::json& j);

// "A..B" or "A" -> [A, B]; throws BadInput naming the option.
std::vector<int> parse_int_range(const std::string& s, const std::string& option);

// An output file's directory must exist and be writable; throws BadInput naming the option
// otherwise. Checked before any work starts, so a bad path creates nothing.
void check_output_path(const std::string& path, const std::string& option);

}  // namespace gqalut::cli
