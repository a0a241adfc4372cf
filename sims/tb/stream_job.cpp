#include "sims/tb/stream_job.hpp"

#include <chrono>

#include "model/errors.hpp"
#include "sims/tb/sc_process.hpp"

namespace gqalut::sim {

namespace {
cost::Constants& constants_slot() {
    static cost::Constants c = cost::default_constants();
    return c;
}
}  // namespace

void set_cost_constants(const cost::Constants& c) { constants_slot() = c; }
const cost::Constants& cost_constants() { return constants_slot(); }

cost::UnitCost nominal_cost(const UnitShape& shape, cost::Indexing ix, int active_entries, double clock_hz, bool requantizer) {
    cost::StructureOptions o;
    o.requantizer = requantizer;
    const cost::Constants& c = cost_constants();
    const cost::UnitStructure s = cost::structure(shape, ix, o, c.ge);
    return cost::evaluate(s, cost::nominal_activity(s, active_entries), c, clock_hz);
}

unit::Unit& process_unit(const unit::Level& level, const unit::UnitOptions& o) {
    const std::string key = "the " + level.name + " model " + o.shape.name() + "/" + cost::to_string(o.indexing) + "/" + o.vcd +
                            "/" + (o.toggles ? "t" : "-") + "/" + std::to_string(o.clock_hz);
    return elaborate_once<unit::Unit>(key, [&] { return level.make(o); });
}

SimReport run_stream_job(unit::Unit& u, const SimJob& job, double clock_hz, const std::string& model) {
    SimReport r;
    r.model = model;
    r.shape = u.shape();
    r.indexing = u.indexing();
    r.latency = u.latency();
    u.clear_activity();
    // Timed: reset, configuration and streaming with the checker; not the preparation of the
    // golden reference.
    using clock = std::chrono::steady_clock;
    for (int s : job.scales) {
        const InputSet inputs(job.table, s, r.shape, job.inputs, job.stalls.seed + static_cast<uint64_t>(s));
        const auto ref = golden_reference(job.table, s, r.shape, job.rq);
        StallConfig st = job.stalls;
        st.seed = job.stalls.seed * 1000003u + static_cast<uint64_t>(s);
        const auto t0 = clock::now();
        if (!u.load({job.table, s, job.rq})) {
            r.cfg_error = true;
            break;
        }
        const StreamStats st_out = check_stream(u, inputs, *ref, st);
        r.seconds += std::chrono::duration<double>(clock::now() - t0).count();
        r.per_scale.push_back({s, st_out.compared, st_out.mismatches, st_out.cycles});
        r.compared += st_out.compared;
        r.mismatches += st_out.mismatches;
        r.cycles += st_out.cycles;
        for (const auto& m : st_out.first)
            if (r.first.size() < 16) r.first.push_back(m);
        if (st_out.timed_out) {
            r.timed_out = true;
            break;
        }
    }
    const cost::Constants& c = cost_constants();
    const bool rq = r.shape.kind == UnitKind::int_unit;   // the INT unit has the (runtime-enabled) requantizer
    if (auto a = u.activity()) {
        cost::StructureOptions o;
        o.requantizer = rq;
        r.cost = cost::evaluate(cost::structure(r.shape, r.indexing, o, c.ge), *a, c, clock_hz);
        r.activity = a->toggles ? "measured (toggle-weighted)" : "measured";
    } else {
        r.cost = nominal_cost(r.shape, r.indexing, job.table.entries, clock_hz, rq);
        r.activity = "nominal";
    }
    return r;
}

nlohmann::json SimReport::to_json() const {
    nlohmann::json j;
    j["model"] = model;
    j["unit"] = shape.name();
    j["indexing"] = cost::to_string(indexing);
    j["latency"] = latency;
    j["compared"] = compared;
    j["mismatches"] = mismatches;
    j["cycles"] = cycles;
    j["seconds"] = seconds;
    j["elements_per_second"] = elements_per_second();
    j["cfg_error"] = cfg_error;
    j["timed_out"] = timed_out;
    nlohmann::json ps = nlohmann::json::object();
    for (const auto& s : per_scale)
        ps[std::to_string(s.scale)] = {{"compared", s.compared}, {"mismatches", s.mismatches}, {"cycles", s.cycles}};
    j["per_scale"] = ps;
    nlohmann::json mm = nlohmann::json::array();
    const int ow = shape.out_width();
    for (const auto& m : first)
        mm.push_back({{"cycle", m.cycle},
                      {"element", m.element},
                      {"lane", m.lane},
                      {"input", hex_word(static_cast<i128>(m.input), shape.in_width)},
                      {"got", hex_word(m.got, ow)},
                      {"expected", hex_word(m.expected, ow)}});
    j["first_mismatches"] = mm;
    if (cost) {
        j["activity"] = activity;
        j["clock_hz"] = cost->clock_hz;
        j["area_um2"] = cost->area_um2;
        j["energy_pj_per_element"] = cost->energy_pj_per_element;
        j["power_mw"] = cost->power_mw;
        j["cost"] = cost->to_json();
    }
    return j;
}

}  // namespace gqalut::sim
