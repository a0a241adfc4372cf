// Shared pieces of the Python module gqalut._core: one bind_* function per area, and the
// conversions between the library's types and Python's.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace gqalut::python {

namespace py = pybind11;

void bind_table(py::module_& m);
void bind_datapath(py::module_& m);
void bind_metrics(py::module_& m);
void bind_search(py::module_& m);

// A JSON value as the equivalent Python object (dict, list, str, int, float, bool, None).
py::object to_python(const nlohmann::json& j);
// A Python object made of those types as JSON (through Python's json module).
nlohmann::json from_python(const py::handle& obj);

// A one-dimensional C-contiguous copy (or view) of any array-like, cast to T.
template <typename T>
using Array = py::array_t<T, py::array::c_style | py::array::forcecast>;

// A new array of n elements shaped like `like` (so results keep the input's shape).
template <typename T>
Array<T> array_like(const py::array& like) {
    std::vector<py::ssize_t> shape(like.shape(), like.shape() + like.ndim());
    return Array<T>(shape);
}

}  // namespace gqalut::python
