#include "tlm/accelerator_units.hpp"

#include "model/errors.hpp"

namespace gqalut::vp {

namespace {

constexpr int kEntries = 64;

bool same_datapath(const UnitShape& a, const UnitShape& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == UnitKind::fp32_unit) return true;
    return a.in_width == b.in_width && a.par_width == b.par_width &&
           (a.kind != UnitKind::scaler_unit || a.core_width == b.core_width);
}

// What the level builds for one datapath: the wanted shape itself (a level that builds any),
// else its shape of the same datapath and lanes with the most entries up to 64.
bool pick(const unit::Level& l, const UnitShape& want, UnitShape& got) {
    if (l.shapes.empty()) {
        got = want;
        return true;
    }
    bool found = false;
    for (const UnitShape& s : l.shapes)
        if (same_datapath(s, want) && s.lanes == want.lanes && s.max_entries <= kEntries &&
            (!found || s.max_entries > got.max_entries)) {
            got = s;
            found = true;
        }
    return found;
}

}  // namespace

AcceleratorUnits::AcceleratorUnits(const std::string& level, int lanes, double clock_hz) : level_(level), lanes_(lanes) {
    const unit::Level& l = unit::level(level);
    const struct {
        const char* name;
        UnitShape shape;
    } datapaths[] = {{"int8", int_shape(8, kEntries, lanes)},   {"int16", int_shape(16, kEntries, lanes)},
                     {"int32", int_shape(32, kEntries, lanes)}, {"fp32", fp32_shape(kEntries, lanes)},
                     {"scaler", scaler_shape(kEntries, lanes)}};
    for (const auto& d : datapaths) {
        unit::UnitOptions o;
        if (!pick(l, d.shape, o.shape)) continue;
        o.clock_hz = clock_hz;
        o.name = level + "_" + d.name;
        units_.push_back(l.make(o));
    }
    if (units_.empty()) throw BadInput("the " + level + " model has no unit with " + std::to_string(lanes) + " lanes");
}

unit::Unit* AcceleratorUnits::find(const PwlTable& t) const {
    const UnitShape want = shape_for(t, kEntries, lanes_);
    for (const auto& u : units_)
        if (same_datapath(u->shape(), want)) return u.get();
    return nullptr;
}

UnitShape AcceleratorUnits::shape(const PwlTable& t) const {
    const unit::Unit* u = find(t);
    return u ? u->shape() : shape_for(t, kEntries, lanes_);
}

unit::Unit& AcceleratorUnits::unit_for(const PwlTable& t) {
    unit::Unit* u = find(t);
    if (!u) throw BadInput("the " + level_ + " model has no unit of shape " + shape_for(t, kEntries, lanes_).name());
    return *u;
}

void AcceleratorUnits::set_clock_hz(double hz) {
    for (auto& u : units_) u->set_clock_hz(hz);
}

void AcceleratorUnits::abort() {
    for (auto& u : units_) u->abort();
}

}  // namespace gqalut::vp
