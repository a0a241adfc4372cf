// Elements in memory, as the accelerator's DMA moves them (docs/register-map.md): inputs
// little-endian words; output words sign-extended (INT accumulators and requantized codes are
// signed) or zero-extended (FP32 bits, scaler codes).
#pragma once
#include <cstdint>

#include "model/unit_config.hpp"

namespace gqalut::unit {

uint64_t load_input(const uint8_t* src, unsigned in_bytes);
// Element sizes: inputs InW/8 bytes (FP32, scaler: 4); outputs 4 bytes except INT accumulators
// (4, 8 or 16 bytes by width) and requantized INT codes (InW/8 bytes).
unsigned input_element_bytes(const UnitShape& shape);
unsigned output_element_bytes(const UnitShape& shape, bool requantized);
void store_output(i128 word, const UnitShape& shape, unsigned out_bytes, uint8_t* dst);

}  // namespace gqalut::unit
