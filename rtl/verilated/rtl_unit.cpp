#include "rtl/verilated/rtl_unit.hpp"

namespace gqalut::rtl {

// One factory per Verilated configuration (generated adapters).
#define GQALUT_RTL_MODEL(name, kind, in_w, par_w, entries, lanes, core_w) \
    std::unique_ptr<RtlUnit> make_##name(const UnitShape& shape);
#include "rtl_models.inc"
#undef GQALUT_RTL_MODEL

namespace {

struct Entry {
    UnitShape shape;
    std::unique_ptr<RtlUnit> (*make)(const UnitShape&);
};

UnitShape shape_of(UnitKind kind, int in_w, int par_w, int entries, int lanes, int core_w) {
    UnitShape s;
    s.kind = kind;
    s.in_width = in_w;
    s.par_width = par_w;
    s.max_entries = entries;
    s.lanes = lanes;
    s.core_width = core_w;
    return s;
}

const std::vector<Entry>& registry() {
    static const std::vector<Entry> r = {
#define GQALUT_RTL_MODEL(name, kind, in_w, par_w, entries, lanes, core_w) \
    Entry{shape_of(kind, in_w, par_w, entries, lanes, core_w), &make_##name},
#include "rtl_models.inc"
#undef GQALUT_RTL_MODEL
    };
    return r;
}

bool same_datapath(const UnitShape& a, const UnitShape& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == UnitKind::fp32_unit) return true;
    if (a.in_width != b.in_width || a.par_width != b.par_width) return false;
    return a.kind != UnitKind::scaler_unit || a.core_width == b.core_width;
}

}  // namespace

std::string sc_model_shape() {
#define GQALUT_RTL_SC_MODEL(name, kind, in_w, par_w, entries, lanes, core_w) return #name;
#include "rtl_sc_model.inc"
#undef GQALUT_RTL_SC_MODEL
}

std::vector<UnitShape> rtl_shapes() {
    std::vector<UnitShape> v;
    for (const auto& e : registry()) v.push_back(e.shape);
    return v;
}

std::unique_ptr<RtlUnit> make_rtl_unit(const UnitShape& shape) {
    for (const auto& e : registry())
        if (e.shape.name() == shape.name() && same_datapath(e.shape, shape)) return e.make(e.shape);
    return nullptr;
}

std::unique_ptr<RtlUnit> make_rtl_unit_for(const UnitShape& want) {
    // Prefer the requested lane count, then the smallest LUT, then the fewest lanes.
    const auto better = [&](const Entry& a, const Entry& b) {
        const bool ae = a.shape.lanes == want.lanes, be = b.shape.lanes == want.lanes;
        if (ae != be) return ae;
        if (a.shape.max_entries != b.shape.max_entries) return a.shape.max_entries < b.shape.max_entries;
        return a.shape.lanes < b.shape.lanes;
    };
    const Entry* best = nullptr;
    for (const auto& e : registry()) {
        if (!same_datapath(e.shape, want) || e.shape.max_entries < want.max_entries) continue;
        if (!best || better(e, *best)) best = &e;
    }
    return best ? best->make(best->shape) : nullptr;
}

}  // namespace gqalut::rtl
