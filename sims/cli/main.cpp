// gqalut: one binary, subcommands (docs/cli.md).
// The entry point is sc_main: SystemC's own main() calls it, so subcommands that elaborate a
// SystemC design (sim, cosim, vp) run inside a normal SystemC process, once per invocation.
#include <cstdlib>
#include <iostream>
#include <systemc>   // declares sc_main with C linkage

#include "model/errors.hpp"
#include "sims/cli/options.hpp"
#include "sims/tb/sc_process.hpp"

namespace {

// SystemC's main() prints a banner on stdout before sc_main runs unless told not to: stdout
// carries results (JSON) only, so the setting is made during static initialisation.
const int kQuietSystemC = setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 0);

void usage(std::ostream& os) {
    os << "usage: gqalut <command> [options]   (gqalut <command> --help or gqalut help <command> for its options)\n\ncommands:\n";
    for (const auto& c : gqalut::cli::commands()) {
        std::string name = c.name;
        name.resize(10, ' ');
        os << "  " << name << c.summary << "\n";
    }
}

}  // namespace

int sc_main(int argc, char** argv) {
    using namespace gqalut;
    (void)kQuietSystemC;
    // Before any SystemC object exists: 1 ps resolution for every design (as the Verilated
    // models), and SystemC reports on stderr (stdout carries results only).
    sim::prepare_systemc();
    if (argc < 2) {
        std::cerr << "gqalut: error: no command given (gqalut --help lists them)\n";
        return cli::kBadInput;
    }
    std::string name = argv[1];
    cli::Args args(argv + 2, argv + argc);
    if (name == "help" && argc == 3) {   // gqalut help CMD = gqalut CMD --help
        name = argv[2];
        args = {"--help"};
    }
    if (name == "--help" || name == "-h" || name == "help") {
        usage(std::cout);
        return cli::kOk;
    }
    if (name == "--version") {
        std::cout << "gqalut " << GQALUT_VERSION << "\n";
        return cli::kOk;
    }
    for (const auto& c : cli::commands()) {
        if (name != c.name) continue;
        try {
            return c.run(args);
        } catch (const BadInput& e) {
            std::cerr << "gqalut " << name << ": error: " << cli::one_line(e.what()) << "\n";
            return cli::kBadInput;
        } catch (const std::exception& e) {
            std::cerr << "gqalut " << name << ": internal error: " << cli::one_line(e.what()) << "\n";
            return 3;
        }
    }
    std::cerr << "gqalut: error: unknown command '" << cli::one_line(name) << "' (gqalut --help lists them)\n";
    return cli::kBadInput;
}
