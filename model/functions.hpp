// The exact reference functions f(x) the tables approximate (FloPoCo's first layer).
#pragma once
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace gqalut {

// A reference function: a name, its double-precision evaluation, the default search range
// (paper Table 1), and the domain the `full` protocol evaluates on.
class RefFunction {
public:
    virtual ~RefFunction() = default;
    virtual double operator()(double x) const = 0;
    const std::string& name() const { return name_; }
    double range_lo() const { return range_lo_; }
    double range_hi() const { return range_hi_; }
    double domain_lo() const { return domain_lo_; }
    double domain_hi() const { return domain_hi_; }
    bool domain_open_lo() const { return domain_open_lo_; }   // (lo, ...] excludes lo (1/x at 0)
    bool in_domain(double x) const;
    // The domain as text for messages: "x <= 0", "x > 0", "every x", or the expression's range.
    std::string domain_text() const;
    // Throws BadInput naming the domain if [lo, hi] reaches outside it (ranges are never
    // silently clipped to the domain).
    void check_range(double lo, double hi) const;
    // DIV, RSQRT, EXP2 and LOG2 reach wide inputs through the scaler unit (numeric-definition.md
    // §6, §12): they need it; EXP may use it (range reduction through EXP2) or the INT unit.
    bool multi_range() const { return name_ == "div" || name_ == "rsqrt" || name_ == "exp2" || name_ == "log2"; }
    bool scaler_allowed() const { return multi_range() || name_ == "exp"; }
    const std::string& expr() const { return expr_; }   // non-empty for user expressions

protected:
    std::string name_, expr_;
    double range_lo_ = -4, range_hi_ = 4;
    double domain_lo_ = -HUGE_VAL, domain_hi_ = HUGE_VAL;   // unbounded: infinite
    bool domain_open_lo_ = false;
};

using RefFunctionPtr = std::shared_ptr<const RefFunction>;

// gelu (erf form), hswish, exp, div (1/x), rsqrt, sigmoid, tanh, silu, exp2, log2. Throws BadInput.
RefFunctionPtr builtin_function(const std::string& name);
std::vector<std::string> builtin_function_names();

// A user expression in x (muparser syntax) with its search range; the domain is the range.
// Throws BadInput naming the problem if the expression does not parse or is not finite on
// the range.
RefFunctionPtr expr_function(const std::string& expr, double lo, double hi);

// builtin_function(name) or, for name == "expr", expr_function(expr, lo, hi).
RefFunctionPtr make_function(const std::string& name, const std::string& expr, double lo, double hi);

}  // namespace gqalut
