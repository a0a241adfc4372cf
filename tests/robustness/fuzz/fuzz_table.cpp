// libFuzzer target: the table loader (own format and the reference implementation's JSON).
// Any input must either load into a valid table or fail with BadInput; a loaded table must
// survive a save/load round trip and evaluation under the paper protocol.
//
// Besides libFuzzer's byte mutations, a structure-aware one wraps a JSON value (an opening
// bracket to its match) in more arrays: byte mutations almost never keep brackets balanced,
// so on their own they found no stack overflow in 30 min. Each wrap adds up to as many levels
// as the value has, so depth can double per step (7 min to a 13600-level overflow).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

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

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size) __attribute__((weak));

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
    std::minstd_rand rng(seed);
    if (rng() % 4 != 0) return LLVMFuzzerMutate(data, size, max_size);
    std::vector<size_t> opens;   // brackets outside strings
    bool in_string = false;
    for (size_t i = 0; i < size; ++i) {
        if (in_string) {
            if (data[i] == '\\') ++i;
            else if (data[i] == '"') in_string = false;
        } else if (data[i] == '"') {
            in_string = true;
        } else if (data[i] == '[' || data[i] == '{') {
            opens.push_back(i);
        }
    }
    if (opens.empty()) return LLVMFuzzerMutate(data, size, max_size);
    const size_t p = opens[rng() % opens.size()];
    size_t q = p, depth = 0, deepest = 0;   // q: the matching bracket
    for (in_string = false; q < size; ++q) {
        const uint8_t c = data[q];
        if (in_string) {
            if (c == '\\') ++q;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && --depth == 0) {
            break;
        }
    }
    if (q >= size) return LLVMFuzzerMutate(data, size, max_size);
    size_t n = 1 + rng() % deepest;
    n = std::min(n, (max_size - size) / 2);
    if (n == 0) return LLVMFuzzerMutate(data, size, max_size);
    std::memmove(data + q + 1 + 2 * n, data + q + 1, size - q - 1);   // tail
    std::memmove(data + p + n, data + p, q + 1 - p);                  // the value
    std::memset(data + p, '[', n);
    std::memset(data + q + 1 + n, ']', n);
    return size + 2 * n;
}
