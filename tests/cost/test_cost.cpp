// The cost model: structure scales the right way, the committed constants are what the
// calibration to Table 6 produces, and every Table 6 row is predicted within 30% leave-one-out.
#include <catch2/catch.hpp>
#include <cmath>

#include "model/cost/calibration.hpp"
#include "model/errors.hpp"
#include "model/pwl_table.hpp"

using namespace gqalut;
using namespace gqalut::cost;

namespace {
UnitShape shape(Precision p, int m, int lanes = 1) {
    PaperRow r;
    r.precision = p;
    r.entries = m;
    UnitShape s = paper_shape(r);
    s.lanes = lanes;
    return s;
}
}  // namespace

TEST_CASE("Table 6 is embedded and parsed", "[cost]") {
    const auto& rows = default_table6();
    REQUIRE(rows.size() == 8);
    CHECK(rows[0].precision == Precision::int8);
    CHECK(rows[0].entries == 8);
    CHECK(rows[0].area_um2 == 961);
    CHECK(rows[0].power_mw == Approx(0.40));
    CHECK(rows[7].precision == Precision::fp32);
    CHECK_THROWS_AS(parse_table6_csv("precision,entries\nint8,8\n", "x.csv"), BadInput);
    CHECK_THROWS_AS(parse_table6_csv("precision,entries,area_um2,power_mw\nint8,8,-1,0.4\n", "x.csv"), BadInput);
    CHECK_THROWS_AS(parse_table6_csv("precision,entries,area_um2,power_mw\nint9,8,1,0.4\n", "x.csv"), BadInput);
}

TEST_CASE("the committed constants are the calibration of Table 6", "[cost]") {
    const Constants& c = default_constants();
    const Constants fit = calibrate(default_table6(), c);
    CHECK(fit.um2_per_ff_bit == Approx(c.um2_per_ff_bit).epsilon(1e-9));
    CHECK(fit.um2_per_ge == Approx(c.um2_per_ge).epsilon(1e-9));
    CHECK(fit.um2_per_ge_fp == Approx(c.um2_per_ge_fp).epsilon(1e-9));
    CHECK(fit.pj_per_ff_bit_cycle == Approx(c.pj_per_ff_bit_cycle).epsilon(1e-9));
    CHECK(fit.pj_per_ge == Approx(c.pj_per_ge).epsilon(1e-9));
    CHECK(fit.pj_per_ge_fp == Approx(c.pj_per_ge_fp).epsilon(1e-9));
    CHECK(c.provenance.contains("source"));
    CHECK(c.provenance.contains("method"));
    CHECK(c.provenance.contains("date"));
    // JSON round trip.
    const Constants back = constants_from_json(to_json(c));
    CHECK(back.um2_per_ge == c.um2_per_ge);
    CHECK(back.ge.mul_bit2 == c.ge.mul_bit2);
}

TEST_CASE("leave-one-out: every Table 6 row within 30% on area and power", "[cost]") {
    const Constants& c = default_constants();
    for (const RowCheck& r : validate(default_table6(), c, c)) {
        INFO(to_string(r.row.precision) << " N=" << r.row.entries << " area " << r.area_um2 << " (LOO " << r.loo_area_um2
                                        << ") vs " << r.row.area_um2 << ", power " << r.power_mw << " (LOO "
                                        << r.loo_power_mw << ") vs " << r.row.power_mw);
        CHECK(std::fabs(r.loo_area_error()) < 0.30);
        CHECK(std::fabs(r.loo_power_error()) < 0.30);
        CHECK(std::fabs(r.area_error()) < 0.30);
        CHECK(std::fabs(r.power_error()) < 0.30);
    }
}

TEST_CASE("structure grows with entries, width and lanes, and the lanes share the LUT", "[cost]") {
    const Constants& c = default_constants();
    auto area = [&](const UnitShape& s, Indexing ix = Indexing::parallel) { return estimate(s, ix, 0, c).area_um2; };
    CHECK(area(shape(Precision::int8, 16)) > area(shape(Precision::int8, 8)));
    CHECK(area(shape(Precision::int16, 8)) > area(shape(Precision::int8, 8)));
    CHECK(area(shape(Precision::int32, 8)) > area(shape(Precision::int16, 8)));
    const double l1 = area(shape(Precision::int8, 32, 1)), l8 = area(shape(Precision::int8, 32, 8));
    CHECK(l8 > 2 * l1);
    CHECK(l8 < 8 * l1);
    // Uniform segments: no comparators and no breakpoint registers.
    const UnitStructure u = structure(shape(Precision::int8, 32), Indexing::uniform);
    CHECK(u.find("comparators") == nullptr);
    CHECK(u.find("index") != nullptr);
    CHECK(area(shape(Precision::int8, 32), Indexing::uniform) < area(shape(Precision::int8, 32)));
    // Binary search: fewer comparators, more latency.
    const UnitStructure b = structure(shape(Precision::int32, 64), Indexing::binary_search);
    const UnitStructure p = structure(shape(Precision::int32, 64), Indexing::parallel);
    CHECK(b.find("comparators")->ge < p.find("comparators")->ge);
    CHECK(b.latency == 2 + 6);
    CHECK(p.latency == 3);
    CHECK(unit_latency(shape(Precision::int8, 32), Indexing::parallel) == 3);
    // FP32 has no shifter; the scaler unit has a scaler and a requantizer.
    CHECK(structure(shape(Precision::fp32, 8)).find("shift") == nullptr);
    const UnitStructure ss = structure(scaler_shape());
    CHECK(ss.find("scaler") != nullptr);
    CHECK(ss.find("requantizer") != nullptr);
    CHECK(ss.latency == 4);
}

