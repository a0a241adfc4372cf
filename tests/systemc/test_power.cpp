// The power monitor: every block counts its actions per element, and the cost model turns the
// counts into area, energy per element and power.
#include "model/cost/cost_model.hpp"
#include "tests/systemc/sc_test_util.hpp"

using namespace gqalut;
using namespace gqalut::test;

TEST_CASE("power monitor counts LUT reads, compares, shifts, multiplies, adds, register bits", "[power]") {
    unit::PinLevelUnit& u = cycle_unit(int_shape(8));
    u.reset(2);
    const PwlTable t = reference_table("gelu_pwl_7.json");   // N = 8
    const auto writes = config_writes(t, 3, u.shape());
    u.clear_activity();
    REQUIRE(u.configure(writes));
    const auto inputs = sim::make_inputs(t, 3, u.shape(), {true, 0}, 1);
    const auto ref = sim::golden_reference(t, 3, u.shape(), {});
    const sim::StreamStats r = sim::check_stream(u, inputs, *ref, {0, 0, 1});
    REQUIRE(r.mismatches == 0);
    const auto a = u.activity();
    REQUIRE(a);
    auto count = [&](const char* block, cost::Action x) {
        const cost::BlockActivity* b = a->find(block);
        return b ? b->count[static_cast<size_t>(x)] : -1.0;
    };
    const double n = 256;
    CHECK(a->elements == n);
    CHECK(a->cycles >= n);
    CHECK(count("lut", cost::Action::lut_read) == n);
    CHECK(count("comparators", cost::Action::compare) == n * 7);
    CHECK(count("shift", cost::Action::shift) == n);
    CHECK(count("mac", cost::Action::multiply) == n);
    CHECK(count("mac", cost::Action::add) == n);
    CHECK(count("requantizer", cost::Action::requantize) == 0);
    CHECK(count("control", cost::Action::cfg_write) == static_cast<double>(writes.size()));
    CHECK(count("options", cost::Action::operand) == 0);   // no option in use
    CHECK(count("options", cost::Action::fix) == 0);
    // Input, index (q, the (k+1)-bit operand, the index), product of the (k+1)-bit operand +
    // shifted intercept + q for the symmetry fix, accumulator registers.
    CHECK(count("pipeline", cost::Action::reg_write) == n * (8 + (8 + 9 + 5) + (17 + 23 + 8) + 25));

    const cost::Constants& c = cost::default_constants();
    const cost::UnitStructure s = cost::structure(u.shape(), cost::Indexing::parallel, {}, c.ge);
    const cost::UnitCost cost = cost::evaluate(s, *a, c, 500e6);
    CHECK(cost.area_um2 > 0);
    CHECK(cost.energy_pj_per_element > 0);
    CHECK(cost.power_mw > 0);
    REQUIRE(cost.blocks.size() == s.blocks.size());
    double sum = 0;
    for (const auto& b : cost.blocks) sum += b.power_mw;
    CHECK(sum == Approx(cost.power_mw));
    std::printf("int8 n32 l1, gelu N=8 at s=3, 256 elements: area %.0f um^2, %.3f pJ/element, %.4f mW\n",
                cost.area_um2, cost.energy_pj_per_element, cost.power_mw);
}

TEST_CASE("toggle weighting: constant inputs switch less than random ones", "[power]") {
    unit::UnitOptions o;
    o.shape = int_shape(8);
    o.toggles = true;
    unit::PinLevelUnit& u = cycle_unit(o);
    u.reset(2);
    const PwlTable t = reference_table("gelu_pwl_7.json");
    REQUIRE(u.configure(config_writes(t, 3, u.shape())));
    const auto ref = sim::golden_reference(t, 3, u.shape(), {});
    const cost::Constants& c = cost::default_constants();
    const cost::UnitStructure s = cost::structure(u.shape(), cost::Indexing::parallel, {}, c.ge);
    auto energy = [&](const std::vector<uint64_t>& in) {
        u.clear_activity();
        REQUIRE(sim::check_stream(u, in, *ref, {0, 0, 1}).mismatches == 0);
        const auto a = u.activity();
        REQUIRE(a);
        CHECK(a->toggles);
        return cost::evaluate(s, *a, c, 500e6).energy_pj_per_element;
    };
    std::vector<uint64_t> same(4096, 0x35), rnd(4096);
    std::mt19937 rng(1);
    for (auto& w : rnd) w = rng() & 0xFF;
    CHECK(energy(same) < energy(rnd));
}
