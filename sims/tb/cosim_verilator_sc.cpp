// Lock-step testbench with the RTL as Verilator's own SystemC model (`gqalut cosim --rtl sc`):
// the pin-level --sc model of rtl/verilated/rtl_sc_model.hpp where the --cc model in
// rtl::RtlScUnit usually sits. Compiled with VM_SC=1 (sims/CMakeLists.txt).
#include "model/cost/cost_model.hpp"
#include "model/sc/unit_of.hpp"
#include "rtl/verilated/rtl_sc_model.hpp"
#include "sims/tb/cosim_factory.hpp"

namespace gqalut::sim {

std::unique_ptr<CosimSim> make_sc_cosim(const CosimOptions& o) {
    if (o.shape.name() != rtl::sc_model_shape()) return nullptr;
#define GQALUT_RTL_SC_MODEL(name, kind, in_w, par_w, entries, lanes, core_w) \
    using CycleModel = sc::UnitOf<kind, in_w, par_w, entries, lanes, core_w>::type;
#include "rtl_sc_model.inc"
#undef GQALUT_RTL_SC_MODEL
    return make_cosim_of(o, std::make_unique<CycleModel>("dut"), rtl::make_sc_model("rtl"),
                         cost::unit_latency(o.shape, cost::Indexing::parallel));
}

}  // namespace gqalut::sim
