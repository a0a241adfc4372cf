#include "tlm/pwl_accelerator.hpp"

#include <cstring>
#include <iostream>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"

namespace gqalut::vp {

using namespace acc;

PwlAccelerator::PwlAccelerator(sc_core::sc_module_name name, const Params& p)
    : sc_module(name), target_socket("target_socket"), dma_socket("dma_socket"), irq_o("irq_o"), params_(p) {
    target_socket.register_b_transport(this, &PwlAccelerator::b_transport);
    target_socket.register_transport_dbg(this, &PwlAccelerator::transport_dbg);
    dma_socket.register_invalidate_direct_mem_ptr(this, &PwlAccelerator::invalidate_direct_mem_ptr);
    backend_ = make_backend(p.model, kMaxEntries, p.lanes);

    regs_.add("ID", kId, 4, kIdValue, Access::read_only);
    regs_.add("VERSION", kVersion, 4, kVersionValue, Access::read_only);
    ctrl_ = &regs_.add("CTRL", kCtrl, 4, 0, Access::read_write);
    status_ = &regs_.add("STATUS", kStatus, 4, 0, Access::write_1_to_clear);
    mode_ = &regs_.add("CFG_MODE", kCfgMode, 4, mode_int8, Access::read_write);
    entries_ = &regs_.add("CFG_ENTRIES", kCfgEntries, 4, 8, Access::read_write);
    scale_ = &regs_.add("CFG_SCALE", kCfgScale, 4, 0, Access::read_write);
    lambda_ = &regs_.add("CFG_LAMBDA", kCfgLambda, 4, 6 | (6 << 8), Access::read_write);
    requant_ = &regs_.add("CFG_REQUANT", kCfgRequant, 4, 0, Access::read_write);
    scaler_ = &regs_.add("CFG_SCALER", kCfgScaler, 4, (16u << 8) | (24u << 16), Access::read_write);
    src_ = &regs_.add("SRC_ADDR", kSrcAddr, 8, 0, Access::read_write);
    dst_ = &regs_.add("DST_ADDR", kDstAddr, 8, 0, Access::read_write);
    length_ = &regs_.add("LENGTH", kLength, 4, 0, Access::read_write);
    error_ = &regs_.add("ERROR_CODE", kErrorCode, 4, err_none, Access::read_only);
    perf_cycles_ = &regs_.add("PERF_CYCLES", kPerfCycles, 8, 0, Access::read_only);
    perf_elements_ = &regs_.add("PERF_ELEMENTS", kPerfElements, 8, 0, Access::read_only);
    perf_energy_ = &regs_.add("PERF_ENERGY_FJ", kPerfEnergy, 8, 0, Access::read_only);
    for (int i = 0; i < kMaxEntries; ++i) {
        if (i < kMaxEntries - 1)
            bp_.push_back(&regs_.add("BP" + std::to_string(i), kLutBreakpoint + 8 * static_cast<uint64_t>(i), 8, 0, Access::read_write));
        slope_.push_back(&regs_.add("SLOPE" + std::to_string(i), kLutSlope + 8 * static_cast<uint64_t>(i), 8, 0, Access::read_write));
        icpt_.push_back(&regs_.add("ICPT" + std::to_string(i), kLutIntercept + 8 * static_cast<uint64_t>(i), 8, 0, Access::read_write));
    }

    // Configuration, addresses, length and the LUT are frozen while a job runs.
    for (Register* r : {mode_, entries_, scale_, lambda_, requant_, scaler_, src_, dst_, length_})
        r->on_write = [this, r](uint64_t v) {
            if (!config_write_allowed()) return false;
            r->set(v);
            return true;
        };
    for (auto* group : {&bp_, &slope_, &icpt_})
        for (Register* r : *group)
            r->on_write = [this, r](uint64_t v) {
                if (!config_write_allowed()) return false;
                r->set(v);
                return true;
            };
    status_->on_read = [this] { return status_->value() | (busy_ ? kStatusBusy : 0u); };
    status_->on_write = [this](uint64_t v) {
        status_->set(v & (kStatusDone | kStatusError));
        update_irq();
        return true;
    };
    ctrl_->on_write = [this](uint64_t v) {
        if (v & kCtrlSoftReset) {
            reset();
            return true;
        }
        ctrl_->set(v & kCtrlIrqEnable);
        if (v & kCtrlClearPerf) {
            perf_cycles_->set(0);
            perf_elements_->set(0);
            perf_energy_->set(0);
        }
        if (v & kCtrlStart) {
            if (busy_) {
                fail(err_busy_start);
            } else if (length_->value() == 0) {
                fail(err_length_zero);
            } else {
                try {
                    pending_ = job_from_registers();
                    GoldenUnit probe(pending_.table, pending_.scale, backend_->shape(pending_.table), pending_.rq);
                    (void)probe;
                    error_->set(err_none);
                    busy_ = true;
                    start_event_.notify(sc_core::SC_ZERO_TIME);
                } catch (const BadInput& e) {
                    if (params_.log_level >= 1) std::cerr << this->name() << ": configuration refused: " << e.what() << "\n";
                    fail(err_config);
                }
            }
        }
        update_irq();
        return true;
    };
    SC_HAS_PROCESS(PwlAccelerator);
    SC_THREAD(worker);
    SC_METHOD(drive_irq);
    sensitive << irq_event_;
    dont_initialize();
}

void PwlAccelerator::set_energy_per_element_pj(double pj) {
    if (auto* g = dynamic_cast<GoldenBackend*>(backend_.get())) g->set_energy_per_element_pj(pj);
}

bool PwlAccelerator::config_write_allowed() {
    if (!busy_) return true;
    fail(err_busy_write);
    return false;
}

void PwlAccelerator::fail(Error e) {
    error_->set(e);
    status_->set(status_->value() | kStatusError);
    update_irq();
}

void PwlAccelerator::update_irq() {
    irq_level_ = (ctrl_->value() & kCtrlIrqEnable) && (status_->value() & (kStatusDone | kStatusError));
    irq_event_.notify(sc_core::SC_ZERO_TIME);
}

// The one process that drives irq_o: register accesses come from other threads.
void PwlAccelerator::drive_irq() { irq_o.write(irq_level_); }

void PwlAccelerator::reset() {
    ++epoch_;
    regs_.reset();
    busy_ = false;
    dmi_valid_ = false;
    dmi_accesses_ = bus_accesses_ = 0;
    start_event_.cancel();
    update_irq();
}

UnitJob PwlAccelerator::job_from_registers() const {
    UnitJob job;
    PwlTable& t = job.table;
    const uint64_t mode = mode_->value();
    const uint64_t n = entries_->value();
    if (mode > mode_scaler) throw BadInput("CFG_MODE " + std::to_string(mode) + " is not a datapath");
    if (n < 1 || n > kMaxEntries) throw BadInput("CFG_ENTRIES " + std::to_string(n) + " outside 1.." + std::to_string(kMaxEntries));
    t.entries = static_cast<int>(n);
    t.method = "registers";
    if (mode == mode_fp32) {
        t.precision = Precision::fp32;
        for (uint64_t j = 0; j + 1 < n; ++j) t.fp32.breakpoints.push_back(f32_from_bits(static_cast<uint32_t>(bp_[j]->value())));
        for (uint64_t i = 0; i < n; ++i) {
            t.fp32.slopes.push_back(f32_from_bits(static_cast<uint32_t>(slope_[i]->value())));
            t.fp32.intercepts.push_back(f32_from_bits(static_cast<uint32_t>(icpt_[i]->value())));
        }
        return job;
    }
    t.precision = mode == mode_int16 ? Precision::int16 : mode == mode_int32 ? Precision::int32 : Precision::int8;
    t.params = default_int_params(t.precision);
    t.params.lambda_k = static_cast<int>(lambda_->value() & 0xFF);
    t.params.lambda_b = static_cast<int>((lambda_->value() >> 8) & 0xFF);
    LutCodes lut;
    for (uint64_t j = 0; j + 1 < n; ++j) lut.breakpoints.push_back(static_cast<int64_t>(bp_[j]->value()));
    for (uint64_t i = 0; i < n; ++i) {
        lut.slopes.push_back(static_cast<int64_t>(slope_[i]->value()));
        lut.intercepts.push_back(static_cast<int64_t>(icpt_[i]->value()));
    }
    if (mode == mode_scaler) {
        const uint64_t sc = scaler_->value();
        t.function = (sc & 1) ? "rsqrt" : "div";
        ScalerSpec spec;
        spec.preset = (sc & 2) ? "normalize" : "paper";
        spec.input = FixFormat{32, static_cast<int>((sc >> 8) & 0xFF), false};
        spec.output = FixFormat{32, static_cast<int>((sc >> 16) & 0xFF), false};
        t.scaler = spec;
        t.params.input_signed = false;
        job.scale = t.params.k - 3;
    } else {
        job.scale = static_cast<int>(scale_->value());
        job.rq.enable = requant_->value() & 1;
        job.rq.out_frac = static_cast<int8_t>((requant_->value() >> 8) & 0xFF);
    }
    t.scales = {job.scale};
    t.per_scale[job.scale] = lut;
    return job;
}

void PwlAccelerator::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    const tlm::tlm_response_status st = regs_.access(gp, false);
    if (params_.log_level >= 2)
        std::cerr << sc_core::sc_time_stamp() << " " << name() << (gp.is_write() ? " write " : " read ") << std::hex
                  << gp.get_address() << std::dec << " -> " << gp.get_response_string() << "\n";
    gp.set_response_status(st);
    delay += params_.register_latency;
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

void PwlAccelerator::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    if (dmi_valid_ && start <= dmi_.get_end_address() && end >= dmi_.get_start_address()) dmi_valid_ = false;
}

