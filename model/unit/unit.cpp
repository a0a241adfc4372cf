#include "model/unit/unit.hpp"

#include "model/errors.hpp"
#include "model/unit/elements.hpp"

namespace gqalut::unit {

namespace {

// Elements in memory as an ElementStream.
class MemoryStream : public ElementStream {
public:
    MemoryStream(const UnitShape& shape, const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n)
        : shape_(shape), in_(in), out_(out), in_bytes_(in_bytes), out_bytes_(out_bytes), n_(n) {}
    uint64_t size() const override { return n_; }
    void inputs(uint64_t first, uint64_t count, uint64_t* words) override {
        for (uint64_t i = 0; i < count; ++i) words[i] = load_input(in_ + (first + i) * in_bytes_, in_bytes_);
    }
    void outputs(uint64_t first, uint64_t count, const uint64_t*, const i128* out, uint64_t) override {
        for (uint64_t i = 0; i < count; ++i) store_output(out[i], shape_, out_bytes_, out_ + (first + i) * out_bytes_);
    }

private:
    const UnitShape& shape_;
    const uint8_t* in_;
    uint8_t* out_;
    unsigned in_bytes_, out_bytes_;
    uint64_t n_;
};

}  // namespace

uint64_t Unit::run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n) {
    MemoryStream s(shape(), in, in_bytes, out, out_bytes, n);
    return stream(s).cycles;
}

bool PinLevelUnit::load(const UnitJob& job) {
    const std::vector<CfgWrite> writes = config_writes(job.table, job.scale, shape(), job.rq);   // checks N, widths, s
    reset(2);
    return configure(writes);
}

double run_energy_pj(Unit& u, uint64_t n, const PwlTable& t, const cost::Constants& c) {
    cost::StructureOptions o;
    o.requantizer = u.shape().kind == UnitKind::int_unit;   // the INT unit has the (run-time enabled) requantizer
    if (auto a = u.activity()) {
        u.clear_activity();
        return cost::evaluate(cost::structure(u.shape(), u.indexing(), o, c.ge), *a, c).energy_pj;
    }
    return cost::estimate(u.shape(), u.indexing(), t.entries, c, o, cost::table_actions(t)).energy_pj_per_element *
           static_cast<double>(n);
}

}  // namespace gqalut::unit
