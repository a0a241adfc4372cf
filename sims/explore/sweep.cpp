#include "sims/explore/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

#include "model/errors.hpp"
#include "model/functions.hpp"
#include "search/search.hpp"

namespace gqalut::explore {

namespace {

std::vector<std::string> split(const std::string& list, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : list) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

// Items of a list, each checked by `one`; empty items and repeated values are refused.
std::vector<std::string> parse_list(const std::string& option, const std::string& list,
                                    const std::function<std::vector<std::string>(const std::string&)>& one) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const std::string& item : split(list, ',')) {
        if (item.empty()) throw BadInput("--" + option + ": '" + list + "' has an empty item");
        for (const std::string& v : one(item)) {
            if (!seen.insert(v).second) throw BadInput("--" + option + ": " + v + " is given twice");
            out.push_back(v);
        }
    }
    return out;
}

long long parse_integer(const std::string& option, const std::string& text, long long lo, long long hi) {
    long long v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        throw BadInput("--" + option + ": '" + text + "' is not an integer");
    if (v < lo || v > hi)
        throw BadInput("--" + option + ": " + text + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
    return v;
}

// "A" or "A..B" (every integer from A to B) within [lo, hi].
std::function<std::vector<std::string>(const std::string&)> integers(const std::string& option, long long lo, long long hi) {
    return [option, lo, hi](const std::string& item) {
        const auto dots = item.find("..");
        const long long a = parse_integer(option, item.substr(0, dots), lo, hi);
        const long long b = dots == std::string::npos ? a : parse_integer(option, item.substr(dots + 2), lo, hi);
        if (b < a) throw BadInput("--" + option + ": '" + item + "' is reversed (need A <= B)");
        std::vector<std::string> out;
        for (long long v = a; v <= b; ++v) out.push_back(std::to_string(v));
        return out;
    };
}

std::function<std::vector<std::string>(const std::string&)> one_of(const std::string& option,
                                                                   const std::vector<std::string>& known) {
    return [option, known](const std::string& item) {
        if (std::find(known.begin(), known.end(), item) != known.end()) return std::vector<std::string>{item};
        std::string k;
        for (const auto& n : known) k += (k.empty() ? "" : ", ") + n;
        throw BadInput("--" + option + ": '" + item + "' is not one of " + k);
    };
}

Axis axis(std::string option, std::string column, std::string help, bool searched,
          std::function<std::vector<std::string>(const std::string&)> item,
          std::function<void(const std::string&, SearchOptions&)> to_search = {}) {
    Axis a;
    a.option = option;
    a.column = std::move(column);
    a.help = std::move(help);
    a.searched = searched;
    a.parse = [option, item](const std::string& list) { return parse_list(option, list, item); };
    a.to_search = std::move(to_search);
    return a;
}

std::vector<std::string> function_item(const std::string& item) {
    if (item == "expr") throw BadInput("--functions: give an expression with --expr E --range LO,HI");
    return one_of("functions", builtin_function_names())(item);
}

std::string join(const std::vector<std::string>& v, const std::string& sep = ",") {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

}  // namespace

const std::vector<Axis>& axes() {
    static const std::vector<Axis> a = {
        axis("functions", "function", "builtin functions (gelu, hswish, exp, div, rsqrt, sigmoid, tanh, silu)", true,
             function_item,
             [](const std::string& v, SearchOptions& o) {
                 if (v.rfind("expr:", 0) == 0) {
                     o.spec.function = "expr";
                     o.spec.expr = v.substr(5);
                 } else {
                     o.spec.function = v;
                 }
             }),
        axis("precisions", "precision", "int8, int16, int32, fp32", true, one_of("precisions", {"int8", "int16", "int32", "fp32"}),
             [](const std::string& v, SearchOptions& o) { o.spec.precision = v; }),
        axis("entries", "entries", "entry counts: N or A..B (every N from A to B)", true, integers("entries", 2, 1024),
             [](const std::string& v, SearchOptions& o) { o.spec.entries = std::stoi(v); }),
        axis("methods", "method", "gqa, gqa-rm, nnlut, optimal", true, one_of("methods", {"gqa", "gqa-rm", "nnlut", "optimal"}),
             [](const std::string& v, SearchOptions& o) { o.method = v; }),
        axis("indexing", "indexing", "parallel, binary, uniform (uniform: the optimal table for uniform segments)", false,
             one_of("indexing", {"parallel", "binary", "uniform"})),
        axis("lanes", "lanes", "lane counts: L or A..B", false, integers("lanes", 1, 64)),
        axis("symmetry", "symmetry", "INT symmetry folding: none, auto (each function's own), odd, even, point, shifted", true,
             one_of("symmetry", {"none", "auto", "odd", "even", "point", "shifted"}),
             [](const std::string& v, SearchOptions& o) { o.spec.symmetry = v; }),
        axis("clamp", "clamp", "INT input clamp to the range: off, on", true, one_of("clamp", {"off", "on"}),
             [](const std::string& v, SearchOptions& o) { o.spec.clamp = v == "on"; }),
        axis("intercept", "intercept", "INT intercepts: absolute, relative (segment-relative: B the value at the segment start)",
             true, one_of("intercept", {"absolute", "relative"}),
             [](const std::string& v, SearchOptions& o) { o.spec.intercept = v; }),
    };
    return a;
}

size_t axis_index(const std::string& column) {
    const auto& a = axes();
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].column == column) return i;
    throw std::logic_error("explore: no axis '" + column + "'");
}

