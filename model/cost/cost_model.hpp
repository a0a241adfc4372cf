// Area and energy of the pwl unit (docs/results/cost-model.md), per hardware block, as functions of the unit's
// widths, entries, lanes and indexing style. Two layers:
//   1. structure(): what the unit is made of — flip-flops and combinational gate equivalents
//      (NAND2 = 1 GE) per block, and the gate equivalents one action switches. Counted from the
//      datapath widths with fixed textbook primitive sizes (GateLibrary); nothing fitted here.
//   2. Constants: µm² per flip-flop bit and per GE, pJ per flip-flop clock and per switched GE,
//      leakage per µm² — calibrated to paper Table 6 (28 nm, 500 MHz) by calibrate() and kept
//      in model/cost/cost_28nm.json with their provenance.
// evaluate() combines both with an Activity (action counts from the SystemC power monitor, or
// nominal per-element counts for an estimate without simulation).
#pragma once
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/unit_config.hpp"

namespace gqalut::cost {

// How the segment index is found (docs/explore.md).
enum class Indexing {
    parallel,        // N-1 comparators side by side + thermometer-to-index (the default unit)
    binary_search,   // log2(MaxEntries) pipelined comparator levels
    uniform,         // uniform segments addressed by the input's MSBs: no comparators, no breakpoints
};
Indexing parse_indexing(const std::string& s);   // "parallel" | "binary" | "uniform"; throws BadInput
std::string to_string(Indexing i);

// What a block does, counted by the power monitor.
enum class Action : int {
    lut_read,       // one lane reads one slope/intercept pair
    compare,        // one comparator evaluates (parallel: N-1 per element; binary: one per level)
    shift,          // intercept shift and product alignment of one element (INT datapath)
    multiply,       // one multiplication (INT or binary32)
    add,            // one addition (INT or binary32)
    requantize,     // one requantization (round, shift, saturate)
    scale_select,   // multi-range scaler: sub-range select and core code of one element
    reg_write,      // one pipeline register bit written (count = bits)
    cfg_write,      // one configuration register write
    operand,        // INT options: fold, clamp and relative operand of one element
    fix,            // INT options: the symmetry fix of one element
    reduce,         // scaler: range reduction (EXP2/LOG2/EXP) of one element
    octave,         // scaler: the RSQRT octave's constant multiply of one element (odd sigma)
};
constexpr int kActions = 13;
const char* to_string(Action a);

// Sizes of primitives in NAND2 gate equivalents. Textbook standard-cell ratios, fixed before
// calibration (the calibration scales them as a whole); see docs/results/cost-model.md.
struct GateLibrary {
    double mux2 = 2.25;          // 2:1 multiplexer, per bit
    double cmp_bit = 2.5;        // magnitude comparator (carry chain), per bit
    double adder_bit = 6.0;      // adder fast enough for 2 ns, per bit
    double mul_bit2 = 6.0;       // array/Booth multiplier, per partial-product bit (AND + full adder)
    double ff_data = 2.0;        // switched when a register bit is written with new data
    double encoder_input = 2.0;  // thermometer-to-index encoder, per comparator output
    double lzd_bit = 2.0;        // leading-one detector, per bit
    double fp_special = 60.0;    // binary32 special cases (inf, NaN, zero, DAZ/FTZ) per operator
};

struct Constants {
    std::string name;
    nlohmann::json provenance = nlohmann::json::object();
    double clock_hz = 500e6;
    GateLibrary ge;
    // Area.
    double um2_per_ff_bit = 1.4;       // flip-flop with load enable
    double um2_per_ge = 0.4;           // INT combinational logic
    double um2_per_ge_fp = 0.6;        // binary32 operator logic (deeper, upsized for timing)
    // Energy and leakage.
    double pj_per_ff_bit_cycle = 0.0025;   // clock pin and internal clock nodes, every cycle
    double pj_per_ge = 0.0005;             // one GE switched by an action at toggle rate 1/2
    double pj_per_ge_fp = 0.0008;          // the same for binary32 operator logic
    double leakage_mw_per_um2 = 1e-5;      // assumed, not fitted (Table 6 gives total power only)
    nlohmann::json fit = nlohmann::json::object();   // what calibrate() reported
};

Constants constants_from_json(const nlohmann::json& j);   // throws BadInput naming the field
nlohmann::json to_json(const Constants& c);
Constants load_constants(const std::string& path);        // throws BadInput
// The constants committed in model/cost/cost_28nm.json (embedded at build time).
const Constants& default_constants();
const char* default_constants_json();

// One block of the unit.
struct BlockStructure {
    std::string name;          // lut, control, comparators, index, shift, mac, requantizer, options, scaler, pipeline
    double ff_bits = 0;        // flip-flops, clocked every cycle (no clock gating)
    double reg_bits_per_element = 0;   // data register bits one element writes (per lane)
    double ge = 0;             // combinational logic, all lanes
    bool fp = false;           // binary32 operator logic (its own constants)
    std::array<double, kActions> ge_per_action{};   // GE one action switches (reg_write: per bit)
};

struct StructureOptions {
    bool requantizer = true;   // INT unit: the optional requantizer (Table 6's units have none)
    bool options = true;       // INT unit: the datapath options (numeric-definition.md §8-§11)
    bool reduction = true;     // scaler unit: the range reduction (EXP2, LOG2, EXP; §12)
    bool octave = true;        // scaler unit: the RSQRT octave's constant multiplier (§6)
};
// The unit of the paper's Table 6: no requantizer, no datapath options, no range reduction.
inline StructureOptions table6_structure() { return StructureOptions{false, false, false, false}; }

struct UnitStructure {
    UnitShape shape;
    Indexing indexing = Indexing::parallel;
    bool requantizer = true;
    bool options = true;
    bool reduction = true;
    bool octave = true;
    int latency = 3;               // cycles from input acceptance to output valid
    std::vector<BlockStructure> blocks;
    double ff_bits() const;
    double ge(bool fp) const;
    const BlockStructure* find(const std::string& name) const;
};

UnitStructure structure(const UnitShape& shape, Indexing indexing = Indexing::parallel,
                        const StructureOptions& opt = {}, const GateLibrary& ge = {});
// Latency of a unit shape with this indexing style (docs/cycle-model.md).
int unit_latency(const UnitShape& shape, Indexing indexing);

// What happened over a run: per block, per action, the count, and optionally the bits that
// toggled among the bits the action looked at (toggle weighting).
struct BlockActivity {
    std::string name;
    std::array<double, kActions> count{};
    std::array<double, kActions> toggled_bits{};   // used when Activity::toggles
    std::array<double, kActions> observed_bits{};
};
struct Activity {
    double cycles = 1;
    double elements = 1;
    bool toggles = false;   // weight switched GE by the measured toggle rate (else rate 1/2)
    std::vector<BlockActivity> blocks;
    BlockActivity& block(const std::string& name);   // adds it when missing
    const BlockActivity* find(const std::string& name) const;
};

// What a loaded table makes the unit do per element beyond the plain datapath, as the cycle
// model counts it: the operand logic (fold, clamp, relative intercepts), the symmetry fix (odd,
// point, shifted; even folds without one) and the range reduction (EXP2, LOG2, EXP: in place
// of the DIV/RSQRT sub-range selection).
struct TableActions {
    bool operand = false, fix = false, reduce = false, octave = false;
};
TableActions table_actions(const PwlTable& t);

// Per-element action counts of continuous streaming (one vector per cycle, `active_entries`
// of the unit's entries in use, random data: toggle rate 1/2) with the table's actions `use`
// (default: none, the calibration activity).
Activity nominal_activity(const UnitStructure& s, int active_entries, const TableActions& use = {});

struct BlockCost {
    std::string name;
    double area_um2 = 0;
    double energy_pj = 0;        // over the activity's cycles (clock + actions)
    double clock_energy_pj = 0;  // the part spent clocking flip-flops
    double dynamic_mw = 0;
    double leakage_mw = 0;
    double power_mw = 0;
};

struct UnitCost {
    std::vector<BlockCost> blocks;
    double area_um2 = 0;
    double energy_pj = 0;                 // total over the activity
    double energy_pj_per_element = 0;     // including clock energy, excluding leakage
    double dynamic_mw = 0, leakage_mw = 0, power_mw = 0;
    double clock_hz = 0;
    double cycles = 0, elements = 0;
    nlohmann::json to_json() const;
};

UnitCost evaluate(const UnitStructure& s, const Activity& a, const Constants& c, double clock_hz = 0);

// Estimate without simulation: area, energy per element and power at the constants' clock for
// continuous streaming with `active_entries` entries in use (default: all) and the table's
// actions `use` (default: none).
UnitCost estimate(const UnitShape& shape, Indexing indexing = Indexing::parallel, int active_entries = 0,
                  const Constants& c = default_constants(), const StructureOptions& opt = {},
                  const TableActions& use = {});
// The same for a given activity (e.g. nominal_activity() with cycles scaled for a utilisation
// below one, or a simulated one).
UnitCost estimate(const UnitShape& shape, Indexing indexing, const Activity& activity,
                  const Constants& c = default_constants(), const StructureOptions& opt = {});

}  // namespace gqalut::cost
