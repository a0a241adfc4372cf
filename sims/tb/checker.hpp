// The checker of the verification environment: a unit at any level (model/unit/) streams a
// set of inputs with random stalls, and every output word is compared with a reference (the
// golden model). The first mismatches are kept with their cycle, element, lane and words.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/unit/unit.hpp"
#include "sims/tb/inputs.hpp"

namespace gqalut::sim {

using unit::StallConfig;

// Expected output word (out_width bits) of one lane for one input word.
class Reference {
public:
    virtual ~Reference() = default;
    virtual i128 expect(uint64_t in_word) const = 0;
};

// The golden model as a Reference (tabulated for inputs of at most 16 bits).
std::unique_ptr<Reference> golden_reference(const PwlTable& t, int scale, const UnitShape& shape, const RequantConfig& rq);

struct Mismatch {
    uint64_t cycle = 0;      // unit cycle of delivery
    uint64_t element = 0;    // index in the input sequence
    int lane = 0;
    uint64_t input = 0;      // input word
    i128 got = 0, expected = 0;   // output words (out_width bits, unsigned)
};

struct StreamStats {
    uint64_t compared = 0;
    uint64_t mismatches = 0;
    uint64_t cycles = 0;
    bool timed_out = false;        // no progress for a long time: a handshake bug
    std::vector<Mismatch> first;   // the first few mismatches
};

// Streams `inputs` through u (configured already) and checks every output against ref.
StreamStats check_stream(unit::Unit& u, const InputSet& inputs, const Reference& ref, const StallConfig& stalls);
StreamStats check_stream(unit::Unit& u, const std::vector<uint64_t>& inputs, const Reference& ref, const StallConfig& stalls);

// Words in messages: decimal of an i128, and bits-wide hex ("0x" + (bits + 3) / 4 digits).
std::string i128_to_string(i128 v);
std::string hex_word(i128 v, int bits);

}  // namespace gqalut::sim
