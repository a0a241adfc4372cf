// gqalut cosim --table FILE [--inputs exhaustive|random:N] [--scale S|A..B|all] [--lanes L]
//              [--stall-in P] [--stall-out P] [--seed S] [--requantize SO] [--vcd PREFIX]
//              [--random-pins CYCLES] [--inject golden:E|rtl-config|rtl-stall:C] [--format text|json]
// Golden model, SystemC cycle model and Verilated RTL in lock-step (docs/rtl.md, docs/cli.md): one driver,
// identical pins into both models, every output pin compared every cycle, every delivered word
// against the golden model; the first mismatch with cycle, inputs and every level's output.
#include <cstdio>
#include <iostream>

#include "model/errors.hpp"
#include "model/table_io.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/outputs.hpp"
#include "sims/cli/trace_output.hpp"
#include "sims/tb/cosim.hpp"
#include "sims/cli/report.hpp"
#include "sims/cli/stream_options.hpp"
#include "sims/cli/word_values.hpp"
#include "sims/tb/stream_job.hpp"

namespace gqalut::cli {

namespace {

#ifdef GQALUT_HAVE_RTL

// A data mismatch with its words as signed real values.
void print_mismatch(const char* what, const sim::CosimReport& r, const sim::CosimMismatch& m, const WordValues& wv) {
    std::printf("%s: %s\n", what, r.describe(m).c_str());
    if (m.data && m.golden_known) std::printf("  as values: %s\n", wv.describe(m.input, m.golden, m.cycle_model, m.rtl, m.scale).c_str());
}

void add_values(nlohmann::json& list, const std::vector<sim::CosimMismatch>& first, const WordValues& wv) {
    for (size_t i = 0; i < first.size() && i < list.size(); ++i) {
        const auto& m = first[i];
        if (!m.data || !m.golden_known) continue;
        list[i]["values"] = {{"input", wv.input(m.input, m.scale)},
                             {"golden", wv.output(m.golden, m.scale)},
                             {"cycle", wv.output(m.cycle_model, m.scale)},
                             {"rtl", wv.output(m.rtl, m.scale)}};
    }
}

void print_text(const sim::CosimReport& r, const PwlTable& t, const std::string& table_path, uint64_t pin_cycles,
                const sim::CosimStats* random, bool rtl_sc, const WordValues& wv) {
    std::printf("cosim: golden vs SystemC cycle model vs Verilated RTL (%s), unit %s, latency %d cycles\n",
                rtl_sc ? "Verilator --sc model" : "--cc model in RtlScUnit", r.shape.name().c_str(), r.latency);
    std::printf("table %s: %s\n", table_path.c_str(), describe(t).c_str());
    std::printf("%6s %12s %11s %10s\n", "scale", "compared", "mismatches", "cycles");
    for (const auto& s : r.per_scale)
        std::printf("%6d %12llu %11llu %10llu\n", s.scale, static_cast<unsigned long long>(s.compared),
                    static_cast<unsigned long long>(s.mismatches), static_cast<unsigned long long>(s.cycles));
    const auto& tot = r.total;
    for (size_t i = 0; i < tot.first.size() && i < 5; ++i) print_mismatch(i == 0 ? "first mismatch" : "mismatch", r, tot.first[i], wv);
    if (r.cfg_error) std::printf("error: a configuration write was refused (cfg_err_o) or the models disagreed on it\n");
    if (tot.timed_out) std::printf("error: no progress for too long (handshake stuck)\n");
    if (tot.diverged) std::printf("error: a handshake pin differed; the run stopped there\n");
    std::printf("levels: golden %llu elements; cycle model %llu vs golden; rtl %llu vs golden; cycle vs rtl %llu data, "
                "%llu pin mismatches over %llu cycles\n",
                static_cast<unsigned long long>(tot.compared), static_cast<unsigned long long>(tot.cycle_vs_golden),
                static_cast<unsigned long long>(tot.rtl_vs_golden), static_cast<unsigned long long>(tot.cycle_vs_rtl),
                static_cast<unsigned long long>(tot.pin_mismatches), static_cast<unsigned long long>(pin_cycles));
    if (random)
        std::printf("random pins: %llu cycles, %llu writes accepted, %llu words compared (%llu not 0), %llu data and "
                    "%llu pin mismatches\n",
                    static_cast<unsigned long long>(random->pin_cycles),
                    static_cast<unsigned long long>(random->random_writes_accepted),
                    static_cast<unsigned long long>(random->compared),
                    static_cast<unsigned long long>(random->random_words_nonzero),
                    static_cast<unsigned long long>(random->cycle_vs_rtl),
                    static_cast<unsigned long long>(random->pin_mismatches));
    if (random)
        for (size_t i = 0; i < random->first.size() && i < 5; ++i)
            print_mismatch("random pins mismatch", r, random->first[i], wv);
    std::printf("total: %llu compared, %llu mismatches, %llu cycles, %.3f s, %.3g elements/s\n",
                static_cast<unsigned long long>(tot.compared), static_cast<unsigned long long>(tot.mismatches()),
                static_cast<unsigned long long>(tot.cycles), r.seconds, r.elements_per_second());
}
#endif

}  // namespace

int run_cosim(const Args& args) {
    std::string table_path, vcd, inject, format, rtl_kind;
    int lanes = 1, max_entries = 32;
    StreamOptions so;
    std::string random_pins_text;
    po::options_description desc("cosim options");
    desc.add_options()
        ("table", po::value<std::string>(&table_path)->required(), "table file")
        ("inputs", po::value<std::string>(&so.inputs), "exhaustive | random:N (default: exhaustive up to 16-bit inputs, else random:100000)")
        ("scale", po::value<std::string>(&so.scale)->default_value("all"), "INT tables: scale s, A..B, or all")
        ("lanes", po::value<int>(&lanes)->default_value(1), "lanes (Verilated: 1; INT8 also 8)")
        ("max-entries", po::value<int>(&max_entries)->default_value(32), "LUT depth MaxEntries (Verilated: 32)")
        ("stall-in", po::value<double>(&so.stall_in)->default_value(0), "probability the driver withholds an input per cycle")
        ("stall-out", po::value<double>(&so.stall_out)->default_value(0), "probability the sink stalls per cycle")
        ("seed", seed_value(&so.seed), "seed of random inputs and stalls")
        ("requantize", po::value<int>(&so.rq_frac), "INT: enable the requantizer, output fraction bits SO")
        ("vcd", po::value<std::string>(&vcd), "write PREFIX-cycle.vcd (SystemC: pins of both models, cycle-model state) and PREFIX-rtl.vcd (Verilated)")
        ("random-pins", po::value<std::string>(&random_pins_text)->default_value("0"), "then CYCLES of random pins (writes, resets, stalls): the two models' pins compared")
        ("rtl", po::value<std::string>(&rtl_kind)->default_value("cc"), "cc: the Verilated --cc model stepped in rtl::RtlScUnit (every Verilated shape); sc: Verilator's own pin-level SystemC model (int8_p8_n32_l1, no VCD)")
        ("inject", po::value<std::string>(&inject), "checker self-test: golden:E (wrong golden word for element E), rtl-config (RTL gets ICPT[0] ^ 1), rtl-stall:C (RTL's out_ready_i low from stream cycle C)");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm,
               "gqalut cosim --table FILE [--inputs exhaustive|random:N] [--scale S|all] [--lanes L] [--stall-in P] "
               "[--stall-out P] [--vcd PREFIX] [--format text|json]"))
        return kOk;
    const Format fmt = parse_format(format);
    check_unit_size(lanes, max_entries);
    check_stalls(so);
    const uint64_t random_pins = parse_count(random_pins_text, "--random-pins", uint64_t(1) << 32);
    if (rtl_kind != "cc" && rtl_kind != "sc") throw BadInput("--rtl: '" + rtl_kind + "' is neither cc nor sc");
    sim::CosimOptions opt;
    opt.rtl_sc = rtl_kind == "sc";
