#include "tlm/pwl_accelerator.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <sstream>

#include <tlm_utils/tlm_quantumkeeper.h>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"
#include "model/range_scaler.hpp"
#include "model/unit/elements.hpp"
#include "tlm/accelerator_units.hpp"
#include "tlm/config.hpp"
#include "tlm/messages.hpp"

namespace gqalut::vp {

using namespace acc;
using unit::UnitJob;

namespace {

constexpr unsigned kMaxBurstBytes = 1u << 20;

void bad_param(const std::string& what) { SC_REPORT_ERROR(msg::kParams, what.c_str()); }

void check_params(const std::string& who, const PwlAccelerator::Params& p) {
    if (p.lanes < 1 || p.lanes > 64) bad_param(who + ": lanes " + std::to_string(p.lanes) + " outside 1..64");
    // At least 1 kHz: the cycles of the longest job, times a slower clock's period, overflowed
    // SystemC's 64-bit picosecond time (1e-300 MHz reported 9.2e15 ns for 50435 cycles).
    if (!std::isfinite(p.clock_mhz) || !(p.clock_mhz >= 0.001) || p.clock_mhz > 1e5)
        bad_param(who + ": clock_mhz " + show_number(p.clock_mhz) + " outside [0.001, 100000]");
    if (p.dma_burst_bytes < 1 || p.dma_burst_bytes > kMaxBurstBytes)
        bad_param(who + ": dma_burst_bytes " + std::to_string(p.dma_burst_bytes) + " outside 1.." + std::to_string(kMaxBurstBytes));
    if (p.job_buffer_bytes < 1) bad_param(who + ": job_buffer_bytes must be at least 1");
    if (p.log_level < sc_core::SC_NONE || p.log_level > sc_core::SC_DEBUG)
        bad_param(who + ": log_level " + std::to_string(p.log_level) + " outside 0..500 (SC_NONE..SC_DEBUG)");
}

// --- parameters by name (run-time configuration, tlm/config.hpp) ------------------------------

template <class T>
T number(const std::string& v, const char* what) {
    size_t used = 0;
    try {
        if constexpr (std::is_floating_point_v<T>) {
            const double d = std::stod(v, &used);
            if (used == v.size()) return static_cast<T>(d);
        } else if constexpr (std::is_signed_v<T>) {
            const long long i = std::stoll(v, &used, 0);   // in T's range: 4294967297 lanes is not 1
            if (used == v.size() && i >= std::numeric_limits<T>::min() && i <= std::numeric_limits<T>::max())
                return static_cast<T>(i);
        } else {
            const unsigned long long u = std::stoull(v, &used, 0);
            if (used == v.size() && v.find('-') == std::string::npos && u <= std::numeric_limits<T>::max()) return static_cast<T>(u);
        }
    } catch (const std::exception&) {
    }
    throw BadInput("'" + v + "' is not " + what);
}

struct NamedParam {
    const char* name;
    void (*set)(PwlAccelerator::Params&, const std::string&);
};

const NamedParam kNamedParams[] = {
    {"model", [](PwlAccelerator::Params& p, const std::string& v) { p.model = v; }},
    {"lanes", [](PwlAccelerator::Params& p, const std::string& v) { p.lanes = number<int>(v, "a lane count"); }},
    {"clock_mhz", [](PwlAccelerator::Params& p, const std::string& v) { p.clock_mhz = number<double>(v, "a clock in MHz"); }},
    {"register_latency_ns",
     [](PwlAccelerator::Params& p, const std::string& v) {
         const double ns = number<double>(v, "a latency in ns");
         if (!(ns >= 0) || ns > 1e9) throw BadInput("'" + v + "' is not a latency in [0, 1e9] ns");
         p.register_latency = sc_core::sc_time(ns, sc_core::SC_NS);
     }},
    {"dma_burst_bytes",
     [](PwlAccelerator::Params& p, const std::string& v) { p.dma_burst_bytes = number<unsigned>(v, "a byte count"); }},
    {"job_buffer_bytes",
     [](PwlAccelerator::Params& p, const std::string& v) { p.job_buffer_bytes = number<uint64_t>(v, "a byte count"); }},
    {"log_level",
     [](PwlAccelerator::Params& p, const std::string& v) {
         p.log_level = parse_log_level(v);
         if (p.log_level < 0) throw BadInput("'" + v + "' is not a log level (none, low, medium, high, full, debug or 0..500)");
     }},
};

void bad_config(const std::string& what) { SC_REPORT_ERROR(msg::kConfig, what.c_str()); }

// p with the settings the configuration holds for `who`.
PwlAccelerator::Params configured(const std::string& who, PwlAccelerator::Params p) {
    std::vector<Config::Setting> settings;
    try {
        settings = Config::global().take(who);
    } catch (const BadInput& e) {
        bad_config(e.what());
    }
    for (const auto& s : settings) {
        const NamedParam* np = nullptr;
        for (const auto& n : kNamedParams)
            if (s.parameter == n.name) np = &n;
        if (!np) {
            std::string known;
            for (const auto& n : kNamedParams) known += (known.empty() ? "" : ", ") + std::string(n.name);
            bad_config(s.origin + ": " + who + " has no parameter '" + s.parameter + "' (parameters: " + known + ")");
            continue;
        }
        try {
            np->set(p, s.value);
        } catch (const BadInput& e) {
            bad_config(s.origin + ": " + who + "." + s.parameter + ": " + e.what());
        }
    }
    return p;
}

std::string hex(uint64_t v) {
    std::ostringstream os;
    os << "0x" << std::hex << v;
    return os.str();
}

}  // namespace

PwlAccelerator::PwlAccelerator(sc_core::sc_module_name name, const Params& p)
    : sc_module(name),
      target_socket("target_socket"),
      dma_socket("dma_socket"),
      irq_o("irq_o"),
      params_(p),
      id_(regs_, "ID", kId, 4, kIdValue, Access::read_only),
      version_(regs_, "VERSION", kVersion, 4, kVersionValue, Access::read_only),
      ctrl_(regs_, "CTRL", kCtrl, 4, 0, Access::read_write),
      status_(regs_, "STATUS", kStatus, 4, 0, Access::write_1_to_clear),
      cfg_mode_(regs_, "CFG_MODE", kCfgMode, 4, mode_int8, Access::read_write),
      cfg_entries_(regs_, "CFG_ENTRIES", kCfgEntries, 4, kEntriesReset, Access::read_write),
      cfg_scale_(regs_, "CFG_SCALE", kCfgScale, 4, 0, Access::read_write),
      cfg_lambda_(regs_, "CFG_LAMBDA", kCfgLambda, 4, kLambdaReset, Access::read_write),
      cfg_requant_(regs_, "CFG_REQUANT", kCfgRequant, 4, 0, Access::read_write),
      cfg_scaler_(regs_, "CFG_SCALER", kCfgScaler, 4, kScalerReset, Access::read_write),
      cfg_datapath_(regs_, "CFG_DATAPATH", kCfgDatapath, 4, 0, Access::read_write),
      cfg_center_(regs_, "CFG_CENTER", kCfgCenter, 4, 0, Access::read_write),
      cfg_range_lo_(regs_, "CFG_RANGE_LO", kCfgRangeLo, 8, 0, Access::read_write),
      cfg_range_hi_(regs_, "CFG_RANGE_HI", kCfgRangeHi, 8, 0, Access::read_write),
      src_addr_(regs_, "SRC_ADDR", kSrcAddr, 8, 0, Access::read_write),
      dst_addr_(regs_, "DST_ADDR", kDstAddr, 8, 0, Access::read_write),
      length_(regs_, "LENGTH", kLength, 4, 0, Access::read_write),
      error_code_(regs_, "ERROR_CODE", kErrorCode, 4, err_none, Access::read_only),
      perf_cycles_(regs_, "PERF_CYCLES", kPerfCycles, 8, 0, Access::read_only),
      perf_elements_(regs_, "PERF_ELEMENTS", kPerfElements, 8, 0, Access::read_only),
      perf_energy_(regs_, "PERF_ENERGY_FJ", kPerfEnergy, 8, 0, Access::read_only),
      bp_(regs_, "BP", kLutBreakpoint, kMaxEntries - 1, 8, 0, Access::read_write),
      slope_(regs_, "SLOPE", kLutSlope, kMaxEntries, 8, 0, Access::read_write),
      icpt_(regs_, "ICPT", kLutIntercept, kMaxEntries, 8, 0, Access::read_write),
      dma_(dma_socket, p.dma_burst_bytes) {
    params_ = configured(this->name(), p);
    check_params(this->name(), params_);
    dma_.set_burst_bytes(params_.dma_burst_bytes);
    try {
        units_ = std::make_unique<AcceleratorUnits>(params_.model, params_.lanes, params_.clock_mhz * 1e6);
    } catch (const BadInput& e) {
        bad_param(std::string(this->name()) + ": model: " + e.what());
    }
    target_socket.register_b_transport(this, &PwlAccelerator::b_transport);
    target_socket.register_transport_dbg(this, &PwlAccelerator::transport_dbg);
    dma_socket.register_invalidate_direct_mem_ptr(this, &PwlAccelerator::invalidate_direct_mem_ptr);

    ctrl_.on_write(this, &PwlAccelerator::write_ctrl);
    status_.on_write(this, &PwlAccelerator::write_status);
    status_.on_read(this, &PwlAccelerator::read_status);
    for (Register* r : {&cfg_mode_, &cfg_entries_, &cfg_scale_, &cfg_lambda_, &cfg_requant_, &cfg_scaler_,
                        &cfg_datapath_, &cfg_center_, &cfg_range_lo_, &cfg_range_hi_, &src_addr_, &dst_addr_, &length_})
        r->on_write(this, &PwlAccelerator::write_frozen);
    for (RegisterArray* a : {&bp_, &slope_, &icpt_}) a->on_write(this, &PwlAccelerator::write_frozen);

    SC_HAS_PROCESS(PwlAccelerator);
    SC_THREAD(worker);
    SC_METHOD(drive_irq);
    sensitive << irq_event_;
    dont_initialize();
}

PwlAccelerator::~PwlAccelerator() = default;

void PwlAccelerator::end_of_elaboration() {
    // Settings that named no module are a misspelt instance: reported once per process.
    static bool checked = false;
    if (checked) return;
    checked = true;
    const std::vector<std::string> left = Config::global().not_taken();
    if (!left.empty()) bad_config("no module takes the setting " + left.front() + (left.size() > 1 ? " (and " + std::to_string(left.size() - 1) + " more)" : ""));
}

void PwlAccelerator::set_clock_mhz(double mhz) {
    Params p = params_;
    p.clock_mhz = mhz;
    check_params(name(), p);
    params_.clock_mhz = mhz;
    units_->set_clock_hz(mhz * 1e6);
}

void PwlAccelerator::set_log_level(int level) {
    Params p = params_;
    p.log_level = level;
    check_params(name(), p);
    params_.log_level = level;
}

void PwlAccelerator::log(const char* type, int verbosity, const std::string& text) const {
    log_info(*this, type, verbosity, params_.log_level, text);
}

// --- registers ------------------------------------------------------------------------------

bool PwlAccelerator::write_ctrl(Register& r, uint64_t v) {
    if (v & kCtrlSoftReset) {
        reset();
        return true;
    }
    r.set(v & kCtrlIrqEnable);
    if (v & kCtrlClearPerf) {
        perf_cycles_.set(0);
        perf_elements_.set(0);
        perf_energy_.set(0);
    }
    if (v & kCtrlStart) start_job();
    update_irq();
    return true;
}

bool PwlAccelerator::write_status(Register& r, uint64_t v) {
    r.set(v & (kStatusDone | kStatusError));
    update_irq();
    return true;
}

uint64_t PwlAccelerator::read_status(const Register& r) const { return r.value() | (busy_ ? kStatusBusy : 0u); }

bool PwlAccelerator::write_frozen(Register& r, uint64_t v) {
    if (busy_) {
        fail(err_busy_write);
        return false;
    }
    r.set(v);
    return true;
}

void PwlAccelerator::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    access_delay_ = delay + params_.register_latency;   // when this access takes effect
    gp.set_response_status(regs_.access(gp, false));
    delay += params_.register_latency;
    if (params_.log_level >= sc_core::SC_DEBUG) {
        const Register* r = regs_.find(gp.get_address());
        uint64_t v = 0;
        if (gp.get_data_length() <= 8) std::memcpy(&v, gp.get_data_ptr(), gp.get_data_length());
        log(msg::kRegisters, sc_core::SC_DEBUG,
            std::string(gp.is_write() ? "write " : gp.is_read() ? "read " : "ignore ") + (r ? r->name() + " " : "") +
                hex(gp.get_address()) + " = " + hex(v) + ": " + gp.get_response_string());
    }
}

