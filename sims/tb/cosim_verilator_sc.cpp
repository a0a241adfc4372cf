// Lock-step testbench with the RTL as Verilator's own SystemC model (`gqalut cosim --rtl sc`):
// the pin-level --sc model of rtl/verilated/rtl_sc_model.hpp where the --cc model in
// rtl::RtlScUnit usually sits. Compiled with VM_SC=1 (sims/CMakeLists.txt).
#include "model/cost/cost_model.hpp"
#include "model/sc/pwl_int_unit.hpp"
#include "rtl/verilated/rtl_sc_model.hpp"
#include "sims/tb/cosim_factory.hpp"

namespace gqalut::sim {

std::unique_ptr<CosimSim> make_sc_cosim(const CosimOptions& o) {
    if (o.shape.name() != rtl::kScModelShape) return nullptr;
    return make_cosim_of(o, std::make_unique<sc::PwlIntUnit<8, 8, 32, 1>>("dut"), rtl::make_sc_model("rtl"),
                         cost::unit_latency(o.shape, cost::Indexing::parallel));
}

}  // namespace gqalut::sim
