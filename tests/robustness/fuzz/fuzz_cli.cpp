// libFuzzer target: the option parsing and request checks of the subcommands, not their work.
// The input is a command line: arguments separated by NUL bytes, the first naming the
// subcommand (search, eval, trace, sim, cosim, vectors, cost, vp, explore or show; anything
// else picks one by its first byte). "@0".."@9" inside an argument stand for fixture files
// (tables of every kind, a bad table, cost constants, a folder, a missing path), "@o" for a
// path in an empty folder. Each subcommand stops where its work would start
// (cli::work_starts), so nothing is simulated or written. Every input must print help, reach
// that point, or fail with BadInput (exit 2); any other exception (the CLI's exit 3), a crash,
// undefined behaviour, a leak, a hang or a program started (the network study, the plots: only
// once the work starts) is a finding. vp inputs are the slow ones (vp_tables
// searches its four built-in tables on every run, about 0.2 s here).
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/cost/cost_model.hpp"
#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "search/uniform.hpp"
#include "model/unit/levels.hpp"
#include "sims/cli/options.hpp"

namespace {

using namespace gqalut;

struct WorkStarts {};   // thrown where the subcommand's work would begin

const char* const kCommands[] = {"search", "eval", "trace", "sim", "cosim", "vectors", "cost", "vp", "explore", "show"};

std::vector<std::string>& fixtures() {
    static std::vector<std::string> f;
    return f;
}

std::string& fixture_dir() {
    static std::string d;
    return d;
}

// A stand-in for the cycle level (`sim --model cycle`) when the SystemC unit models are not part of the build:
// work_starts() stops every run before a backend is made.
std::unique_ptr<unit::Unit> unreachable_level(const unit::UnitOptions&) {
    throw std::logic_error("a unit was built: work_starts() did not stop the run");
}

void make_fixtures() {
    char templ[] = "/tmp/gqalut-fuzz-cli-XXXXXX";
    const std::string dir = mkdtemp(templ) ? templ : throw std::runtime_error("mkdtemp failed");
    fixture_dir() = dir;
    std::atexit([] { std::filesystem::remove_all(fixture_dir()); });
    auto put = [&](const std::string& name, const std::string& text) {
        write_file_atomic(dir + "/" + name, text);
        return dir + "/" + name;
    };
    auto table = [&](const std::string& name, const PwlTable& t) {
        save_table(t, dir + "/" + name);
        return dir + "/" + name;
    };
    auto& f = fixtures();
    f.push_back(table("gelu8.json", uniform_table("gelu", Precision::int8, 8, -4, 4)));
    f.push_back(table("gelu16.json", uniform_table("gelu", Precision::int16, 16, -4, 4)));
    f.push_back(table("exp32.json", uniform_table("exp", Precision::fp32, 8, -8, 0)));
    f.push_back(table("div8.json", uniform_table("div", Precision::int8, 8, 0.5, 4)));
    f.push_back(table("rsqrt8.json", uniform_table("rsqrt", Precision::int8, 8, 0.25, 4)));
    f.push_back(table("exp8.json", uniform_table("exp", Precision::int8, 8, -8, 0)));
    f.push_back(put("bad.json", "{\"gelu\": {\"0\": {\"breakpoints\": [1, 0]}}}"));
    f.push_back(put("constants.json", cost::to_json(cost::default_constants()).dump(2)));
    f.push_back(dir);
    f.push_back(dir + "/missing.json");
    const std::string out = dir + "/out";
    if (mkdir(out.c_str(), 0777) != 0) throw std::runtime_error("mkdir failed");
    f.push_back(out + "/o");   // "@o"
}

std::string expand(std::string arg) {
    const auto& f = fixtures();
    for (size_t at = arg.find('@'); at != std::string::npos && at + 1 < arg.size(); at = arg.find('@', at + 1)) {
        const char c = arg[at + 1];
        const int i = c == 'o' ? 10 : (c >= '0' && c <= '9') ? c - '0' : -1;
        if (i < 0) continue;
        arg.replace(at, 2, f[static_cast<size_t>(i)]);
        at += f[static_cast<size_t>(i)].size() - 1;
    }
    return arg;
}

}  // namespace

// Every program the CLI runs goes through posix_spawn (sims/cli/spawn.cpp). The target is linked
// with -Wl,--wrap=posix_spawn (CMake), so its calls land here: a subcommand that starts a
// program before work_starts() stopped it traps.
extern "C" int __wrap_posix_spawn(pid_t*, const char*, const posix_spawn_file_actions_t*, const posix_spawnattr_t*,
                                  char* const[], char* const[]) {
    __builtin_trap();
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 0);
    if (!std::freopen("/dev/null", "w", stdout)) std::abort();   // help and trace output
    make_fixtures();
    cli::set_work_starts_handler([] { throw WorkStarts{}; });
    if (!unit::find_level("cycle")) {
        unit::Level stand_in;
        stand_in.name = "cycle";
        stand_in.summary = "stand-in";
        stand_in.rank = 1;
        stand_in.make = unreachable_level;
        unit::add_level(stand_in);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0 || size > 4096) return 0;
    std::vector<std::string> tokens(1);
    for (size_t i = 0; i < size; ++i) {
        if (data[i] == 0) tokens.emplace_back();
        else tokens.back() += static_cast<char>(data[i]);
    }
    std::string name = tokens.front();
    bool known = false;
    for (const char* c : kCommands) known = known || name == c;
    if (!known) name = kCommands[data[0] % (sizeof kCommands / sizeof kCommands[0])];
    cli::Args args;
    for (size_t i = 1; i < tokens.size(); ++i) args.push_back(expand(tokens[i]));
    for (const auto& c : cli::commands()) {
        if (name != c.name) continue;
        try {
            c.run(args);
        } catch (const WorkStarts&) {
        } catch (const BadInput& e) {
            if (std::string(e.what()).empty()) __builtin_trap();   // a message must say what is wrong
        }
        // Anything else propagates: libFuzzer reports the uncaught exception as a crash.
    }
    return 0;
}
