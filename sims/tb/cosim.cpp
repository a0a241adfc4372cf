#include "sims/tb/cosim.hpp"

#include <chrono>
#include <sstream>
#include <stdexcept>

#include "model/errors.hpp"
#include "rtl/verilated/rtl_unit.hpp"
#include "sims/tb/cosim_factory.hpp"
#include "sims/tb/sc_process.hpp"

namespace gqalut::sim {

namespace {

uint64_t parse_count(const std::string& s, const std::string& what) {
    try {
        size_t used = 0;
        const unsigned long long v = std::stoull(s, &used);
        if (used == s.size() && !s.empty() && s[0] != '-') return v;
    } catch (const std::exception&) {
    }
    throw BadInput("--inject: '" + what + "' needs a count, got '" + s + "'");
}

std::string key_of(const CosimOptions& o) {
    return o.shape.name() + "/" + o.cycle_vcd + "/" + o.rtl_vcd + "/" + std::to_string(o.clock_hz) + "/" +
           std::to_string(static_cast<int>(o.inject.kind)) + "/" + std::to_string(o.inject.at) + (o.rtl_sc ? "/sc" : "");
}

nlohmann::json pins_json(const PinValues& p) {
    return {{"in_ready_o", p.in_ready}, {"out_valid_o", p.out_valid}, {"idle_o", p.idle}, {"cfg_err_o", p.cfg_err}};
}

std::string pins_text(const PinValues& p) {
    std::ostringstream s;
    s << "in_ready_o=" << p.in_ready << " out_valid_o=" << p.out_valid << " idle_o=" << p.idle
      << " cfg_err_o=" << p.cfg_err;
    return s.str();
}

}  // namespace

CosimInject parse_inject(const std::string& s) {
    CosimInject in;
    if (s == "rtl-config") {
        in.kind = CosimInject::Kind::rtl_config;
        return in;
    }
    if (s.rfind("golden:", 0) == 0) {
        in.kind = CosimInject::Kind::golden;
        in.at = parse_count(s.substr(7), "golden:E");
        return in;
    }
    if (s.rfind("rtl-stall:", 0) == 0) {
        in.kind = CosimInject::Kind::rtl_stall;
        in.at = parse_count(s.substr(10), "rtl-stall:C");
        return in;
    }
    throw BadInput("--inject: '" + s + "' is none of golden:E, rtl-config, rtl-stall:C");
}

void CosimStats::add(const CosimStats& o) {
    compared += o.compared;
    cycles += o.cycles;
    pin_cycles += o.pin_cycles;
    cycle_vs_golden += o.cycle_vs_golden;
    rtl_vs_golden += o.rtl_vs_golden;
    cycle_vs_rtl += o.cycle_vs_rtl;
    element_mismatches += o.element_mismatches;
    pin_mismatches += o.pin_mismatches;
    random_writes_accepted += o.random_writes_accepted;
    random_words_nonzero += o.random_words_nonzero;
    timed_out = timed_out || o.timed_out;
    diverged = diverged || o.diverged;
    for (const auto& m : o.first)
        if (first.size() < 16) first.push_back(m);
}

std::vector<UnitShape> cosim_shapes() {
    // Every Verilated configuration: cosim_*_shapes.cpp pair each with its cycle model.
    return rtl::rtl_shapes();
}

std::string cosim_shape_list() {
    std::string list;
    for (const auto& s : cosim_shapes()) list += (list.empty() ? "" : ", ") + s.name();
    return list;
}

CosimSim& cosim_sim(const CosimOptions& o) {
    bool known = false;
    for (const auto& s : cosim_shapes()) known = known || (s.name() == o.shape.name() && s.core_width == o.shape.core_width);
    if (!known)
        throw BadInput("no Verilated RTL for " + o.shape.name() + " (Verilated: " + cosim_shape_list() + ")");
    if (o.rtl_sc && o.shape.name() != rtl::sc_model_shape())
        throw BadInput("--rtl sc: no Verilated --sc model for " + o.shape.name() + " (built: " + rtl::sc_model_shape() + ")");
    if (o.rtl_sc && !(o.cycle_vcd.empty() && o.rtl_vcd.empty()))
        throw BadInput("--vcd: the --sc model is built without tracing (use --rtl cc)");
    return elaborate_once<CosimSim>("the cosim of " + key_of(o), [&] {
        std::unique_ptr<CosimSim> s = o.rtl_sc ? make_sc_cosim(o) : make_int_cosim(o);
        if (!s && !o.rtl_sc) s = make_other_cosim(o);
        if (!s) throw BadInput("no Verilated RTL for " + o.shape.name() + " (Verilated: " + cosim_shape_list() + ")");
        return s;
    });
}

CosimReport run_cosim_job(CosimSim& sim, const SimJob& job, const CosimInject& inject) {
    CosimReport r;
    r.shape = sim.shape();
    r.latency = sim.latency();
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    sim.reset(2);
    r.seconds += std::chrono::duration<double>(clock::now() - t0).count();
    bool first = true;
    for (int s : job.scales) {
        const std::vector<CfgWrite> writes = config_writes(job.table, s, r.shape, job.rq);
        const std::vector<uint64_t> inputs =
            make_inputs(job.table, s, r.shape, job.inputs, job.stalls.seed + static_cast<uint64_t>(s));
        const auto ref = golden_reference(job.table, s, r.shape, job.rq);
        StallConfig st = job.stalls;
        st.seed = job.stalls.seed * 1000003u + static_cast<uint64_t>(s);
        const uint64_t flip = first && inject.kind == CosimInject::Kind::golden ? inject.at : ~uint64_t(0);
        t0 = clock::now();
        CosimStats cs;
        const bool configured = sim.configure(writes);
        if (configured) cs = sim.stream(inputs, *ref, st, flip);
        else cs = sim.take_pending();
        r.seconds += std::chrono::duration<double>(clock::now() - t0).count();
        for (auto& m : cs.first) m.scale = s;
        r.per_scale.push_back({s, cs.compared, cs.mismatches(), cs.cycles});
        r.total.add(cs);
        if (!configured) {
            r.cfg_error = true;
            break;
        }
        if (cs.timed_out || cs.diverged) break;
        first = false;
    }
    return r;
}

std::string CosimReport::describe(const CosimMismatch& m) const {
    const int iw = shape.in_width, ow = shape.out_width();
    std::ostringstream s;
    s << "cycle " << m.cycle << " (" << m.phase << " cycle " << m.stream_cycle;
    if (shape.kind == UnitKind::int_unit) s << ", scale " << m.scale;
    s << "): " << m.pin << " differs";
    if (m.data) {
        if (m.golden_known)
            s << ": element " << m.element << " lane " << m.lane << " input " << hex_word(static_cast<i128>(m.input), iw)
              << ": golden " << hex_word(m.golden, ow) << ", cycle " << hex_word(m.cycle_model, ow) << ", rtl "
              << hex_word(m.rtl, ow);
        else
            s << ": lane " << m.lane << ": cycle " << hex_word(m.cycle_model, ow) << ", rtl " << hex_word(m.rtl, ow);
        if (m.vector_inputs.size() > 1) {
            s << " (vector inputs";
            for (uint64_t w : m.vector_inputs) s << " " << hex_word(static_cast<i128>(w), iw);
            s << ")";
        }
    }
    if (!m.data || m.pin != "out_data_o") {
        s << "; cycle model " << pins_text(m.cycle_pins) << "; rtl " << pins_text(m.rtl_pins);
        s << "; driven before the edge: rst_ni=" << m.driven.rst_n << " in_valid_i=" << m.driven.in_valid
          << " in_data_i=";
        for (size_t l = 0; l < m.driven.in.size(); ++l)
            s << (l ? "," : "") << hex_word(static_cast<i128>(m.driven.in[l]), iw);
        s << " out_ready_i=" << m.driven.out_ready << " cfg_we_i=" << m.driven.cfg_we;
        if (m.driven.cfg_we)
            s << " cfg_addr_i=" << hex_word(m.driven.cfg_addr, 12) << " cfg_wdata_i=" << hex_word(static_cast<i128>(m.driven.cfg_wdata), 64);
    }
    return s.str();
}

nlohmann::json CosimReport::to_json() const {
    const int iw = shape.in_width, ow = shape.out_width();
    nlohmann::json j;
    j["model"] = "cosim";
    j["levels_compared"] = {"golden", "cycle", "rtl"};
    j["unit"] = shape.name();
    j["latency"] = latency;
    j["compared"] = total.compared;
    j["mismatches"] = total.mismatches();
    j["cycles"] = total.cycles;
    j["seconds"] = seconds;
    j["elements_per_second"] = elements_per_second();
    j["cfg_error"] = cfg_error;
    j["timed_out"] = total.timed_out;
    j["diverged"] = total.diverged;
    j["levels"] = {
        {"golden", {{"elements", total.compared}}},
        {"cycle", {{"compared", total.compared}, {"mismatches_vs_golden", total.cycle_vs_golden}}},
        {"rtl", {{"compared", total.compared}, {"mismatches_vs_golden", total.rtl_vs_golden}}},
    };
    j["cycle_vs_rtl"] = {{"data_mismatches", total.cycle_vs_rtl},
                         {"pin_mismatches", total.pin_mismatches},
                         {"pin_cycles_compared", total.pin_cycles}};
    j["element_mismatches"] = total.element_mismatches;
    j["pin_mismatches"] = total.pin_mismatches;
    nlohmann::json ps = nlohmann::json::object();
    for (const auto& s : per_scale)
        ps[std::to_string(s.scale)] = {{"compared", s.compared}, {"mismatches", s.mismatches}, {"cycles", s.cycles}};
    j["per_scale"] = ps;
    nlohmann::json mm = nlohmann::json::array();
    for (const auto& m : total.first) {
        nlohmann::json e = {{"cycle", m.cycle},
                            {"phase", m.phase},
                            {"phase_cycle", m.stream_cycle},
                            {"scale", m.scale},
                            {"pin", m.pin},
                            {"pins", {{"cycle", pins_json(m.cycle_pins)}, {"rtl", pins_json(m.rtl_pins)}}},
                            {"description", describe(m)}};
        nlohmann::json in = nlohmann::json::array();
        for (uint64_t w : m.driven.in) in.push_back(hex_word(static_cast<i128>(w), iw));
        e["driven"] = {{"rst_ni", m.driven.rst_n}, {"in_valid_i", m.driven.in_valid}, {"in_data_i", in},
                       {"out_ready_i", m.driven.out_ready}, {"cfg_we_i", m.driven.cfg_we},
                       {"cfg_addr_i", m.driven.cfg_addr}, {"cfg_wdata_i", hex_word(static_cast<i128>(m.driven.cfg_wdata), 64)}};
        if (m.data) {
            e["lane"] = m.lane;
            e["cycle_output"] = hex_word(m.cycle_model, ow);
            e["rtl_output"] = hex_word(m.rtl, ow);
            if (m.golden_known) {
                e["element"] = m.element;
                e["input"] = hex_word(static_cast<i128>(m.input), iw);
                nlohmann::json vin = nlohmann::json::array();
                for (uint64_t w : m.vector_inputs) vin.push_back(hex_word(static_cast<i128>(w), iw));
                e["vector_inputs"] = vin;
                e["golden_output"] = hex_word(m.golden, ow);
            }
        }
        mm.push_back(e);
    }
    j["first_mismatch"] = mm.empty() ? nlohmann::json() : mm[0];
    j["first_mismatches"] = mm;
    return j;
}

}  // namespace gqalut::sim
