#include "sims/tb/checker.hpp"

#include <algorithm>

#include "model/sc/port_types.hpp"

namespace gqalut::sim {

namespace {

class TabulatedReference : public Reference {
public:
    TabulatedReference(const GoldenUnit& g, int in_width) {
        const uint64_t n = uint64_t(1) << in_width;
        table_.resize(n);
        for (uint64_t w = 0; w < n; ++w) table_[w] = g.output(w);
        mask_ = n - 1;
    }
    i128 expect(uint64_t in_word) const override { return table_[in_word & mask_]; }

private:
    std::vector<i128> table_;
    uint64_t mask_;
};

class DirectReference : public Reference {
public:
    explicit DirectReference(GoldenUnit g) : g_(std::move(g)) {}
    i128 expect(uint64_t in_word) const override { return g_.output(in_word); }

private:
    GoldenUnit g_;
};

// The inputs from an input set or a vector, the outputs against the reference.
class CheckedStream : public unit::ElementStream {
public:
    CheckedStream(const InputSet* set, const std::vector<uint64_t>* words, const Reference& ref, const UnitShape& shape)
        : set_(set), words_(words), n_(set ? set->size() : words->size()), ref_(ref),
          mask_(static_cast<i128>(sc::low_mask(shape.out_width()))), lanes_(static_cast<uint64_t>(shape.lanes)) {}
    uint64_t size() const override { return n_; }
    void inputs(uint64_t first, uint64_t count, uint64_t* words) override {
        if (set_) set_->words(first, count, words);
        else std::copy_n(words_->data() + first, count, words);
    }
    void outputs(uint64_t first, uint64_t count, const uint64_t* in, const i128* out, uint64_t cycle) override {
        for (uint64_t i = 0; i < count; ++i) {
            ++stats.compared;
            const i128 want = ref_.expect(in[i]) & mask_;
            if (out[i] == want) continue;
            ++stats.mismatches;
            const uint64_t e = first + i;
            if (stats.first.size() < 16) stats.first.push_back({cycle, e, static_cast<int>(e % lanes_), in[i], out[i], want});
        }
    }
    StreamStats stats;

private:
    const InputSet* set_;
    const std::vector<uint64_t>* words_;
    uint64_t n_;
    const Reference& ref_;
    i128 mask_;
    uint64_t lanes_;
};

StreamStats run_checked(unit::Unit& u, CheckedStream& s, const StallConfig& stalls) {
    const unit::StreamResult r = u.stream(s, stalls);
    s.stats.cycles = r.cycles;
    s.stats.timed_out = r.timed_out;
    return s.stats;
}

}  // namespace

std::unique_ptr<Reference> golden_reference(const PwlTable& t, int scale, const UnitShape& shape, const RequantConfig& rq) {
    GoldenUnit g(t, scale, shape, rq);
    if (shape.in_width <= 16) return std::make_unique<TabulatedReference>(g, shape.in_width);
    return std::make_unique<DirectReference>(std::move(g));
}

StreamStats check_stream(unit::Unit& u, const InputSet& inputs, const Reference& ref, const StallConfig& stalls) {
    CheckedStream s(&inputs, nullptr, ref, u.shape());
    return run_checked(u, s, stalls);
}

StreamStats check_stream(unit::Unit& u, const std::vector<uint64_t>& inputs, const Reference& ref, const StallConfig& stalls) {
    CheckedStream s(nullptr, &inputs, ref, u.shape());
    return run_checked(u, s, stalls);
}

std::string i128_to_string(i128 v) {
    if (v == 0) return "0";
    const bool neg = v < 0;
    std::string s;
    for (; v != 0; v /= 10) s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(neg ? -(v % 10) : v % 10)));
    return neg ? "-" + s : s;
}

std::string hex_word(i128 v, int bits) {
    static const char* digits = "0123456789abcdef";
    const int n = (bits + 3) / 4;
    std::string s(static_cast<size_t>(n), '0');
    __extension__ typedef unsigned __int128 u128;
    u128 u = static_cast<u128>(v);
    for (int i = n - 1; i >= 0; --i) {
        s[static_cast<size_t>(i)] = digits[static_cast<int>(u & 15)];
        u >>= 4;
    }
    return "0x" + s;
}

}  // namespace gqalut::sim
