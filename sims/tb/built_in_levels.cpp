#include "sims/tb/built_in_levels.hpp"

#include "model/unit/cycle_level.hpp"
#ifdef GQALUT_HAVE_RTL
#include "rtl/unit/rtl_levels.hpp"
#endif

namespace gqalut::sim {

void register_built_in_levels() {
    static const bool done = [] {
        unit::register_cycle_level();
#ifdef GQALUT_HAVE_RTL
        rtl::register_rtl_levels();
#endif
        return true;
    }();
    (void)done;
}

}  // namespace gqalut::sim
