// Transformer kernels run as software on the virtual platform's CPU with the accelerator doing
// the non-linear parts: softmax (EXP of x - max(x), range-reduced on the scaler unit or an INT
// table, row sums, DIV through the scaler),
// LayerNorm (mean and variance, RSQRT through the scaler), GELU. Results are compared with
// double precision on the same quantized inputs.
#pragma once
#include <cstdint>
#include <string>

#include "model/pwl_table.hpp"
#include "tlm/platform.hpp"

namespace gqalut::vp {

struct VpTables {
    PwlTable exp;   // exp by range reduction (scaler unit), or an INT8 table proportional to exp(x) on [-8, 0]
    PwlTable gelu, div, rsqrt;
};

struct KernelShape {
    int rows = 64, cols = 197;   // softmax: 64 attention rows of 197 tokens; LayerNorm: rows x channels
    uint64_t seed = 1;
};

struct KernelResult {
    std::string kernel;
    uint64_t elements = 0;          // elements through the accelerator
    uint64_t outputs = 0;           // kernel outputs compared with double precision
    double max_abs_error = 0, mean_abs_error = 0;
    double sim_time_ns = 0;
    uint64_t cycles = 0;
    double energy_pj = 0;
    uint64_t digest = 0;            // FNV-1a of every accelerator output byte: same across models
    bool ok = true;                 // every job finished without an error code
};

// Scales of the INT8 inputs the kernels use (documented in docs/vp.md).
constexpr int kSoftmaxScale = 4;    // logits in [-8, 8)
constexpr int kGeluScale = 5;       // activations in [-4, 4)
constexpr int kLayerNormScale = 4;

KernelResult run_kernel(const std::string& kernel, Platform& p, const VpTables& tables, const KernelShape& shape);
bool is_kernel(const std::string& name);

}  // namespace gqalut::vp
