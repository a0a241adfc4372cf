// libFuzzer target: the table loader (own format and the reference implementation's JSON).
// Any input must either load into a valid table or fail with BadInput; a loaded table must
// survive a save/load round trip and evaluation under the paper protocol.
#include <cstdint>
#include <string>

#include "model/errors.hpp"
#include "model/metrics.hpp"
#include "model/table_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    gqalut::PwlTable t;
    try {
        t = gqalut::table_from_json_text(text, "fuzz");
    } catch (const gqalut::BadInput&) {
        return 0;
    }
    const gqalut::PwlTable back = gqalut::table_from_json_text(gqalut::table_to_json(t).dump(), "round-trip");
    if (gqalut::table_to_json(back) != gqalut::table_to_json(t)) __builtin_trap();
    if (t.precision != gqalut::Precision::int32 && !t.scaler) {
        try {
            (void)gqalut::evaluate(t, gqalut::Protocol::paper);
        } catch (const gqalut::BadInput&) {
        }
    }
    return 0;
}
