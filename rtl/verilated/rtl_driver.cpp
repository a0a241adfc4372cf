#include "rtl/verilated/rtl_driver.hpp"

#include <cstdio>
#include <cstdlib>

namespace gqalut::rtl {

namespace {

bool in_signed_range(uint64_t v, int64_t lo, int64_t hi) {
    const int64_t s = static_cast<int64_t>(v);
    return s >= lo && s <= hi;
}

}  // namespace

bool write_accepted(const UnitShape& shape, const CfgWrite& w) {
    const uint32_t a = w.addr & 0xFFF;
    const uint64_t v = w.data;
    const uint32_t n = static_cast<uint32_t>(shape.max_entries);
    if (a == reg::kNEntries) return v >= 1 && v <= n;
    if (a == reg::kClearError) return true;
    if (a >= reg::kBreakpoint && a < reg::kBreakpoint + n - 1) return true;
    if (a >= reg::kSlope && a < reg::kSlope + n) return true;
    if (a >= reg::kIntercept && a < reg::kIntercept + n) return true;
    const bool lambda = shape.kind != UnitKind::fp32_unit;
    if (lambda && (a == reg::kLambdaK || a == reg::kLambdaB)) return v <= static_cast<uint64_t>(shape.par_width);
    if (shape.kind == UnitKind::int_unit) {
        const int k = shape.in_width;
        if (a == reg::kScale) return v < static_cast<uint64_t>(k);
        if (a == reg::kRqEnable) return true;
        if (a == reg::kRqFrac) return in_signed_range(v, -k, 2 * k);
        if (a == reg::kSymmetry) return v < static_cast<uint64_t>(reg::kNumSymmetries);
        if (a == reg::kCenter || a == reg::kClampLo || a == reg::kClampHi || a == reg::kIcptMode || a == reg::kOrigin)
            return true;
    }
    if (shape.kind == UnitKind::scaler_unit) {
        const int k = shape.in_width;
        if (a == reg::kFunc || a == reg::kPreset || a == reg::kOctave) return true;
        if (a == reg::kInFrac) return v <= static_cast<uint64_t>(k);
        if (a == reg::kOutFrac) return v <= 32;
        if (a == reg::kReduce) return v < static_cast<uint64_t>(reg::kNumReductions);
        if (a >= reg::kSubRangeLo && a < reg::kSubRangeLo + reg::kMaxSubRanges) return true;
        if (a >= reg::kSubRangeShift && a < reg::kSubRangeShift + reg::kMaxSubRanges) return in_signed_range(v, -k, k);
    }
    return false;
}

std::vector<CfgWrite> invalid_writes(const UnitShape& shape) {
    const uint64_t n = static_cast<uint64_t>(shape.max_entries);
    const auto neg = [](int64_t v) { return static_cast<uint64_t>(v); };
    std::vector<CfgWrite> w = {
        {reg::kNEntries, 0}, {reg::kNEntries, n + 1}, {reg::kNEntries, neg(-1)},
        {reg::kBreakpoint + static_cast<uint32_t>(n) - 1, 5},
        {0x007, 1}, {0x00E, 1}, {0x00F, 1}, {0x0FF, 1}, {0x400, 1}, {0xFFF, 1}, {0x016, 1}, {0x024, 1}, {0x02C, 1},
    };
    if (n < 256) {
        w.push_back({reg::kSlope + static_cast<uint32_t>(n), 7});
        w.push_back({reg::kIntercept + static_cast<uint32_t>(n), 7});
    }
    const int k = shape.in_width;
    const uint64_t p = static_cast<uint64_t>(shape.par_width);
    switch (shape.kind) {
        case UnitKind::int_unit:
            for (uint32_t a : {reg::kFunc, reg::kPreset, reg::kInFrac, reg::kOutFrac, reg::kSubRangeLo, reg::kSubRangeShift,
                               reg::kReduce, reg::kOctave})
                w.push_back({a, 0});
            w.push_back({reg::kSymmetry, static_cast<uint64_t>(reg::kNumSymmetries)});
            w.push_back({reg::kSymmetry, neg(-1)});
            w.push_back({reg::kScale, static_cast<uint64_t>(k)});
            w.push_back({reg::kScale, neg(-1)});
            w.push_back({reg::kLambdaK, p + 1});
            w.push_back({reg::kLambdaB, p + 1});
            w.push_back({reg::kRqFrac, static_cast<uint64_t>(2 * k + 1)});
            w.push_back({reg::kRqFrac, neg(-k - 1)});
            break;
        case UnitKind::scaler_unit:
            for (uint32_t a : {reg::kScale, reg::kRqEnable, reg::kRqFrac, reg::kSymmetry, reg::kCenter, reg::kClampLo,
                               reg::kClampHi, reg::kIcptMode, reg::kOrigin})
                w.push_back({a, 0});
            w.push_back({reg::kReduce, static_cast<uint64_t>(reg::kNumReductions)});
            w.push_back({reg::kReduce, neg(-1)});
            w.push_back({reg::kLambdaK, p + 1});
            w.push_back({reg::kLambdaB, neg(-1)});
            w.push_back({reg::kInFrac, static_cast<uint64_t>(k + 1)});
            w.push_back({reg::kOutFrac, 33});
            w.push_back({reg::kSubRangeShift + 1, static_cast<uint64_t>(k + 1)});
            w.push_back({reg::kSubRangeShift + 3, neg(-k - 1)});
            break;
        case UnitKind::fp32_unit:
            for (uint32_t a : {reg::kScale, reg::kLambdaK, reg::kLambdaB, reg::kRqEnable, reg::kRqFrac, reg::kFunc,
                               reg::kPreset, reg::kSubRangeLo, reg::kSymmetry, reg::kOrigin, reg::kReduce, reg::kOctave})
                w.push_back({a, 0});
            break;
    }
    return w;
}

std::vector<uint32_t> mapped_addresses(const UnitShape& shape) {
    std::vector<uint32_t> a = {reg::kNEntries};
    for (uint32_t j = 0; j + 1 < static_cast<uint32_t>(shape.max_entries); ++j) a.push_back(reg::kBreakpoint + j);
    for (uint32_t i = 0; i < static_cast<uint32_t>(shape.max_entries); ++i) {
        a.push_back(reg::kSlope + i);
        a.push_back(reg::kIntercept + i);
    }
    if (shape.kind != UnitKind::fp32_unit) {
        a.push_back(reg::kLambdaK);
        a.push_back(reg::kLambdaB);
    }
    if (shape.kind == UnitKind::int_unit)
        for (uint32_t r : {reg::kScale, reg::kRqEnable, reg::kRqFrac, reg::kSymmetry, reg::kCenter, reg::kClampLo,
                           reg::kClampHi, reg::kIcptMode, reg::kOrigin})
            a.push_back(r);
    if (shape.kind == UnitKind::scaler_unit) {
        for (uint32_t r : {reg::kFunc, reg::kPreset, reg::kInFrac, reg::kOutFrac, reg::kReduce, reg::kOctave}) a.push_back(r);
        for (uint32_t i = 0; i < static_cast<uint32_t>(reg::kMaxSubRanges); ++i) {
            a.push_back(reg::kSubRangeLo + i);
            a.push_back(reg::kSubRangeShift + i);
        }
    }
    return a;
}

void StreamResult::add(const StreamResult& o) {
    elements += o.elements;
    mismatches += o.mismatches;
    protocol_errors += o.protocol_errors;
    cycles += o.cycles;
    injected_writes += o.injected_writes;
    for (const auto& s : o.reports)
        if (reports.size() < 10) reports.push_back(s);
}

std::string StreamResult::summary() const {
    std::string s = std::to_string(elements) + " elements compared, " + std::to_string(mismatches) + " mismatches, " +
                    std::to_string(protocol_errors) + " protocol errors, " + std::to_string(cycles) + " cycles";
    if (injected_writes) s += ", " + std::to_string(injected_writes) + " ignored writes injected";
    for (const auto& r : reports) s += "\n  " + r;
    return s;
}

Driver::Driver(RtlUnit& dut) : dut_(dut), lanes_(dut.shape().lanes) {
    pipe_.resize(static_cast<size_t>(dut.latency() + 1));
    if (const char* vcd = std::getenv("GQALUT_RTL_VCD"); vcd && *vcd) {
        std::string path = vcd;
        if (const auto at = path.find("%s"); at != std::string::npos) path.replace(at, 2, dut.shape().name());
        dut_.open_vcd(path);
    }
    reset();
}

bool Driver::ref_idle() const {
    for (const auto& s : pipe_)
        if (s.valid) return false;
    return true;
}

std::string Driver::hex(i128 v, int width) const {
    std::string s;
    const int digits = (width + 3) / 4;
    for (int d = digits - 1; d >= 0; --d) s += "0123456789abcdef"[static_cast<int>((v >> (4 * d)) & 0xF)];
    return "0x" + s;
}

void Driver::reset(int cycles) {
    dut_.set_rst_n(false);
    dut_.set_in_valid(false);
    dut_.set_out_ready(false);
    dut_.set_cfg(false, 0, 0);
    for (int i = 0; i < cycles; ++i) dut_.tick();
    dut_.set_rst_n(true);
    dut_.eval();
    for (auto& s : pipe_) s = Slot{};
    ref_err_ = false;
    pending_ = false;
}

void Driver::cycle(bool in_valid, const uint64_t* in, const GoldenFn* golden, bool out_ready, const CfgWrite* w,
                   StreamResult& r, size_t max_reports) {
    const size_t depth = pipe_.size();
    dut_.set_in_valid(in_valid);
    for (int l = 0; l < lanes_; ++l) {
        // Random words on the bus while in_valid_i is low: they must not be taken.
        rng_ ^= rng_ << 13, rng_ ^= rng_ >> 7, rng_ ^= rng_ << 17;
        dut_.set_in_lane(l, in_valid ? in[l] : rng_);
    }
    dut_.set_out_ready(out_ready);
    dut_.set_cfg(w != nullptr, w ? w->addr : 0, w ? w->data : 0);
    dut_.eval();

    const Slot& out = pipe_[depth - 1];
    const bool en = !out.valid || out_ready;
    const bool idle = ref_idle();
    if (dut_.out_valid() != out.valid || dut_.in_ready() != en || dut_.idle() != idle || dut_.cfg_err() != ref_err_) {
        ++r.protocol_errors;
        if (r.reports.size() < max_reports) {
            char buf[200];
            std::snprintf(buf, sizeof buf,
                          "cycle %llu: out_valid %d (expected %d), in_ready %d (%d), idle %d (%d), cfg_err %d (%d)",
                          static_cast<unsigned long long>(dut_.cycles()), dut_.out_valid(), out.valid, dut_.in_ready(),
                          en, dut_.idle(), idle, dut_.cfg_err(), ref_err_);
            r.reports.push_back(buf);
        }
    }
    if (out.valid && out_ready) {
        const int ow = dut_.shape().out_width();
        for (int l = 0; l < lanes_; ++l) {
            ++r.elements;
            const i128 got = dut_.out_lane(l);
            const i128 want = out.out[static_cast<size_t>(l)];
            if (got != want) {
                ++r.mismatches;
                if (r.reports.size() < max_reports)
                    r.reports.push_back("cycle " + std::to_string(dut_.cycles()) + ": lane " + std::to_string(l) +
                                        " input " + hex(out.in[static_cast<size_t>(l)], dut_.shape().in_width) +
                                        " expected " + hex(want, ow) + " got " + hex(got, ow));
            }
        }
    }
    if (w) {
        if ((w->addr & 0xFFF) == reg::kClearError) ref_err_ = false;
        else if (!idle || !write_accepted(dut_.shape(), *w)) ref_err_ = true;
    }

    dut_.tick();
    ++r.cycles;

    if (en) {
        pipe_.pop_back();
        Slot s;
        if (in_valid) {
            s.valid = true;
            s.in.assign(in, in + lanes_);
            for (int l = 0; l < lanes_; ++l) s.out.push_back((*golden)(in[l]));
        }
        pipe_.push_front(std::move(s));
    }
}

StreamResult Driver::drain() {
    StreamResult r;
    while (!ref_idle()) cycle(false, nullptr, nullptr, true, nullptr, r, 3);
    return r;
}

StreamResult Driver::configure(const std::vector<CfgWrite>& writes, bool hold_last) {
    StreamResult r = drain();
    pending_ = false;
    for (size_t i = 0; i < writes.size(); ++i) {
        if (!write_accepted(dut_.shape(), writes[i])) {
            ++r.protocol_errors;
            r.reports.push_back("configuration write " + hex(writes[i].addr, 12) + " = " + hex(writes[i].data, 64) +
                                " is not accepted by " + dut_.shape().name());
        }
        if (hold_last && i + 1 == writes.size()) {
            pending_ = true;
            pending_write_ = writes[i];
        } else {
            cycle(false, nullptr, nullptr, true, &writes[i], r, 3);
        }
    }
    return r;
}

StreamResult Driver::stream(const std::vector<uint64_t>& words, const GoldenFn& golden, const StreamOptions& opt) {
    StreamResult r;
    uint64_t x = opt.seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
    const auto rnd = [&x]() {   // splitmix64
        uint64_t z = (x += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    const auto chance = [&rnd](double p) { return p > 0 && static_cast<double>(rnd() >> 11) * 0x1.0p-53 < p; };
    const std::vector<uint32_t> mapped = mapped_addresses(dut_.shape());
    const std::vector<CfgWrite> invalid = invalid_writes(dut_.shape());

    const size_t vectors = words.size() / static_cast<size_t>(lanes_);
    size_t next = 0;
    bool first = true;
    while (next < vectors || !ref_idle()) {
        if (opt.stop_after && r.cycles >= opt.stop_after) break;
        bool in_valid = next < vectors && (first || !chance(opt.in_gap));
        const bool out_ready = !chance(opt.out_stall);
        CfgWrite w{};
        const CfgWrite* wp = nullptr;
        if (first && pending_) {
            w = pending_write_;
            wp = &w;
            in_valid = next < vectors;
            pending_ = false;
        } else if (chance(opt.clear_writes)) {
            w = {reg::kClearError, rnd()};
            wp = &w;
        } else if (!ref_idle() && chance(opt.busy_writes)) {
            w = {mapped[static_cast<size_t>(rnd() % mapped.size())], rnd()};
            wp = &w;
            ++r.injected_writes;
        } else if (ref_idle() && chance(opt.bad_writes)) {
            w = invalid[static_cast<size_t>(rnd() % invalid.size())];
            wp = &w;
            ++r.injected_writes;
        }
        first = false;
        const uint64_t* in = in_valid ? &words[next * static_cast<size_t>(lanes_)] : nullptr;
        const bool taken = in_valid && (!pipe_.back().valid || out_ready);
        cycle(in_valid, in, &golden, out_ready, wp, r, opt.max_reports);
        if (taken) ++next;
    }
    return r;
}

}  // namespace gqalut::rtl
