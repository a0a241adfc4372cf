// gqalut: one binary, subcommands (SPEC §13).
#include <iostream>

#include "model/errors.hpp"
#include "sims/cli.hpp"

namespace {

void usage(std::ostream& os) {
    os << "usage: gqalut <command> [options]   (gqalut <command> --help for its options)\n\ncommands:\n";
    for (const auto& c : gqalut::cli::commands()) {
        std::string name = c.name;
        name.resize(10, ' ');
        os << "  " << name << c.summary << "\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace gqalut;
    if (argc < 2) {
        usage(std::cerr);
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
