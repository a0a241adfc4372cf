#include "tlm/pin_backend.hpp"

namespace gqalut::vp {

const PinUnitBase* PinBackend::find(const UnitShape& want) const {
    for (const auto& u : units_) {
        const UnitShape& s = u->shape();
        if (s.kind == want.kind && s.in_width == want.in_width && s.core_width == want.core_width &&
            (want.kind == UnitKind::fp32_unit || s.par_width == want.par_width))
            return u.get();
    }
    return nullptr;
}

void PinBackend::load(const UnitJob& job) {
    const UnitShape want = shape_for(job.table, max_entries_, lanes_);
    current_ = const_cast<PinUnitBase*>(find(want));
    if (!current_) throw BadInput(name_ + " model: no unit of shape " + want.name() + " is built in");
    cfg_ = config_writes(job.table, job.scale, current_->shape(), job.rq);   // checks N, widths, scale
}

uint64_t PinBackend::run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n,
                                  const UnitShape&) {
    if (!current_) throw BadInput(name_ + " model: no configuration loaded");
    return current_->run(cfg_, in, in_bytes, out, out_bytes, n);
}

uint64_t PinBackend::run(const std::vector<uint64_t>& in, std::vector<i128>& out) {
    if (!current_) throw BadInput(name_ + " model: no configuration loaded");
    const UnitShape& s = current_->shape();
    std::vector<uint8_t> bytes(in.size() * 8), res(in.size() * 16);
    for (size_t i = 0; i < in.size(); ++i) std::memcpy(&bytes[i * 8], &in[i], 8);
    const uint64_t c = current_->run(cfg_, bytes.data(), 8, res.data(), 16, in.size());
    out.resize(in.size());
    const int w = s.out_width();
    for (size_t i = 0; i < in.size(); ++i) {
        i128 v;
        std::memcpy(&v, &res[i * 16], 16);
        out[i] = mask_bits(v, w);
    }
    return c;
}

}  // namespace gqalut::vp
