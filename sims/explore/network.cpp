#include "sims/explore/network.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "model/errors.hpp"

namespace gqalut::explore {

namespace {
const char* const kNetworkFunctions[] = {"gelu", "exp", "div", "rsqrt"};   // gqalut.study.nonlinear.FUNCTIONS
}

const std::vector<NetworkTask>& network_tasks() {
    static const std::vector<NetworkTask> t = {
        {"digits", "accuracy", "points", "max-accuracy-loss"},
        {"charlm", "bits_per_char", "bits per char", "max-bpc-increase"},
    };
    return t;
}

const NetworkTask& network_task(const std::string& name) {
    for (const auto& t : network_tasks())
        if (t.name == name) return t;
    throw BadInput("--network: '" + name + "' is neither digits nor charlm (the tasks of python3 -m gqalut.study)");
}

bool network_runs(const Point& p) {
    const std::string f = p.get("function");
    return p.get("precision") == "int8" && std::find(std::begin(kNetworkFunctions), std::end(kNetworkFunctions), f) !=
                                               std::end(kNetworkFunctions);
}

std::string network_functions_text() { return "INT8 gelu, exp, div and rsqrt"; }

std::vector<std::string> evaluate_arguments(const NetworkStudy& s, const std::vector<std::pair<std::string, std::string>>& each) {
    // One torch thread: the metric does not depend on the machine's core count.
    std::vector<std::string> a = {"--threads", "1", "evaluate", "--task", s.task, "--seed", std::to_string(s.seed),
                                  "--cache", s.cache, "--require-cached", "--quiet"};
    if (s.size == "quick") a.push_back("--quick");
    for (const auto& [function, file] : each) {
        a.push_back("--each");
        a.push_back(function + "=" + file);
    }
    return a;
}

std::vector<NetworkResult> parse_evaluations(const std::string& text) {
    std::vector<NetworkResult> out;
    std::string line;
    for (std::istringstream in(text); std::getline(in, line);)
        if (!line.empty()) out.push_back(parse_evaluation(line));
    return out;
}

NetworkResult parse_evaluation(const std::string& json_text) {
    try {
        const nlohmann::json j = nlohmann::json::parse(json_text);
        NetworkResult r;
        r.metric = j.at("metric").get<std::string>();
        r.fp32 = j.at("fp32").get<double>();
        r.int8_exact = j.at("int8_exact").get<double>();
        r.value = j.at("lut").get<double>();
        r.degradation = j.at("degradation").get<double>();
        for (double v : {r.fp32, r.int8_exact, r.value, r.degradation})
            if (!std::isfinite(v)) throw BadInput("a number is not finite");
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw BadInput(std::string("the study's answer is not its JSON object: ") + e.what());
    } catch (const BadInput& e) {
        throw BadInput(std::string("the study's answer is not its JSON object: ") + e.what());
    }
}

NetworkCount judge_by_network(std::vector<Point>& points, const Target& t, int top, const NetworkEvaluator& evaluate) {
    NetworkCount count;
    std::map<size_t, NetworkResult> by_job;
    const std::vector<const Point*> order = ranked(points, t.operator_part());
    auto meets_bound = [&](const NetworkResult& r) { return !t.max_network_loss || r.degradation <= *t.max_network_loss; };
    std::map<std::string, int> short_rounds;   // per function: rounds it has had a batch in
    for (;;) {
        // Per function, walking in objective order: every point before which fewer than `top`
        // points meet or may still meet the target can rank among the best, so its table is
        // needed. A table of this batch counts as 2^-k of a point meeting it, k the function's
        // rounds so far: a function whose tables keep failing looks twice as far ahead each
        // round (a table more in a call costs far less than a call), so a long search takes
        // log rounds. The walk stops at the first point that cannot be needed.
        std::map<std::string, long long> possible;   // in units of 2^-k
        std::vector<const Point*> batch;
        std::set<size_t> in_batch;
        for (const Point* p : order) {
            if (!network_runs(*p)) continue;
            const std::string f = p->get("function");
            const long long unit = 1LL << std::min(short_rounds[f], 16);
            long long& before = possible[f];
            if (before >= top * unit) continue;
            const auto it = by_job.find(p->job);
            if (it != by_job.end()) {
                before += meets_bound(it->second) ? unit : 0;
                continue;
            }
            if (in_batch.insert(p->job).second) batch.push_back(p);
            ++before;
        }
        std::set<std::string> in_this_round;
        for (const Point* p : batch) in_this_round.insert(p->get("function"));
        for (const auto& f : in_this_round) ++short_rounds[f];
        if (batch.empty()) break;
        const std::vector<NetworkResult> results = evaluate(batch);
        if (results.size() != batch.size())
            throw BadInput("the study answered " + std::to_string(results.size()) + " of " + std::to_string(batch.size()) +
                           " tables");
        for (size_t i = 0; i < batch.size(); ++i) by_job.emplace(batch[i]->job, results[i]);
        count.evaluated += batch.size();
        ++count.rounds;
    }
    std::set<size_t> unneeded;
    for (const Point* p : order) {
        if (!network_runs(*p)) ++count.not_runnable;
        else if (!by_job.count(p->job)) unneeded.insert(p->job);
    }
    count.unneeded = unneeded.size();
    for (Point& p : points) {
        const auto it = by_job.find(p.job);
        if (it == by_job.end()) continue;
        p.network_metric = it->second.value;
        p.network_degradation = it->second.degradation;
    }
    return count;
}

}  // namespace gqalut::explore
