// gqalut._core: the golden model, the searches and the metrics of gqalut for Python
// (docs/python.md). The pure-Python package gqalut re-exports it.
#include "model/errors.hpp"
#include "sims/python/bindings.hpp"

namespace gqalut::python {

py::object to_python(const nlohmann::json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

nlohmann::json from_python(const py::handle& obj) {
    const std::string text = py::str(py::module_::import("json").attr("dumps")(obj));
    return nlohmann::json::parse(text);
}

}  // namespace gqalut::python

PYBIND11_MODULE(_core, m) {
    namespace gp = gqalut::python;
    m.doc() = "gqalut golden model: tables, bit-exact datapaths, searches and metrics";
    // Bad input (a malformed table, a code outside the input format ...) is a ValueError
    // carrying the library's one-line message.
    gp::py::register_exception<gqalut::BadInput>(m, "BadInput", PyExc_ValueError);
    gp::bind_table(m);
    gp::bind_datapath(m);
    gp::bind_metrics(m);
    gp::bind_search(m);
}
