#include "sims/explore/network.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

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

std::vector<std::string> evaluate_arguments(const NetworkStudy& s, const std::map<std::string, std::string>& tables) {
    // One torch thread: the metric does not depend on the machine's core count.
    std::vector<std::string> a = {"--threads", "1", "evaluate", "--task", s.task, "--seed", std::to_string(s.seed),
                                  "--cache", s.cache, "--require-cached", "--quiet"};
    if (s.size == "quick") a.push_back("--quick");
    for (const auto& [function, file] : tables) {
        a.push_back("--" + function);
        a.push_back(file);
    }
    return a;
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

NetworkCount judge_by_network(std::vector<Point>& points, const Target& t, int top,
                              const std::function<NetworkResult(const Point&)>& evaluate) {
    NetworkCount count;
    std::map<size_t, NetworkResult> by_job;
    std::map<std::string, int> found;   // per function: points meeting the whole target so far
    std::set<size_t> unneeded;
    for (const Point* p : ranked(points, t.operator_part())) {
        if (!network_runs(*p)) {
            ++count.not_runnable;
            continue;
        }
        const std::string f = p->get("function");
        auto it = by_job.find(p->job);
        if (it == by_job.end()) {
            if (found[f] >= top) {
                unneeded.insert(p->job);
                continue;
            }
            it = by_job.emplace(p->job, evaluate(*p)).first;
            ++count.evaluated;
        }
        if (!t.max_network_loss || it->second.degradation <= *t.max_network_loss) ++found[f];
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
