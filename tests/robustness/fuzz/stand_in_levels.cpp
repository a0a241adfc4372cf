// The fuzz build of the subcommands has no SystemC unit models: registering the built-in levels
// adds nothing (golden is always there, fuzz_cli registers a stand-in cycle level itself).
#include "sims/tb/built_in_levels.hpp"

namespace gqalut::sim {

void register_built_in_levels() {}

}  // namespace gqalut::sim
