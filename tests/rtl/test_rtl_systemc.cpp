// The Verilated RTL in a SystemC testbench through RtlScUnit, the drop-in path for the cosim of
// phase 2: INT8 (uint32_t ports) and INT32 (a 97-bit sc_bv output) against the golden model,
// inputs and out_ready_i driven on the falling edge with random gaps and stalls, outputs
// checked in order at the rising edge. One SystemC elaboration per process: its own binary.
#include <deque>
#include <iostream>
#include <systemc>

#include "model/sc/start.hpp"
#include "model/table_io.hpp"
#include "rtl/verilated/rtl_sc_unit.hpp"
#include "search/uniform.hpp"

using namespace gqalut;
using namespace sc_core;

namespace {

int g_done = 0;

template <int InBits, int OutBits>
class Bench : public sc_module {
public:
    SC_HAS_PROCESS(Bench);
    Bench(const sc_module_name& name, sc_clock& clk, std::unique_ptr<rtl::RtlUnit> unit, const PwlTable& t, int scale,
          std::vector<uint64_t> words, uint64_t seed)
        : sc_module(name), dut_("dut", std::move(unit)), golden_(t, scale, dut_.unit().shape()),
          writes_(config_writes(t, scale, dut_.unit().shape())), words_(std::move(words)), rng_(seed) {
        dut_.clk_i(clk);
        dut_.rst_ni(rst_n_);
        dut_.in_valid_i(in_valid_);
        dut_.in_ready_o(in_ready_);
        dut_.in_data_i(in_data_);
        dut_.out_valid_o(out_valid_);
        dut_.out_ready_i(out_ready_);
        dut_.out_data_o(out_data_);
        dut_.cfg_we_i(cfg_we_);
        dut_.cfg_addr_i(cfg_addr_);
        dut_.cfg_wdata_i(cfg_wdata_);
        dut_.idle_o(idle_);
        dut_.cfg_err_o(cfg_err_);
        SC_THREAD(drive);
        sensitive << clk.negedge_event();
        SC_METHOD(monitor);
        sensitive << clk.posedge_event();
        dont_initialize();
    }

    uint64_t compared = 0, mismatches = 0, protocol_errors = 0;

private:
    bool chance(int percent) {
        rng_ = rng_ * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<int>((rng_ >> 33) % 100) < percent;
    }
    i128 out_word() const {
        if constexpr (OutBits > 64) {
            i128 v = 0;
            const auto bv = out_data_.read();
            for (int b = 0; b < OutBits; ++b)
                if (bv[b].to_bool()) v |= i128(1) << b;
            return v;
        } else {
            return static_cast<i128>(static_cast<uint64_t>(out_data_.read()));
        }
    }

    void drive() {
        rst_n_.write(false);
        for (int i = 0; i < 3; ++i) wait();
        rst_n_.write(true);
        for (const CfgWrite& w : writes_) {
            out_ready_.write(true);
            do wait(); while (!idle_.read());
            cfg_we_.write(true);
            cfg_addr_.write(w.addr);
            cfg_wdata_.write(w.data);
            wait();
            cfg_we_.write(false);
        }
        while (accepted_ < words_.size()) {
            in_valid_.write(!chance(30));
            in_data_.write(static_cast<sc_dt::uint64>(words_[accepted_]));
            out_ready_.write(!chance(30));
            wait();
        }
        in_valid_.write(false);
        out_ready_.write(true);
        do wait(); while (!idle_.read());
        if (cfg_err_.read()) ++protocol_errors;
        if (++g_done == 2) sc_stop();
    }

    void monitor() {   // rising edge: signals still hold the values the unit samples
        if (in_valid_.read() && in_ready_.read()) expected_.push_back(golden_.output(words_[accepted_++]));
        if (out_valid_.read() && out_ready_.read()) {
            ++compared;
            if (expected_.empty()) {
                ++protocol_errors;
                return;
            }
            if (out_word() != expected_.front() && ++mismatches <= 3)
                std::cout << name() << ": mismatch at " << sc_time_stamp() << "\n";
            expected_.pop_front();
        }
    }

    rtl::RtlScUnit<InBits, OutBits> dut_;
    GoldenUnit golden_;
    std::vector<CfgWrite> writes_;
    std::vector<uint64_t> words_;
    uint64_t rng_;
    size_t accepted_ = 0;
    std::deque<i128> expected_;
    sc_signal<bool> rst_n_{"rst_n"}, in_valid_{"in_valid"}, in_ready_{"in_ready"}, out_valid_{"out_valid"};
    sc_signal<bool> out_ready_{"out_ready"}, cfg_we_{"cfg_we"}, idle_{"idle"}, cfg_err_{"cfg_err"};
    sc_signal<rtl::sc_port_t<InBits>> in_data_{"in_data"};
    sc_signal<rtl::sc_port_t<OutBits>> out_data_{"out_data"};
    sc_signal<uint32_t> cfg_addr_{"cfg_addr"};
    sc_signal<uint64_t> cfg_wdata_{"cfg_wdata"};
};

}  // namespace

int sc_main(int, char*[]) {
    sc_set_time_resolution(1, SC_PS);
    sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", SC_DO_NOTHING);
    sc_clock clk("clk", sc_time(2, SC_NS));

    const PwlTable gelu = load_table(std::string(GQALUT_TEST_DATA) + "/gqa-lut-pretrained/gelu_pwl_15.json");
    std::vector<uint64_t> w8;
    for (uint64_t c = 0; c < 256; ++c) w8.push_back(c);
    Bench<8, 25> b8("int8", clk, rtl::make_rtl_unit(int_shape(8)), gelu, 4, w8, 1);

    const PwlTable t32 = uniform_table("silu", Precision::int32, 16, -8, 8);
    std::vector<uint64_t> w32;
    uint64_t x = 12345;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        w32.push_back(i % 2 ? (x & 0xFFFFFFFFull) : static_cast<uint64_t>(static_cast<int64_t>(x % 4001) - 2000) & 0xFFFFFFFFull);
    }
    Bench<32, 97> b32("int32", clk, rtl::make_rtl_unit(int_shape(32)), t32, 20, w32, 2);

    gqalut::sc::start(sc_time(10, SC_MS));
    std::cout << "[rtl] systemc RtlScUnit int8_p8_n32_l1: " << b8.compared << " elements compared, " << b8.mismatches
              << " mismatches, " << b8.protocol_errors << " protocol errors\n";
    std::cout << "[rtl] systemc RtlScUnit int32_p32_n32_l1: " << b32.compared << " elements compared, " << b32.mismatches
              << " mismatches, " << b32.protocol_errors << " protocol errors\n";
    const bool ok = g_done == 2 && b8.compared == w8.size() && b32.compared == w32.size() && b8.mismatches == 0 &&
                    b32.mismatches == 0 && b8.protocol_errors == 0 && b32.protocol_errors == 0;
    std::cout << (ok ? "PASS" : "FAIL") << std::endl;
    return ok ? 0 : 1;
}
