// gqalut.evaluate: the accuracy metrics of model/metrics.hpp (what `gqalut eval` reports).
#include <pybind11/stl.h>

#include "model/metrics.hpp"
#include "sims/python/bindings.hpp"

namespace gqalut::python {

void bind_metrics(py::module_& m) {
    m.def(
        "evaluate",
        [](const PwlTable& t, const std::string& protocol, std::optional<std::vector<int>> scales) {
            EvalOptions opt;
            opt.scales = std::move(scales);
            const Protocol p = parse_protocol(protocol);
            Metrics r;
            {
                py::gil_scoped_release free;
                r = evaluate(t, p, opt);
            }
            return to_python(r.to_json());
        },
        py::arg("table"), py::arg("protocol") = "paper", py::arg("scales") = py::none(),
        "metrics of a table under protocol paper, full, wide or codes, as `gqalut eval --format json` prints them");
}

}  // namespace gqalut::python