#ifdef GQALUT_HAVE_RTL
    if (vm.count("inject")) opt.inject = sim::parse_inject(inject);
#endif

    sim::SimJob job;
    job.table = load_table(table_path);
    const PwlTable& t = job.table;
    opt.shape = shape_for(t, max_entries, lanes);
    set_stream_job(job, opt.shape, so, vm);
#ifndef GQALUT_HAVE_RTL
    (void)fmt;
    throw BadInput("this gqalut was built without the Verilated RTL (configure with -DGQALUT_WITH_RTL=ON)");
#else
    bool known = false;
    for (const auto& s : sim::cosim_shapes()) known = known || s.name() == opt.shape.name();
    if (!known) throw BadInput("no Verilated RTL for " + opt.shape.name() + " (Verilated: " + sim::cosim_shape_list() + ")");
    std::unique_ptr<StagedTraces> traces;
    if (vm.count("vcd")) {
        check_vcd_prefix(vcd, {{"--table", table_path}});
        check_trace_length(job, opt.shape, static_cast<double>(random_pins));
        traces = std::make_unique<StagedTraces>(std::vector<std::string>{vcd + "-cycle.vcd", vcd + "-rtl.vcd"});
        opt.cycle_vcd = traces->path(0);
        opt.rtl_vcd = traces->path(1);
    }
    work_starts();

    sim::CosimSim& cs = sim::cosim_sim(opt);
    sim::CosimReport r = sim::run_cosim_job(cs, job, opt.inject);
    const uint64_t stream_pin_cycles = r.total.pin_cycles;
    sim::CosimStats random;
    if (random_pins > 0) {
        sim::RandomPinsConfig rc;
        rc.cycles = random_pins;
        rc.seed = so.seed;
        if (r.ok()) random = cs.random_pins(rc);   // from the last table's configuration on
    }
    if (traces) traces->commit();
    const bool ok = r.ok() && random.mismatches() == 0;
    const WordValues wv(t, r.shape, job.rq);
    if (fmt == Format::json) {
        nlohmann::json j = r.to_json();
        add_values(j["first_mismatches"], r.total.first, wv);
        if (!j["first_mismatch"].is_null()) j["first_mismatch"] = j["first_mismatches"][0];
        j["table"] = table_path;
        j["rtl"] = rtl_kind;
        j.update(table_summary(t));
        if (random_pins > 0) {
            sim::CosimReport rr;
            rr.shape = r.shape;
            rr.total = random;
            const nlohmann::json rj = rr.to_json();
            j["random_pins"] = {{"cycles", random.pin_cycles},
                                {"writes_accepted", random.random_writes_accepted},
                                {"words_compared", random.compared},
                                {"words_not_zero", random.random_words_nonzero},
                                {"data_mismatches", random.cycle_vs_rtl},
                                {"pin_mismatches", random.pin_mismatches},
                                {"first_mismatches", rj["first_mismatches"]}};
            add_values(j["random_pins"]["first_mismatches"], random.first, wv);
            j["mismatches"] = r.total.mismatches() + random.mismatches();
        }
        print_json(j);
    } else {
        print_text(r, t, table_path, stream_pin_cycles, random_pins > 0 ? &random : nullptr, opt.rtl_sc, wv);
    }
    return ok ? kOk : kMismatch;
#endif
}

namespace {
const RegisterCommand reg{{"cosim", "golden vs SystemC cycle model vs Verilated RTL in lock-step, first mismatch", run_cosim, 45}};
}  // namespace

}  // namespace gqalut::cli
