// The input words of a verification run: every code (exhaustive) or random words followed by
// corner cases (extreme codes, breakpoints and their neighbours; FP32 NaNs, infinities, zeros,
// subnormals, extreme and breakpoint values; scaler powers of two and sub-range thresholds).
// An InputSet computes word i when it is read, so a run of any length takes the same memory.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/pwl_table.hpp"
#include "model/unit_config.hpp"

namespace gqalut::sim {

struct InputSpec {
    bool exhaustive = true;
    uint64_t random_count = 0;   // random words (plus the corner cases) when !exhaustive
};
// "exhaustive" | "random:N"; throws BadInput.
InputSpec parse_inputs(const std::string& s);

class InputSet {
public:
    // Throws BadInput for exhaustive runs over more than 2^24 codes.
    InputSet(const PwlTable& t, int scale, const UnitShape& shape, const InputSpec& spec, uint64_t seed);
    uint64_t size() const { return count_ + corners_.size(); }
    uint64_t word(uint64_t i) const;
    void words(uint64_t first, uint64_t count, uint64_t* out) const;

private:
    enum class Kind { exhaustive, random_int, random_fp32 };
    Kind kind_;
    uint64_t count_ = 0;   // exhaustive codes or random words, before the corners
    uint64_t key_ = 0;     // of the random words (from the seed)
    uint64_t mask_ = 0;
    float lo_ = 0, span_ = 0;   // FP32: random values in [lo, lo + span)
    std::vector<uint64_t> corners_;
};

// The whole set as a vector (for runs that need them all at once, e.g. the lock-step cosim).
std::vector<uint64_t> make_inputs(const PwlTable& t, int scale, const UnitShape& shape, const InputSpec& spec,
                                  uint64_t seed);

}  // namespace gqalut::sim
