// Precompiled INT cycle-model shapes: k = ParW in {8, 16, 32}, MaxEntries in {32, 64}, lanes in {1, 8}.
#include "model/sc/pwl_int_unit.hpp"
#include "model/unit/cycle_factory.hpp"

namespace gqalut::unit {

namespace {
template <int K, int M, int L>
std::unique_ptr<Unit> make(const UnitOptions& o) {
    return make_cycle_pin_unit<sc::PwlIntUnit<K, K, M, L>>(o);
}
template <int K>
std::unique_ptr<Unit> make_k(const UnitOptions& o) {
    const UnitShape& s = o.shape;
    if (s.max_entries == 32 && s.lanes == 1) return make<K, 32, 1>(o);
    if (s.max_entries == 32 && s.lanes == 8) return make<K, 32, 8>(o);
    if (s.max_entries == 64 && s.lanes == 1) return make<K, 64, 1>(o);
    if (s.max_entries == 64 && s.lanes == 8) return make<K, 64, 8>(o);
    return nullptr;
}
}  // namespace

std::unique_ptr<Unit> make_int_cycle_unit(const UnitOptions& o) {
    const UnitShape& s = o.shape;
    if (s.kind != UnitKind::int_unit || s.par_width != s.in_width) return nullptr;
    switch (s.in_width) {
        case 8: return make_k<8>(o);
        case 16: return make_k<16>(o);
        case 32: return make_k<32>(o);
        default: return nullptr;
    }
}

void list_int_cycle_shapes(std::vector<UnitShape>& out) {
    for (int k : {8, 16, 32})
        for (int m : {32, 64})
            for (int l : {1, 8}) out.push_back(int_shape(k, m, l));
}

}  // namespace gqalut::unit
