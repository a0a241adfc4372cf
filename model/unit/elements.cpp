#include "model/unit/elements.hpp"

#include <cstring>

namespace gqalut::unit {

uint64_t load_input(const uint8_t* src, unsigned in_bytes) {
    uint64_t w = 0;
    std::memcpy(&w, src, in_bytes);   // little-endian host and bus
    return w;
}

unsigned input_element_bytes(const UnitShape& shape) {
    return shape.kind == UnitKind::int_unit ? static_cast<unsigned>(shape.in_width / 8) : 4;
}

unsigned output_element_bytes(const UnitShape& shape, bool requantized) {
    if (shape.kind != UnitKind::int_unit) return 4;
    if (requantized) return input_element_bytes(shape);
    const int w = shape.out_width();
    return w <= 32 ? 4 : w <= 64 ? 8 : 16;
}

void store_output(i128 word, const UnitShape& shape, unsigned out_bytes, uint8_t* dst) {
    const int w = shape.out_width();
    if (shape.kind == UnitKind::int_unit && w < 127 && ((word >> (w - 1)) & 1)) word -= i128(1) << w;
    std::memcpy(dst, &word, out_bytes);
}

}  // namespace gqalut::unit