bool PwlAccelerator::dma(tlm::tlm_command cmd, uint64_t addr, uint8_t* data, uint64_t len,
                         tlm_utils::tlm_quantumkeeper& qk) {
    while (len > 0) {
        if (job_epoch_ != epoch_) return false;   // reset: stop touching memory
        if (!dmi_valid_) {
            tlm::tlm_generic_payload probe;
            probe.set_address(addr);
            probe.set_command(cmd);
            dmi_valid_ = dma_socket->get_direct_mem_ptr(probe, dmi_);
        }
        const bool in_dmi = dmi_valid_ && addr >= dmi_.get_start_address() && addr <= dmi_.get_end_address() &&
                            (cmd == tlm::TLM_READ_COMMAND ? dmi_.is_read_allowed() : dmi_.is_write_allowed());
        uint64_t chunk;
        if (in_dmi) {
            chunk = std::min<uint64_t>(len, dmi_.get_end_address() - addr + 1);
            uint8_t* mem = dmi_.get_dmi_ptr() + (addr - dmi_.get_start_address());
            if (cmd == tlm::TLM_READ_COMMAND) std::memcpy(data, mem, chunk);
            else std::memcpy(mem, data, chunk);
            const uint64_t bursts = (chunk + params_.dma_burst_bytes - 1) / params_.dma_burst_bytes;
            qk.inc((cmd == tlm::TLM_READ_COMMAND ? dmi_.get_read_latency() : dmi_.get_write_latency()) *
                   static_cast<double>(bursts));
            ++dmi_accesses_;
        } else {
            chunk = std::min<uint64_t>(len, params_.dma_burst_bytes);
            tlm::tlm_generic_payload gp;
            gp.set_command(cmd);
            gp.set_address(addr);
            gp.set_data_ptr(data);
            gp.set_data_length(static_cast<unsigned>(chunk));
            gp.set_streaming_width(static_cast<unsigned>(chunk));
            gp.set_byte_enable_ptr(nullptr);
            gp.set_dmi_allowed(false);
            gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            sc_core::sc_time t = qk.get_local_time();
            dma_socket->b_transport(gp, t);
            qk.set(t);
            ++bus_accesses_;
            if (gp.is_response_error()) return false;
        }
        addr += chunk;
        data += chunk;
        len -= chunk;
        if (qk.need_sync()) qk.sync();
    }
    return true;
}

