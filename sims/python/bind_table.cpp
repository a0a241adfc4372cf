// gqalut.Table: a pwl table (model/pwl_table.hpp), loaded and saved as model/table_io.hpp does.
#include <pybind11/stl.h>

#include "model/table_io.hpp"
#include "sims/python/bindings.hpp"

namespace gqalut::python {

namespace {

py::dict lut_dict(const LutCodes& l) {
    py::dict d;
    d["breakpoints"] = Array<int64_t>(static_cast<py::ssize_t>(l.breakpoints.size()), l.breakpoints.data());
    d["slopes"] = Array<int64_t>(static_cast<py::ssize_t>(l.slopes.size()), l.slopes.data());
    d["intercepts"] = Array<int64_t>(static_cast<py::ssize_t>(l.intercepts.size()), l.intercepts.data());
    return d;
}

PwlTable table_from_object(const py::handle& obj, const std::string& name) {
    const std::string text = py::isinstance<py::str>(obj) ? obj.cast<std::string>() : from_python(obj).dump();
    return table_from_json_text(text, name);
}

}  // namespace

void bind_table(py::module_& m) {
    py::class_<PwlTable>(m, "Table", "A pwl table: the LUT contents of the unit for every scale it serves.")
        .def_readonly("function", &PwlTable::function, "builtin function name, or 'expr'")
        .def_readonly("expr", &PwlTable::expr)
        .def_property_readonly("range", [](const PwlTable& t) { return py::make_tuple(t.range_lo, t.range_hi); })
        .def_readonly("method", &PwlTable::method)
        .def_readonly("seed", &PwlTable::seed)
        .def_readonly("entries", &PwlTable::entries)
        .def_property_readonly("precision", [](const PwlTable& t) { return to_string(t.precision); })
        .def_property_readonly("input_bits", [](const PwlTable& t) { return input_bits(t.precision); })
        .def_readonly("scales", &PwlTable::scales, "INT: the scales s (x = q 2^-s) the table serves")
        .def_property_readonly("scheme",
                               [](const PwlTable& t) {
                                   return t.precision == Precision::fp32 ? "fp32" : t.is_shared() ? "shared" : "per-scale";
                               })
        .def_property_readonly("has_scaler", [](const PwlTable& t) { return t.scaler.has_value(); })
        .def_property_readonly("param_format",
                               [](const PwlTable& t) {
                                   py::dict d;
                                   d["width"] = t.params.width;
                                   d["lambda_k"] = t.params.lambda_k;
                                   d["lambda_b"] = t.params.lambda_b;
                                   return d;
                               })
        .def_property_readonly("metrics", [](const PwlTable& t) { return to_python(t.metrics); },
                               "what the table achieved, as stored in the file")
        .def("lut", [](const PwlTable& t, int scale) { return lut_dict(t.lut_for_scale(scale)); }, py::arg("scale"),
             "INT: the breakpoint, slope and intercept codes loaded at scale s")
        .def("to_json", [](const PwlTable& t) { return to_python(table_to_json(t)); },
             "the table in the project's own file format, as a dict")
        .def("save", [](const PwlTable& t, const std::string& path) { save_table(t, path); }, py::arg("path"),
             "validates, then writes the own format atomically")
        .def("__repr__", [](const PwlTable& t) {
            return "<gqalut.Table " + t.function + " " + to_string(t.precision) + " " + std::to_string(t.entries) +
                   " entries, method " + t.method + ">";
        });

    m.def("load_table", &load_table, py::arg("path"),
          "loads a table file: the own format or the reference implementation's JSON (detected), validated");
    m.def("save_table", &save_table, py::arg("table"), py::arg("path"));
    m.def("table_from_json", &table_from_object, py::arg("obj"), py::arg("name") = "<json>",
          "a table from a JSON text or the equivalent dict (either format)");
}

}  // namespace gqalut::python
