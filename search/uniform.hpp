// Uniform segmentation: N equal segments over the range, chord fit per segment. The simplest
// table; also the layout of MSB-addressed LUTs without comparators (ac_math style).
#pragma once
#include "model/pwl_table.hpp"

namespace gqalut {

// A shared-breakpoint INT table (or an FP32 table) with N uniform segments over [lo, hi].
// lambda: slope and intercept fraction bits (default k-2, or k-3 for the DIV/RSQRT core).
PwlTable uniform_table(const std::string& function, Precision precision, int entries, double lo, double hi,
                       const std::string& expr = "", int lambda = -1);

}  // namespace gqalut
