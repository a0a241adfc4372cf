#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>
#include <random>
#include <systemc>

#include "model/sc/start.hpp"
#include "search/uniform.hpp"
#include "tlm/messages.hpp"
#include "model/unit/cycle_level.hpp"
#include "model/unit/elements.hpp"
#include "tlm_fixture.hpp"

namespace gqalut::vp::test {

namespace {
Platform* g_platform = nullptr;
Platform* g_cycle = nullptr;
Platform* g_cycle_250 = nullptr;
Rig* g_rig = nullptr;
CheckerBench* g_bench = nullptr;
}  // namespace

Platform& platform() { return *g_platform; }
Platform& cycle_platform() { return *g_cycle; }
Platform& cycle_platform_250() { return *g_cycle_250; }
Rig& rig() { return *g_rig; }
CheckerBench& checker_bench() { return *g_bench; }

Rig::Rig(sc_core::sc_module_name name)
    : sc_module(name), cpu("cpu"), cpu_check("cpu_check"), dma_check("dma_check"), ram0_check("ram0_check"),
      ram1_check("ram1_check"), accel_check("accel_check"), bus("bus"), ram0("ram0", kRamBytes), ram1("ram1", kRamBytes),
      accel("accel"), irq("irq") {
    cpu.socket.bind(cpu_check.target_socket);
    cpu_check.initiator_socket.bind(bus.target_socket);
    accel.dma_socket.bind(dma_check.target_socket);
    dma_check.initiator_socket.bind(bus.target_socket);
    bus.initiator_socket.bind(ram0_check.target_socket);
    ram0_check.initiator_socket.bind(ram0.socket);
    bus.initiator_socket.bind(ram1_check.target_socket);
    ram1_check.initiator_socket.bind(ram1.socket);
    bus.initiator_socket.bind(accel_check.target_socket);
    accel_check.initiator_socket.bind(accel.target_socket);
    bus.map(0, 0, kRamBytes, "ram0");
    bus.map(1, kRam1, kRamBytes, "ram1");
    bus.map(2, kAcc, acc::kSize, "accel");
    accel.irq_o.bind(irq);
    cpu.irq_i.bind(irq);
}

FaultyTarget::FaultyTarget(sc_core::sc_module_name name) : sc_module(name) {
    target.register_b_transport(this, &FaultyTarget::b_transport);
    target.register_get_direct_mem_ptr(this, &FaultyTarget::get_direct_mem_ptr);
    target.register_transport_dbg(this, &FaultyTarget::transport_dbg);
}

void FaultyTarget::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    if (gp.is_write() && gp.get_address() + gp.get_data_length() <= sizeof bytes)
        std::memcpy(bytes + gp.get_address(), gp.get_data_ptr(), gp.get_data_length());
    switch (fault) {
        case Fault::leave_incomplete: return;
        case Fault::change_length: gp.set_data_length(gp.get_data_length() / 2); break;
        case Fault::decrease_delay: delay = sc_core::SC_ZERO_TIME; break;
        case Fault::change_write_data: gp.get_data_ptr()[0] ^= 1; break;
        default: delay += sc_core::sc_time(1, sc_core::SC_NS); break;
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool FaultyTarget::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
    dmi.set_dmi_ptr(fault == Fault::grant_without_pointer ? nullptr : bytes);
    dmi.set_start_address(fault == Fault::grant_missing_address ? 32 : 0);
    dmi.set_end_address(sizeof bytes - 1);
    dmi.allow_read_write();
    if (fault == Fault::invalidate_backwards) target->invalidate_direct_mem_ptr(40, 8);
    return true;
}

unsigned int FaultyTarget::transport_dbg(tlm::tlm_generic_payload& gp) {
    const unsigned n = std::min<unsigned>(gp.get_data_length(), sizeof bytes);
    if (gp.is_read()) std::memcpy(gp.get_data_ptr(), bytes, n);
    if (fault == Fault::debug_side_effect) ++bytes[0];
    return fault == Fault::debug_too_many ? gp.get_data_length() + 4 : n;
}

CheckerBench::CheckerBench(sc_core::sc_module_name name) : sc_module(name) {
    socket.bind(checker.target_socket);
    checker.initiator_socket.bind(target.target);
}

tlm::tlm_response_status raw(Cpu& cpu, tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len,
                             unsigned char* be, unsigned be_len, unsigned streaming_width) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(streaming_width ? streaming_width : len);
    gp.set_byte_enable_ptr(be);
    gp.set_byte_enable_length(be_len);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    cpu.sync();
    sc_core::sc_time t = sc_core::SC_ZERO_TIME;
    cpu.socket->b_transport(gp, t);
    sc_core::wait(t);
    return gp.get_response_status();
}

