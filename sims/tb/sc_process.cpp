#include "sims/tb/sc_process.hpp"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include <systemc>

// Programs with their own main() (and the test binaries whose Catch2 session runs from main)
// link libsystemc, which still refers to sc_main: this weak definition satisfies it; a
// program's own sc_main replaces it.
extern "C" __attribute__((weak)) int sc_main(int, char**) { return 2; }

namespace gqalut::sim {

namespace {

void report_to_stderr(const sc_core::sc_report& rep, const sc_core::sc_actions& actions) {
    if (actions & sc_core::SC_DISPLAY) std::cerr << sc_core::sc_report_compose_message(rep) << std::endl;
    sc_core::sc_report_handler::default_handler(rep, actions & ~sc_core::SC_DISPLAY);
}

std::string& elaboration() {
    static std::string built;
    return built;
}

}  // namespace

bool elaborated_before(const std::string& key) {
    const std::string& built = elaboration();
    if (built.empty()) return false;
    if (built == key) return true;
    throw std::logic_error("SystemC elaborates once per process: this process already built " + built +
                           ", cannot build " + key);
}

void mark_elaborated(const std::string& key) { elaboration() = key; }

void prepare_systemc() {
    static bool done = false;
    if (done) return;
    done = true;
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    sc_core::sc_report_handler::set_handler(report_to_stderr);
    sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);   // e.g. the VCD timescale note
    try {
        sc_core::sc_set_time_resolution(1, sc_core::SC_PS);
    } catch (const std::exception&) {
        // already fixed (1 ps is SystemC's default as well)
    }
}

}  // namespace gqalut::sim
