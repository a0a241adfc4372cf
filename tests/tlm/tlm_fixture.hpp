// The platform every TLM test case runs on, and helpers for raw bus accesses.
#pragma once
#include <tlm>

#include "model/unit_config.hpp"
#include "tlm/platform.hpp"
#include "tlm/pwl_driver.hpp"

namespace gqalut::vp::test {

Platform& platform();

constexpr uint64_t kAcc = Platform::kAccelBase;

// A single access with full control of the payload; returns the response status.
tlm::tlm_response_status raw(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len,
                             unsigned char* byte_enables = nullptr, unsigned be_len = 0, unsigned streaming_width = 0);

// The accelerator and the memory back at their start state.
void fresh();

// A small INT8 GELU table (8 entries, per-scale codes for s = 0..7).
PwlTable gelu8();

}  // namespace gqalut::vp::test
