// The SystemC cycle-model class of one unit configuration and its port widths, from the
// elaboration parameters (kind, InW, ParW, MaxEntries, Lanes, CoreW) in the order of the RTL's
// configuration list (rtl/CMakeLists.txt GQALUT_RTL_CONFIGS, as the X-macro gen/rtl_models.inc),
// so code that pairs a cycle model with a Verilated model instantiates both from that one list.
#pragma once
#include "model/sc/pwl_fp32_unit.hpp"
#include "model/sc/pwl_int_unit.hpp"
#include "model/sc/pwl_scaler_unit.hpp"
#include "model/unit_config.hpp"

namespace gqalut::sc {

template <UnitKind Kind, int InW, int ParW, int MaxEntries, int Lanes, int CoreW>
struct UnitOf;

template <int InW, int ParW, int MaxEntries, int Lanes, int CoreW>
struct UnitOf<UnitKind::int_unit, InW, ParW, MaxEntries, Lanes, CoreW> {
    using type = PwlIntUnit<InW, ParW, MaxEntries, Lanes>;
    static constexpr int in_bits = Lanes * InW;
    static constexpr int out_bits = Lanes * (2 * ParW + InW + 1);   // AccW per lane
};

template <int InW, int ParW, int MaxEntries, int Lanes, int CoreW>
struct UnitOf<UnitKind::fp32_unit, InW, ParW, MaxEntries, Lanes, CoreW> {
    using type = PwlFp32Unit<MaxEntries, Lanes>;
    static constexpr int in_bits = Lanes * 32;
    static constexpr int out_bits = Lanes * 32;
};

template <int InW, int ParW, int MaxEntries, int Lanes, int CoreW>
struct UnitOf<UnitKind::scaler_unit, InW, ParW, MaxEntries, Lanes, CoreW> {
    using type = PwlScalerUnit<InW, CoreW, MaxEntries, Lanes, ParW>;
    static constexpr int in_bits = Lanes * InW;
    static constexpr int out_bits = Lanes * 32;
};

}  // namespace gqalut::sc
