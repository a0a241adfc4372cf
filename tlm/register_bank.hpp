// Memory-mapped registers as named members: each Register (or RegisterArray) is a member of its
// module, built with its offset, size, reset value and access rule, and enrols itself in the
// module's RegisterBank, which decodes TLM generic payloads against them. Handlers are named
// methods of the module (`ctrl.on_write(this, &Module::write_ctrl)`).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tlm>

namespace gqalut::vp {

enum class Access {
    read_only,
    read_write,
    write_1_to_clear,   // reads the value; writing 1 to a bit clears it
};

// A bit field of a register: `width` bits from bit `lsb`.
struct Field {
    unsigned lsb, width;
    constexpr uint64_t mask() const { return (width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1) << lsb; }
    constexpr uint64_t get(uint64_t reg) const { return (reg & mask()) >> lsb; }
    constexpr uint64_t put(uint64_t value) const { return (value << lsb) & mask(); }
};

class RegisterBank;

class Register {
public:
    // Bus-side write handler: gets the register and the new value (already merged for partial
    // writes, W1C applied) and returns whether the write is accepted; it stores what it keeps.
    using WriteHandler = std::function<bool(Register&, uint64_t)>;
    // Bus-side read handler: must have no side effects (debug reads use it too).
    using ReadHandler = std::function<uint64_t(const Register&)>;

    Register(RegisterBank& bank, std::string name, uint64_t offset, unsigned size, uint64_t reset, Access access);
    Register(const Register&) = delete;
    Register& operator=(const Register&) = delete;

    const std::string& name() const { return name_; }
    uint64_t offset() const { return offset_; }
    unsigned size() const { return size_; }
    uint64_t reset_value() const { return reset_; }
    Access access() const { return access_; }

    uint64_t value() const { return value_; }
    uint64_t get(const Field& f) const { return f.get(value_); }
    void set(uint64_t v) { value_ = v & mask(); }   // model-side update, no handler
    void reset() { value_ = reset_; }
    uint64_t mask() const { return size_ >= 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * size_)) - 1; }

    template <class M>
    void on_write(M* module, bool (M::*handler)(Register&, uint64_t)) {
        write_ = [module, handler](Register& r, uint64_t v) { return (module->*handler)(r, v); };
    }
    template <class M>
    void on_read(const M* module, uint64_t (M::*handler)(const Register&) const) {
        read_ = [module, handler](const Register& r) { return (module->*handler)(r); };
    }

    // What the bus reads, and the bus-side write (false: refused).
    uint64_t bus_read() const { return read_ ? read_(*this) : value_; }
    bool bus_write(uint64_t v);

private:
    std::string name_;
    uint64_t offset_;
    unsigned size_;
    uint64_t reset_;
    Access access_;
    uint64_t value_;
    WriteHandler write_;
    ReadHandler read_;
};

// `count` registers of one kind at offset + i * size (e.g. the LUT's breakpoints), named
// NAME0, NAME1, ...
class RegisterArray {
public:
    RegisterArray(RegisterBank& bank, const std::string& name, uint64_t offset, unsigned count, unsigned size,
                  uint64_t reset, Access access);
    Register& operator[](size_t i) { return *regs_[i]; }
    const Register& operator[](size_t i) const { return *regs_[i]; }
    size_t size() const { return regs_.size(); }
    template <class M>
    void on_write(M* module, bool (M::*handler)(Register&, uint64_t)) {
        for (auto& r : regs_) r->on_write(module, handler);
    }

private:
    std::vector<std::unique_ptr<Register>> regs_;
};

class RegisterBank {
public:
    void enrol(Register& r);
    Register* find(uint64_t offset) const;
    void reset();

    // Decodes one access. The payload must address a single register: aligned to it, length
    // its size or 4 bytes at either half of an 8-byte register, streaming width at least the
    // length (a wider one is no streaming), no byte enables. Unmapped ->
    // TLM_ADDRESS_ERROR_RESPONSE; bad length, alignment or streaming width ->
    // TLM_BURST_ERROR_RESPONSE; byte enables -> TLM_BYTE_ENABLE_ERROR_RESPONSE; a write to a
    // read-only register or a refused write -> TLM_COMMAND_ERROR_RESPONSE. `debug` accesses
    // (transport_dbg) may read but never write.
    tlm::tlm_response_status access(tlm::tlm_generic_payload& gp, bool debug = false);

private:
    std::map<uint64_t, Register*> by_offset_;
};

}  // namespace gqalut::vp
