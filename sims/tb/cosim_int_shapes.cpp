// Lock-step testbenches of the Verilated INT configurations (rtl/CMakeLists.txt).
#include "model/sc/pwl_int_unit.hpp"
#include "sims/tb/cosim_factory.hpp"

namespace gqalut::sim {

std::unique_ptr<CosimSim> make_int_cosim(const CosimOptions& o) {
    const std::string n = o.shape.name();
    if (n == "int8_p8_n32_l1") return make_cosim_testbench<sc::PwlIntUnit<8, 8, 32, 1>, 8, 25>(o);
    if (n == "int8_p8_n32_l8") return make_cosim_testbench<sc::PwlIntUnit<8, 8, 32, 8>, 64, 200>(o);
    if (n == "int16_p16_n32_l1") return make_cosim_testbench<sc::PwlIntUnit<16, 16, 32, 1>, 16, 49>(o);
    if (n == "int32_p32_n32_l1") return make_cosim_testbench<sc::PwlIntUnit<32, 32, 32, 1>, 32, 97>(o);
    return nullptr;
}

}  // namespace gqalut::sim
