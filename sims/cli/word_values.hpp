// The unit's input and output words as signed real values, for mismatch reports: INT inputs
// x = q 2^-s, outputs acc 2^-(lambda_o + s) or, requantized, code 2^-s_o; scaler words in their
// UQ formats; FP32 words as binary32.
#pragma once
#include <cstdint>
#include <string>

#include "model/unit_config.hpp"

namespace gqalut::cli {

class WordValues {
public:
    WordValues(const PwlTable& t, const UnitShape& shape, const RequantConfig& rq) : t_(t), shape_(shape), rq_(rq) {}
    double input(uint64_t word, int scale) const;
    double output(i128 word, int scale) const;
    // "input x = -1.25 (code -10): golden 0.1875, cycle 0.1875, rtl 0.203125 (difference rtl - golden +0.015625)"
    std::string describe(uint64_t input_word, i128 golden, i128 cycle, i128 rtl, int scale) const;

private:
    const PwlTable& t_;
    UnitShape shape_;
    RequantConfig rq_;
};

}  // namespace gqalut::cli
