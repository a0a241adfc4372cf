// Pin-level behaviour of docs/pin-interface.md beyond the datapath: reset values, reset in the
// middle of a stream, latency and throughput, configuration writes that must be ignored
// (busy, out-of-range, unmapped) and the sticky cfg_err_o, and the VCD dump.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "model/fp32_datapath.hpp"
#include "rtl_tables.hpp"
#include "search/uniform.hpp"

using namespace gqalut;
using namespace gqalut::rtltest;

namespace {

UnitShape shape_of(UnitKind kind) {
    UnitShape s;
    s.kind = kind;
    s.max_entries = 32;
    if (kind == UnitKind::int_unit) s.in_width = s.par_width = 8;
    if (kind == UnitKind::fp32_unit) s.in_width = s.par_width = 32;
    if (kind == UnitKind::scaler_unit) s.in_width = 32, s.par_width = 8, s.core_width = 8;
    return s;
}

// A one-entry INT8 table y = K*q + B with fraction bits lk, lb.
PwlTable one_entry(int64_t k, int64_t b, int lk, int lb) {
    PwlTable t;
    t.entries = 1;
    t.params = IntParams{8, true, 8, lk, lb};
    t.scales = {0};
    t.per_scale[0] = LutCodes{{}, {k}, {b}};
    return t;
}

// Loads a table of the kind, then streams with heavy injection of writes that must be ignored.
void ignored_writes(UnitKind kind) {
    auto dut = rtl::make_rtl_unit(shape_of(kind));
    REQUIRE(dut);
    Driver d(*dut);
    Rng rng(77);
    PwlTable t = kind == UnitKind::fp32_unit   ? uniform_table("gelu", Precision::fp32, 16, -4, 4)
                 : kind == UnitKind::int_unit  ? uniform_table("gelu", Precision::int8, 16, -4, 4)
                                               : uniform_table("div", Precision::int8, 16, 0.5, 4);
    StreamResult total;
    for (int run = 0; run < 20; ++run) {
        std::vector<uint64_t> words;
        while (words.size() < 3000) words.push_back(rng.next() & ((uint64_t(1) << dut->shape().in_width) - 1));
        StreamOptions o;
        o.seed = 50 + static_cast<uint64_t>(run);
        o.in_gap = 0.6;
        o.out_stall = 0.4;
        o.bad_writes = 0.5;
        o.busy_writes = 0.3;
        o.clear_writes = 0.05;
        total.add(run_table(d, t, kind == UnitKind::scaler_unit ? 5 : 3, {}, words, o));
    }
    report(dut->shape().name() + ", ignored writes injected while streaming", total);
    CHECK(total.injected_writes > 1000u);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

}  // namespace

TEST_CASE("protocol_reset_values_and_reset_mid_stream", "[protocol]") {
    auto dut = rtl::make_rtl_unit(shape_of(UnitKind::int_unit));
    REQUIRE(dut);
    Driver d(*dut);
    const auto words = all_words(8, 1);
    StreamResult total;

    // Reset values: N = 1, s = 0, lambda_k = lambda_b = 6, codes 0, requantizer off.
    const GoldenUnit zero(one_entry(0, 0, 6, 6), 0, dut->shape());
    total.add(d.stream(words, [&](uint64_t w) { return zero.output(w); }));
    // Only SLOPE[0], ICPT[0] and LAMBDA_B written: the other registers keep their reset values.
    const GoldenUnit partial(one_entry(-3, 5, 6, 2), 0, dut->shape());
    total.add(d.configure({{reg::kSlope, static_cast<uint64_t>(-3)}, {reg::kIntercept, 5}, {reg::kLambdaB, 2}}));
    total.add(d.stream(words, [&](uint64_t w) { return partial.output(w); }, profile(1, 5)));

    // Reset in the middle of a stream: in-flight elements vanish, out_valid_o is low in the
    // next cycle, and every register is back at its reset value.
    const PwlTable t = uniform_table("hswish", Precision::int8, 8, -4, 4);
    const GoldenUnit g(t, 4, dut->shape());
    total.add(d.configure(config_writes(t, 4, dut->shape())));
    StreamOptions o = profile(1, 9);
    o.stop_after = 40;
    total.add(d.stream(words, [&](uint64_t w) { return g.output(w); }, o));
    CHECK_FALSE(dut->idle());
    d.reset(1);
    CHECK_FALSE(dut->out_valid());
    CHECK(dut->idle());
    CHECK(dut->in_ready());
    total.add(d.stream(words, [&](uint64_t w) { return zero.output(w); }, profile(2, 11)));
    report("int8_p8_n32_l1, reset values and reset mid-stream", total);
    CHECK(total.mismatches == 0);
    CHECK(total.protocol_errors == 0);
}

TEST_CASE("protocol_latency_and_throughput", "[protocol]") {
    auto dut = rtl::make_rtl_unit(shape_of(UnitKind::int_unit));
    REQUIRE(dut);
    Driver d(*dut);
    const PwlTable t = uniform_table("gelu", Precision::int8, 8, -4, 4);
    const GoldenUnit g(t, 2, dut->shape());
    REQUIRE(d.configure(config_writes(t, 2, dut->shape())).ok());
    // Element i is accepted at the rising edge that ends iteration i (edge t = i) and is on the
    // output after edge t+3, i.e. during iteration i+4; then one per cycle.
    dut->set_in_valid(true);
    dut->set_out_ready(true);
    dut->set_cfg(false, 0, 0);
    for (int i = 0; i < 10; ++i) {
        dut->set_in_lane(0, static_cast<uint64_t>(i * 25));
        dut->eval();
        CHECK(dut->in_ready());
        CHECK(dut->out_valid() == (i >= 4));
        if (i >= 4) CHECK(dut->out_lane(0) == g.output(static_cast<uint64_t>((i - 4) * 25)));
        dut->tick();
    }
    // Back-pressure: out_ready_i low holds everything, in_ready_o follows.
    dut->set_out_ready(false);
    dut->eval();
    CHECK(dut->out_valid());
    CHECK_FALSE(dut->in_ready());
    const i128 held = dut->out_lane(0);
    dut->tick();
    dut->tick();
    dut->eval();
    CHECK(dut->out_lane(0) == held);
    CHECK(held == g.output(6 * 25));
}

TEST_CASE("protocol_cfg_err_sequence", "[protocol]") {
    auto dut = rtl::make_rtl_unit(shape_of(UnitKind::int_unit));
    REQUIRE(dut);
    Driver d(*dut);
    const auto write = [&](uint32_t a, uint64_t v) {
        dut->set_cfg(true, a, v);
        dut->tick();
        dut->set_cfg(false, 0, 0);
        dut->eval();
        return dut->cfg_err();
    };
    CHECK_FALSE(dut->cfg_err());
    CHECK_FALSE(write(reg::kNEntries, 32));             // in range
    CHECK(write(reg::kNEntries, 33));                   // above MaxEntries
    CHECK(write(reg::kClearError, 0) == false);
    CHECK(write(reg::kScale, 8));                       // s >= InW
    CHECK_FALSE(write(reg::kClearError, 123));
    CHECK(write(reg::kLambdaK, 9));                     // lambda > ParW
    CHECK_FALSE(write(reg::kClearError, 0));
    CHECK(write(reg::kRqFrac, static_cast<uint64_t>(-9)));   // s_o < -InW
    CHECK_FALSE(write(reg::kClearError, 0));
    CHECK(write(0x010, 0));                             // FUNC: not an INT register
    CHECK_FALSE(write(reg::kClearError, 0));
    CHECK(write(reg::kBreakpoint + 31, 0));             // BP[MaxEntries-1] does not exist
    CHECK_FALSE(write(reg::kClearError, 0));
    // Busy: an element in flight makes a valid write an ignored one; CLEAR_ERROR still works.
    dut->set_in_valid(true);
    dut->set_out_ready(false);
    dut->tick();
    dut->set_in_valid(false);
    dut->eval();
    CHECK_FALSE(dut->idle());
    CHECK(write(reg::kSlope, 1));
    CHECK_FALSE(write(reg::kClearError, 0));
    CHECK_FALSE(dut->idle());
}

TEST_CASE("protocol_ignored_writes_int", "[protocol]") { ignored_writes(UnitKind::int_unit); }
TEST_CASE("protocol_ignored_writes_fp32", "[protocol]") { ignored_writes(UnitKind::fp32_unit); }
TEST_CASE("protocol_ignored_writes_scaler", "[protocol]") { ignored_writes(UnitKind::scaler_unit); }

TEST_CASE("vcd_dump", "[vcd]") {
    auto dut = rtl::make_rtl_unit(shape_of(UnitKind::int_unit));
    REQUIRE(dut);
    Driver d(*dut);
    const std::string path = "rtl_vcd_dump_test.vcd";
    dut->open_vcd(path);
    const PwlTable t = uniform_table("gelu", Precision::int8, 8, -4, 4);
    const auto words = all_words(8, 1);
    const StreamResult r = run_table(d, t, 3, {}, std::vector<uint64_t>(words.begin(), words.begin() + 64), profile(1, 3));
    dut->close_vcd();
    CHECK(r.ok());
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string vcd = ss.str();
    CHECK(vcd.find("$enddefinitions") != std::string::npos);
    CHECK(vcd.find("out_data_o") != std::string::npos);
    CHECK(vcd.find("u_lane") != std::string::npos);
    CHECK(vcd.find("#2000") != std::string::npos);
    std::remove(path.c_str());
}
