// The SystemC cycle model as a `gqalut sim` backend: a StreamTestbench around a precompiled
// unit shape. SystemC elaborates once per process, so a process holds one cycle model:
// cycle_sim() builds it on first use and returns the same one for the same options after.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "sims/tb/sc_process.hpp"
#include "sims/tb/stream_sim.hpp"
#include "sims/backends/unit_backend.hpp"

namespace gqalut::sim {

// The unit shapes compiled into the binary (UnitShape::name(), e.g. "int8_p8_n32_l1").
std::vector<std::string> precompiled_cycle_shapes();
bool cycle_shape_available(const UnitShape& s);

// Builds (once per process) or returns the cycle model for these options. Throws BadInput for
// a shape that is not precompiled and std::logic_error when the process already elaborated a
// different one.
StreamSim& cycle_sim(const BackendOptions& opt);

// Per-kind factories (backend_cycle_<kind>.cpp); nullptr when the shape is not precompiled.
std::unique_ptr<StreamSim> make_int_cycle_sim(const BackendOptions& opt);
std::unique_ptr<StreamSim> make_fp32_cycle_sim(const BackendOptions& opt);
std::unique_ptr<StreamSim> make_scaler_cycle_sim(const BackendOptions& opt);
void list_int_cycle_shapes(std::vector<std::string>& out);
void list_fp32_cycle_shapes(std::vector<std::string>& out);
void list_scaler_cycle_shapes(std::vector<std::string>& out);

}  // namespace gqalut::sim
