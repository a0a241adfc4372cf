// libFuzzer target: the accelerator's register decoder and job engine. The input is a stream
// of bus accesses (command, offset, length, flags, data) applied to a PwlAccelerator whose DMA
// reaches a small memory; simulated time advances between accesses so started jobs run. Every
// access must get a response status, and the simulation must never stop with an error.
#include <cstdint>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm_utils/simple_initiator_socket.h>

#include "model/sc/start.hpp"
#include "tlm/memory.hpp"
#include "tlm/pwl_accelerator.hpp"
#include "tlm/router.hpp"

namespace {

struct Harness : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<Harness> bus{"bus"};
    gqalut::vp::Router router{"router"};
    gqalut::vp::Memory ram{"ram", 1 << 16};
    gqalut::vp::PwlAccelerator accel{"accel"};
    sc_core::sc_signal<bool> irq{"irq"};
    explicit Harness(sc_core::sc_module_name n) : sc_module(n) {
        bus.bind(accel.target_socket);
        accel.dma_socket.bind(router.target_socket);
        router.initiator_socket.bind(ram.socket);
        router.map(0, 0, 1 << 16, "ram");
        accel.irq_o.bind(irq);
    }
};

// The kernel runs from the main stack through gqalut::sc::start(), which puts ASan's view of
// that stack back after each run (model/sc/start.hpp): a BadInput thrown and caught in the
// accelerator on this stack must not leave stale redzones behind.
Harness* harness() {
    static Harness* h = [] {
        setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 0);
        auto* p = new Harness("fuzz");
        gqalut::sc::start(sc_core::SC_ZERO_TIME);   // completes elaboration and binding
        return p;
    }();
    return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Harness* h = harness();
    h->accel.reset();
    size_t i = 0;
    auto take = [&](size_t n) {
        uint64_t v = 0;
        for (size_t k = 0; k < n && i < size; ++k, ++i) v |= uint64_t(data[i]) << (8 * k);
        return v;
    };
    while (i < size) {
        const uint8_t op = static_cast<uint8_t>(take(1));
        const uint64_t offset = take(2) & 0x1FFF;
        unsigned len = static_cast<unsigned>(1 + (op >> 4) % 8);   // 1..8 bytes
        uint8_t buf[8] = {};
        const uint64_t value = take(len);
        std::memcpy(buf, &value, len);
        uint8_t be[8];
        std::memset(be, 0xFF, sizeof be);
        tlm::tlm_generic_payload gp;
        gp.set_command((op & 3) == 0 ? tlm::TLM_READ_COMMAND : (op & 3) == 3 ? tlm::TLM_IGNORE_COMMAND : tlm::TLM_WRITE_COMMAND);
        gp.set_address(offset);
        gp.set_data_ptr(buf);
        gp.set_data_length(len);
        gp.set_streaming_width((op & 4) ? 1 : len);
        gp.set_byte_enable_ptr((op & 8) ? be : nullptr);
        gp.set_byte_enable_length((op & 8) ? len : 0);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time t = sc_core::SC_ZERO_TIME;
        h->bus->b_transport(gp, t);
        if (gp.get_response_status() == tlm::TLM_INCOMPLETE_RESPONSE) __builtin_trap();
        gqalut::sc::start(sc_core::sc_time(200, sc_core::SC_NS));   // let started jobs progress
    }
    gqalut::sc::start(sc_core::sc_time(50, sc_core::SC_US));
    // A job still running is dropped, and the kernel runs until nothing is pending: the worker
    // must wind down to its wait (a hang is a finding), and no job is left on its coroutine
    // stack, which LeakSanitizer does not scan (it would report the job's tables as leaked).
    h->accel.reset();
    gqalut::sc::start();   // until nothing is pending
    return 0;
}

// libFuzzer provides main(); SystemC's library still needs an sc_main symbol to link.
int sc_main(int, char**) { return 0; }