std::string shell_quote(const std::string& word) {
    if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:=+@%") ==
                             std::string::npos)
        return word;
    std::string q = "'";
    for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string Sweep::options() const {
    std::string s;
    const auto& a = axes();
    for (size_t i = 0; i < a.size(); ++i) {
        std::vector<std::string> v;
        for (const auto& x : values[i])
            if (x.rfind("expr:", 0) != 0) v.push_back(x);
        if (!v.empty()) s += (s.empty() ? "--" : " --") + a[i].option + " " + join(v);
    }
    if (!expr.empty()) s += " --expr " + shell_quote(expr) + " --range " + show_number(expr_lo) + "," + show_number(expr_hi);
    // The preset only when it is not the default: shards of earlier sweeps keep their identity.
    return s + " --seed " + std::to_string(seed) + " --protocol " + to_string(protocol) +
           (preset != "paper" ? " --preset " + preset : "");
}

Sweep grid_by_name(const std::string& name) {
    Sweep s;
    if (name == "quick") {
        s.values = {{"gelu", "exp", "div"}, {"int8", "int16"}, {"4", "8", "16", "32"}, {"gqa-rm", "optimal"},
                    {"parallel", "binary", "uniform"}, {"1"}, {"none"}, {"off"}, {"absolute"}};
    } else if (name == "full") {
        s.values = {{"gelu", "hswish", "exp", "div", "rsqrt", "sigmoid", "tanh", "silu"}, {"int8", "int16", "int32", "fp32"},
                    {"4", "8", "16", "32", "64"}, {"gqa-rm", "optimal", "nnlut"}, {"parallel", "binary", "uniform"},
                    {"1", "4", "8"}, {"none"}, {"off"}, {"absolute"}};
    } else {
        throw BadInput("--grid: '" + name + "' is neither quick nor full");
    }
    return s;
}

std::string Job::describe() const {
    return get("function") + " " + get("precision") + " " + get("entries") + " entries " + get("method") +
           (uniform_segments ? " (uniform segments)" : "");
}

