// Pin-level behaviour of docs/pin-interface.md, cycle by cycle: reset values, latency,
// throughput, back-pressure, combinational in_ready_o, idle_o, configuration writes (only while
// idle, sticky cfg_err_o, CLEAR_ERROR always, out-of-range and unmapped writes ignored), a write
// and an input in the same cycle, reset in mid-stream, and that the checker catches errors.
#include "tests/systemc/sc_test_util.hpp"

using namespace gqalut;
using namespace gqalut::test;

namespace {

unit::PinsIn idle_pins() { return unit::PinsIn{}; }
unit::PinsIn write_pins(uint32_t addr, int64_t data) {
    unit::PinsIn p;
    p.cfg_we = true;
    p.cfg_addr = addr;
    p.cfg_wdata = static_cast<uint64_t>(data);
    return p;
}
unit::PinsIn input_pins(int64_t q, int k, bool out_ready = true) {
    unit::PinsIn p;
    p.in_valid = true;
    p.out_ready = out_ready;
    p.in = {static_cast<uint64_t>(q) & ((uint64_t(1) << k) - 1)};
    return p;
}
int64_t acc_value(i128 word, int w) { return sign_extend(static_cast<uint64_t>(word), w); }

// tick() call i returns the pins before edge i and drives new pins after it, so what call i
// drives is sampled at edge i+1 and its effect shows in the pins call i+2 returns.
// Writes one register and returns cfg_err_o as it is after the write.
bool write(unit::PinLevelUnit& u, uint32_t addr, int64_t data) {
    u.tick(write_pins(addr, data));
    u.tick(idle_pins());
    return u.tick(idle_pins()).cfg_err;
}
void clear_error(unit::PinLevelUnit& u) {
    u.tick(write_pins(reg::kClearError, 1));
    u.tick(idle_pins());
    u.tick(idle_pins());
}
// One element through an idle unit: its output word.
i128 one(unit::PinLevelUnit& u, int64_t q) {
    const int k = u.shape().in_width;
    u.tick(input_pins(q, k));
    for (int i = 0; i < 40; ++i) {
        const unit::PinsOut o = u.tick(idle_pins());
        if (o.out_valid) return o.out[0];
    }
    FAIL("no output");
    return 0;
}

}  // namespace

TEST_CASE("reset values: idle, ready, N = 1 with zero LUT, lambda = ParW-2", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(3);
    unit::PinsOut o = u.tick(idle_pins());
    CHECK(o.idle);
    CHECK(o.in_ready);
    CHECK_FALSE(o.out_valid);
    CHECK_FALSE(o.cfg_err);
    CHECK(one(u, 37) == 0);   // slope 0, intercept 0
    // slope[0] = 1: acc = q << (lo - lk) = q with lambda_k = lambda_b = 6.
    CHECK_FALSE(write(u, reg::kSlope, 1));
    CHECK(acc_value(one(u, 37), 25) == 37);
    CHECK(acc_value(one(u, -100), 25) == -100);
    // lambda_k = 0: lo = 6, acc = q << 6; intercept 3 at s = 0: 3 << (0 + 6 - 6).
    CHECK_FALSE(write(u, reg::kLambdaK, 0));
    CHECK_FALSE(write(u, reg::kIntercept, 3));
    CHECK(acc_value(one(u, 5), 25) == (5 << 6) + 3);
    CHECK_FALSE(write(u, reg::kScale, 2));   // intercept shift s + lo - lb = 2
    CHECK(acc_value(one(u, 5), 25) == (5 << 6) + (3 << 2));
}

