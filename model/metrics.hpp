// Accuracy metrics (docs/numeric-definition.md §7): protocols `paper`, `full`, `wide`, `codes`; per-scale and mean MSE,
// max absolute error, relative errors for the multi-range scaler.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "functions.hpp"
#include "pwl_table.hpp"

namespace gqalut {

// codes: the scaler's `paper` with every input code in the range instead of the step-0.01 points.
enum class Protocol { paper, full, wide, codes };
Protocol parse_protocol(const std::string& s);   // throws BadInput
std::string to_string(Protocol p);

// The evaluation points of one scale for an INT table: input codes q of the (core) datapath and
// the target each is compared with. A point's squared error is weight * (pwl(q) - target)^2;
// weight != 1 only behind the scaler, where the result is pwl * 2^-e (so target = f(x) * 2^e,
// weight = 2^-2e). Searchers fit against exactly these points.
struct ScaleGrid {
    int s = 0;
    std::vector<int64_t> q;
    std::vector<double> target;
    std::vector<double> weight;
    int64_t stride = 1;   // > 1: every stride-th code of a grid too large to hold (kMaxGridCodes)
};

// At most this many codes per scale are held; a larger grid (INT32 at fine scales) is sampled
// with a constant stride from its lowest code and the metrics say `sampled`.
constexpr int64_t kMaxGridCodes = int64_t(1) << 16;
// At most this many points of the step-0.01 protocols (FP32, DIV/RSQRT): a wider range is
// refused with the reason.
constexpr double kMaxStepPoints = 1 << 22;

// Paper protocol grid (INT): all codes q with x = q * 2^-s in [lo, hi], for each s. A range
// beyond the input format clamps to its codes (the grid is then every code of the format).
// Throws BadInput if [lo, hi] leaves f's domain or f is not finite at a grid point (naming x).
std::vector<ScaleGrid> paper_grid(const RefFunction& f, const IntParams& p, const std::vector<int>& scales,
                                  double lo, double hi);
// Paper protocol grid for DIV/RSQRT: x = lo + i * 0.01 on IR, through the scaler to core codes
// (inputs beyond the scaler's input format clamp to its largest code). Same errors. The range
// reductions too, where a range of more than kMaxStepPoints such points takes kMaxStepPoints
// evenly spaced ones (the metrics say `sampled`).
ScaleGrid scaler_paper_grid(const RefFunction& f, const RangeScaler& scaler, double lo, double hi);
// The `codes` protocol's grid behind the scaler: every code u of the scaler's input format with
// x = u * 2^-IN_FRAC in [lo, hi] (clamped to the format), in ascending u; above kMaxStepPoints codes
// every stride-th code from the lowest, stride = ceil(n / kMaxStepPoints) (`sampled`). Same
// targets and weights as scaler_paper_grid.
ScaleGrid scaler_codes_grid(const RefFunction& f, const RangeScaler& scaler, double lo, double hi);
// FP32 paper protocol points: x = lo + i * 0.01 (i < (hi - lo) / 0.01), as binary32. Throws
// BadInput for more than kMaxStepPoints points.
std::vector<float> fp32_paper_points(double lo, double hi);
// f(x), or BadInput naming x if it is not finite there (a table cannot approximate it).
double finite_target(const RefFunction& f, double x);

struct EvalOptions {
    std::optional<std::vector<int>> scales;   // --scales A..B (INT tables with shared breakpoints)
    // Long evaluations (the scaler's full and wide protocols) report the fraction done, now and then.
    std::function<void(double fraction_done)> progress;
};

struct Metrics {
    std::string protocol;
    std::vector<std::pair<std::string, double>> mse_per_scale;   // "0".."k-1", or "none"
    double mse_mean = 0;
    double max_abs_error = 0;
    uint64_t points = 0;
    bool sampled = false;                     // a deterministic subset of a too-large input space
    std::optional<double> max_rel_error, mean_rel_error;
    std::optional<double> max_lsb_error;      // scaler tables: requantized output error in LSBs
    nlohmann::json to_json() const;
};

Metrics evaluate(const PwlTable& t, Protocol protocol, const EvalOptions& opt = {});

// MSE of one scale's grid under one LUT load (the searchers' inner loop uses the same sum).
double grid_mse(const ScaleGrid& g, const IntParams& p, const LutCodes& lut);

}  // namespace gqalut
