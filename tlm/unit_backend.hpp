// The pwl unit behind the accelerator's sockets, at one of three abstraction levels: golden
// (the C++ reference, fast functional), cycle (the SystemC unit) or rtl (the Verilated RTL).
// All three take the same configuration and must produce the same output words.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "model/unit_config.hpp"

namespace gqalut::vp {

// What the accelerator asks the unit to compute: a LUT load plus the input words.
struct UnitJob {
    PwlTable table;       // anonymous INT/FP32 table or a DIV/RSQRT scaler table
    int scale = 0;        // INT: input scale s
    RequantConfig rq;     // INT: requantizer
};

class UnitBackend {
public:
    virtual ~UnitBackend() = default;
    virtual std::string name() const = 0;
    // The unit shape used for a job (elaboration-time parameters of that datapath).
    virtual UnitShape shape(const PwlTable& t) const = 0;
    // Loads the configuration; throws BadInput if the unit cannot run it.
    virtual void load(const UnitJob& job) = 0;
    // Computes out[i] for in[i] (words as in docs/pin-interface.md). Called from an SC_THREAD:
    // cycle-level backends advance simulated time; the golden backend does not. Returns the
    // clock cycles the unit needed (measured, or the pipeline's count for golden).
    virtual uint64_t run(const std::vector<uint64_t>& in, std::vector<i128>& out) = 0;
    // The same on memory elements: n inputs of in_bytes each (little-endian) to n outputs of
    // out_bytes each (store_output()). The default converts to words and calls run().
    virtual uint64_t run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n,
                                  const UnitShape& shape);
    // Energy of the last run in picojoules (0 when no cost model is attached).
    virtual double last_energy_pj() const { return 0.0; }
    // The unit's clock (pin-level units: the period of their clock; golden counts cycles only).
    virtual void set_clock_mhz(double) {}
    // Ends a run in progress as soon as possible (a reset of the accelerator); its outputs are
    // then undefined.
    virtual void abort() {}
};

// Memory layout of elements: inputs little-endian words; output words sign-extended (INT
// accumulators and requantized codes are signed) or zero-extended (FP32 bits, scaler codes).
uint64_t load_input(const uint8_t* src, unsigned in_bytes);
// Element sizes in memory: inputs InW/8 bytes (FP32, scaler: 4); outputs 4 bytes except INT
// accumulators (4, 8 or 16 bytes by width) and requantized INT codes (InW/8 bytes).
unsigned input_element_bytes(const UnitShape& shape);
unsigned output_element_bytes(const UnitShape& shape, bool requantized);
void store_output(i128 word, const UnitShape& shape, unsigned out_bytes, uint8_t* dst);

// The golden backend: GoldenUnit over the whole job; cycles = latency + ceil(n / lanes);
// energy from the cost model's estimate for the job's unit shape.
class GoldenBackend : public UnitBackend {
public:
    GoldenBackend(int max_entries, int lanes, double energy_per_element_pj = 0.0)
        : max_entries_(max_entries), lanes_(lanes), energy_per_element_pj_(energy_per_element_pj) {}
    std::string name() const override { return "golden"; }
    UnitShape shape(const PwlTable& t) const override { return shape_for(t, max_entries_, lanes_); }
    void load(const UnitJob& job) override;
    uint64_t run(const std::vector<uint64_t>& in, std::vector<i128>& out) override;
    // INT8/INT16 inputs: one table lookup per element (the output of every input code is
    // computed once per configuration).
    uint64_t run_elements(const uint8_t* in, unsigned in_bytes, uint8_t* out, unsigned out_bytes, uint64_t n,
                          const UnitShape& shape) override;
    double last_energy_pj() const override { return last_energy_pj_; }
    // A fixed energy per element instead of the cost model's estimate for each job's shape.
    void set_energy_per_element_pj(double e) {
        energy_per_element_pj_ = e;
        annotate_energy_ = false;
    }

private:
    int max_entries_, lanes_;
    double energy_per_element_pj_;
    double last_energy_pj_ = 0;
    bool annotate_energy_ = true;
    uint64_t cycles(uint64_t n) const;
    std::unique_ptr<GoldenUnit> unit_;
    std::vector<uint8_t> table_;     // output element of every input code, for the last out_bytes
    unsigned table_out_bytes_ = 0;
};

// Pipeline latency of a unit kind (docs/pin-interface.md): 3 cycles, 4 with the scaler.
int unit_latency(UnitKind kind);

// Backends by name ("golden", and "cycle"/"rtl" when those levels are built in).
std::unique_ptr<UnitBackend> make_backend(const std::string& name, int max_entries, int lanes, double clock_mhz);
std::vector<std::string> backend_names();

// Levels other than golden register a factory at static initialisation.
using BackendFactory = std::unique_ptr<UnitBackend> (*)(int max_entries, int lanes, double clock_mhz);
struct RegisterBackend {
    RegisterBackend(const char* name, BackendFactory f);
};

}  // namespace gqalut::vp
