// The RTL as Verilator's own SystemC model (`verilate(... SYSTEMC)`, rtl/CMakeLists.txt
// GQALUT_RTL_SC_NAME): a pin-level sc_module with the ports of docs/pin-interface.md, built for
// one configuration. Include only from sources compiled with VM_SC=1 and the model's include
// directories (sims/CMakeLists.txt).
#pragma once
#include <memory>

#define GQALUT_RTL_SC_MODEL(...)
#include "rtl_sc_model.inc"   // GQALUT_RTL_SC_HEADER, GQALUT_RTL_SC_CLASS (rtl/CMakeLists.txt)
#undef GQALUT_RTL_SC_MODEL
#include GQALUT_RTL_SC_HEADER
#include "rtl/verilated/rtl_unit.hpp"
#include "verilated.h"

namespace gqalut::rtl {

using ScModel = GQALUT_RTL_SC_CLASS;   // of shape sc_model_shape()

// A --sc model takes the thread's Verilator context. Testbenches live until the static
// destructors run, when Verilator's default context may already be gone, so the model gets a
// context that is never destroyed.
inline std::unique_ptr<ScModel> make_sc_model(const char* name) {
    static VerilatedContext* const context = new VerilatedContext;
    Verilated::threadContextp(context);
    return std::make_unique<ScModel>(name);
}

}  // namespace gqalut::rtl
