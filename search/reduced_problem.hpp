// The search side of the scaler unit's range reductions (docs/numeric-definition.md §12): which
// requests reduce (exp2, log2 always; exp with `--preset reduce`), the scaler's input and output
// formats a request names ("Q15.16", "UQ1.31"), the checks of a range against them, and the
// function the core's lines approximate (2^x' or log2(1 + x') on [0, 1)).
#pragma once
#include <string>

#include "model/functions.hpp"
#include "model/range_scaler.hpp"

namespace gqalut {

struct SpecRequest;

// True if the request is a range reduction on the scaler unit; throws BadInput for a preset
// the function cannot take (exp with paper or normalize, exp2/log2 with anything but reduce).
bool is_reduced_request(const std::string& function, const SpecRequest& r);

// "Q<i>.<f>" (two's complement, i + f + 1 bits) or "UQ<i>.<f>" (unsigned, i + f bits), as
// FixFormat::str() writes them. Throws BadInput naming `option`.
FixFormat parse_q_format(const std::string& text, const std::string& option);

// The scaler of a request for `function` (div, rsqrt: `preset`; exp2, log2, exp: reduce) with
// the formats of §6 / §12 or the ones the request names, checked against what the unit takes
// (input 2..32 bits, the function's signedness; output the unit's 32-bit word, 0..32 fraction
// bits). Throws BadInput naming the option.
ScalerSpec requested_scaler(const std::string& function, const std::string& preset, const SpecRequest& r);

// A reduction's range must be held by the input format and its values by the output format
// (the functions increase, so the ends decide): otherwise BadInput naming the format and the
// option that widens it. Nothing is clipped silently.
void check_reduced_range(const RefFunction& f, const ScalerSpec& spec, double lo, double hi);

// What the reduction core's lines approximate on x' in [0, 1): 2^x' (exp2, exp) or log2(1 + x').
RefFunctionPtr reduced_core_function(const std::string& function);

}  // namespace gqalut