std::vector<Job> jobs(const Sweep& s) {
    const auto& a = axes();
    std::vector<size_t> searched;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].searched) searched.push_back(i);
    const auto& ix = s.of("indexing");
    const bool comparators = std::any_of(ix.begin(), ix.end(), [](const std::string& v) { return v != "uniform"; });
    const bool uniform = std::find(ix.begin(), ix.end(), "uniform") != ix.end();
    std::vector<Job> out;
    std::vector<size_t> at(searched.size(), 0);
    for (size_t i : searched)
        if (s.values[i].empty()) return out;
    for (;;) {
        Job j;
        j.values.assign(a.size(), "");
        for (size_t k = 0; k < searched.size(); ++k) j.values[searched[k]] = s.values[searched[k]][at[k]];
        if (comparators) {
            j.index = out.size();
            out.push_back(j);
        }
        if (uniform && j.get("method") == "optimal" && j.get("precision") != "fp32") {
            j.uniform_segments = true;
            j.index = out.size();
            out.push_back(j);
        }
        size_t k = searched.size();
        while (k > 0 && ++at[k - 1] == s.values[searched[k - 1]].size()) at[--k] = 0;
        if (k == 0) break;
    }
    return out;
}

std::vector<std::pair<std::string, int>> pricings(const Sweep& s, const Job& j) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& ix : s.of("indexing")) {
        if ((ix == "uniform") != j.uniform_segments) continue;
        for (const auto& l : s.of("lanes")) out.emplace_back(ix, std::stoi(l));
    }
    return out;
}

// ---- CSV ----------------------------------------------------------------------------------

namespace {

constexpr int kScaleColumns = 7;   // mse_s0 .. mse_s6: the paper protocol's scales
const char* const kMetricColumns[] = {"mse_mean", "max_abs_error", "max_rel_error"};
const char* const kCostColumns[] = {"area_um2", "energy_pj_per_element", "power_mw", "latency_cycles",
                                    "throughput_meps", "search_seconds"};
const char* const kNetworkColumns[] = {"network_metric", "network_degradation"};   // empty: not evaluated

std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// One line's fields (RFC 4180 quoting, no line breaks inside fields); throws BadInput.
std::vector<std::string> csv_fields(const std::string& line, const std::string& where) {
    std::vector<std::string> out;
    std::string cur;
    size_t i = 0;
    for (;;) {
        cur.clear();
        if (i < line.size() && line[i] == '"') {
            for (++i;; ++i) {
                if (i >= line.size()) throw BadInput(where + ": a quoted field is not closed");
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        cur += '"';
                        ++i;
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    cur += line[i];
                }
            }
            if (i < line.size() && line[i] != ',') throw BadInput(where + ": text after a quoted field");
        } else {
            while (i < line.size() && line[i] != ',') {
                if (line[i] == '"') throw BadInput(where + ": a quote inside an unquoted field");
                cur += line[i++];
            }
        }
        out.push_back(cur);
        if (i >= line.size()) return out;
        ++i;   // the comma
    }
}

std::string number(double v) {
    std::ostringstream os;
    os.precision(9);
    os << v;
    return os.str();
}

double parse_signed_number(const std::string& text, const std::string& where, const std::string& column) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        throw BadInput(where + ": " + column + ": '" + text + "' is not a finite number");
    return v;
}

double parse_number(const std::string& text, const std::string& where, const std::string& column) {
    const double v = parse_signed_number(text, where, column);
    if (v < 0) throw BadInput(where + ": " + column + ": " + text + " is negative");
    return v;
}

std::string optional_number(const std::optional<double>& v) { return v ? number(*v) : std::string(); }

}  // namespace

std::string csv_header() {
    std::string h = "job";
    for (const auto& a : axes()) h += "," + a.column;
    for (const char* c : kMetricColumns) h += std::string(",") + c;
    for (int s = 0; s < kScaleColumns; ++s) h += ",mse_s" + std::to_string(s);
    for (const char* c : kCostColumns) h += std::string(",") + c;
    for (const char* c : kNetworkColumns) h += std::string(",") + c;
    return h;
}