TEST_CASE("latency is 3 cycles and throughput one vector per cycle", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    REQUIRE(u.latency() == 3);
    u.reset(2);
    write(u, reg::kSlope, 1);
    // Call 0 drives the element; the edge of call 1 accepts it; the output is valid after
    // edge 1 + 3 and so seen before the edge of call 5.
    std::vector<unit::PinsOut> seen;
    seen.push_back(u.tick(input_pins(11, 8)));
    for (int i = 0; i < 8; ++i) seen.push_back(u.tick(idle_pins()));
    CHECK(seen[1].in_ready);
    for (int i = 0; i < 9; ++i) CHECK(seen[static_cast<size_t>(i)].out_valid == (i == 5));
    CHECK(acc_value(seen[5].out[0], 25) == 11);
    CHECK(seen[1].idle);          // before the accepting edge
    CHECK_FALSE(seen[2].idle);    // in flight
    CHECK_FALSE(seen[5].idle);
    CHECK(seen[6].idle);

    // Back to back: 20 inputs, 20 consecutive outputs in order.
    std::vector<int64_t> outs;
    for (int i = 0; i < 30; ++i) {
        const unit::PinsOut o = u.tick(i < 20 ? input_pins(i - 10, 8) : idle_pins());
        if (i >= 1 && i < 21) CHECK(o.in_ready);
        if (o.out_valid) outs.push_back(acc_value(o.out[0], 25));
    }
    REQUIRE(outs.size() == 20);
    for (int i = 0; i < 20; ++i) CHECK(outs[static_cast<size_t>(i)] == i - 10);
}

TEST_CASE("back-pressure holds every stage and in_ready_o = !out_valid_o || out_ready_i", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    write(u, reg::kSlope, 1);
    // Call i returns the pins before edge i and drives the pins after it. The sink stalls from
    // the start: the input register and the three stages fill (4 elements), then in_ready_o
    // drops and everything holds.
    std::vector<unit::PinsOut> seen;
    for (int i = 0; i < 12; ++i) seen.push_back(u.tick(input_pins(10 + i, 8, false)));
    CHECK(seen[1].in_ready);
    CHECK(seen[4].in_ready);
    CHECK(seen[5].out_valid);
    for (int i = 5; i < 12; ++i) {
        CHECK(seen[static_cast<size_t>(i)].out_valid);
        CHECK_FALSE(seen[static_cast<size_t>(i)].in_ready);   // out_valid && !out_ready
        CHECK(acc_value(seen[static_cast<size_t>(i)].out[0], 25) == 10);   // held
    }
    // Release the sink, stop the input: exactly the four accepted elements come out in order.
    std::vector<int64_t> outs;
    bool ready_before = false;
    for (int i = 0; i < 10; ++i) {
        unit::PinsIn p = idle_pins();
        p.out_ready = true;
        const unit::PinsOut o = u.tick(p);
        CHECK(o.in_ready == (!o.out_valid || ready_before));   // follows out_ready_i at once
        if (o.out_valid && ready_before) outs.push_back(acc_value(o.out[0], 25));
        ready_before = true;
    }
    CHECK(outs == std::vector<int64_t>{10, 11, 12, 13});
    CHECK(u.tick(idle_pins()).idle);
    // A one-cycle stall in a full stream: in_ready_o low in exactly that cycle, nothing lost.
    std::vector<int64_t> outs2;
    bool drove_ready = true;
    for (int i = 0; i < 16; ++i) {
        unit::PinsIn p = i < 8 ? input_pins(i, 8, i != 6) : idle_pins();
        if (i >= 8) p.out_ready = true;
        const unit::PinsOut o = u.tick(p);
        if (i == 7) CHECK_FALSE(o.in_ready);   // out_valid and out_ready_i low (driven at call 6)
        if (o.out_valid && drove_ready) outs2.push_back(acc_value(o.out[0], 25));
        drove_ready = p.out_ready;
    }
    // Element 6 was driven for the cycle whose edge refused it (in_ready_o low); element 7 was
    // accepted at the next edge.
    CHECK(outs2 == std::vector<int64_t>{0, 1, 2, 3, 4, 5, 7});
}

