// `gqalut sim --model rtl-sc`: the RTL as Verilator's own SystemC model (`verilate(... SYSTEMC)`,
// one pin-level sc_module per configuration) in the streaming testbench where the SystemC cycle
// model sits, with nothing in between. It shows that the testbench takes a `--sc` model as it
// is, and what the pin-level signals cost against `--model rtl` (the --cc model stepped from one
// SC_METHOD in rtl::RtlScUnit, docs/rtl.md). One configuration is built this way: INT8, 1 lane,
// 32 entries (rtl/CMakeLists.txt GQALUT_RTL_SC_NAME).
#include <memory>
#include <string>

#include "model/errors.hpp"
#include "rtl/verilated/rtl_sc_model.hpp"
#include "sims/backends/cycle.hpp"
#include "sims/tb/stream_testbench.hpp"
#include "sims/backends/unit_backend.hpp"

namespace gqalut::sim {

namespace {

StreamSim& rtl_sc_sim(const BackendOptions& o) {
    if (o.shape.name() != rtl::sc_model_shape())
        throw BadInput("no Verilated --sc model for " + o.shape.name() + " (built: " + rtl::sc_model_shape() +
                       "; --model rtl has more)");
    check_rtl_options(o);
    if (!o.vcd.empty()) throw BadInput("--vcd: the --sc model is built without tracing (--model rtl writes the RTL's VCD)");
    return elaborate_once<StreamSim>("the Verilated --sc testbench " + o.shape.name() + "/" + std::to_string(o.clock_hz), [&] {
        TestbenchOptions t;
        t.shape = o.shape;
        t.latency = cost::unit_latency(o.shape, cost::Indexing::parallel);
        t.clock_period_ns = 1e9 / o.clock_hz;
        return std::make_unique<StreamTestbench<rtl::ScModel>>("tb", rtl::make_sc_model("dut"), t);
    });
}

std::unique_ptr<UnitBackend> make_rtl_sc(const BackendOptions& o) {
    return std::make_unique<StreamBackend>(o, rtl_sc_sim(o), "rtl-sc");
}

const RegisterBackend reg{
    {"rtl-sc", "Verilator --sc model of the RTL in the streaming testbench (int8_p8_n32_l1 only)", make_rtl_sc, 31}};

}  // namespace

}  // namespace gqalut::sim
