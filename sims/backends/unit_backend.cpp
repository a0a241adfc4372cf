#include "sims/backends/unit_backend.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <random>
#include <set>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"

// The gqalut binary has its own main() and runs SystemC from there; libsystemc still refers to
// sc_main. This weak definition satisfies it; a test's own sc_main replaces it.
extern "C" __attribute__((weak)) int sc_main(int, char**) { return 2; }

namespace gqalut::sim {

namespace {

std::vector<BackendInfo>& registry() {
    static std::vector<BackendInfo> r;
    return r;
}

cost::Constants& constants_slot() {
    static cost::Constants c = cost::default_constants();
    return c;
}

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

RegisterBackend::RegisterBackend(const BackendInfo& b) { registry().push_back(b); }

std::vector<BackendInfo> backends() {
    std::vector<BackendInfo> b = registry();
    std::sort(b.begin(), b.end(), [](const BackendInfo& x, const BackendInfo& y) { return x.rank < y.rank; });
    return b;
}

const BackendInfo* find_backend(const std::string& name) {
    for (const auto& b : registry())
        if (name == b.name) return &b;
    return nullptr;
}

void set_cost_constants(const cost::Constants& c) { constants_slot() = c; }
const cost::Constants& cost_constants() { return constants_slot(); }

std::vector<uint64_t> make_inputs(const PwlTable& t, int scale, const UnitShape& shape, const InputSpec& spec,
                                  uint64_t seed) {
    const int w = shape.in_width;
    std::vector<uint64_t> out;
    if (spec.exhaustive) {
        if (w > 24)
            throw BadInput("--inputs exhaustive: " + std::to_string(w) +
                           "-bit inputs have too many codes; use --inputs random:N");
        const uint64_t n = uint64_t(1) << w;
        out.reserve(n);
        for (uint64_t i = 0; i < n; ++i) out.push_back(i);
        return out;
    }
    std::mt19937_64 rng(seed);
    out.reserve(spec.random_count + 256);
    const uint64_t wmask = w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1;
    if (shape.kind == UnitKind::fp32_unit) {
        std::uniform_real_distribution<float> in_range(static_cast<float>(t.range_lo - 1), static_cast<float>(t.range_hi + 1));
        for (uint64_t i = 0; i < spec.random_count; ++i)
            out.push_back((i & 1) ? f32_bits(in_range(rng)) : (rng() & 0xFFFFFFFFu));
        add_fp32_corners(out, t);
        return out;
    }
    for (uint64_t i = 0; i < spec.random_count; ++i) out.push_back(rng() & wmask);
    if (shape.kind == UnitKind::scaler_unit) {
        // Zero, one, the largest code, every power of two and its neighbours, the thresholds.
        for (uint64_t v : {uint64_t(0), uint64_t(1), wmask}) out.push_back(v);
        for (int b = 0; b < w; ++b)
            for (int64_t d = -1; d <= 1; ++d) out.push_back((static_cast<uint64_t>(int64_t(1) << b) + static_cast<uint64_t>(d)) & wmask);
        for (const auto& wr : config_writes(t, scale, shape))
            if (wr.addr >= reg::kSubRangeLo && wr.addr < reg::kSubRangeLo + reg::kMaxSubRanges && wr.data <= wmask)
                for (int64_t d = -1; d <= 1; ++d) out.push_back((wr.data + static_cast<uint64_t>(d)) & wmask);
        return out;
    }
    // INT: extreme codes and every breakpoint code with its neighbours.
    const int64_t lo = -(int64_t(1) << (w - 1)), hi = (int64_t(1) << (w - 1)) - 1;
    for (int64_t c : {lo, lo + 1, int64_t(-1), int64_t(0), int64_t(1), hi - 1, hi}) out.push_back(mask_word(c, w));
    for (int64_t p : t.lut_for_scale(scale).breakpoints)
        for (int64_t d = -1; d <= 1; ++d) out.push_back(mask_word(std::clamp(p + d, lo, hi), w));
    return out;
}

std::unique_ptr<Reference> golden_reference(const PwlTable& t, int scale, const UnitShape& shape, const RequantConfig& rq) {
    GoldenUnit g(t, scale, shape, rq);
    if (shape.in_width <= 16) return std::make_unique<TabulatedReference>(g, shape.in_width);
    return std::make_unique<DirectReference>(std::move(g));
}

cost::UnitCost nominal_cost(const UnitShape& shape, cost::Indexing ix, int active_entries, double clock_hz, bool requantizer) {
    cost::StructureOptions o;
    o.requantizer = requantizer;
    const cost::Constants& c = cost_constants();
    const cost::UnitStructure s = cost::structure(shape, ix, o, c.ge);
    return cost::evaluate(s, cost::nominal_activity(s, active_entries), c, clock_hz);
}

SimReport run_stream_job(StreamSim& sim, const SimJob& job, const BackendOptions& opt, const std::string& model) {
    SimReport r;
    r.model = model;
    r.shape = sim.shape();
    r.indexing = sim.indexing();
    r.latency = sim.latency();
    // Timed: reset, configuration and streaming (with the checker); not the preparation of the
    // inputs and of the golden reference.
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    sim.reset(2);
    sim.clear_activity();
    r.seconds += std::chrono::duration<double>(clock::now() - t0).count();
    for (int s : job.scales) {
        const std::vector<CfgWrite> writes = config_writes(job.table, s, r.shape, job.rq);
        const std::vector<uint64_t> inputs = make_inputs(job.table, s, r.shape, job.inputs, job.stalls.seed + static_cast<uint64_t>(s));
        const auto ref = golden_reference(job.table, s, r.shape, job.rq);
        StallConfig st = job.stalls;
        st.seed = job.stalls.seed * 1000003u + static_cast<uint64_t>(s);
        t0 = clock::now();
        if (!sim.configure(writes)) {
            r.cfg_error = true;
            break;
        }
        const StreamStats st_out = sim.stream(inputs, *ref, st);
        r.seconds += std::chrono::duration<double>(clock::now() - t0).count();
        r.per_scale.push_back({s, st_out.compared, st_out.mismatches, st_out.cycles});
        r.compared += st_out.compared;
        r.mismatches += st_out.mismatches;
        r.cycles += st_out.cycles;
        for (const auto& m : st_out.first)
            if (r.first.size() < 16) r.first.push_back(m);
        if (st_out.timed_out) {
            r.timed_out = true;
            break;
        }
    }
    const cost::Constants& c = cost_constants();
    const bool rq = r.shape.kind == UnitKind::int_unit;   // the INT unit has the (runtime-enabled) requantizer
    if (auto a = sim.activity()) {
        cost::StructureOptions o;
        o.requantizer = rq;
        r.cost = cost::evaluate(cost::structure(r.shape, r.indexing, o, c.ge), *a, c, opt.clock_hz);
        r.activity = a->toggles ? "measured (toggle-weighted)" : "measured";
    } else {
        r.cost = nominal_cost(r.shape, r.indexing, job.table.entries, opt.clock_hz, rq);
        r.activity = "nominal";
    }
    return r;
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

nlohmann::json SimReport::to_json() const {
    nlohmann::json j;
    j["model"] = model;
    j["unit"] = shape.name();
    j["indexing"] = cost::to_string(indexing);
    j["latency"] = latency;
    j["compared"] = compared;
    j["mismatches"] = mismatches;
    j["cycles"] = cycles;
    j["seconds"] = seconds;
    j["elements_per_second"] = elements_per_second();
    j["cfg_error"] = cfg_error;
    j["timed_out"] = timed_out;
    nlohmann::json ps = nlohmann::json::object();
    for (const auto& s : per_scale)
        ps[std::to_string(s.scale)] = {{"compared", s.compared}, {"mismatches", s.mismatches}, {"cycles", s.cycles}};
    j["per_scale"] = ps;
    nlohmann::json mm = nlohmann::json::array();
    const int ow = shape.out_width();
    for (const auto& m : first)
        mm.push_back({{"cycle", m.cycle},
                      {"element", m.element},
                      {"lane", m.lane},
                      {"input", hex_word(static_cast<i128>(m.input), shape.in_width)},
                      {"got", hex_word(m.got, ow)},
                      {"expected", hex_word(m.expected, ow)}});
    j["first_mismatches"] = mm;
    if (cost) {
        j["activity"] = activity;
        j["clock_hz"] = cost->clock_hz;
        j["area_um2"] = cost->area_um2;
        j["energy_pj_per_element"] = cost->energy_pj_per_element;
        j["power_mw"] = cost->power_mw;
        j["cost"] = cost->to_json();
    }
    return j;
}

void check_rtl_options(const BackendOptions& o) {
    if (o.indexing != cost::Indexing::parallel)
        throw BadInput("--indexing: the RTL implements parallel comparators only (binary search: --model cycle)");
    if (o.toggles) throw BadInput("--toggles: the RTL backend has no power monitor (use --model cycle)");
}

}  // namespace gqalut::sim
