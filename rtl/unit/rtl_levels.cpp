#include "rtl/unit/rtl_levels.hpp"

#include "rtl/unit/rtl_level_checks.hpp"

namespace gqalut::rtl {

void register_rtl_levels() {
    register_rtl_level();
    register_rtl_sc_level();
}

}  // namespace gqalut::rtl