unsigned int PwlAccelerator::transport_dbg(tlm::tlm_generic_payload& gp) {
    if (!gp.is_read()) return 0;   // debug writes would bypass the access rules
    const unsigned len = gp.get_data_length();
    unsigned done = 0;
    for (; done + 4 <= len; done += 4) {
        tlm::tlm_generic_payload one;
        one.set_read();
        one.set_address(gp.get_address() + done);
        one.set_data_ptr(gp.get_data_ptr() + done);
        one.set_data_length(4);
        one.set_streaming_width(4);
        if (regs_.access(one, true) != tlm::TLM_OK_RESPONSE) break;
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return done;
}

// --- jobs -----------------------------------------------------------------------------------

namespace {

// The configuration registers' values at START.
struct ConfigRegs {
    uint64_t mode, entries, scale, lambda, requant, scaler, datapath, center, range_lo, range_hi;
};

// The INT unit's options (docs/register-map.md, CFG_DATAPATH): the table fields whose option
// registers at scale s (PwlTable::mode_for_scale) are what CFG_DATAPATH, CFG_CENTER and the
// range describe. Throws BadInput for values no table gives.
void set_int_options(PwlTable& t, int s, const ConfigRegs& c) {
    const uint64_t sym = kDatapathSymmetry.get(c.datapath);
    if (sym > sym_shifted) throw BadInput("CFG_DATAPATH symmetry " + std::to_string(sym) + " outside 0..4");
    DatapathOptions& o = t.datapath;
    o.symmetry = static_cast<Symmetry>(sym);
    o.clamp = kDatapathClamp.get(c.datapath) != 0;
    o.intercept = kDatapathRelative.get(c.datapath) ? InterceptMode::relative : InterceptMode::absolute;
    if (o.symmetry == Symmetry::point) {
        o.center = static_cast<int32_t>(static_cast<uint32_t>(c.center));
        if (!t.params.param_format(0).fits(o.center))
            throw BadInput("CFG_CENTER " + std::to_string(o.center) + " does not fit signed " + std::to_string(t.params.width) + " bits");
    }
    if (!o.clamp && o.intercept == InterceptMode::absolute) return;   // the range is not used
    // The range's codes are operand codes: the input code's range, or [0, 2^(k-1)] folded.
    const bool folded = o.folded();
    const int64_t lo = static_cast<int64_t>(c.range_lo), hi = static_cast<int64_t>(c.range_hi);
    const int64_t least = folded ? 0 : t.params.min_code(), most = t.params.top_operand(folded);
    if (folded && lo != 0) throw BadInput("CFG_RANGE_LO " + std::to_string(lo) + " is not 0 with symmetry folding");
    for (int64_t v : {lo, hi})
        if (v < least || v > most)
            throw BadInput("CFG_RANGE code " + std::to_string(v) + " outside [" + std::to_string(least) + ", " + std::to_string(most) + "]");
    if (lo > hi) throw BadInput("CFG_RANGE_LO " + std::to_string(lo) + " above CFG_RANGE_HI " + std::to_string(hi));
    // Codes at scale s are exact binary fractions: mode_for_scale(s) gives them back.
    t.range_lo = std::ldexp(static_cast<double>(lo), -s);
    t.range_hi = std::ldexp(static_cast<double>(hi), -s);
}

// The scaler unit's function and formats (CFG_SCALER). Throws BadInput.
void set_scaler(PwlTable& t, uint64_t scaler) {
    static const char* const kReduced[] = {"", "exp2", "log2", "exp"};
    const uint64_t reduce = kScalerReduce.get(scaler);
    if (reduce > reduce_exp) throw BadInput("CFG_SCALER reduction " + std::to_string(reduce) + " outside 0..3");
    ScalerSpec spec;
    if (reduce == reduce_none) {
        t.function = kScalerFunction.get(scaler) ? "rsqrt" : "div";
        spec.preset = kScalerPreset.get(scaler) ? "normalize" : "paper";
        // OCTAVE acts on RSQRT with the leading one only (numeric-definition.md §6).
        if (t.function == "rsqrt" && kScalerPreset.get(scaler) && kScalerOctave.get(scaler)) spec.preset = "octave";
    } else {
        t.function = kReduced[reduce];
        spec.preset = "reduce";
    }
    const ScalerFunc f = parse_scaler_func(t.function);
    spec.input = FixFormat{32, static_cast<int>(kScalerInFrac.get(scaler)), scaler_input_signed(f)};
    spec.output = FixFormat{32, static_cast<int>(kScalerOutFrac.get(scaler)), scaler_output_signed(f)};
    t.scaler = spec;
    t.params.input_signed = false;
}

// The job the registers describe; throws BadInput when they describe none.
UnitJob job_from(const ConfigRegs& c, const RegisterArray& bp, const RegisterArray& slope, const RegisterArray& icpt) {
    UnitJob job;
    PwlTable& t = job.table;
    const uint64_t mode = c.mode, n = c.entries;
    if (mode > mode_scaler) throw BadInput("CFG_MODE " + std::to_string(mode) + " is not a datapath");
    if (n < 1 || n > static_cast<uint64_t>(kMaxEntries))
        throw BadInput("CFG_ENTRIES " + std::to_string(n) + " outside 1.." + std::to_string(kMaxEntries));
    t.entries = static_cast<int>(n);
    t.method = "registers";
    if (mode == mode_fp32) {
        t.precision = Precision::fp32;
        for (uint64_t j = 0; j + 1 < n; ++j) t.fp32.breakpoints.push_back(f32_from_bits(static_cast<uint32_t>(bp[j].value())));
        for (uint64_t i = 0; i < n; ++i) {
            t.fp32.slopes.push_back(f32_from_bits(static_cast<uint32_t>(slope[i].value())));
            t.fp32.intercepts.push_back(f32_from_bits(static_cast<uint32_t>(icpt[i].value())));
        }
        return job;
    }
    t.precision = mode == mode_int16 ? Precision::int16 : mode == mode_int32 ? Precision::int32 : Precision::int8;
    t.params = default_int_params(t.precision);
    t.params.lambda_k = static_cast<int>(kLambdaK.get(c.lambda));
    t.params.lambda_b = static_cast<int>(kLambdaB.get(c.lambda));
    LutCodes lut;
    for (uint64_t j = 0; j + 1 < n; ++j) lut.breakpoints.push_back(static_cast<int64_t>(bp[j].value()));
    for (uint64_t i = 0; i < n; ++i) {
        lut.slopes.push_back(static_cast<int64_t>(slope[i].value()));
        lut.intercepts.push_back(static_cast<int64_t>(icpt[i].value()));
    }
    if (mode == mode_scaler) {
        set_scaler(t, c.scaler);
        job.scale = RangeScaler(t.function, *t.scaler, t.params).core_frac();   // checks the formats
    } else {
        job.scale = static_cast<int>(c.scale);
        job.rq.enable = kRequantEnable.get(c.requant) != 0;
        job.rq.out_frac = static_cast<int8_t>(kRequantOutFrac.get(c.requant));
        set_int_options(t, job.scale, c);
    }
    t.scales = {job.scale};
    t.per_scale[job.scale] = lut;
    return job;
}

}  // namespace

void PwlAccelerator::start_job() {
    if (busy_) return fail(err_busy_start);
    const uint64_t n = length_.value();
    if (n == 0) return fail(err_length_zero);
    UnitJob job;
    try {
        const ConfigRegs c{cfg_mode_.value(),    cfg_entries_.value(), cfg_scale_.value(),    cfg_lambda_.value(),
                           cfg_requant_.value(), cfg_scaler_.value(),  cfg_datapath_.value(), cfg_center_.value(),
                           cfg_range_lo_.value(), cfg_range_hi_.value()};
        job = job_from(c, bp_, slope_, icpt_);
        const GoldenUnit probe(job.table, job.scale, units_->shape(job.table), job.rq);   // checks codes and widths
        (void)probe;
    } catch (const BadInput& e) {
        log(msg::kAccelerator, sc_core::SC_LOW, std::string("configuration refused: ") + e.what());
        return fail(err_config);
    }
    const UnitShape shape = units_->shape(job.table);
    const uint64_t per_element = unit::input_element_bytes(shape) + unit::output_element_bytes(shape, job.rq.enable);
    if (n > params_.job_buffer_bytes / per_element) {
        log(msg::kAccelerator, sc_core::SC_LOW,
            "LENGTH " + std::to_string(n) + " needs more than the job buffer's " + std::to_string(params_.job_buffer_bytes) + " bytes");
        return fail(err_too_long);
    }
    pending_ = std::make_unique<UnitJob>(std::move(job));
    error_code_.set(err_none);
    busy_ = true;
    start_pending_ = true;
    start_at_ = sc_core::sc_time_stamp() + access_delay_;
    start_event_.notify(access_delay_);
}

void PwlAccelerator::fail(Error e) {
    error_code_.set(e);
    status_.set(status_.value() | kStatusError);
    update_irq();
}

void PwlAccelerator::update_irq() {
    irq_level_ = (ctrl_.value() & kCtrlIrqEnable) && (status_.value() & (kStatusDone | kStatusError));
    irq_event_.notify(sc_core::SC_ZERO_TIME);
}

// The one process that drives irq_o: register accesses come from other threads.
void PwlAccelerator::drive_irq() { irq_o.write(irq_level_); }

void PwlAccelerator::reset() {
    ++epoch_;
    regs_.reset();
    busy_ = false;
    start_pending_ = false;
    start_event_.cancel();
    dma_.forget();
    dma_.dmi_accesses = dma_.bus_accesses = dma_.dmi_requests = 0;
    units_->abort();   // a pin-level unit stops streaming at its next clock edge
    update_irq();
}

void PwlAccelerator::worker() {
    tlm_utils::tlm_quantumkeeper qk;
    for (;;) {
        // A START may arrive while a job dropped by a reset is still winding down: the flag
        // keeps it until this thread is back here.
        while (!start_pending_) sc_core::wait(start_event_);
        start_pending_ = false;
        const UnitJob job = *pending_;
        qk.reset();
        const sc_core::sc_time now = sc_core::sc_time_stamp();
        if (start_at_ > now) qk.set(start_at_ - now);   // the START write's annotated delay
        run_job(job, epoch_, qk);
    }
}

void PwlAccelerator::run_job(const UnitJob& job, uint64_t epoch, tlm_utils::tlm_quantumkeeper& qk) {
    const uint64_t n = length_.value(), src = src_addr_.value(), dst = dst_addr_.value();
    unit::Unit* u = nullptr;
    try {
        u = &units_->unit_for(job.table);
    } catch (const BadInput& e) {
        log(msg::kAccelerator, sc_core::SC_LOW, std::string("configuration refused by the unit: ") + e.what());
        return finish(epoch, err_config, qk);
    }
    const UnitShape& shape = u->shape();
    const unsigned ib = unit::input_element_bytes(shape), ob = unit::output_element_bytes(shape, job.rq.enable);
    log(msg::kAccelerator, sc_core::SC_MEDIUM,
        "job of " + std::to_string(n) + " " + shape.name() + " elements from " + hex(src) + " to " + hex(dst));
    const auto dropped = [this, epoch] { return epoch != epoch_; };
    // Every input is read before any output is written: in-place and overlapping buffers work,
    // and a read error leaves the destination as it was.
    in_.resize(n * ib);
    out_.resize(n * ob);
    if (!dma_.transfer(tlm::TLM_READ_COMMAND, src, in_.data(), in_.size(), qk, dropped)) {
        log(msg::kAccelerator, sc_core::SC_LOW, "DMA read error");
        return finish(epoch, err_dma_read, qk);
    }
    qk.sync();   // pin-level units simulate in SystemC time from here
    const sc_core::sc_time before = sc_core::sc_time_stamp();
    const uint64_t cycle0 = u->cycle();
    if (!u->load(job)) {
        log(msg::kAccelerator, sc_core::SC_LOW, "the unit refused a configuration write (cfg_err_o)");
        return finish(epoch, err_config, qk);
    }
    if (dropped()) return;   // a reset while the unit was loading
    u->run_elements(in_.data(), ib, out_.data(), ob, n);
    const uint64_t cycles = u->cycle() - cycle0;   // reset and configuration included
    if (sc_core::sc_time_stamp() == before) qk.inc(clock_period() * static_cast<double>(cycles));
    const double energy_pj = unit::run_energy_pj(*u, n, job.table);
    if (dropped()) return;
    if (!dma_.transfer(tlm::TLM_WRITE_COMMAND, dst, out_.data(), out_.size(), qk, dropped)) {
        log(msg::kAccelerator, sc_core::SC_LOW, "DMA write error");
        return finish(epoch, err_dma_write, qk);
    }
    if (dropped()) return;
    perf_cycles_.set(perf_cycles_.value() + cycles);
    perf_elements_.set(perf_elements_.value() + n);
    perf_energy_.set(perf_energy_.value() + static_cast<uint64_t>(energy_pj * 1000.0 + 0.5));
    log(msg::kAccelerator, sc_core::SC_MEDIUM, std::to_string(n) + " elements, " + std::to_string(cycles) + " cycles");
    finish(epoch, err_none, qk);
}

void PwlAccelerator::finish(uint64_t epoch, Error e, tlm_utils::tlm_quantumkeeper& qk) {
    qk.sync();
    if (epoch != epoch_) return;   // reset meanwhile: the start state stays
    busy_ = false;
    if (e == err_none) status_.set(status_.value() | kStatusDone);
    else fail(e);
    update_irq();
}

}  // namespace gqalut::vp
