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
    os << "usage: gqalut <command> [options]   (gqalut <command> --help for its options)\n\ncommands:\n";
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
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        usage(std::cout);
        return cli::kOk;
    }
    if (name == "--version") {
        std::cout << "gqalut " << GQALUT_VERSION << "\n";
        return cli::kOk;
    }
    const cli::Args args(argv + 2, argv + argc);
    for (const auto& c : cli::commands()) {
        if (name != c.name) continue;
        try {
            return c.run(args);
        } catch (const BadInput& e) {
            std::cerr << "gqalut " << name << ": error: " << e.what() << "\n";
            return cli::kBadInput;
        } catch (const std::exception& e) {
            std::cerr << "gqalut " << name << ": internal error: " << e.what() << "\n";
            return 3;
        }
    }
    std::cerr << "gqalut: error: unknown command '" << name << "' (gqalut --help lists them)\n";
    return cli::kBadInput;
}
