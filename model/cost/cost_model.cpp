#include "model/cost/cost_model.hpp"

#include <cmath>

#include "model/errors.hpp"
#include "model/file_io.hpp"
#include "model/json_text.hpp"

namespace gqalut::cost {

Indexing parse_indexing(const std::string& s) {
    if (s == "parallel") return Indexing::parallel;
    if (s == "binary" || s == "binary-search" || s == "binary_search") return Indexing::binary_search;
    if (s == "uniform") return Indexing::uniform;
    throw BadInput("unknown indexing style '" + s + "' (known: parallel, binary, uniform)");
}

std::string to_string(Indexing i) {
    switch (i) {
        case Indexing::parallel: return "parallel";
        case Indexing::binary_search: return "binary";
        case Indexing::uniform: return "uniform";
    }
    return "?";
}

const char* to_string(Action a) {
    static const char* const names[kActions] = {"lut_read",  "compare",   "shift",   "multiply", "add",  "requantize",
                                                "scale_select", "reg_write", "cfg_write", "operand", "fix", "reduce", "octave"};
    return names[static_cast<int>(a)];
}

namespace {

int clog2(long n) {
    int b = 0;
    while ((1L << b) < n) ++b;
    return b;
}

double get(const nlohmann::json& j, const char* key, double fallback, const std::string& where) {
    if (!j.contains(key)) return fallback;
    if (!j[key].is_number()) throw BadInput(where + "." + key + ": expected a number");
    return j[key].get<double>();
}

double& at(std::array<double, kActions>& a, Action x) { return a[static_cast<size_t>(x)]; }

}  // namespace

Constants constants_from_json(const nlohmann::json& j) {
    if (!j.is_object()) throw BadInput("cost constants: expected a JSON object");
    Constants c;
    c.name = j.value("name", std::string("unnamed"));
    if (j.contains("provenance")) c.provenance = j["provenance"];
    c.clock_hz = get(j, "clock_hz", c.clock_hz, "cost constants");
    if (j.contains("gate_equivalents")) {
        const auto& g = j["gate_equivalents"];
        const std::string w = "gate_equivalents";
        c.ge.mux2 = get(g, "mux2", c.ge.mux2, w);
        c.ge.cmp_bit = get(g, "cmp_bit", c.ge.cmp_bit, w);
        c.ge.adder_bit = get(g, "adder_bit", c.ge.adder_bit, w);
        c.ge.mul_bit2 = get(g, "mul_bit2", c.ge.mul_bit2, w);
        c.ge.ff_data = get(g, "ff_data", c.ge.ff_data, w);
        c.ge.encoder_input = get(g, "encoder_input", c.ge.encoder_input, w);
        c.ge.lzd_bit = get(g, "lzd_bit", c.ge.lzd_bit, w);
        c.ge.fp_special = get(g, "fp_special", c.ge.fp_special, w);
    }
    if (j.contains("area")) {
        const auto& a = j["area"];
        c.um2_per_ff_bit = get(a, "um2_per_ff_bit", c.um2_per_ff_bit, "area");
        c.um2_per_ge = get(a, "um2_per_ge", c.um2_per_ge, "area");
        c.um2_per_ge_fp = get(a, "um2_per_ge_fp", c.um2_per_ge_fp, "area");
    }
    if (j.contains("energy")) {
        const auto& e = j["energy"];
        c.pj_per_ff_bit_cycle = get(e, "pj_per_ff_bit_cycle", c.pj_per_ff_bit_cycle, "energy");
        c.pj_per_ge = get(e, "pj_per_ge", c.pj_per_ge, "energy");
        c.pj_per_ge_fp = get(e, "pj_per_ge_fp", c.pj_per_ge_fp, "energy");
        c.leakage_mw_per_um2 = get(e, "leakage_mw_per_um2", c.leakage_mw_per_um2, "energy");
    }
    if (j.contains("fit")) c.fit = j["fit"];
    for (double v : {c.clock_hz, c.um2_per_ff_bit, c.um2_per_ge, c.um2_per_ge_fp, c.pj_per_ff_bit_cycle, c.pj_per_ge,
                     c.pj_per_ge_fp, c.leakage_mw_per_um2})
        if (!(v >= 0) || !std::isfinite(v)) throw BadInput("cost constants: negative or non-finite constant");
    if (c.clock_hz <= 0) throw BadInput("cost constants: clock_hz must be positive");
    return c;
}

nlohmann::json to_json(const Constants& c) {
    nlohmann::json j;
    j["name"] = c.name;
    j["provenance"] = c.provenance;
    j["clock_hz"] = c.clock_hz;
    j["gate_equivalents"] = {{"mux2", c.ge.mux2},
                             {"cmp_bit", c.ge.cmp_bit},
                             {"adder_bit", c.ge.adder_bit},
                             {"mul_bit2", c.ge.mul_bit2},
                             {"ff_data", c.ge.ff_data},
                             {"encoder_input", c.ge.encoder_input},
                             {"lzd_bit", c.ge.lzd_bit},
                             {"fp_special", c.ge.fp_special}};
    j["area"] = {{"um2_per_ff_bit", c.um2_per_ff_bit}, {"um2_per_ge", c.um2_per_ge}, {"um2_per_ge_fp", c.um2_per_ge_fp}};
    j["energy"] = {{"pj_per_ff_bit_cycle", c.pj_per_ff_bit_cycle},
                   {"pj_per_ge", c.pj_per_ge},
                   {"pj_per_ge_fp", c.pj_per_ge_fp},
                   {"leakage_mw_per_um2", c.leakage_mw_per_um2}};
    j["fit"] = c.fit;
    return j;
}

Constants load_constants(const std::string& path) {
    const nlohmann::json j = parse_json_text(read_text_file(path), path);
    try {
        return constants_from_json(j);
    } catch (const nlohmann::json::exception& e) {
        throw BadInput(path + ": unexpected JSON content: " + e.what());
    } catch (const BadInput& e) {
        throw BadInput(path + ": " + e.what());
    }
}

const Constants& default_constants() {
    static const Constants c = constants_from_json(nlohmann::json::parse(default_constants_json()));
    return c;
}

double UnitStructure::ff_bits() const {
    double s = 0;
    for (const auto& b : blocks) s += b.ff_bits;
    return s;
}

double UnitStructure::ge(bool fp) const {
    double s = 0;
    for (const auto& b : blocks)
        if (b.fp == fp) s += b.ge;
    return s;
}

const BlockStructure* UnitStructure::find(const std::string& name) const {
    for (const auto& b : blocks)
        if (b.name == name) return &b;
    return nullptr;
}

int unit_latency(const UnitShape& shape, Indexing indexing) {
    // Input register, index stage(s), read/multiply/shift stage, add stage; scaler +1 in front.
    const int index_stages = indexing == Indexing::binary_search ? clog2(shape.max_entries) : 1;
    const int lat = index_stages + 2;
    return shape.kind == UnitKind::scaler_unit ? lat + 1 : lat;
}

UnitStructure structure(const UnitShape& shape, Indexing indexing, const StructureOptions& opt, const GateLibrary& g) {
    UnitStructure u;
    u.shape = shape;
    u.indexing = indexing;
    u.latency = unit_latency(shape, indexing);
    const double L = shape.lanes;
    const int M = shape.max_entries;
    const int lv = clog2(M);
    const bool fp = shape.kind == UnitKind::fp32_unit;
    const bool scaler = shape.kind == UnitKind::scaler_unit;
    u.requantizer = scaler || (!fp && opt.requantizer);
    u.options = !fp && !scaler && opt.options;
    u.reduction = scaler && opt.reduction;
    u.octave = scaler && opt.octave;
    // The INT core: k input bits (scaler: the core's unsigned CoreW-bit code), W parameter bits.
    const int k = fp ? 32 : scaler ? shape.core_width : shape.in_width;
    const int W = fp ? 32 : shape.par_width;
    const int A = 2 * W + k + 1;                 // exact accumulator
    const int bpw = fp ? 32 : k + 1;             // breakpoint register / comparator width
    // Carried down the scaler's pipeline: sigma; with the range reduction the 11-bit result
    // shift, the LOG2 integer part and its zero flag.
    const int sig = (!scaler ? 0 : u.reduction ? 11 + clog2(shape.in_width + 1) + 2 + 1 : clog2(2 * shape.in_width + 2) + 1) +
                    (u.octave ? 1 : 0);   // the octave's odd-exponent flag
    const int opnd = u.options ? 1 : 0;          // the options' (k+1)-bit MAC operand

    // LUT storage: breakpoint, slope and intercept registers, one read multiplexer per lane.
    BlockStructure lut{"lut"};
    lut.ff_bits = 2.0 * M * W + (indexing == Indexing::uniform ? 0.0 : (M - 1.0) * bpw);
    const double read_mux = 2.0 * W * (M - 1) * g.mux2;
    lut.ge = L * read_mux;
    at(lut.ge_per_action, Action::lut_read) = read_mux;
    u.blocks.push_back(lut);

    // Configuration registers and the write decoder.
    BlockStructure ctl{"control"};
    ctl.ff_bits = clog2(M + 1) + 1;   // N, cfg_err
    if (!fp) ctl.ff_bits += 2 * clog2(W + 1);                               // lambda_k, lambda_b
    if (!fp && !scaler) ctl.ff_bits += clog2(k) + (u.requantizer ? 1 + clog2(3 * k + 1) : 0);   // s, rq
    if (u.options) ctl.ff_bits += 3 + W + 3 * (k + 1) + 1;   // SYMMETRY, CENTER, CLAMP_LO/HI, ORIGIN, ICPT_MODE
    if (u.reduction) ctl.ff_bits += 2;                        // REDUCE
    if (u.octave) ctl.ff_bits += 1;                           // OCTAVE
    ctl.ge = 12 * 4 + 10 * g.cmp_bit * 4;   // address decode, range checks of the written values
    at(ctl.ge_per_action, Action::cfg_write) = ctl.ge;
    u.blocks.push_back(ctl);

    // Index: comparators (parallel or binary search) or the MSB extractor of uniform segments.
    BlockStructure idx{indexing == Indexing::uniform ? "index" : "comparators"};
    const double cmp = fp ? 31 * g.cmp_bit + 15 : bpw * g.cmp_bit;   // binary32: magnitude + sign/zero/NaN
    if (indexing == Indexing::parallel) {
        idx.ge = L * ((M - 1) * cmp + M * g.encoder_input);
        at(idx.ge_per_action, Action::compare) = cmp + (M > 1 ? M * g.encoder_input / (M - 1) : 0);
    } else if (indexing == Indexing::binary_search) {
        // One comparator per level; level l selects its breakpoint among 2^l candidates.
        const double sel = (M - 1.0) * bpw * g.mux2;
        idx.ge = L * (lv * cmp + sel);
        at(idx.ge_per_action, Action::compare) = cmp + (lv > 0 ? sel / lv : 0);
        idx.ff_bits = (lv > 1 ? (lv - 1) * (L * (k + lv) + 1) : 0);   // level registers (the last is stage 1)
        idx.reg_bits_per_element = lv > 1 ? (lv - 1) * (k + lv) : 0;
        at(idx.ge_per_action, Action::reg_write) = g.ff_data;
    } else {
        const double msb = k * g.adder_bit + k * clog2(k) * g.mux2;   // (q - lo) >> shift
        idx.ge = L * msb;
        at(idx.ge_per_action, Action::compare) = msb;
    }
    u.blocks.push_back(idx);

    if (!fp) {
        // Intercept shifter B << (s + lo - lb) and product alignment << (lo - lk).
        const double sh_b = (2.0 * W + k - 1) * clog2(k + W) * g.mux2;
        const double sh_p = (2.0 * W + k) * clog2(W + 1) * g.mux2;
        BlockStructure sh{"shift"};
        sh.ge = L * (sh_b + sh_p);
        at(sh.ge_per_action, Action::shift) = sh_b + sh_p;
        u.blocks.push_back(sh);
    }

    BlockStructure mac{"mac"};
    if (fp) {
        mac.fp = true;
        const double fmul = 24 * 24 * g.mul_bit2 + 10 * g.adder_bit + 24 * g.mux2 + 24 * g.adder_bit / 2 + g.fp_special;
        const double fadd = 2 * 31 * g.mux2 + 9 * g.adder_bit + 27 * 5 * g.mux2 + 27 + 28 * g.adder_bit +
                            28 * g.lzd_bit + 28 * 5 * g.mux2 + 24 * g.adder_bit / 2 + 9 * g.adder_bit + g.fp_special;
        mac.ge = L * (fmul + fadd);
        at(mac.ge_per_action, Action::multiply) = fmul;
        at(mac.ge_per_action, Action::add) = fadd;
    } else {
        const double mul = W * (k + (scaler ? 1.0 : 0.0) + opnd) * g.mul_bit2;
        const double add = A * g.adder_bit;
        mac.ge = L * (mul + add);
        at(mac.ge_per_action, Action::multiply) = mul;
        at(mac.ge_per_action, Action::add) = add;
    }
    u.blocks.push_back(mac);

    if (u.requantizer) {
        // Round (add half an LSB), arithmetic shift either way, saturate.
        const int out_w = scaler ? 32 : k;
        const double rq = A * g.adder_bit + A * clog2(2 * W + 3 * k + 64) * g.mux2 + (A - out_w + 1) * 2.0;
        BlockStructure r{"requantizer"};
        r.ge = L * rq;
        at(r.ge_per_action, Action::requantize) = rq;
        u.blocks.push_back(r);
    }

    if (u.options) {
        // Fold (negate, select) and clamp (two compares, two selects) of the (k+1)-bit operand;
        // the relative operand: P_{i-1} selected among the breakpoints and subtracted; the fix:
        // negate or add CENTER << (sb+1) and x << lo (two shifters, two adds over the result).
        const int o = k + 1;
        const double fold_clamp = o * g.adder_bit + o * g.mux2 + 2.0 * o * g.cmp_bit + 2.0 * o * g.mux2;
        const double relative = o * (M - 1.0) * g.mux2 + o * g.adder_bit + o * g.mux2;
        const double fix = 2.0 * (A + 1) * g.adder_bit + (A + 1) * g.mux2 + (2.0 * W + k) * clog2(k + W + 1) * g.mux2 +
                           (k + W) * clog2(W + 1) * g.mux2;
        BlockStructure op{"options"};
        op.ge = L * (fold_clamp + relative + fix);
        at(op.ge_per_action, Action::operand) = fold_clamp + relative;
        at(op.ge_per_action, Action::fix) = fix;
        u.blocks.push_back(op);
    }

    if (scaler) {
        const int n = shape.in_width;
        const double sel = 4 * (n + 1) * g.cmp_bit + n * g.lzd_bit + (n + k) * clog2(2 * n + k) * g.mux2 +
                           (k + 1) * g.adder_bit + 2.0 * k;
        BlockStructure sc{"scaler"};
        sc.ff_bits = 4.0 * (n + 1) + 4.0 * clog2(2 * n + 1) + 2 + clog2(n + 1) + 6;   // SR_LO, SR_SHIFT, FUNC, PRESET, IN/OUT_FRAC
        sc.ge = L * sel;
        at(sc.ge_per_action, Action::scale_select) = sel;
        if (u.reduction) {
            // EXP: x times the 17-bit constant log2(e) (8 ones: 7 adds of the product width),
            // the rounding add and the saturation of n; LOG2: leading one, the mantissa shifter
            // and rounding, the integer part; the selects; the integer part's shift and add.
            const int p = n + 19;
            const double red = 7.0 * p * g.adder_bit + p * g.mux2 + p * g.adder_bit + 2.0 * p * g.cmp_bit + n * g.lzd_bit +
                               (n + k) * clog2(n) * g.mux2 + (k + 2) * g.adder_bit + 8 * g.adder_bit + (k + 12) * g.mux2 +
                               (A + 1) * g.adder_bit + (A + 1) * clog2(W + k + 1) * g.mux2;
            sc.ge += L * red;
            at(sc.ge_per_action, Action::reduce) = red;
        }
        if (u.octave) {
            // RSQRT octave: y * 46341 as 7 shifted copies of the sum y (the set bits 0, 2, 8, 10,
            // 12, 13, 15: each of the 6 adds spans the p bits above its copy's shift), the select
            // of y or y * C, the requantizer 16 bits wider, the +16 of its shift.
            const int p = A + (u.reduction ? 1 : 0) + 16;
            const double oct = (6.0 * p - 60) * g.adder_bit + p * g.mux2 +
                               16.0 * (g.adder_bit + clog2(2 * W + 3 * k + 80) * g.mux2 + 2.0) + 8 * g.adder_bit;
            sc.ge += L * oct;
            at(sc.ge_per_action, Action::octave) = oct;
        }
        u.blocks.push_back(sc);
    }

    // Pipeline registers between the stages (valid bit per stage, data per lane).
    BlockStructure pipe{"pipeline"};
    const int in_w = fp ? 32 : shape.in_width;
    const int out_w = fp ? 32 : scaler ? 32 : A;
    double data = in_w;                                   // input register
    if (scaler) data += k + sig;                          // scaler stage: core code, sigma
    data += (fp ? 32 : k) + lv + sig;                     // index stage: operand and index
    if (u.options) data += k + 1;                         //   and the clamped operand q''
    data += fp ? 64 : (W + k + opnd) + (2 * W + k - 1 + (u.reduction ? 1 : 0)) + sig;   // product and shifted intercept
    if (u.options) data += k;                             //   and x for the symmetry fix
    data += out_w;                                        // output register
    const int stages = scaler ? 5 : 4;
    pipe.ff_bits = L * data + stages;
    pipe.reg_bits_per_element = data;
    at(pipe.ge_per_action, Action::reg_write) = g.ff_data;
    u.blocks.push_back(pipe);
    return u;
}

BlockActivity& Activity::block(const std::string& name) {
    for (auto& b : blocks)
        if (b.name == name) return b;
    blocks.push_back(BlockActivity{name, {}, {}, {}});
    return blocks.back();
}

const BlockActivity* Activity::find(const std::string& name) const {
    for (const auto& b : blocks)
        if (b.name == name) return &b;
    return nullptr;
}

TableActions table_actions(const PwlTable& t) {
    TableActions a;
    const DatapathOptions& o = t.datapath;
    a.operand = o.folded() || o.clamp || o.intercept == InterceptMode::relative;
    a.fix = o.symmetry == Symmetry::odd || o.symmetry == Symmetry::point || o.symmetry == Symmetry::shifted;
    a.reduce = t.scaler && t.scaler->preset == "reduce";
    a.octave = t.scaler && t.scaler->preset == "octave";
    return a;
}

Activity nominal_activity(const UnitStructure& s, int active_entries, const TableActions& use) {
    Activity a;
    const double L = s.shape.lanes;
    const int n = active_entries > 0 ? active_entries : s.shape.max_entries;
    a.cycles = 1;
    a.elements = L;
    auto add = [&](const char* block, Action x, double per_element) {
        if (s.find(block)) at(a.block(block).count, x) += per_element * L;
    };
    add("lut", Action::lut_read, 1);
    if (s.indexing == Indexing::parallel) add("comparators", Action::compare, n - 1);
    else if (s.indexing == Indexing::binary_search) add("comparators", Action::compare, clog2(s.shape.max_entries));
    else add("index", Action::compare, 1);
    add("shift", Action::shift, 1);
    add("mac", Action::multiply, 1);
    add("mac", Action::add, 1);
    add("requantizer", Action::requantize, 1);
    add("scaler", use.reduce ? Action::reduce : Action::scale_select, 1);
    if (use.octave) add("scaler", Action::octave, 0.5);   // random inputs: half the exponents are odd
    if (use.operand) add("options", Action::operand, 1);
    if (use.fix) add("options", Action::fix, 1);
    // Every data register bit is written once per element.
    for (const auto& b : s.blocks)
        if (b.reg_bits_per_element > 0) at(a.block(b.name).count, Action::reg_write) += b.reg_bits_per_element * L;
    return a;
}

UnitCost evaluate(const UnitStructure& s, const Activity& a, const Constants& c, double clock_hz) {
    UnitCost u;
    u.clock_hz = clock_hz > 0 ? clock_hz : c.clock_hz;
    u.cycles = a.cycles;
    u.elements = a.elements;
    const double seconds = a.cycles / u.clock_hz;
    for (const auto& b : s.blocks) {
        BlockCost bc;
        bc.name = b.name;
        bc.area_um2 = b.ff_bits * c.um2_per_ff_bit + b.ge * (b.fp ? c.um2_per_ge_fp : c.um2_per_ge);
        bc.clock_energy_pj = a.cycles * b.ff_bits * c.pj_per_ff_bit_cycle;
        double e = bc.clock_energy_pj;
        if (const BlockActivity* ba = a.find(b.name)) {
            for (size_t x = 0; x < kActions; ++x) {
                if (ba->count[x] == 0) continue;
                double w = 1;
                if (a.toggles && ba->observed_bits[x] > 0) w = (ba->toggled_bits[x] / ba->observed_bits[x]) / 0.5;
                e += ba->count[x] * b.ge_per_action[x] * (b.fp ? c.pj_per_ge_fp : c.pj_per_ge) * w;
            }
        }
        bc.energy_pj = e;
        bc.dynamic_mw = seconds > 0 ? e * 1e-9 / seconds : 0;   // pJ/s -> mW
        bc.leakage_mw = bc.area_um2 * c.leakage_mw_per_um2;
        bc.power_mw = bc.dynamic_mw + bc.leakage_mw;
        u.area_um2 += bc.area_um2;
        u.energy_pj += bc.energy_pj;
        u.dynamic_mw += bc.dynamic_mw;
        u.leakage_mw += bc.leakage_mw;
        u.power_mw += bc.power_mw;
        u.blocks.push_back(bc);
    }
    u.energy_pj_per_element = a.elements > 0 ? u.energy_pj / a.elements : 0;
    return u;
}

nlohmann::json UnitCost::to_json() const {
    nlohmann::json j;
    j["clock_hz"] = clock_hz;
    j["area_um2"] = area_um2;
    j["energy_pj_per_element"] = energy_pj_per_element;
    j["dynamic_mw"] = dynamic_mw;
    j["leakage_mw"] = leakage_mw;
    j["power_mw"] = power_mw;
    j["cycles"] = cycles;
    j["elements"] = elements;
    nlohmann::json blocks_j = nlohmann::json::array();
    for (const auto& b : blocks)
        blocks_j.push_back({{"block", b.name},
                            {"area_um2", b.area_um2},
                            {"energy_pj_per_element", elements > 0 ? b.energy_pj / elements : 0.0},
                            {"clock_energy_pj_per_element", elements > 0 ? b.clock_energy_pj / elements : 0.0},
                            {"dynamic_mw", b.dynamic_mw},
                            {"leakage_mw", b.leakage_mw},
                            {"power_mw", b.power_mw}});
    j["blocks"] = blocks_j;
    return j;
}

UnitCost estimate(const UnitShape& shape, Indexing indexing, int active_entries, const Constants& c,
                  const StructureOptions& opt, const TableActions& use) {
    const UnitStructure s = structure(shape, indexing, opt, c.ge);
    return evaluate(s, nominal_activity(s, active_entries, use), c, c.clock_hz);
}

UnitCost estimate(const UnitShape& shape, Indexing indexing, const Activity& activity, const Constants& c,
                  const StructureOptions& opt) {
    return evaluate(structure(shape, indexing, opt, c.ge), activity, c, c.clock_hz);
}

}  // namespace gqalut::cost
