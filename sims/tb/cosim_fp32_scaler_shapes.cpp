// Lock-step testbenches of the Verilated FP32 and multi-range scaler configurations, one per
// entry of the RTL's configuration list (rtl/CMakeLists.txt GQALUT_RTL_CONFIGS).
#include "sims/tb/cosim_factory.hpp"

namespace gqalut::sim {

std::unique_ptr<CosimSim> make_other_cosim(const CosimOptions& o) {
    std::unique_ptr<CosimSim> s;
#define GQALUT_RTL_MODEL(name, kind, in_w, par_w, entries, lanes, core_w)                                  \
    if (!s) s = cosim_of_kind<UnitKind::fp32_unit, kind, in_w, par_w, entries, lanes, core_w>(o, #name); \
    if (!s) s = cosim_of_kind<UnitKind::scaler_unit, kind, in_w, par_w, entries, lanes, core_w>(o, #name);
#include "rtl_models.inc"
#undef GQALUT_RTL_MODEL
    return s;
}

}  // namespace gqalut::sim
