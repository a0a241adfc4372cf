// gqalut.search: `gqalut search` as a call (search/search.hpp run_search), with the same
// options, defaults and results; progress lines go to an optional Python callable.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "model/errors.hpp"
#include "search/search.hpp"
#include "sims/python/bindings.hpp"

namespace gqalut::python {

namespace {

SearchResult search(const std::string& function, const std::string& expr, std::optional<std::pair<double, double>> range,
                    int entries, const std::string& precision, const std::string& method, const std::string& scheme,
                    uint64_t seed, int threads, const std::string& fit, std::optional<int> generations,
                    std::optional<int> population, std::optional<double> theta_r,
                    std::optional<std::pair<int, int>> rm_range, std::optional<int> nn_steps,
                    std::optional<std::vector<int>> scales, std::optional<int> lambda, std::optional<int> lambda_k,
                    std::optional<int> lambda_b, const std::string& objective, std::optional<int> width,
                    const std::optional<std::string>& preset, std::optional<py::function> progress) {
    SearchOptions opt;
    if (!expr.empty() && function != "expr") throw BadInput("give function='expr' with expr, or a builtin function");
    opt.spec.function = function;
    opt.spec.expr = expr;
    if (range) opt.spec.lo = range->first, opt.spec.hi = range->second;
    opt.spec.entries = entries;
    opt.spec.precision = precision;
    opt.spec.preset = preset;
    opt.spec.lambda_k = lambda_k ? lambda_k : lambda;   // None: --lambda auto
    opt.spec.lambda_b = lambda_b ? lambda_b : lambda;
    opt.spec.objective = objective;
    opt.spec.width = width;
    opt.spec.scales = std::move(scales);
    opt.method = method;
    opt.scheme = scheme;
    opt.seed = seed;
    opt.threads = threads;
    opt.fit = parse_fit(fit);
    opt.generations = generations;
    opt.population = population;
    opt.theta_r = theta_r;
    opt.rm_range = rm_range;
    if (nn_steps && (*nn_steps < 1 || *nn_steps > 10000000)) throw BadInput("nn_steps: outside 1..10000000");
    opt.nn_steps = nn_steps;
    if (progress) {
        opt.progress = [cb = *progress](const std::string& line) {
            py::gil_scoped_acquire hold;
            cb(line);
        };
    }
    py::gil_scoped_release free;
    return run_search(opt);
}

}  // namespace

void bind_search(py::module_& m) {
    py::class_<SearchResult>(m, "SearchResult", "A searched table and what it achieved (`gqalut search`).")
        .def_readonly("table", &SearchResult::table)
        .def_property_readonly("metrics", [](const SearchResult& r) { return to_python(r.metrics.to_json()); },
                               "evaluate(table, 'paper')")
        .def_readonly("seconds", &SearchResult::seconds, "time of the search, without the final evaluation")
        .def_readonly("scheme", &SearchResult::scheme)
        .def_readonly("exact", &SearchResult::exact, "optimal: whether the optimum is certified; else None")
        .def_readonly("note", &SearchResult::note)
        .def_readonly("evaluations", &SearchResult::evaluations, "GA fitness evaluations (0 for other methods)")
        .def_readonly("search_fitness", &SearchResult::search_fitness)
        .def_readonly("objective_value", &SearchResult::objective_value, "mse_mean or max_abs_error, as asked")
        .def_readonly("bits_per_entry", &SearchResult::bits_per_entry);

    m.def("search", &search, py::kw_only(), py::arg("function") = "gelu", py::arg("expr") = "",
          py::arg("range") = py::none(), py::arg("entries"), py::arg("precision") = "int8",
          py::arg("method") = "gqa-rm", py::arg("scheme") = "", py::arg("seed") = 1, py::arg("threads") = 1,
          py::arg("fit") = "chord", py::arg("generations") = py::none(), py::arg("population") = py::none(),
          py::arg("theta_r") = py::none(), py::arg("rm_range") = py::none(), py::arg("nn_steps") = py::none(),
          py::arg("scales") = py::none(), py::arg("lambda_") = py::none(), py::arg("lambda_k") = py::none(),
          py::arg("lambda_b") = py::none(), py::arg("objective") = "mse", py::arg("width") = py::none(),
          py::arg("preset") = py::none(), py::arg("progress") = py::none(),
          "search a table; the keywords are `gqalut search`'s options (scheme '' = the method's default, "
          "rm_range = (ma, mb), scales = list of ints, lambda_ = --lambda: None is auto)");
}

}  // namespace gqalut::python
