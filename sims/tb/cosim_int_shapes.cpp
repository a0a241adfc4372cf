// Lock-step testbenches of the Verilated INT configurations, one per entry of the RTL's
// configuration list (rtl/CMakeLists.txt GQALUT_RTL_CONFIGS, gen/rtl_models.inc).
#include "sims/tb/cosim_factory.hpp"

namespace gqalut::sim {

std::unique_ptr<CosimSim> make_int_cosim(const CosimOptions& o) {
    std::unique_ptr<CosimSim> s;
#define GQALUT_RTL_MODEL(name, kind, in_w, par_w, entries, lanes, core_w) \
    if (!s) s = cosim_of_kind<UnitKind::int_unit, kind, in_w, par_w, entries, lanes, core_w>(o, #name);
#include "rtl_models.inc"
#undef GQALUT_RTL_MODEL
    return s;
}

}  // namespace gqalut::sim
