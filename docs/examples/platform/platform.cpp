// An out-of-tree virtual platform with the gqalut pwl accelerator, built against the installed
// package (find_package(gqalut), docs/tlm-integration.md). Its firmware programs the
// accelerator through the register map (docs/register-map.md) alone: a two-segment INT8 table
// that is ReLU (y = 0 below the breakpoint 0, y = x above), a job over every INT8 code, the
// interrupt, the status. The accelerator's parameters come from the run-time configuration,
// e.g. GQALUT_SET="platform.accel.model=cycle platform.accel.clock_mhz=800".
#include <cstdint>
#include <cstdio>
#include <cstring>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "model/sc/start.hpp"
#include "model/unit/cycle_level.hpp"
#include "tlm/memory.hpp"
#include "tlm/protocol_checker.hpp"
#include "tlm/pwl_accelerator.hpp"
#include "tlm/router.hpp"

namespace {

constexpr uint64_t kRam = 0x0, kAccel = 0x40000000;
constexpr uint64_t kIn = 0x1000, kOut = 0x2000;

// Register offsets and bits, as docs/register-map.md gives them.
constexpr uint64_t CTRL = 0x008, STATUS = 0x00C, CFG_MODE = 0x010, CFG_ENTRIES = 0x014, CFG_SCALE = 0x018,
                   CFG_LAMBDA = 0x01C, CFG_REQUANT = 0x020, SRC_ADDR = 0x030, DST_ADDR = 0x038, LENGTH = 0x040,
                   ERROR_CODE = 0x044, PERF_CYCLES = 0x050, BP0 = 0x1000, SLOPE0 = 0x1400, ICPT0 = 0x1800;
constexpr uint32_t START = 1, IRQ_ENABLE = 2, DONE = 2, ERROR = 4;

// The platform's own initiator: firmware in a thread, register accesses by b_transport.
struct Firmware : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<Firmware> socket{"socket"};
    sc_core::sc_in<bool> irq{"irq"};
    bool passed = false;

    SC_HAS_PROCESS(Firmware);
    explicit Firmware(sc_core::sc_module_name n) : sc_module(n) { SC_THREAD(run); }

    void access(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len) {
        tlm::tlm_generic_payload gp;
        gp.set_command(cmd);
        gp.set_address(addr);
        gp.set_data_ptr(static_cast<unsigned char*>(data));
        gp.set_data_length(len);
        gp.set_streaming_width(len);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        socket->b_transport(gp, delay);
        sc_core::wait(delay);
        if (!gp.is_response_ok()) SC_REPORT_ERROR("example/firmware", gp.get_response_string().c_str());
    }
    void write(uint64_t reg, uint64_t v, unsigned len = 4) { access(tlm::TLM_WRITE_COMMAND, kAccel + reg, &v, len); }
    uint64_t read(uint64_t reg, unsigned len = 4) {
        uint64_t v = 0;
        access(tlm::TLM_READ_COMMAND, kAccel + reg, &v, len);
        return v;
    }

    void run() {
        // The inputs: every INT8 code, written to RAM through the bus.
        uint8_t codes[256];
        for (int i = 0; i < 256; ++i) codes[i] = static_cast<uint8_t>(i);
        access(tlm::TLM_WRITE_COMMAND, kRam + kIn, codes, sizeof codes);
        // ReLU as a table: INT8, 2 entries, scale 0, lambda_k = lambda_b = 6 (slope 64 = 1.0),
        // breakpoint 0, requantizer on with 0 output fraction bits (INT8 codes out).
        write(CFG_MODE, 0);
        write(CFG_ENTRIES, 2);
        write(CFG_SCALE, 0);
        write(CFG_LAMBDA, 6 | (6 << 8));
        write(CFG_REQUANT, 1);
        write(BP0, 0, 8);
        write(SLOPE0, 0, 8);
        write(ICPT0, 0, 8);
        write(SLOPE0 + 8, 64, 8);
        write(ICPT0 + 8, 0, 8);
        write(SRC_ADDR, kRam + kIn, 8);
        write(DST_ADDR, kRam + kOut, 8);
        write(LENGTH, 256);
        write(CTRL, IRQ_ENABLE | START);
        while (!irq.read()) sc_core::wait(irq.value_changed_event());
        const uint64_t status = read(STATUS), error = read(ERROR_CODE), cycles = read(PERF_CYCLES, 8);
        write(STATUS, DONE | ERROR);   // write 1 to clear: drops the interrupt
        uint8_t out[256];
        access(tlm::TLM_READ_COMMAND, kRam + kOut, out, sizeof out);
        int right = 0;
        for (int i = 0; i < 256; ++i) {
            const int x = static_cast<int8_t>(codes[i]);
            right += static_cast<int8_t>(out[i]) == (x > 0 ? x : 0);
        }
        std::printf("status 0x%llx, error code %llu, %llu unit cycles at %s time, %d of 256 outputs are ReLU(x)\n",
                    static_cast<unsigned long long>(status), static_cast<unsigned long long>(error),
                    static_cast<unsigned long long>(cycles), sc_core::sc_time_stamp().to_string().c_str(), right);
        passed = status == DONE && error == 0 && right == 256;
    }
};

// Firmware -> checker -> router -> {RAM, accelerator}; accelerator DMA -> checker -> router.
struct Platform : sc_core::sc_module {
    Firmware firmware{"firmware"};
    gqalut::vp::ProtocolChecker cpu_check{"cpu_check"}, dma_check{"dma_check"};
    gqalut::vp::Router bus{"bus"};
    gqalut::vp::Memory ram{"ram", 1 << 16};
    gqalut::vp::PwlAccelerator accel{"accel"};
    sc_core::sc_signal<bool> irq{"irq"};

    explicit Platform(sc_core::sc_module_name n) : sc_module(n) {
        firmware.socket.bind(cpu_check.target_socket);
        cpu_check.initiator_socket.bind(bus.target_socket);
        accel.dma_socket.bind(dma_check.target_socket);
        dma_check.initiator_socket.bind(bus.target_socket);
        bus.initiator_socket.bind(ram.socket);
        bus.initiator_socket.bind(accel.target_socket);
        bus.map(0, kRam, 1 << 16, "ram");
        bus.map(1, kAccel, 0x2000, "accel");
        accel.irq_o.bind(irq);
        firmware.irq.bind(irq);
    }
};

}  // namespace

int sc_main(int, char**) {
    gqalut::unit::register_cycle_level();   // so that model=cycle can be configured
    Platform platform("platform");
    gqalut::sc::start();   // sc_start(), and right for AddressSanitizer afterwards (docs/tlm-integration.md)
    std::printf("model %s, %d lane(s), %g MHz: %s\n", platform.accel.params().model.c_str(), platform.accel.params().lanes,
                platform.accel.params().clock_mhz, platform.firmware.passed ? "passed" : "FAILED");
    return platform.firmware.passed ? 0 : 1;
}
