// Builds a StreamTestbench around one SystemC unit instantiation (used by backend_cycle_*.cpp).
#pragma once
#include <memory>

#include "sims/backends/cycle.hpp"
#include "sims/tb/stream_testbench.hpp"

namespace gqalut::sim {

template <class Dut>
std::unique_ptr<StreamSim> make_cycle_testbench(const BackendOptions& o) {
    auto dut = std::make_unique<Dut>("dut", o.indexing);
    dut->power_monitor().set_toggles(o.toggles);
    TestbenchOptions t;
    t.shape = dut->shape();
    t.latency = dut->latency();
    t.vcd = o.vcd;
    t.clock_period_ns = 1e9 / o.clock_hz;
    return std::make_unique<StreamTestbench<Dut>>("tb", std::move(dut), t);
}

}  // namespace gqalut::sim
