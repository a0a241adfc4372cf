// What an exploration sweeps: one list of values per axis (function, precision, entries,
// method, indexing, lanes, ...), the jobs (one table search each) and the points (a job priced
// for each indexing style and lane count) they expand to, and the CSV rows a sweep writes.
// Kept free of the search engine, so the shard merger can be checked on its own (and fuzzed).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/cost/cost_model.hpp"
#include "model/metrics.hpp"
#include "model/pwl_table.hpp"

namespace gqalut {
struct SearchOptions;
}

namespace gqalut::explore {

// One axis of the design space. Adding a datapath option to the sweep is one entry in axes():
// its option, its CSV column, and (for an axis that changes the table) what it sets in the search.
struct Axis {
    std::string option;     // command-line option taking a comma-separated list ("precisions")
    std::string column;     // CSV column of one value ("precision")
    std::string help;
    bool searched = true;   // each value is its own table (false: the same table, priced per value)
    // A list as given on the command line -> canonical values; throws BadInput naming the option.
    std::function<std::vector<std::string>(const std::string& list)> parse;
    // Searched axes: what one value sets in the search request.
    std::function<void(const std::string& value, SearchOptions& o)> to_search;
};
// The axes in column order. Values of the function axis are builtin names or "expr".
const std::vector<Axis>& axes();
size_t axis_index(const std::string& column);   // throws std::logic_error for an unknown column

struct Sweep {
    std::vector<std::vector<std::string>> values;   // per axis of axes(), canonical
    std::string expr;                               // with function "expr": the expression ...
    double expr_lo = 0, expr_hi = 0;                // ... and its range
    uint64_t seed = 1;
    Protocol protocol = Protocol::paper;
    std::string preset = "paper";   // the DIV/RSQRT scaler preset of every scaler table (paper or normalize)

    const std::vector<std::string>& of(const std::string& column) const { return values[axis_index(column)]; }
    // The sweep as options ("--functions gelu,exp --precisions int8 ... --protocol paper"): the
    // identity shards carry, and the start of the command that reruns it.
    std::string options() const;
};

// The named presets: quick (about 120 points) and full.
Sweep grid_by_name(const std::string& name);   // throws BadInput

// One table to search: its accuracy is shared by every indexing style and lane count that can
// run it (parallel and binary-search comparators compute the same segment).
struct Job {
    size_t index = 0;
    std::vector<std::string> values;   // per axis; "" for axes that are not searched
    bool uniform_segments = false;     // the table for uniform MSB-addressed indexing
    std::string get(const std::string& column) const { return values[axis_index(column)]; }
    std::string describe() const;      // "gelu int8 16 entries optimal (uniform segments)"
};
std::vector<Job> jobs(const Sweep& s);

// The indexing styles and lane counts one job is priced for.
std::vector<std::pair<std::string, int>> pricings(const Sweep& s, const Job& j);

struct Point {
    size_t job = 0;
    std::vector<std::string> values;   // per axis
    double mse_mean = 0, max_abs_error = 0;
    std::optional<double> max_rel_error;                         // DIV/RSQRT under `wide`
    std::vector<std::pair<std::string, double>> mse_per_scale;   // scales 0..6 when the protocol has them
    double area_um2 = 0, energy_pj_per_element = 0, power_mw = 0;
    int latency_cycles = 0;
    double throughput_meps = 0;   // million elements per second at the clock
    double search_seconds = 0;
    // The study's network with this table (gqalut explore --network; unset: not evaluated):
    // its metric and the degradation against the INT8 model with exact functions.
    std::optional<double> network_metric, network_degradation;
    std::string get(const std::string& column) const { return values[axis_index(column)]; }
    int entries() const { return std::stoi(get("entries")); }
    int lanes() const { return std::stoi(get("lanes")); }
    Precision precision() const { return parse_precision(get("precision")); }
};

std::string csv_header();
std::string to_csv(const std::vector<Point>& points);
// Parses rows written by to_csv; throws BadInput naming `name`, the line and the field. Every
// number must be finite, every axis value one the axis accepts.
std::vector<Point> from_csv(const std::string& text, const std::string& name);

// Shell-quoted words (for the commands printed to rerun a design; never run by gqalut).
std::string shell_quote(const std::string& word);

}  // namespace gqalut::explore
