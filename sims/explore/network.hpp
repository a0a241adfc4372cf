// The network metric in exploration (gqalut explore --network, docs/explore.md): the study's
// small INT8 Transformer (python3 -m gqalut.study, docs/python.md) run with one point's table in
// place of its exact function, the others exact. What the study is asked and what it answers
// live here; running it (a process) is the caller's, passed in as a function, so the choice of
// which points to evaluate can be checked without Python.
#pragma once
#include <cstdint>
#include <functional>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "sims/explore/choose.hpp"
#include "sims/explore/sweep.hpp"

namespace gqalut::explore {

struct NetworkStudy {
    std::string task;            // digits or charlm
    uint64_t seed = 1;           // the trained model's seed
    std::string size = "full";   // full, or quick (the study's tiny model)
    std::string cache;           // folder of the trained models
};

// The study's tasks, their metric and the name of the target option on the loss.
struct NetworkTask {
    std::string name, metric, unit, loss_option;
};
const std::vector<NetworkTask>& network_tasks();
const NetworkTask& network_task(const std::string& name);   // throws BadInput

// The functions the network computes on the unit (INT8 GELU and EXP, the DIV and RSQRT scaler
// units with an INT8 core); a point of another function or precision cannot be evaluated.
bool network_runs(const Point& p);
std::string network_functions_text();   // "INT8 gelu, exp, div and rsqrt"

// Arguments after `python3 -m gqalut.study`: evaluate the trained model (never train it) with
// each (function, table file) on its own, the other functions exact; none: the exact INT8
// model alone, a check that Python, PyTorch and the model are there.
std::vector<std::string> evaluate_arguments(const NetworkStudy& s, const std::vector<std::pair<std::string, std::string>>& each);

struct NetworkResult {
    std::string metric;      // accuracy (%) or bits_per_char
    double fp32 = 0, int8_exact = 0;
    double value = 0;        // the metric with the tables
    double degradation = 0;  // positive = worse: accuracy points lost, bits per char gained
};
// The JSON object evaluate prints; throws BadInput if it is not one.
NetworkResult parse_evaluation(const std::string& json_text);
std::vector<NetworkResult> parse_evaluations(const std::string& text);   // one object per line

struct NetworkCount {
    size_t evaluated = 0;       // tables the network ran
    size_t rounds = 0;          // calls of the evaluator
    size_t unneeded = 0;        // tables meeting the operator target, not run: the best were found
    size_t not_runnable = 0;    // points meeting the operator target the network cannot run
};

// Evaluates the tables of these points (one per job), each on its own; results in order.
using NetworkEvaluator = std::function<std::vector<NetworkResult>(const std::vector<const Point*>&)>;

// Runs the network on the tables that can decide the answer: the points meeting the operator
// part of `t` (max error, MSE) in objective order, per function until `top` of them meet the
// whole target, or none is left; later points cannot rank before the ones found, so their
// tables are not evaluated. Without a network bound the first `top` runnable points of each
// function are evaluated (the metric is reported beside them). Evaluates in rounds, each call
// the tables still needed, looking further ahead each round for a function whose tables keep
// failing: every table one after the other would evaluate, plus at most twice as many (and
// `top` per function) in exchange for log rounds. Sets network_metric and network_degradation
// of every point of an evaluated job.
NetworkCount judge_by_network(std::vector<Point>& points, const Target& t, int top, const NetworkEvaluator& evaluate);

}  // namespace gqalut::explore
