// The RTL levels of the unit (model/unit/levels.hpp), library gqalut_unit_rtl:
//   rtl     the Verilated --cc configurations (rtl/CMakeLists.txt GQALUT_RTL_CONFIGS), each in
//           rtl::RtlScUnit behind the pin-level driver; --vcd writes the Verilated model's own VCD;
//   rtl-sc  the one configuration built as Verilator's own --sc model (GQALUT_RTL_SC_NAME),
//           behind the same driver with nothing in between.
// Neither has a power monitor (energy: the cost model's nominal estimate) or binary-search
// indexing.
#pragma once

namespace gqalut::rtl {

void register_rtl_levels();

}  // namespace gqalut::rtl
