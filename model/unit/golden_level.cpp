#include "model/unit/golden_level.hpp"

#include <cstring>

#include "model/errors.hpp"
#include "model/unit/elements.hpp"

namespace gqalut::unit {

namespace {

class GoldenLevelUnit : public Unit {
public:
    explicit GoldenLevelUnit(const UnitOptions& o)
        : shape_(o.shape), indexing_(o.indexing), latency_(cost::unit_latency(o.shape, cost::Indexing::parallel)) {}
    const UnitShape& shape() const override { return shape_; }
    int latency() const override { return latency_; }
    cost::Indexing indexing() const override { return indexing_; }
    uint64_t cycle() const override { return cycle_; }

    bool load(const UnitJob& job) override {
        unit_ = std::make_unique<GoldenUnit>(job.table, job.scale, shape_, job.rq);
        table_out_bytes_ = 0;
        return true;
    }

    StreamResult stream(ElementStream& s, const StallConfig&) override {
        const GoldenUnit& g = loaded();
        constexpr uint64_t kBlock = 256;
        uint64_t in[kBlock];
        i128 out[kBlock];
        const uint64_t n = s.size();
        for (uint64_t first = 0; first < n; first += kBlock) {
            const uint64_t m = std::min(kBlock, n - first);
            s.inputs(first, m, in);
            for (uint64_t i = 0; i < m; ++i) out[i] = g.output(in[i]);
            s.outputs(first, m, in, out, 0);
        }
        return {cycles(n), false, false};
    }

    // INT8 and INT16 inputs: one table lookup per element (the output of every input code is
    // computed once per configuration).
    uint64_t run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n) override {
        const GoldenUnit& g = loaded();
        const int in_width = shape_.in_width;
        if (in_width > 16 || n < (uint64_t(1) << in_width) / 4) return Unit::run_elements(in, in_bytes, out, out_bytes, n);
        if (table_out_bytes_ != out_bytes) {
            const uint64_t codes = uint64_t(1) << in_width;
            table_.assign(codes * out_bytes, 0);
            for (uint64_t c = 0; c < codes; ++c) store_output(g.output(c), shape_, out_bytes, &table_[c * out_bytes]);
            table_out_bytes_ = out_bytes;
        }
        const uint64_t mask = (uint64_t(1) << in_width) - 1;
        if (in_bytes == 1 && out_bytes == 1) {
            for (uint64_t i = 0; i < n; ++i) out[i] = table_[in[i]];
        } else {
            for (uint64_t i = 0; i < n; ++i)
                std::memcpy(out + i * out_bytes, &table_[(load_input(in + i * in_bytes, in_bytes) & mask) * out_bytes], out_bytes);
        }
        return cycles(n);
    }

private:
    const GoldenUnit& loaded() const {
        if (!unit_) throw BadInput("golden unit: no configuration loaded");
        return *unit_;
    }
    uint64_t cycles(uint64_t n) {
        const uint64_t lanes = static_cast<uint64_t>(shape_.lanes);
        const uint64_t c = static_cast<uint64_t>(latency_) + (n + lanes - 1) / lanes;
        cycle_ += c;
        return c;
    }

    UnitShape shape_;
    cost::Indexing indexing_;
    int latency_;
    uint64_t cycle_ = 0;
    std::unique_ptr<GoldenUnit> unit_;
    std::vector<uint8_t> table_;   // output element of every input code, for the last out_bytes
    unsigned table_out_bytes_ = 0;
};

std::unique_ptr<Unit> make_golden(const UnitOptions& o) { return std::make_unique<GoldenLevelUnit>(o); }

}  // namespace

Level golden_level() {
    return {"golden", "golden C++ model (GoldenUnit), element by element: the reference and its rate", 10, {}, make_golden};
}

}  // namespace gqalut::unit
