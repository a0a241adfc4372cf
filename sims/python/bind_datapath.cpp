// The golden datapaths on numpy arrays: the unit's words (GoldenUnit), and the INT, FP32 and
// multi-range scaler datapaths on codes and values. Each call is one C++ loop over the array
// with the GIL released; the numbers come from model/ unchanged.
#include <memory>

#include <pybind11/stl.h>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"
#include "model/functions.hpp"
#include "model/int_datapath.hpp"
#include "model/scaler_datapath.hpp"
#include "model/unit_config.hpp"
#include "sims/python/bindings.hpp"

namespace gqalut::python {

namespace {

// Integer arrays only: a float array cast to codes would truncate without a word.
void require_integer(const py::array& a, const char* what) {
    const char kind = a.dtype().kind();
    if (kind != 'i' && kind != 'u')
        throw py::type_error(std::string(what) + " must be an integer array (got dtype " +
                             std::string(py::str(a.dtype())) + ")");
}

Array<int64_t> as_codes(const py::array& a, int64_t lo, int64_t hi, const std::string& what) {
    require_integer(a, what.c_str());
    if (a.dtype().kind() == 'u' && a.itemsize() == 8) {
        // uint64 values above INT64_MAX would wrap in the cast; none is a valid code here.
        const Array<uint64_t> u = Array<uint64_t>::ensure(a);
        for (py::ssize_t i = 0; i < u.size(); ++i)
            if (u.data()[i] > static_cast<uint64_t>(hi))
                throw BadInput(what + "[" + std::to_string(i) + "] = " + std::to_string(u.data()[i]) + " outside [" +
                               std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    Array<int64_t> c = Array<int64_t>::ensure(a);
    const int64_t* p = c.data();
    for (py::ssize_t i = 0; i < c.size(); ++i)
        if (p[i] < lo || p[i] > hi)
            throw BadInput(what + "[" + std::to_string(i) + "] = " + std::to_string(p[i]) + " outside [" +
                           std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return c;
}

uint64_t word_mask(int width) { return width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1; }

Array<uint64_t> as_words(const py::array& a, int width) {
    require_integer(a, "input words");
    if (a.dtype().kind() == 'i') as_codes(a, 0, INT64_MAX, "input words");   // no negative words
    Array<uint64_t> w = Array<uint64_t>::ensure(a);
    const uint64_t mask = word_mask(width);
    for (py::ssize_t i = 0; i < w.size(); ++i)
        if (w.data()[i] & ~mask)
            throw BadInput("input words[" + std::to_string(i) + "] = " + std::to_string(w.data()[i]) + " has more than " +
                           std::to_string(width) + " bits");
    return w;
}

// One LUT load of an INT table at scale s (with the table's datapath options): IntDatapath and
// its batch evaluator.
class IntUnit {
public:
    IntUnit(const PwlTable& t, int scale) : dp_(int_datapath(check(t), scale)), batch_(dp_) {}
    IntUnit(const IntUnit&) = delete;
    IntUnit& operator=(const IntUnit&) = delete;

    Array<double> values(const py::array& q) const {
        const Array<int64_t> c = codes(q);
        Array<double> y = array_like<double>(c);
        {
            py::gil_scoped_release free;
            batch_.values(c.data(), y.mutable_data(), static_cast<size_t>(c.size()));
        }
        return y;
    }
    Array<int64_t> requantized(const py::array& q, int out_frac) const {
        const int k = dp_.params().k;
        if (out_frac < -k || out_frac > 2 * k)
            throw BadInput("requantizer output fraction bits " + std::to_string(out_frac) + " outside [" +
                           std::to_string(-k) + ", " + std::to_string(2 * k) + "]");
        const Array<int64_t> c = codes(q);
        Array<int64_t> out = array_like<int64_t>(c);
        {
            py::gil_scoped_release free;
            batch_.requantized(c.data(), out.mutable_data(), static_cast<size_t>(c.size()), FixFormat{k, out_frac, true});
        }
        return out;
    }
    Array<int32_t> segments(const py::array& q) const {
        const Array<int64_t> c = codes(q);
        Array<int32_t> out = array_like<int32_t>(c);
        {
            py::gil_scoped_release free;
            for (py::ssize_t i = 0; i < c.size(); ++i) out.mutable_data()[i] = dp_.segment(c.data()[i]);
        }
        return out;
    }
    const IntDatapath& datapath() const { return dp_; }

private:
    static const PwlTable& check(const PwlTable& t) {
        if (!is_int(t.precision) || t.scaler)
            throw BadInput("IntUnit needs an INT table without the multi-range scaler (this one is " +
                           to_string(t.precision) + (t.scaler ? " " + t.function + ": use ScalerUnit" : ": use Fp32Unit") +
                           ")");
        return t;
    }
    Array<int64_t> codes(const py::array& q) const {
        return as_codes(q, dp_.params().min_code(), dp_.params().max_code(), "codes");
    }

    IntDatapath dp_;
    IntBatch batch_;   // refers to dp_
};

class ScalerUnit {
public:
    explicit ScalerUnit(const PwlTable& t) : dp_(check(t)) {}

    Array<int64_t> output(const py::array& u) const {
        const Array<int64_t> c = codes(u);
        Array<int64_t> out = array_like<int64_t>(c);
        {
            py::gil_scoped_release free;
            for (py::ssize_t i = 0; i < c.size(); ++i) out.mutable_data()[i] = dp_.output(static_cast<uint64_t>(c.data()[i]));
        }
        return out;
    }
    // The exact result before the output requantizer, with the shift and the core's code.
    py::dict exact(const py::array& u) const {
        const Array<int64_t> c = codes(u);
        Array<double> value = array_like<double>(c);
        Array<int32_t> sigma = array_like<int32_t>(c);
        Array<int64_t> core = array_like<int64_t>(c);
        {
            py::gil_scoped_release free;
            for (py::ssize_t i = 0; i < c.size(); ++i) {
                const ScalerDatapath::Result r = dp_.exact(static_cast<uint64_t>(c.data()[i]));
                value.mutable_data()[i] = r.value();
                sigma.mutable_data()[i] = r.sigma;
                core.mutable_data()[i] = r.core_code;
            }
        }
        py::dict d;
        d["value"] = value;
        d["sigma"] = sigma;
        d["core_code"] = core;
        return d;
    }
    const ScalerSpec& spec() const { return dp_.scaler().spec(); }

private:
    static const PwlTable& check(const PwlTable& t) {
        if (!t.scaler) throw BadInput("ScalerUnit needs a div or rsqrt table with the multi-range scaler");
        return t;
    }
    // Two's complement inputs (exp2, exp) take negative codes.
    Array<int64_t> codes(const py::array& u) const {
        return as_codes(u, spec().input.min_code(), spec().input.max_code(), "input codes");
    }

    ScalerDatapath dp_;
};

class Fp32Unit {
public:
    explicit Fp32Unit(const PwlTable& t) : lut_(check(t).fp32) {}

    Array<float> values(const py::array& x) const {
        if (x.dtype().kind() != 'f' || x.itemsize() != 4)
            throw py::type_error("Fp32Unit.values takes a float32 array (got dtype " + std::string(py::str(x.dtype())) +
                                 "); convert explicitly with astype(numpy.float32)");
        const Array<float> in = Array<float>::ensure(x);
        Array<float> out = array_like<float>(in);
        {
            py::gil_scoped_release free;
            for (py::ssize_t i = 0; i < in.size(); ++i) out.mutable_data()[i] = fp32_pwl(lut_, in.data()[i]);
        }
        return out;
    }

private:
    static const PwlTable& check(const PwlTable& t) {
        if (t.precision != Precision::fp32) throw BadInput("Fp32Unit needs an fp32 table");
        return t;
    }
    Fp32Lut lut_;
};

// The unit's words (GoldenUnit): what every level of the model is compared on.
class Unit {
public:
    Unit(const PwlTable& t, int scale, std::optional<int> requant, int max_entries)
        : golden_(t, scale, shape_for(t, max_entries, 1), RequantConfig{requant.has_value(), requant.value_or(0)}) {}

    // Output words: uint64 of shape (n,) for outputs up to 64 bits; for wider ones (INT32's
    // 97-bit accumulator) shape (n, 2), the low and the high 64 bits.
    py::array output(const py::array& words) const {
        const Array<uint64_t> w = as_words(words, golden_.shape().in_width);
        const bool wide = golden_.shape().out_width() > 64;
        const py::ssize_t n = w.size();
        Array<uint64_t> out = wide ? Array<uint64_t>({n, py::ssize_t(2)}) : Array<uint64_t>(n);
        {
            py::gil_scoped_release free;
            uint64_t* o = out.mutable_data();
            for (py::ssize_t i = 0; i < n; ++i) {
                const i128 v = golden_.output(w.data()[i]);
                if (wide) {
                    o[2 * i] = static_cast<uint64_t>(v);
                    o[2 * i + 1] = static_cast<uint64_t>(v >> 64);   // v is masked, non-negative
                } else {
                    o[i] = static_cast<uint64_t>(v);
                }
            }
        }
        return std::move(out);
    }
    const UnitShape& shape() const { return golden_.shape(); }

private:
    GoldenUnit golden_;
};

Array<double> reference(const std::string& function, const Array<double>& x, const std::string& expr,
                        std::optional<std::pair<double, double>> range) {
    const RefFunctionPtr f = make_function(function, expr, range ? range->first : -4, range ? range->second : 4);
    Array<double> y = array_like<double>(x);
    {
        py::gil_scoped_release free;
        for (py::ssize_t i = 0; i < x.size(); ++i) y.mutable_data()[i] = (*f)(x.data()[i]);
    }
    return y;
}

}  // namespace

void bind_datapath(py::module_& m) {
    py::class_<IntUnit>(m, "IntUnit", "One LUT load of an INT table at scale s (input x = q 2^-s).")
        .def(py::init<const PwlTable&, int>(), py::arg("table"), py::arg("scale"))
        .def("values", &IntUnit::values, py::arg("codes"), "exact result acc 2^-result_frac as float64")
        .def("requantized", &IntUnit::requantized, py::arg("codes"), py::arg("out_frac"),
             "the requantizer's k-bit output codes with out_frac fraction bits")
        .def("segments", &IntUnit::segments, py::arg("codes"), "the LUT entry each code selects")
        .def_property_readonly("result_frac", [](const IntUnit& u) { return u.datapath().result_frac(); })
        .def_property_readonly("scale", [](const IntUnit& u) { return u.datapath().scale(); })
        .def_property_readonly("min_code", [](const IntUnit& u) { return u.datapath().params().min_code(); })
        .def_property_readonly("max_code", [](const IntUnit& u) { return u.datapath().params().max_code(); });

    py::class_<ScalerUnit>(m, "ScalerUnit", "The DIV/RSQRT unit: multi-range scaler and its unsigned INT core.")
        .def(py::init<const PwlTable&>(), py::arg("table"))
        .def("output", &ScalerUnit::output, py::arg("codes"), "output codes (UQ(32-F).F, F = output_frac)")
        .def("exact", &ScalerUnit::exact, py::arg("codes"), "dict of value (before requantizing), sigma, core_code")
        .def_property_readonly("input_frac", [](const ScalerUnit& u) { return u.spec().input.frac; })
        .def_property_readonly("input_width", [](const ScalerUnit& u) { return u.spec().input.width; })
        .def_property_readonly("output_frac", [](const ScalerUnit& u) { return u.spec().output.frac; })
        .def_property_readonly("output_width", [](const ScalerUnit& u) { return u.spec().output.width; });

    py::class_<Fp32Unit>(m, "Fp32Unit", "The FP32 datapath: IEEE compare, fmul, fadd (binary32, not fused).")
        .def(py::init<const PwlTable&>(), py::arg("table"))
        .def("values", &Fp32Unit::values, py::arg("x"));

    py::class_<Unit>(m, "Unit", "The hardware unit's input and output words for one configuration (GoldenUnit).")
        .def(py::init<const PwlTable&, int, std::optional<int>, int>(), py::arg("table"), py::arg("scale") = 0,
             py::arg("requant") = py::none(), py::arg("max_entries") = 32)
        .def("output", &Unit::output, py::arg("words"))
        .def_property_readonly("in_width", [](const Unit& u) { return u.shape().in_width; })
        .def_property_readonly("out_width", [](const Unit& u) { return u.shape().out_width(); })
        .def_property_readonly("shape", [](const Unit& u) { return u.shape().name(); });

    m.def("reference", &reference, py::arg("function"), py::arg("x"), py::arg("expr") = "", py::arg("range") = py::none(),
          "the exact reference function f(x) (builtin name, or 'expr' with expr and range)");
    m.def("function_names", &builtin_function_names);
}

}  // namespace gqalut::python
