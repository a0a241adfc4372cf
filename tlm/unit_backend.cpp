#include "tlm/unit_backend.hpp"

#include <cstring>
#include <map>

#include "model/cost/cost_model.hpp"
#include "model/errors.hpp"

namespace gqalut::vp {

int unit_latency(UnitKind kind) { return kind == UnitKind::scaler_unit ? 4 : 3; }

uint64_t load_input(const uint8_t* src, unsigned in_bytes) {
    uint64_t w = 0;
    std::memcpy(&w, src, in_bytes);   // little-endian host and bus
    return w;
}

unsigned input_element_bytes(const UnitShape& shape) {
    return shape.kind == UnitKind::int_unit ? static_cast<unsigned>(shape.in_width / 8) : 4;
}

unsigned output_element_bytes(const UnitShape& shape, bool requantized) {
    if (shape.kind != UnitKind::int_unit) return 4;
    if (requantized) return input_element_bytes(shape);
    const int w = shape.out_width();
    return w <= 32 ? 4 : w <= 64 ? 8 : 16;
}

void store_output(i128 word, const UnitShape& shape, unsigned out_bytes, uint8_t* dst) {
    const int w = shape.out_width();
    if (shape.kind == UnitKind::int_unit && w < 127 && ((word >> (w - 1)) & 1)) word -= i128(1) << w;
    std::memcpy(dst, &word, out_bytes);
}

uint64_t UnitBackend::run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n,
                                   const UnitShape& shape) {
    std::vector<uint64_t> words(n);
    for (uint64_t i = 0; i < n; ++i) words[i] = load_input(in + i * in_bytes, in_bytes);
    std::vector<i128> results;
    const uint64_t c = run(words, results);
    for (uint64_t i = 0; i < n; ++i) store_output(results[i], shape, out_bytes, out + i * out_bytes);
    return c;
}

void GoldenBackend::load(const UnitJob& job) {
    unit_ = std::make_unique<GoldenUnit>(job.table, job.scale, shape(job.table), job.rq);
    if (annotate_energy_) {
        // The cost model's estimate for continuous streaming on this unit shape.
        cost::StructureOptions o;
        o.requantizer = unit_->shape().kind == UnitKind::int_unit;
        energy_per_element_pj_ =
            cost::estimate(unit_->shape(), cost::Indexing::parallel, job.table.entries, cost::default_constants(), o)
                .energy_pj_per_element;
    }
    table_.clear();
    table_out_bytes_ = 0;
}

uint64_t GoldenBackend::cycles(uint64_t n) const {
    const uint64_t lanes = static_cast<uint64_t>(unit_->shape().lanes);
    return static_cast<uint64_t>(unit_latency(unit_->shape().kind)) + (n + lanes - 1) / lanes;
}

uint64_t GoldenBackend::run(const std::vector<uint64_t>& in, std::vector<i128>& out) {
    if (!unit_) throw BadInput("golden backend: no configuration loaded");
    out.resize(in.size());
    for (size_t i = 0; i < in.size(); ++i) out[i] = unit_->output(in[i]);
    last_energy_pj_ = energy_per_element_pj_ * static_cast<double>(in.size());
    return cycles(in.size());
}

uint64_t GoldenBackend::run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes,
                                     uint64_t n, const UnitShape& shape) {
    if (!unit_) throw BadInput("golden backend: no configuration loaded");
    const int in_width = unit_->shape().in_width;
    if (in_width > 16 || static_cast<uint64_t>(n) < (uint64_t(1) << in_width) / 4)
        return UnitBackend::run_elements(in, in_bytes, out, out_bytes, n, shape);
    if (table_out_bytes_ != out_bytes) {
        const uint64_t codes = uint64_t(1) << in_width;
        table_.assign(codes * out_bytes, 0);
        for (uint64_t c = 0; c < codes; ++c) store_output(unit_->output(c), shape, out_bytes, &table_[c * out_bytes]);
        table_out_bytes_ = out_bytes;
    }
    const uint64_t mask = (uint64_t(1) << in_width) - 1;
    if (in_bytes == 1 && out_bytes == 1) {
        for (uint64_t i = 0; i < n; ++i) out[i] = table_[in[i]];
    } else {
        for (uint64_t i = 0; i < n; ++i)
            std::memcpy(out + i * out_bytes, &table_[(load_input(in + i * in_bytes, in_bytes) & mask) * out_bytes], out_bytes);
    }
    last_energy_pj_ = energy_per_element_pj_ * static_cast<double>(n);
    return cycles(n);
}

namespace {
std::map<std::string, BackendFactory>& factories() {
    static std::map<std::string, BackendFactory> f;
    return f;
}
}  // namespace

RegisterBackend::RegisterBackend(const char* name, BackendFactory f) { factories()[name] = f; }

std::unique_ptr<UnitBackend> make_backend(const std::string& name, int max_entries, int lanes, double clock_mhz) {
    if (name == "golden") return std::make_unique<GoldenBackend>(max_entries, lanes);
    auto it = factories().find(name);
    if (it == factories().end()) {
        std::string known = "golden";
        for (const auto& kv : factories()) known += ", " + kv.first;
        throw BadInput("unknown model '" + name + "' (built in: " + known + ")");
    }
    return it->second(max_entries, lanes, clock_mhz);
}

std::vector<std::string> backend_names() {
    std::vector<std::string> n{"golden"};
    for (const auto& kv : factories()) n.push_back(kv.first);
    return n;
}

}  // namespace gqalut::vp
