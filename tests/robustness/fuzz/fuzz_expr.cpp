// libFuzzer target: the expression front end (--expr). Any text must either give a function
// that evaluates on its range or fail with BadInput.
#include <cstdint>
#include <string>

#include "model/errors.hpp"
#include "model/functions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        auto f = gqalut::expr_function(text, -4.0, 4.0);
        for (double x = -4.0; x <= 4.0; x += 0.5) (void)(*f)(x);
    } catch (const gqalut::BadInput&) {
    }
    return 0;
}
