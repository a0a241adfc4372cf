// Lock-step testbenches of the Verilated FP32 and multi-range scaler configurations.
#include "model/sc/pwl_fp32_unit.hpp"
#include "model/sc/pwl_scaler_unit.hpp"
#include "sims/tb/cosim_factory.hpp"

namespace gqalut::sim {

std::unique_ptr<CosimSim> make_other_cosim(const CosimOptions& o) {
    const std::string n = o.shape.name();
    if (n == "fp32_n32_l1") return make_cosim_testbench<sc::PwlFp32Unit<32, 1>, 32, 32>(o);
    if (n == "scaler32_p8_n32_l1") return make_cosim_testbench<sc::PwlScalerUnit<32, 8, 32, 1>, 32, 32>(o);
    return nullptr;
}

}  // namespace gqalut::sim