TEST_CASE("configuration writes only while idle, cfg_err_o sticky, CLEAR_ERROR always", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    CHECK_FALSE(write(u, reg::kSlope, 1));
    // Fill the pipeline and stall the output so the unit stays busy.
    u.tick(input_pins(7, 8, false));
    for (int i = 0; i < 4; ++i) {
        unit::PinsIn p = idle_pins();
        p.out_ready = false;
        u.tick(p);
    }
    unit::PinsIn w = write_pins(reg::kSlope, 2);
    w.out_ready = false;
    const unit::PinsOut before = u.tick(w);
    CHECK_FALSE(before.idle);
    unit::PinsIn hold = idle_pins();
    hold.out_ready = false;
    CHECK_FALSE(u.tick(hold).cfg_err);   // the write is sampled at this edge
    CHECK(u.tick(hold).cfg_err);         // busy write refused
    CHECK(u.tick(hold).cfg_err);         // sticky
    unit::PinsIn clr = write_pins(reg::kClearError, 0);
    clr.out_ready = false;
    u.tick(clr);
    CHECK(u.tick(hold).cfg_err);
    CHECK_FALSE(u.tick(hold).cfg_err);   // cleared even though busy
    // Drain: the element was computed with slope 1; the refused write changed nothing.
    unit::PinsOut o;
    for (int i = 0; i < 3; ++i) {
        o = u.tick(idle_pins());
        if (o.out_valid) break;
    }
    REQUIRE(o.out_valid);
    CHECK(acc_value(o.out[0], 25) == 7);
    u.tick(idle_pins());
    CHECK(acc_value(one(u, 7), 25) == 7);
}

TEST_CASE("out-of-range and unmapped writes are ignored and set cfg_err_o", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    struct Case {
        uint32_t addr;
        int64_t value;
        bool ok;
    };
    const Case cases[] = {
        {reg::kNEntries, 0, false}, {reg::kNEntries, 33, false}, {reg::kNEntries, -1, false}, {reg::kNEntries, 32, true},
        {reg::kNEntries, 1, true},  {reg::kScale, 8, false},     {reg::kScale, -1, false},    {reg::kScale, 7, true},
        {reg::kScale, 0, true},     {reg::kLambdaK, 9, false},   {reg::kLambdaB, -1, false},  {reg::kLambdaK, 8, true},
        {reg::kLambdaK, 6, true},   {reg::kRqEnable, 2, true},   {reg::kRqEnable, 0, true},   {reg::kRqFrac, 17, false},
        {reg::kRqFrac, -9, false},  {reg::kRqFrac, 16, true},    {reg::kRqFrac, -8, true},    {reg::kRqFrac, 0, true},
        {reg::kBreakpoint + 30, 5, true}, {reg::kBreakpoint + 31, 5, false},   // BP[j], j < MaxEntries-1
        {reg::kSlope + 31, 0, true},      {reg::kSlope + 32, 0, false},
        {reg::kIntercept + 32, 0, false}, {0x7FF, 0, false},
        {reg::kFunc, 0, false},           {reg::kSubRangeLo, 0, false},         // scaler registers: unmapped here
        {reg::kReduce, 0, false},         {reg::kOctave, 0, false},
        {reg::kNEntries, int64_t(1) << 32 | 4, false},                          // range checks use the whole value
        {reg::kSymmetry, 5, false},       {reg::kSymmetry, -1, false},          // the datapath options
        {reg::kSymmetry, int64_t(1) << 32, false}, {reg::kSymmetry, 4, true},   {reg::kSymmetry, 0, true},
        {reg::kIcptMode, 2, true},        {reg::kIcptMode, 0, true},            // one-bit: bit 0
        {reg::kCenter, 1000, true},       {reg::kCenter, 0, true},              // codes: the low bits
        {reg::kClampLo, -256, true},      {reg::kClampHi, 255, true},           // the reset values
        {reg::kOrigin, 7, true},          {0x00E, 0, false},                    {0x007, 0, false},
    };
    for (const auto& c : cases) {
        INFO("addr " << c.addr << " value " << c.value);
        CHECK(write(u, c.addr, c.value) == !c.ok);
        clear_error(u);
    }
    // None of the refused writes changed anything: N = 1, slope 0 -> output 0 ... after the
    // accepted ones above (N = 1, s = 0, lambda_k = 6, rq off, BP[30] = 5).
    CHECK(one(u, 100) == 0);
}

TEST_CASE("an element accepted with a write in the same cycle sees the new value", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    CHECK_FALSE(write(u, reg::kSlope, 1));
    unit::PinsIn both = input_pins(9, 8);
    both.cfg_we = true;
    both.cfg_addr = reg::kSlope;
    both.cfg_wdata = 3;
    u.tick(both);
    unit::PinsOut o;
    for (int i = 0; i < 6 && !o.out_valid; ++i) o = u.tick(idle_pins());
    REQUIRE(o.out_valid);
    CHECK_FALSE(o.cfg_err);
    CHECK(acc_value(o.out[0], 25) == 27);
}

