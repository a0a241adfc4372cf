#include "sims/tb/inputs.hpp"

#include <algorithm>
#include <cmath>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"

namespace gqalut::sim {

namespace {

// splitmix64: word i of a seed's stream, independent of the others.
uint64_t mix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

uint64_t mask_word(int64_t v, int w) { return w >= 64 ? static_cast<uint64_t>(v) : static_cast<uint64_t>(v) & ((uint64_t(1) << w) - 1); }

void add_fp32_corners(std::vector<uint64_t>& out, const PwlTable& t) {
    const uint32_t fixed[] = {
        0x00000000u, 0x80000000u,                           // +-0
        0x7F800000u, 0xFF800000u,                           // +-inf
        0x7FC00000u, 0xFFC00000u, 0x7F800001u, 0xFFFFFFFFu, 0x7FBFFFFFu,   // NaNs (quiet, signalling)
        0x00000001u, 0x80000001u, 0x007FFFFFu, 0x807FFFFFu, 0x00400000u,   // subnormals
        0x00800000u, 0x80800000u, 0x00800001u, 0x01000000u,                // smallest normals
        0x7F7FFFFFu, 0xFF7FFFFFu, 0x7F000000u, 0xFF000000u,                // largest
        0x3F800000u, 0xBF800000u, 0x3F000000u, 0x40000000u, 0xC0800000u,   // +-1, 0.5, 2, -4
        0x1F800000u, 0x9F800000u, 0x5F800000u, 0xDF800000u,                // 2^-64, 2^64
    };
    for (uint32_t w : fixed) out.push_back(w);
    for (float p : t.fp32.breakpoints) {
        const uint32_t b = f32_bits(p);
        for (int64_t d = -2; d <= 2; ++d) out.push_back(static_cast<uint32_t>(static_cast<int64_t>(b) + d));
    }
    // Values where slope * x overflows or underflows.
    for (float k : t.fp32.slopes) {
        if (k == 0 || !std::isfinite(k)) continue;
        for (float target : {3.0e38f, 1.2e-38f, 1.0e-39f, 6.0e-39f}) {
            const float x = target / k;
            if (std::isfinite(x)) {
                out.push_back(f32_bits(x));
                out.push_back(f32_bits(-x));
            }
        }
    }
}

}  // namespace

InputSpec parse_inputs(const std::string& s) {
    InputSpec spec;
    if (s == "exhaustive") return spec;
    if (s.rfind("random:", 0) == 0) {
        const std::string n = s.substr(7);
        try {
            size_t used = 0;
            const long long v = std::stoll(n, &used);
            if (used == n.size() && v > 0 && v <= (1LL << 32)) {
                spec.exhaustive = false;
                spec.random_count = static_cast<uint64_t>(v);
                return spec;
            }
        } catch (const std::exception&) {
        }
    }
    throw BadInput("--inputs: '" + s + "' is neither exhaustive nor random:N with 1 <= N <= 2^32");
}

InputSet::InputSet(const PwlTable& t, int scale, const UnitShape& shape, const InputSpec& spec, uint64_t seed) {
    const int w = shape.in_width;
    mask_ = w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1;
    if (spec.exhaustive) {
        if (w > 24)
            throw BadInput("--inputs exhaustive: " + std::to_string(w) + "-bit inputs have too many codes; use --inputs random:N");
        kind_ = Kind::exhaustive;
        count_ = uint64_t(1) << w;
        return;
    }
    count_ = spec.random_count;
    key_ = mix(seed);
    if (shape.kind == UnitKind::fp32_unit) {
        kind_ = Kind::random_fp32;
        lo_ = static_cast<float>(t.range_lo - 1);
        span_ = static_cast<float>(t.range_hi + 1) - lo_;
        add_fp32_corners(corners_, t);
        return;
    }
    kind_ = Kind::random_int;
    if (shape.kind == UnitKind::scaler_unit) {
        // Zero, one, the largest code, every power of two and its neighbours, the thresholds.
        for (uint64_t v : {uint64_t(0), uint64_t(1), mask_}) corners_.push_back(v);
        for (int b = 0; b < w; ++b)
            for (int64_t d = -1; d <= 1; ++d) corners_.push_back((static_cast<uint64_t>(int64_t(1) << b) + static_cast<uint64_t>(d)) & mask_);
        for (const auto& wr : config_writes(t, scale, shape))
            if (wr.addr >= reg::kSubRangeLo && wr.addr < reg::kSubRangeLo + reg::kMaxSubRanges && wr.data <= mask_)
                for (int64_t d = -1; d <= 1; ++d) corners_.push_back((wr.data + static_cast<uint64_t>(d)) & mask_);
        if (t.scaler && t.scaler->preset == "reduce") {
            // Range reduction: negative powers of two, integers and half-integers of x and
            // their neighbours (the split points of n and the rounding of the fraction).
            for (int b = 0; b < w; ++b)
                for (int64_t d = -1; d <= 1; ++d) corners_.push_back(mask_word(-(int64_t(1) << b) + d, w));
            const int frac = t.scaler->input.frac;
            for (int m = -40; m <= 40; ++m)
                for (int64_t d = -2; d <= 2; ++d) {
                    const double c = std::ldexp(m * 0.5, frac) + static_cast<double>(d);
                    if (std::fabs(c) < std::ldexp(1.0, w - 1)) corners_.push_back(mask_word(static_cast<int64_t>(c), w));
                }
        }
        return;
    }
    // INT: extreme codes and every breakpoint code with its neighbours.
    const int64_t lo = -(int64_t(1) << (w - 1)), hi = (int64_t(1) << (w - 1)) - 1;
    for (int64_t c : {lo, lo + 1, int64_t(-1), int64_t(0), int64_t(1), hi - 1, hi}) corners_.push_back(mask_word(c, w));
    for (int64_t p : t.lut_for_scale(scale).breakpoints)
        for (int64_t d = -1; d <= 1; ++d) corners_.push_back(mask_word(std::clamp(p + d, lo, hi), w));
}

uint64_t InputSet::word(uint64_t i) const {
    if (i >= count_) return corners_[i - count_];
    switch (kind_) {
        case Kind::exhaustive: return i;
        case Kind::random_int: return mix(key_ + i) & mask_;
        case Kind::random_fp32: {
            const uint64_t r = mix(key_ + i);
            if (!(i & 1)) return r & 0xFFFFFFFFu;   // any bit pattern
            const float u = static_cast<float>(r >> 40) * 0x1.0p-24f;   // a value in range
            return f32_bits(lo_ + span_ * u);
        }
    }
    return 0;
}

void InputSet::words(uint64_t first, uint64_t count, uint64_t* out) const {
    for (uint64_t i = 0; i < count; ++i) out[i] = word(first + i);
}

std::vector<uint64_t> make_inputs(const PwlTable& t, int scale, const UnitShape& shape, const InputSpec& spec, uint64_t seed) {
    const InputSet set(t, scale, shape, spec, seed);
    std::vector<uint64_t> out(set.size());
    set.words(0, out.size(), out.data());
    return out;
}

}  // namespace gqalut::sim
