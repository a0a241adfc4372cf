// The tables the virtual platform's kernels load into the accelerator.
#pragma once
#include <string>

#include "search/search.hpp"
#include "tlm/kernels.hpp"

namespace gqalut::vp {

// The search of the built-in EXP table: by range reduction on the scaler unit
// (docs/numeric-definition.md §12), the exact optimum of the error over x in [-16, 0] (what the
// softmax feeds), Q15.16 in, UQ1.31 out; 16 entries at Q1.6.
SearchOptions reduced_exp_search(int entries = 16, int lambda = 6);

// Built-in tables: EXP by range reduction (the scaler unit's INT8 core holds 2^x' on [0, 1), so
// every x <= 0 of its Q15.16 input is in range), GELU (INT8, every scale 0..7) and DIV/RSQRT
// (INT8 core behind the scaler, preset normalize so any UQ16.16 input lands in the core range);
// a non-empty path replaces the corresponding one with a table file (EXP: an INT8 table of
// exp(x) or of an expression proportional to it, or a range-reduced exp table).
VpTables vp_tables(const std::string& exp_file = "", const std::string& gelu_file = "",
                   const std::string& div_file = "", const std::string& rsqrt_file = "");

}  // namespace gqalut::vp
