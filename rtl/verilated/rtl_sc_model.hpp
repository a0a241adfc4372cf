// The RTL as Verilator's own SystemC model (`verilate(... SYSTEMC)`, rtl/CMakeLists.txt
// GQALUT_RTL_SC_NAME): a pin-level sc_module with the ports of docs/pin-interface.md, built for
// one configuration. Include only from sources compiled with VM_SC=1 and the model's include
// directories (sims/CMakeLists.txt).
#pragma once
#include <memory>

#include "Vsc_int8_p8_n32_l1.h"
#include "rtl/verilated/rtl_unit.hpp"
#include "verilated.h"

namespace gqalut::rtl {

using ScModel = Vsc_int8_p8_n32_l1;   // of shape kScModelShape

// A --sc model takes the thread's Verilator context. Testbenches live until the static
// destructors run, when Verilator's default context may already be gone, so the model gets a
// context that is never destroyed.
inline std::unique_ptr<ScModel> make_sc_model(const char* name) {
    static VerilatedContext* const context = new VerilatedContext;
    Verilated::threadContextp(context);
    return std::make_unique<ScModel>(name);
}

}  // namespace gqalut::rtl
