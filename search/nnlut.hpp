// NN-LUT baseline (Yu et al., DAC 2022), the paper's comparison row: a network with one hidden
// ReLU layer of N-1 units, y = sum_i v_i relu(w_i x + c_i) + d, trained on sampled inputs to
// the function's MSE, is exactly a pwl with N entries: breakpoints at the kinks -c_i / w_i,
// slope and intercept of each interval from the active units. It is then converted to the
// table's format with the straightforward FXP conversion -- it knows nothing of quantization.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "search/problem.hpp"

namespace gqalut {

struct NnLutConfig {
    int samples = 4096;   // uniform inputs on the range (NN-LUT samples the float range)
    int steps = 3000;     // full-batch Adam steps
    double lr = 0.01;     // Adam step size, halved at 1/2 and 3/4 of the steps
    int threads = 1;      // gradient sums over fixed chunks: results do not depend on it
};

// The trained network as a real pwl: sorted kinks, one slope and intercept per interval.
struct NnLutPwl {
    std::vector<double> kinks, slopes, intercepts;
};

struct NnLutResult {
    PwlTable table;
    double train_mse = 0;   // of the real-valued network on its samples
    NnLutPwl pwl;
};

// The straightforward conversion to p's format: codes rounded half to even, saturated.
PwlTable nnlut_convert(const Problem& p, const NnLutPwl& pwl);

// Deterministic for a given seed (initial kinks, unit signs and samples come from it).
NnLutResult nnlut_table(const Problem& p, const NnLutConfig& cfg, uint64_t seed,
                        const std::function<void(int step, double mse)>& progress = {});

}  // namespace gqalut
