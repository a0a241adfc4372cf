// A stand-in for the CPU of a virtual platform: an initiator that runs "software" (a C++
// function) in a thread, with loosely-timed register accesses under a quantum keeper, DMI to
// memory for bulk data, and a level-sensitive interrupt input.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "tlm/bus_master.hpp"

namespace gqalut::vp {

class Cpu : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<Cpu> socket;
    sc_core::sc_in<bool> irq_i;

    explicit Cpu(sc_core::sc_module_name name);

    // The software to run; it gets the CPU for its accesses. Set before sc_start.
    void set_program(std::function<void(Cpu&)> program) { program_ = std::move(program); }
    bool finished() const { return finished_; }

    // Register accesses (b_transport, 4 or 8 bytes). A bus error is reported by the return
    // value of the *_status variants; the plain ones throw std::runtime_error.
    uint32_t read32(uint64_t addr);
    void write32(uint64_t addr, uint32_t v);
    uint64_t read64(uint64_t addr);
    void write64(uint64_t addr, uint64_t v);
    tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len);

    // Bulk memory through DMI where granted (256-byte b_transport bursts otherwise); a bus
    // error throws std::runtime_error.
    void write_block(uint64_t addr, const void* data, uint64_t len);
    void read_block(uint64_t addr, void* data, uint64_t len);

    // Waits until the interrupt line is high (synchronising the quantum keeper first).
    void wait_irq();
    // Accounts CPU compute time (e.g. the software's own loops).
    void compute(const sc_core::sc_time& t) { qk_.inc(t); }
    void sync() { qk_.sync(); }
    const BusMaster& bus() const { return bus_; }

private:
    void run();
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) { bus_.invalidate(start, end); }

    std::function<void(Cpu&)> program_;
    tlm_utils::tlm_quantumkeeper qk_;
    BusMaster bus_;
    bool finished_ = false;
};

}  // namespace gqalut::vp
