// Symmetry detection for folded tables (docs/numeric-definition.md §8): the built-ins' known
// symmetries hold numerically, expressions are classified by checking, a symmetry a function
// does not have is refused with the place where it fails.
#include <catch2/catch.hpp>

#include "model/errors.hpp"
#include "model/symmetry.hpp"

using namespace gqalut;

TEST_CASE("built-ins: auto gives the known symmetry, and it holds numerically", "[symmetry]") {
    for (const std::string& name : builtin_function_names()) {
        const RefFunctionPtr f = builtin_function(name);
        const SymmetryFit s = detect_symmetry(*f, f->range_lo(), f->range_hi());
        INFO(name << " -> " << to_string(s.symmetry));
        double c = -1;
        CHECK(has_symmetry(*f, s.symmetry, -8, 8, &c));
        if (s.symmetry == Symmetry::point) CHECK(c == Approx(s.center));
    }
    CHECK(detect_symmetry(*builtin_function("sigmoid"), -8, 8).symmetry == Symmetry::point);
    CHECK(detect_symmetry(*builtin_function("sigmoid"), -8, 8).center == 0.5);
    CHECK(detect_symmetry(*builtin_function("tanh"), -4, 4).symmetry == Symmetry::odd);
    for (const char* n : {"gelu", "silu", "hswish"}) CHECK(detect_symmetry(*builtin_function(n), -4, 4).symmetry == Symmetry::shifted);
    for (const char* n : {"exp", "div", "rsqrt", "exp2", "log2"}) CHECK(detect_symmetry(*builtin_function(n), -4, 4).symmetry == Symmetry::none);
}

TEST_CASE("expressions are classified numerically on their range", "[symmetry]") {
    auto sym = [](const char* e, double lo, double hi) { return detect_symmetry(*expr_function(e, lo, hi), lo, hi); };
    CHECK(sym("x^3 - 2*x", -2, 2).symmetry == Symmetry::odd);
    CHECK(sym("x*x", -2, 2).symmetry == Symmetry::even);
    CHECK(sym("cos(x)", -3, 1).symmetry == Symmetry::even);   // checked where x and -x are in the range
    const SymmetryFit p = sym("1/(1+exp(-x)) + 1", -6, 6);
    CHECK(p.symmetry == Symmetry::point);
    CHECK(p.center == Approx(1.5));
    CHECK(sym("x/(1+exp(-1.702*x))", -6, 6).symmetry == Symmetry::shifted);
    CHECK(sym("log(1+exp(x))", -6, 6).symmetry == Symmetry::shifted);   // softplus
    CHECK(sym("exp(x)", -2, 2).symmetry == Symmetry::none);
    CHECK(sym("min(max(x,-1),1)*_pi", -4, 4).symmetry == Symmetry::odd);
}

TEST_CASE("a symmetry the function does not have is refused, naming where it fails", "[symmetry]") {
    const RefFunctionPtr sig = builtin_function("sigmoid");
    CHECK(resolve_symmetry("point", *sig, -8, 8).center == Approx(0.5));
    CHECK(resolve_symmetry("none", *sig, -8, 8).symmetry == Symmetry::none);
    CHECK(resolve_symmetry("auto", *sig, -8, 8).symmetry == Symmetry::point);
    auto error_of = [](const std::string& req, const RefFunction& f, double lo, double hi) -> std::string {
        try {
            resolve_symmetry(req, f, lo, hi);
        } catch (const BadInput& e) {
            return e.what();
        }
        return "";
    };
    CHECK(error_of("odd", *sig, -8, 8).find("--symmetry odd: sigmoid is not odd on [-8, 8] (at x = ") == 0);
    CHECK(error_of("even", *expr_function("x*x*x", -1, 1), -1, 1).find("'x*x*x' is not even") != std::string::npos);
    CHECK(error_of("odd", *builtin_function("exp"), -8, 0) == "--symmetry odd: exp is not defined on both sides of 0 on [-8, 8]");
    CHECK(error_of("shifted", *builtin_function("div"), 0.5, 4).find("scaler unit") != std::string::npos);
    CHECK(error_of("radial", *sig, -8, 8).find("unknown symmetry 'radial'") != std::string::npos);
}