TEST_CASE("reset in mid-stream empties the pipeline and restores the registers", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    write(u, reg::kSlope, 1);
    for (int i = 0; i < 3; ++i) u.tick(input_pins(i + 1, 8));
    unit::PinsIn r = idle_pins();
    r.rst_n = false;
    u.tick(r);
    u.tick(idle_pins());
    for (int i = 0; i < 6; ++i) {
        const unit::PinsOut o = u.tick(idle_pins());
        CHECK_FALSE(o.out_valid);
        CHECK(o.idle);
    }
    CHECK(one(u, 55) == 0);   // LUT back to its reset value
}

TEST_CASE("the checker reports mismatches (wrong reference)", "[protocol]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    const PwlTable t = reference_table("gelu_pwl_7.json");
    REQUIRE(u.configure(config_writes(t, 3, u.shape())));
    const auto inputs = sim::make_inputs(t, 3, u.shape(), {true, 0}, 1);
    const auto wrong = sim::golden_reference(t, 4, u.shape(), {});
    const sim::StreamStats r = sim::check_stream(u, inputs, *wrong, {0.2, 0.2, 1});
    CHECK(r.compared == 256);
    CHECK(r.mismatches > 50);
    CHECK_FALSE(r.first.empty());
}

TEST_CASE("fp32 unit registers: INT-only and scaler registers are unmapped", "[protocol][fp32]") {
    unit::PinLevelUnit& u = cycle_unit(fp32_shape());
    u.reset(2);
    CHECK(write(u, reg::kScale, 0));
    clear_error(u);
    CHECK(write(u, reg::kLambdaK, 6));
    clear_error(u);
    CHECK(write(u, reg::kFunc, 0));
    clear_error(u);
    for (uint32_t a : {reg::kSymmetry, reg::kClampLo, reg::kIcptMode, reg::kReduce}) {
        CHECK(write(u, a, 0));
        clear_error(u);
    }
    CHECK_FALSE(write(u, reg::kSlope, 0x3F800000));   // slope 1.0
    CHECK_FALSE(write(u, reg::kIntercept, 0x40000000));   // intercept 2.0
    CHECK(static_cast<uint32_t>(one(u, 0x40400000)) == 0x40A00000u);   // 1*3 + 2 = 5
    CHECK(u.latency() == 3);
}

TEST_CASE("scaler unit registers: ranges of IN_FRAC, OUT_FRAC, SR_SHIFT, one-bit FUNC and PRESET", "[protocol][scaler]") {
    unit::PinLevelUnit& u = cycle_unit(scaler_shape());
    u.reset(2);
    CHECK(write(u, reg::kScale, 0));
    clear_error(u);
    CHECK(write(u, reg::kRqEnable, 0));
    clear_error(u);
    for (auto [addr, bad, good] : std::vector<std::tuple<uint32_t, int64_t, int64_t>>{
             {reg::kInFrac, 33, 16}, {reg::kOutFrac, 33, 24}, {reg::kInFrac, -1, 0},
             {reg::kSubRangeShift + 3, 33, -32}, {reg::kSubRangeShift, -33, 0}, {reg::kReduce, 4, 3},
             {reg::kReduce, -1, 0}}) {
        INFO("addr " << addr);
        CHECK(write(u, addr, bad));
        clear_error(u);
        CHECK_FALSE(write(u, addr, good));
    }
    CHECK(write(u, reg::kSubRangeLo + 4, 0));   // only 4 sub-ranges
    clear_error(u);
    for (uint32_t a : {reg::kSymmetry, reg::kCenter, reg::kClampLo, reg::kClampHi, reg::kIcptMode, reg::kOrigin}) {
        CHECK(write(u, a, 0));                   // the INT unit's options: unmapped here
        clear_error(u);
    }
    CHECK_FALSE(write(u, reg::kFunc, 2));       // one-bit registers take bit 0
    CHECK_FALSE(write(u, reg::kPreset, 3));
}
