// Shared pieces of the `gqalut` subcommands: option parsing, output format, exit codes.
#pragma once
#include <boost/program_options.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
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

// "--range -4,4": a value starting with '-' would be taken for an option; for the options
// named, it is glued on ("--range=-4,4").
Args glue_values(const Args& args, const std::vector<std::string>& options);

// Parses args against desc (no positional arguments). Returns false if --help was given, after
// printing "usage" and the options to stdout. Throws BadInput on unknown or malformed options.
bool parse(const Args& args, const po::options_description& desc, po::variables_map& vm, const std::string& usage);

enum class Format { text, json };
Format parse_format(const std::string& s);
// `--format text|json` with its default, for every subcommand that prints results.
void add_format_option(po::options_description& desc, std::string& target);

// One JSON object on stdout.
void print_json(const nlohmann::json& j);

// "A..B" or "A" -> [A, B] with lo <= A <= B <= hi; throws BadInput naming the option and the
// legal range (checked before the list is made, so no range can overflow or run on).
std::vector<int> parse_int_range(const std::string& s, const std::string& option, int lo, int hi);

// The whole of `s` as a finite real (subnormals such as 1e-320 included), or nothing.
std::optional<double> parse_real(const std::string& s);

// A decimal integer 0..max (no sign, no wrap); throws BadInput naming the option and the range.
uint64_t parse_count(const std::string& s, const std::string& option, uint64_t max);
// --seed S: a decimal integer 0..2^64-1, the one rule for every subcommand.
uint64_t parse_seed(const std::string& s, const std::string& option = "--seed");
// The --seed option's value: default 1, parsed into *target by parse_seed when the options are.
po::typed_value<std::string>* seed_value(uint64_t* target, const std::string& option = "--seed");

// An option's value within [lo, hi] (a real one must also be finite); throws BadInput naming
// the option, the value and the range.
void check_int_option(const std::string& option, long long v, long long lo, long long hi);
void check_real_option(const std::string& option, double v, double lo, double hi);
// --rows and --cols, each 1..max_elements, of a matrix of at most max_elements elements.
void check_matrix_size(int rows, int cols, long long max_elements);

// Each of `options` that was given names a file: an empty value (which would silently mean "the
// default") is refused, naming the option.
void check_paths_given(const po::variables_map& vm, const std::vector<std::string>& options);

// An error message as one line: control characters (a newline in a path) and backslashes are
// escaped, so stderr always gets exactly one line.
std::string one_line(const std::string& s);

// Every subcommand calls this once its request is checked, before the work starts and before
// any output is written. It does nothing unless a handler is set: the parser fuzz harness
// (tests/robustness/fuzz/fuzz_cli.cpp) sets one that stops there, so only parsing runs.
void work_starts();
void set_work_starts_handler(void (*handler)());

// An output folder: created with its missing parents; throws BadInput naming the option when
// that fails or the path is not a folder.
void make_output_dir(const std::string& dir, const std::string& option);

}  // namespace gqalut::cli
