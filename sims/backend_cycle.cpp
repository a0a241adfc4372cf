// `gqalut sim --model cycle`: the SystemC cycle model (model/sc/) in the streaming testbench.
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include <systemc>

#include "model/errors.hpp"
#include "sims/cycle_backend.hpp"

namespace gqalut::sim {

namespace {

void report_to_stderr(const sc_core::sc_report& rep, const sc_core::sc_actions& actions) {
    if (actions & sc_core::SC_DISPLAY) std::cerr << sc_core::sc_report_compose_message(rep) << std::endl;
    sc_core::sc_report_handler::default_handler(rep, actions & ~sc_core::SC_DISPLAY);
}

std::string key_of(const BackendOptions& o) {
    return o.shape.name() + "/" + cost::to_string(o.indexing) + "/" + o.vcd + "/" + (o.toggles ? "t" : "-") + "/" +
           std::to_string(o.clock_hz);
}

std::unique_ptr<UnitBackend> make_cycle(const BackendOptions& o) {
    return std::make_unique<StreamBackend>(o, cycle_sim(o), "cycle");
}

const RegisterBackend reg{{"cycle", "SystemC cycle model (model/sc/) in the streaming testbench", make_cycle, 20}};

}  // namespace

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

std::vector<std::string> precompiled_cycle_shapes() {
    std::vector<std::string> out;
    list_int_cycle_shapes(out);
    list_fp32_cycle_shapes(out);
    list_scaler_cycle_shapes(out);
    return out;
}

bool cycle_shape_available(const UnitShape& s) {
    for (const auto& n : precompiled_cycle_shapes())
        if (n == s.name()) return true;
    return false;
}

StreamSim& elaborate_once(const std::string& key, const std::function<std::unique_ptr<StreamSim>()>& make) {
    static std::unique_ptr<StreamSim> inst;
    static std::string built;
    if (inst) {
        if (key == built) return *inst;
        throw std::logic_error("SystemC elaborates once per process: this process already built " + built +
                               ", cannot build " + key);
    }
    prepare_systemc();
    inst = make();
    built = key;
    return *inst;
}

StreamSim& cycle_sim(const BackendOptions& o) {
    if (!cycle_shape_available(o.shape)) {
        std::string list;
        for (const auto& n : precompiled_cycle_shapes()) list += (list.empty() ? "" : ", ") + n;
        throw BadInput("no precompiled cycle model for " + o.shape.name() + " (precompiled: " + list + ")");
    }
    return elaborate_once("the cycle model " + key_of(o), [&] {
        std::unique_ptr<StreamSim> s = make_int_cycle_sim(o);
        if (!s) s = make_fp32_cycle_sim(o);
        if (!s) s = make_scaler_cycle_sim(o);
        if (!s) throw BadInput("no precompiled cycle model for " + o.shape.name());
        return s;
    });
}

}  // namespace gqalut::sim