void PwlAccelerator::worker() {
    tlm_utils::tlm_quantumkeeper qk;
    for (;;) {
        sc_core::wait(start_event_);
        const uint64_t epoch = job_epoch_ = epoch_;
        qk.reset();
        const UnitJob job = pending_;
        const uint64_t n = length_->value();
        const UnitShape shape = backend_->shape(job.table);
        const unsigned ib = input_element_bytes(shape), ob = output_element_bytes(shape, job.rq.enable);
        auto finish = [&](bool ok, Error e) {
            qk.sync();
            if (epoch != epoch_) return;   // reset meanwhile: the start state stays
            busy_ = false;
            if (ok) status_->set(status_->value() | kStatusDone);
            else fail(e);
            update_irq();
        };
        try {
            backend_->load(job);
        } catch (const BadInput& e) {
            if (params_.log_level >= 1) std::cerr << name() << ": " << e.what() << "\n";
            finish(false, err_config);
            continue;
        }
        // Streams in chunks so memory stays bounded for any LENGTH; each chunk is read whole
        // before its outputs are written (in-place jobs with equal element sizes work).
        const uint64_t chunk = uint64_t(1) << 16;
        std::vector<uint8_t> in(std::min(n, chunk) * ib), out(std::min(n, chunk) * ob);
        uint64_t cycles = 0;
        double energy_pj = 0;
        bool ok = true;
        Error err = err_none;
        for (uint64_t done = 0; done < n && ok; done += chunk) {
            const uint64_t m = std::min(chunk, n - done);
            if (!dma(tlm::TLM_READ_COMMAND, src_->value() + done * ib, in.data(), m * ib, qk)) {
                ok = false;
                err = err_dma_read;
                break;
            }
            qk.sync();   // cycle-level backends simulate in real SystemC time from here
            const sc_core::sc_time before = sc_core::sc_time_stamp();
            const uint64_t c = backend_->run_elements(in.data(), ib, out.data(), ob, m, shape);
            if (sc_core::sc_time_stamp() == before) qk.inc(clock_period() * static_cast<double>(c));
            cycles += c;
            energy_pj += backend_->last_energy_pj();
            if (!dma(tlm::TLM_WRITE_COMMAND, dst_->value() + done * ob, out.data(), m * ob, qk)) {
                ok = false;
                err = err_dma_write;
            }
        }
        if (epoch != epoch_) continue;   // reset during the job: drop it
        if (ok) {
            perf_cycles_->set(perf_cycles_->value() + cycles);
            perf_elements_->set(perf_elements_->value() + n);
            perf_energy_->set(perf_energy_->value() + static_cast<uint64_t>(energy_pj * 1000.0 + 0.5));
            if (params_.log_level >= 1)
                std::cerr << sc_core::sc_time_stamp() << " " << name() << ": " << n << " elements, " << cycles << " cycles\n";
        }
        finish(ok, err);
    }
}

}  // namespace gqalut::vp
