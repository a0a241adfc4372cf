// RtlUnit over one Verilated class V (generated with --cc --trace from a gqalut_pwl_* top).
// Included only by the generated per-configuration adapters (rtl/verilated/model_adapter.cpp.in).
#pragma once
#include <algorithm>
#include <memory>
#include <type_traits>

#include <verilated.h>
#include <verilated_vcd_c.h>

#include "model/errors.hpp"
#include "rtl/verilated/rtl_unit.hpp"

namespace gqalut::rtl {

namespace detail {

// Bit access to a port of any Verilator C++ type (CData .. QData, VlWide<N>).
template <class T>
std::enable_if_t<std::is_integral_v<T>> put_bits(T& port, int lsb, int width, uint64_t v) {
    using U = std::make_unsigned_t<T>;
    const unsigned total = sizeof(T) * 8;
    const U mask = width >= static_cast<int>(total) ? static_cast<U>(~U(0))
                                                    : static_cast<U>(((U(1) << width) - 1) << lsb);
    port = static_cast<T>((static_cast<U>(port) & static_cast<U>(~mask)) | (static_cast<U>(v << lsb) & mask));
}

// Wide ports: 32-bit words, visited a word at a time.
template <std::size_t N>
void put_bits(VlWide<N>& port, int lsb, int width, uint64_t v) {
    for (int done = 0; done < width;) {
        const int bit = lsb + done, off = bit % 32, take = std::min(32 - off, width - done);
        const uint64_t m = ((uint64_t(1) << take) - 1) << off;
        EData& w = port[static_cast<size_t>(bit / 32)];
        w = static_cast<EData>((w & ~m) | (((v >> done) << off) & m));
        done += take;
    }
}

template <class T>
std::enable_if_t<std::is_integral_v<T>, i128> get_bits(const T& port, int lsb, int width) {
    const uint64_t v = static_cast<uint64_t>(port) >> lsb;
    return width >= 64 ? static_cast<i128>(v) : static_cast<i128>(v & ((uint64_t(1) << width) - 1));
}

template <std::size_t N>
i128 get_bits(const VlWide<N>& port, int lsb, int width) {
    __extension__ typedef unsigned __int128 u128;
    u128 r = 0;
    for (int done = 0; done < width;) {
        const int bit = lsb + done, off = bit % 32, take = std::min(32 - off, width - done);
        const uint64_t chunk = (static_cast<uint64_t>(port[static_cast<size_t>(bit / 32)]) >> off) & ((uint64_t(1) << take) - 1);
        r |= u128(chunk) << done;
        done += take;
    }
    return static_cast<i128>(r);
}

// The whole port as 64-bit words (bit i of the port is bit i%64 of word i/64).
template <class T>
std::enable_if_t<std::is_integral_v<T>, int> copy_words(const T& port, uint64_t* dst, int max_words) {
    if (max_words < 1) return 0;
    dst[0] = static_cast<uint64_t>(port);
    return 1;
}

template <std::size_t N>
int copy_words(const VlWide<N>& port, uint64_t* dst, int max_words) {
    const int n = std::min(static_cast<int>((N + 1) / 2), max_words);
    for (int i = 0; i < n; ++i) {
        const size_t lo = static_cast<size_t>(2 * i);
        dst[i] = static_cast<uint64_t>(port[lo]) | (lo + 1 < N ? static_cast<uint64_t>(port[lo + 1]) << 32 : 0);
    }
    return n;
}

}  // namespace detail

template <class V>
class RtlUnitImpl final : public RtlUnit {
public:
    explicit RtlUnitImpl(const UnitShape& shape) : shape_(shape), ctx_(std::make_unique<VerilatedContext>()) {
        ctx_->traceEverOn(true);   // before the model is built, so open_vcd() works later
        top_ = std::make_unique<V>(ctx_.get(), "dut");
        top_->clk_i = 0;
        top_->rst_ni = 0;
        top_->in_valid_i = 0;
        top_->out_ready_i = 0;
        top_->cfg_we_i = 0;
        top_->eval();
    }
    ~RtlUnitImpl() override {
        close_vcd();
        top_->final();
    }
    RtlUnitImpl(const RtlUnitImpl&) = delete;
    RtlUnitImpl& operator=(const RtlUnitImpl&) = delete;

    const UnitShape& shape() const override { return shape_; }

    void set_rst_n(bool v) override { top_->rst_ni = v; }
    void set_in_valid(bool v) override { top_->in_valid_i = v; }
    void set_in_lane(int lane, uint64_t word) override {
        detail::put_bits(top_->in_data_i, lane * shape_.in_width, shape_.in_width, word);
    }
    void set_out_ready(bool v) override { top_->out_ready_i = v; }
    void set_cfg(bool we, uint32_t addr, uint64_t data) override {
        top_->cfg_we_i = we;
        top_->cfg_addr_i = static_cast<uint16_t>(addr & 0xFFF);
        top_->cfg_wdata_i = data;
    }

    bool in_ready() const override { return top_->in_ready_o; }
    bool out_valid() const override { return top_->out_valid_o; }
    i128 out_lane(int lane) const override {
        const int w = shape_.out_width();
        return detail::get_bits(top_->out_data_o, lane * w, w);
    }
    int out_words(uint64_t* dst, int max_words) const override {
        return detail::copy_words(top_->out_data_o, dst, max_words);
    }
    bool idle() const override { return top_->idle_o; }
    bool cfg_err() const override { return top_->cfg_err_o; }

    void eval() override { top_->eval(); }
    void tick() override {
        top_->eval();
        if (vcd_) vcd_->dump(ctx_->time());   // this cycle's inputs, clock low
        ctx_->timeInc(half_ps_);
        top_->clk_i = 1;
        top_->eval();
        if (vcd_) vcd_->dump(ctx_->time());
        ctx_->timeInc(half_ps_);
        top_->clk_i = 0;
        top_->eval();
        ++cycles_;
    }
    uint64_t cycles() const override { return cycles_; }
    void set_half_period_ps(uint64_t ps) override { half_ps_ = ps > 0 ? ps : 1; }

    void open_vcd(const std::string& path) override {
        close_vcd();
        auto vcd = std::make_unique<VerilatedVcdC>();
        top_->trace(vcd.get(), 99);
        vcd->open(path.c_str());
        if (!vcd->isOpen()) throw BadInput(path + ": cannot open for writing");
        vcd_ = std::move(vcd);
    }
    void close_vcd() override {
        if (!vcd_) return;
        vcd_->dump(ctx_->time());
        vcd_->close();
        vcd_.reset();
    }

private:
    static constexpr uint64_t kHalfPeriodPs = 1000;   // 500 MHz, the paper's Table 6 clock
    UnitShape shape_;
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<V> top_;
    std::unique_ptr<VerilatedVcdC> vcd_;
    uint64_t half_ps_ = kHalfPeriodPs;
    uint64_t cycles_ = 0;
};

}  // namespace gqalut::rtl