std::string to_csv(const std::vector<Point>& points) {
    std::string out = csv_header() + "\n";
    for (const Point& p : points) {
        std::string row = std::to_string(p.job);
        for (const auto& v : p.values) row += "," + csv_field(v);
        row += "," + number(p.mse_mean) + "," + number(p.max_abs_error) + "," + optional_number(p.max_rel_error);
        for (int s = 0; s < kScaleColumns; ++s) {
            row += ",";
            for (const auto& [k, v] : p.mse_per_scale)
                if (k == std::to_string(s)) row += number(v);
        }
        row += "," + number(p.area_um2) + "," + number(p.energy_pj_per_element) + "," + number(p.power_mw) + "," +
               std::to_string(p.latency_cycles) + "," + number(p.throughput_meps) + "," + number(p.search_seconds) + "," +
               optional_number(p.network_metric) + "," + optional_number(p.network_degradation);
        out += row + "\n";
    }
    return out;
}

std::vector<Point> from_csv(const std::string& text, const std::string& name) {
    std::istringstream in(text);
    std::string line;
    int ln = 1;
    while (std::getline(in, line) && !line.empty() && line[0] == '#') ++ln;   // comment lines (the shard's sweep)
    if (line != csv_header()) throw BadInput(name + ": line " + std::to_string(ln) + ": not an explore CSV header");
    const auto& a = axes();
    const size_t want =
        1 + a.size() + std::size(kMetricColumns) + kScaleColumns + std::size(kCostColumns) + std::size(kNetworkColumns);
    std::vector<Point> out;
    while (std::getline(in, line)) {
        ++ln;
        const std::string where = name + ": line " + std::to_string(ln);
        if (line.empty()) throw BadInput(where + ": empty line");
        const std::vector<std::string> f = csv_fields(line, where);
        if (f.size() != want)
            throw BadInput(where + ": " + std::to_string(f.size()) + " fields, expected " + std::to_string(want));
        Point p;
        size_t i = 0;
        auto integer = [&](const std::string& column, long long lo, long long hi) {
            try {
                return parse_integer(column, f[i++], lo, hi);
            } catch (const BadInput&) {
                throw BadInput(where + ": " + column + ": '" + f[i - 1] + "' is not an integer in " + std::to_string(lo) + ".." +
                               std::to_string(hi));
            }
        };
        p.job = static_cast<size_t>(integer("job", 0, 100000000));
        for (const auto& ax : a) {
            const std::string& v = f[i++];
            const bool expr_function = ax.column == "function" && v.rfind("expr:", 0) == 0 && v.size() > 5;
            try {
                if (!expr_function && ax.parse(v) != std::vector<std::string>{v}) throw BadInput("not canonical");
            } catch (const BadInput&) {
                throw BadInput(where + ": " + ax.column + ": '" + v + "' is not a value of --" + ax.option);
            }
            p.values.push_back(v);
        }
        p.mse_mean = parse_number(f[i++], where, "mse_mean");
        p.max_abs_error = parse_number(f[i++], where, "max_abs_error");
        if (!f[i].empty()) p.max_rel_error = parse_number(f[i], where, "max_rel_error");
        ++i;
        for (int s = 0; s < kScaleColumns; ++s, ++i)
            if (!f[i].empty()) p.mse_per_scale.emplace_back(std::to_string(s), parse_number(f[i], where, "mse_s" + std::to_string(s)));
        p.area_um2 = parse_number(f[i++], where, "area_um2");
        p.energy_pj_per_element = parse_number(f[i++], where, "energy_pj_per_element");
        p.power_mw = parse_number(f[i++], where, "power_mw");
        p.latency_cycles = static_cast<int>(integer("latency_cycles", 1, 1000000));
        p.throughput_meps = parse_number(f[i++], where, "throughput_meps");
        p.search_seconds = parse_number(f[i++], where, "search_seconds");
        if (!f[i].empty()) p.network_metric = parse_number(f[i], where, "network_metric");
        ++i;
        if (!f[i].empty()) p.network_degradation = parse_signed_number(f[i], where, "network_degradation");
        ++i;
        out.push_back(p);
    }
    return out;
}

}  // namespace gqalut::explore