TEST_CASE("the RSQRT octave's constant multiplier is priced in the scaler block", "[cost][octave]") {
    const Constants& c = default_constants();
    StructureOptions with, without;
    without.octave = false;
    const UnitStructure a = structure(scaler_shape(8), Indexing::parallel, with);
    const UnitStructure b = structure(scaler_shape(8), Indexing::parallel, without);
    CHECK(a.find("scaler")->ge > b.find("scaler")->ge);
    CHECK(a.find("scaler")->ge_per_action[static_cast<size_t>(Action::octave)] > 0);
    CHECK(b.find("scaler")->ge_per_action[static_cast<size_t>(Action::octave)] == 0);
    CHECK(a.ff_bits() > b.ff_bits());   // OCTAVE and the carried odd-exponent flag
    // An octave table's nominal activity charges the multiply (half the exponents are odd).
    TableActions oct;
    oct.octave = true;
    const Activity plain = nominal_activity(a, 8), odd = nominal_activity(a, 8, oct);
    CHECK(evaluate(a, odd, c).energy_pj_per_element > evaluate(a, plain, c).energy_pj_per_element);
    PwlTable t;
    t.scaler = ScalerSpec{};
    t.scaler->preset = "octave";
    CHECK(table_actions(t).octave);
    t.scaler->preset = "normalize";
    CHECK_FALSE(table_actions(t).octave);
    CHECK_FALSE(table6_structure().octave);
}

TEST_CASE("energy per element follows the activity", "[cost]") {
    const Constants& c = default_constants();
    const UnitStructure s = structure(shape(Precision::int8, 32));
    Activity few = nominal_activity(s, 4), many = nominal_activity(s, 32);
    CHECK(evaluate(s, many, c).energy_pj_per_element > evaluate(s, few, c).energy_pj_per_element);
    // Half the throughput: the clock energy is spread over half the elements.
    Activity half = nominal_activity(s, 32);
    half.cycles = 2;
    const UnitCost full = evaluate(s, many, c), slow = evaluate(s, half, c);
    CHECK(slow.energy_pj_per_element > full.energy_pj_per_element);
    CHECK(slow.power_mw < full.power_mw);
    // The activity overload of estimate() is evaluate() on the unit's structure.
    CHECK(estimate(shape(Precision::int8, 32), Indexing::parallel, half, c).energy_pj == Approx(slow.energy_pj));
    // Power at twice the clock: dynamic part doubles.
    CHECK(evaluate(s, many, c, 1e9).dynamic_mw == Approx(2 * full.dynamic_mw));
    // Toggle weighting: no toggles at all leaves only clock energy.
    Activity quiet = nominal_activity(s, 32);
    quiet.toggles = true;
    for (auto& b : quiet.blocks)
        for (size_t i = 0; i < kActions; ++i) {
            b.observed_bits[i] = 100;
            b.toggled_bits[i] = 0;
        }
    double clock = 0;
    const UnitCost q = evaluate(s, quiet, c);
    for (const auto& b : q.blocks) clock += b.clock_energy_pj;
    CHECK(q.energy_pj == Approx(clock));
}

TEST_CASE("constants files are validated", "[cost]") {
    CHECK_THROWS_AS(constants_from_json(nlohmann::json::parse(R"({"area": {"um2_per_ge": -1}})")), BadInput);
    CHECK_THROWS_AS(constants_from_json(nlohmann::json::parse(R"({"area": {"um2_per_ge": "x"}})")), BadInput);
    CHECK_THROWS_AS(load_constants("/nonexistent/cost.json"), BadInput);
    CHECK_THROWS_AS(parse_indexing("linear"), BadInput);
    CHECK(parse_indexing("binary") == Indexing::binary_search);
}
