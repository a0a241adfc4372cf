// `gqalut sim --model cycle`: the SystemC cycle model (model/sc/) in the streaming testbench.
#include "model/errors.hpp"
#include "sims/backends/cycle.hpp"

namespace gqalut::sim {

namespace {

std::string key_of(const BackendOptions& o) {
    return o.shape.name() + "/" + cost::to_string(o.indexing) + "/" + o.vcd + "/" + (o.toggles ? "t" : "-") + "/" +
           std::to_string(o.clock_hz);
}

std::unique_ptr<UnitBackend> make_cycle(const BackendOptions& o) {
    return std::make_unique<StreamBackend>(o, cycle_sim(o), "cycle");
}

const RegisterBackend reg{{"cycle", "SystemC cycle model (model/sc/) in the streaming testbench", make_cycle, 20}};

}  // namespace

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

StreamSim& cycle_sim(const BackendOptions& o) {
    if (!cycle_shape_available(o.shape)) {
        std::string list;
        for (const auto& n : precompiled_cycle_shapes()) list += (list.empty() ? "" : ", ") + n;
        throw BadInput("no precompiled cycle model for " + o.shape.name() + " (precompiled: " + list + ")");
    }
    return elaborate_once<StreamSim>("the cycle model " + key_of(o), [&] {
        std::unique_ptr<StreamSim> s = make_int_cycle_sim(o);
        if (!s) s = make_fp32_cycle_sim(o);
        if (!s) s = make_scaler_cycle_sim(o);
        if (!s) throw BadInput("no precompiled cycle model for " + o.shape.name());
        return s;
    });
}

}  // namespace gqalut::sim
