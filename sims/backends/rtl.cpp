// `gqalut sim --model rtl`: the Verilated RTL (rtl/verilated, a --cc model stepped from an
// SC_METHOD in rtl::RtlScUnit) in the same streaming testbench as the SystemC cycle model, so
// the same options, checker and report apply. Only the Verilated configurations
// (rtl/CMakeLists.txt GQALUT_RTL_CONFIGS) are available; SystemC elaborates once per process,
// so a process holds one RTL testbench. --vcd writes the Verilated model's own VCD (every
// signal of the hierarchy, the ports at the top).
#include <memory>
#include <stdexcept>
#include <string>

#include "model/errors.hpp"
#include "rtl/verilated/rtl_sc_unit.hpp"
#include "sims/backends/cycle.hpp"
#include "sims/tb/stream_testbench.hpp"
#include "sims/backends/unit_backend.hpp"

namespace gqalut::sim {

namespace {

std::string verilated_list() {
    std::string list;
    for (const auto& s : rtl::rtl_shapes()) list += (list.empty() ? "" : ", ") + s.name();
    return list;
}

template <int InBits, int OutBits>
std::unique_ptr<StreamSim> make_tb(std::unique_ptr<rtl::RtlUnit> unit, const BackendOptions& o) {
    TestbenchOptions t;
    t.shape = unit->shape();
    t.latency = unit->latency();
    t.clock_period_ns = 1e9 / o.clock_hz;
    if (!o.vcd.empty()) unit->open_vcd(o.vcd);
    auto dut = std::make_unique<rtl::RtlScUnit<InBits, OutBits>>("dut", std::move(unit),
                                                                  sc_core::sc_time(t.clock_period_ns, sc_core::SC_NS));
    return std::make_unique<StreamTestbench<rtl::RtlScUnit<InBits, OutBits>>>("tb", std::move(dut), t);
}

// Port widths of the Verilated configurations: Lanes*InW, Lanes*OutW.
std::unique_ptr<StreamSim> make_rtl_sim(const BackendOptions& o) {
    std::unique_ptr<rtl::RtlUnit> unit = rtl::make_rtl_unit(o.shape);
    if (!unit) throw BadInput("no Verilated RTL for " + o.shape.name() + " (Verilated: " + verilated_list() + ")");
    const UnitShape& s = unit->shape();
    const int in_bits = s.lanes * s.in_width, out_bits = s.lanes * s.out_width();
    if (in_bits == 8 && out_bits == 25) return make_tb<8, 25>(std::move(unit), o);         // INT8, 1 lane
    if (in_bits == 64 && out_bits == 200) return make_tb<64, 200>(std::move(unit), o);     // INT8, 8 lanes
    if (in_bits == 16 && out_bits == 49) return make_tb<16, 49>(std::move(unit), o);       // INT16
    if (in_bits == 32 && out_bits == 97) return make_tb<32, 97>(std::move(unit), o);       // INT32
    if (in_bits == 32 && out_bits == 32) return make_tb<32, 32>(std::move(unit), o);       // FP32, scaler
    throw BadInput("the RTL backend has no SystemC wrapper for " + s.name() + " (" + std::to_string(in_bits) + "/" +
                   std::to_string(out_bits) + " port bits)");
}

std::string key_of(const BackendOptions& o) {
    return o.shape.name() + "/" + o.vcd + "/" + std::to_string(o.clock_hz);
}

StreamSim& rtl_sim(const BackendOptions& o) {
    check_rtl_options(o);
    return elaborate_once<StreamSim>("the RTL testbench " + key_of(o), [&] { return make_rtl_sim(o); });
}

std::unique_ptr<UnitBackend> make_rtl(const BackendOptions& o) {
    return std::make_unique<StreamBackend>(o, rtl_sim(o), "rtl");
}

const RegisterBackend reg{{"rtl", "Verilated RTL (rtl/) in the streaming testbench (Verilated shapes only)", make_rtl, 30}};

}  // namespace

}  // namespace gqalut::sim
