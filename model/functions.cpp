#include "functions.hpp"

#include <muParser.h>

#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "errors.hpp"

namespace gqalut {

bool RefFunction::in_domain(double x) const {
    if (domain_open_lo_ ? x <= domain_lo_ : x < domain_lo_) return false;
    return x <= domain_hi_;
}

std::string RefFunction::domain_text() const {
    const bool lo_open = std::isinf(domain_lo_), hi_open = std::isinf(domain_hi_);
    if (lo_open && hi_open) return "every x";
    const std::string lo = show_number(domain_lo_), hi = show_number(domain_hi_);
    if (lo_open) return "x <= " + hi;
    if (hi_open) return std::string("x ") + (domain_open_lo_ ? "> " : ">= ") + lo;
    return "x in [" + lo + ", " + hi + "]";
}

void RefFunction::check_range(double lo, double hi) const {
    if (!in_domain(lo) || !in_domain(hi))
        throw BadInput("--range: [" + show_number(lo) + ", " + show_number(hi) + "] reaches outside the domain of " + name_ +
                       " (" + domain_text() + ")");
}

namespace {

class Builtin final : public RefFunction {
public:
    Builtin(std::string name, std::function<double(double)> f, double lo, double hi, double dlo,
            double dhi, bool open_lo)
        : f_(std::move(f)) {
        name_ = std::move(name);
        range_lo_ = lo;
        range_hi_ = hi;
        domain_lo_ = dlo;
        domain_hi_ = dhi;
        domain_open_lo_ = open_lo;
    }
    double operator()(double x) const override { return f_(x); }

private:
    std::function<double(double)> f_;
};

constexpr double kInf = HUGE_VAL;

const std::map<std::string, RefFunctionPtr>& builtins() {
    static const std::map<std::string, RefFunctionPtr> table = [] {
        std::map<std::string, RefFunctionPtr> m;
        auto add = [&m](const char* n, std::function<double(double)> f, double lo, double hi,
                        double dlo = -kInf, double dhi = kInf, bool open_lo = false) {
            m[n] = std::make_shared<Builtin>(n, std::move(f), lo, hi, dlo, dhi, open_lo);
        };
        add("gelu", [](double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); }, -4, 4);
        add("hswish", [](double x) { return x * std::min(std::max(x + 3.0, 0.0), 6.0) / 6.0; }, -4, 4);
        add("exp", [](double x) { return std::exp(x); }, -8, 0, -kInf, 0.0);
        add("div", [](double x) { return 1.0 / x; }, 0.5, 4, 0.0, kInf, true);
        add("rsqrt", [](double x) { return 1.0 / std::sqrt(x); }, 0.25, 4, 0.0, kInf, true);
        add("sigmoid", [](double x) { return 1.0 / (1.0 + std::exp(-x)); }, -8, 8);
        add("tanh", [](double x) { return std::tanh(x); }, -4, 4);
        add("silu", [](double x) { return x / (1.0 + std::exp(-x)); }, -8, 8);
        add("exp2", [](double x) { return std::exp2(x); }, -8, 4);
        add("log2", [](double x) { return std::log2(x); }, 0.25, 16, 0.0, kInf, true);
        return m;
    }();
    return table;
}

// muparser instances are not thread-safe: each thread evaluating an expression gets its own
// parser, owned by the expression (freed with it).
class Expr final : public RefFunction {
public:
    Expr(const std::string& expr, double lo, double hi) {
        name_ = "expr";
        expr_ = expr;
        range_lo_ = domain_lo_ = lo;
        range_hi_ = domain_hi_ = hi;
    }
    double operator()(double x) const override {
        Slot& slot = slot_for_this_thread();
        slot.x = x;
        return slot.parser.Eval();
    }

private:
    struct Slot {
        mu::Parser parser;
        double x = 0;
    };
    Slot& slot_for_this_thread() const {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& slot = slots_[std::this_thread::get_id()];
        if (!slot) {
            slot = std::make_unique<Slot>();
            slot->parser.DefineVar("x", &slot->x);
            slot->parser.SetExpr(expr_);
        }
        return *slot;
    }
    mutable std::mutex mutex_;
    mutable std::map<std::thread::id, std::unique_ptr<Slot>> slots_;
};

}  // namespace

RefFunctionPtr builtin_function(const std::string& name) {
    auto it = builtins().find(name);
    if (it == builtins().end()) {
        std::string known;
        for (const auto& n : builtin_function_names()) known += (known.empty() ? "" : ", ") + n;
        throw BadInput("unknown function '" + name + "' (known: " + known + ", or --expr)");
    }
    return it->second;
}

std::vector<std::string> builtin_function_names() {
    std::vector<std::string> names;
    for (const auto& kv : builtins()) names.push_back(kv.first);
    return names;
}

RefFunctionPtr expr_function(const std::string& expr, double lo, double hi) {
    if (!(std::isfinite(lo) && std::isfinite(hi)) || !(lo < hi))
        throw BadInput("range " + show_number(lo) + "," + show_number(hi) + " is empty or reversed (need LO < HI)");
    auto f = std::make_shared<Expr>(expr, lo, hi);
    try {
        for (int i = 0; i <= 16; ++i) {
            // Weighted, so no term exceeds max(|lo|, |hi|): lo + (hi - lo) / 16 * i overflowed on
            // [-1e308, 1e308] (15 / 16 of 2e308 is beyond the largest double).
            const double x = i == 16 ? hi : lo / 16.0 * (16 - i) + hi / 16.0 * i;
            const double y = (*f)(x);
            if (!std::isfinite(y))
                throw BadInput("expression '" + expr + "' is not finite at x = " + show_number(x));
        }
    } catch (const mu::Parser::exception_type& e) {
        throw BadInput("expression '" + expr + "': " + e.GetMsg());
    }
    return f;
}

RefFunctionPtr make_function(const std::string& name, const std::string& expr, double lo, double hi) {
    return name == "expr" ? expr_function(expr, lo, hi) : builtin_function(name);
}

}  // namespace gqalut
