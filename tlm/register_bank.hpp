// Memory-mapped registers as named members with offset, size, reset value and access rule,
// plus a decoder that answers a TLM generic payload with the proper response status.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tlm>

namespace gqalut::vp {

enum class Access {
    read_only,
    read_write,
    write_1_to_clear,   // reads the value; writing 1 to a bit clears it
    write_only,         // reads as zero
};

class Register {
public:
    Register(std::string name, uint64_t offset, unsigned size, uint64_t reset, Access access)
        : name_(std::move(name)), offset_(offset), size_(size), reset_(reset), access_(access), value_(reset) {}

    const std::string& name() const { return name_; }
    uint64_t offset() const { return offset_; }
    unsigned size() const { return size_; }
    uint64_t reset_value() const { return reset_; }
    Access access() const { return access_; }

    uint64_t value() const { return value_; }
    void set(uint64_t v) { value_ = v & mask(); }   // model-side update, no handler
    void reset() { value_ = reset_; }
    uint64_t mask() const { return size_ >= 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * size_)) - 1; }

    // Bus-side write handler: gets the new value (already merged for partial writes) and
    // returns whether the write is accepted. Default: store it.
    std::function<bool(uint64_t)> on_write;
    // Bus-side read handler (must have no side effects: debug reads use it too); default: the
    // stored value.
    std::function<uint64_t()> on_read;

private:
    std::string name_;
    uint64_t offset_;
    unsigned size_;
    uint64_t reset_;
    Access access_;
    uint64_t value_;
};

class RegisterBank {
public:
    Register& add(const std::string& name, uint64_t offset, unsigned size, uint64_t reset, Access access);
    Register* find(uint64_t offset);
    void reset();

    // Decodes one access. Rules: the payload must address a single register (aligned to it,
    // length = its size, or 4 bytes at either half of an 8-byte register), no byte enables,
    // streaming width = length. Unmapped -> TLM_ADDRESS_ERROR_RESPONSE; bad length or
    // streaming width -> TLM_BURST_ERROR_RESPONSE; byte enables -> TLM_BYTE_ENABLE_ERROR_RESPONSE;
    // write to a read-only register or a refused write -> TLM_COMMAND_ERROR_RESPONSE.
    // `debug` accesses (transport_dbg) may read but never write.
    tlm::tlm_response_status access(tlm::tlm_generic_payload& gp, bool debug = false);

private:
    std::vector<std::unique_ptr<Register>> regs_;
};

}  // namespace gqalut::vp
