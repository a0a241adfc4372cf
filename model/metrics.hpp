// Accuracy metrics (docs/numeric-definition.md §7): protocols `paper`, `full`, `wide`; per-scale and mean MSE,
// max absolute error, relative errors for the multi-range scaler.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "functions.hpp"
#include "pwl_table.hpp"

namespace gqalut {

enum class Protocol { paper, full, wide };
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
};

// Paper protocol grid (INT): all codes q with x = q * 2^-s in [lo, hi], for each s.
std::vector<ScaleGrid> paper_grid(const RefFunction& f, const IntParams& p, const std::vector<int>& scales,
                                  double lo, double hi);
// Paper protocol grid for DIV/RSQRT: x = lo + i * 0.01 on IR, through the scaler to core codes.
ScaleGrid scaler_paper_grid(const RefFunction& f, const RangeScaler& scaler, double lo, double hi);
// FP32 paper protocol points: x = lo + i * 0.01 (i < (hi - lo) / 0.01), as binary32.
std::vector<float> fp32_paper_points(double lo, double hi);

struct EvalOptions {
    std::optional<std::vector<int>> scales;   // --scales A..B (INT tables with shared breakpoints)
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
