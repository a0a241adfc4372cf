// Precompiled INT cycle-model shapes: k = ParW in {8, 16, 32}, MaxEntries in {32, 64}, lanes in {1, 8}.
#include "model/sc/pwl_int_unit.hpp"
#include "sims/backends/cycle_factory.hpp"

namespace gqalut::sim {

namespace {
template <int K, int M, int L>
std::unique_ptr<StreamSim> make(const BackendOptions& o) {
    return make_cycle_testbench<sc::PwlIntUnit<K, K, M, L>>(o);
}
template <int K>
std::unique_ptr<StreamSim> make_k(const BackendOptions& o) {
    const UnitShape& s = o.shape;
    if (s.max_entries == 32 && s.lanes == 1) return make<K, 32, 1>(o);
    if (s.max_entries == 32 && s.lanes == 8) return make<K, 32, 8>(o);
    if (s.max_entries == 64 && s.lanes == 1) return make<K, 64, 1>(o);
    if (s.max_entries == 64 && s.lanes == 8) return make<K, 64, 8>(o);
    return nullptr;
}
}  // namespace

std::unique_ptr<StreamSim> make_int_cycle_sim(const BackendOptions& o) {
    const UnitShape& s = o.shape;
    if (s.kind != UnitKind::int_unit || s.par_width != s.in_width) return nullptr;
    switch (s.in_width) {
        case 8: return make_k<8>(o);
        case 16: return make_k<16>(o);
        case 32: return make_k<32>(o);
        default: return nullptr;
    }
}

void list_int_cycle_shapes(std::vector<std::string>& out) {
    for (int k : {8, 16, 32})
        for (int m : {32, 64})
            for (int l : {1, 8}) {
                UnitShape s;
                s.in_width = s.par_width = k;
                s.max_entries = m;
                s.lanes = l;
                out.push_back(s.name());
            }
}

}  // namespace gqalut::sim