tlm::tlm_response_status raw(tlm::tlm_command cmd, uint64_t addr, void* data, unsigned len, unsigned char* be,
                             unsigned be_len, unsigned streaming_width) {
    return raw(platform().cpu, cmd, addr, data, len, be, be_len, streaming_width);
}

void fresh() {
    for (Platform* p : {g_platform, g_cycle, g_cycle_250}) {
        p->cpu.sync();
        p->accel.reset();
        p->ram.set_dmi_allowed(true);
        std::memset(p->ram.data(), 0, 1 << 20);
    }
    g_rig->accel.reset();
    for (Memory* m : {&g_rig->ram0, &g_rig->ram1}) {
        m->set_dmi_allowed(true);
        std::memset(m->data(), 0, m->size());
    }
    sc_core::wait(sc_core::SC_ZERO_TIME);   // let the interrupt lines follow the reset
}

bool wait_irq_for(Cpu& cpu, const sc_core::sc_time& limit) {
    cpu.sync();
    const sc_core::sc_time end = sc_core::sc_time_stamp() + limit;
    while (!cpu.irq_i.read()) {
        if (sc_core::sc_time_stamp() >= end) return false;
        sc_core::wait(end - sc_core::sc_time_stamp(), cpu.irq_i.value_changed_event());
    }
    return true;
}

PwlTable gelu8() {
    PwlTable t = uniform_table("gelu", Precision::int8, 8, -4, 4);
    t.scales = {0, 1, 2, 3, 4, 5, 6, 7};
    return t;
}

std::vector<uint8_t> random_inputs(Cpu& cpu, const PwlDriver& drv, uint64_t src, uint64_t n, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<uint8_t> in(n * drv.in_bytes());
    for (auto& b : in) b = static_cast<uint8_t>(rng());
    cpu.write_block(src, in.data(), in.size());
    return in;
}

uint64_t golden_mismatches(const PwlTable& t, int s, const RequantConfig& rq, const std::vector<uint8_t>& in,
                           const std::vector<uint8_t>& out) {
    using namespace unit;
    const UnitShape shape = shape_for(t, acc::kMaxEntries);
    const unsigned ib = input_element_bytes(shape), ob = output_element_bytes(shape, rq.enable);
    const GoldenUnit golden(t, s, shape, rq);
    const uint64_t mask = shape.in_width >= 64 ? ~0ull : (uint64_t(1) << shape.in_width) - 1;
    const uint64_t n = in.size() / ib;
    uint64_t mismatches = 0;
    std::vector<uint8_t> expected(ob);
    for (uint64_t i = 0; i < n; ++i) {
        store_output(golden.output(load_input(&in[i * ib], ib) & mask), shape, ob, expected.data());
        mismatches += std::memcmp(expected.data(), &out[i * ob], ob) != 0;
    }
    return mismatches;
}

}  // namespace gqalut::vp::test

int sc_main(int argc, char** argv) {
    using namespace gqalut::vp;
    // Violations are collected (each test case checks them) instead of ending the run.
    sc_core::sc_report_handler::set_actions(msg::kProtocol, sc_core::SC_ERROR, sc_core::SC_DISPLAY);
    gqalut::unit::register_cycle_level();
    PlatformConfig cfg;
    cfg.ram_bytes = uint64_t(16) << 20;
    Platform p("vp", cfg);
    cfg.model = "cycle";
    cfg.ram_bytes = uint64_t(4) << 20;
    Platform cycle("vp_cycle", cfg);
    cfg.clock_mhz = 250;
    Platform cycle_250("vp_cycle_250", cfg);
    test::Rig rig("rig");
    test::CheckerBench bench("bench");
    test::g_bench = &bench;
    test::g_platform = &p;
    test::g_cycle = &cycle;
    test::g_cycle_250 = &cycle_250;
    test::g_rig = &rig;
    int result = 1;
    p.cpu.set_program([&](Cpu&) { result = Catch::Session().run(argc, argv); });
    gqalut::sc::start();
    // Every socket path except the checker bench's, whose violations are deliberate.
    size_t violations = p.protocol_violations() + cycle.protocol_violations() + cycle_250.protocol_violations();
    for (const ProtocolChecker* c : rig.checkers()) violations += c->violations().size();
    if (violations != 0) {
        std::fprintf(stderr, "%zu protocol violations\n", violations);
        return 1;
    }
    return result;
}
