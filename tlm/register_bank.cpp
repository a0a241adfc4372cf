#include "tlm/register_bank.hpp"

#include <cstring>
#include <stdexcept>

namespace gqalut::vp {

Register::Register(RegisterBank& bank, std::string name, uint64_t offset, unsigned size, uint64_t reset, Access access)
    : name_(std::move(name)), offset_(offset), size_(size), reset_(reset), access_(access), value_(reset) {
    bank.enrol(*this);
}

bool Register::bus_write(uint64_t v) {
    if (write_) return write_(*this, v & mask());
    set(v);
    return true;
}

RegisterArray::RegisterArray(RegisterBank& bank, const std::string& name, uint64_t offset, unsigned count,
                             unsigned size, uint64_t reset, Access access) {
    for (unsigned i = 0; i < count; ++i)
        regs_.push_back(std::make_unique<Register>(bank, name + std::to_string(i), offset + uint64_t(i) * size, size, reset, access));
}

void RegisterBank::enrol(Register& r) {
    // Registers must not overlap: the decoder finds the one below an address.
    auto next = by_offset_.lower_bound(r.offset());
    if ((next != by_offset_.end() && next->first < r.offset() + r.size()) ||
        (next != by_offset_.begin() && std::prev(next)->second->offset() + std::prev(next)->second->size() > r.offset()))
        throw std::logic_error("register " + r.name() + " overlaps another");
    by_offset_[r.offset()] = &r;
}

Register* RegisterBank::find(uint64_t offset) const {
    auto it = by_offset_.upper_bound(offset);
    if (it == by_offset_.begin()) return nullptr;
    Register* r = std::prev(it)->second;
    return offset < r->offset() + r->size() ? r : nullptr;
}

void RegisterBank::reset() {
    for (auto& kv : by_offset_) kv.second->reset();
}

tlm::tlm_response_status RegisterBank::access(tlm::tlm_generic_payload& gp, bool debug) {
    const uint64_t addr = gp.get_address();
    const unsigned len = gp.get_data_length();
    Register* r = find(addr);
    if (!r) return tlm::TLM_ADDRESS_ERROR_RESPONSE;
    if (gp.get_byte_enable_ptr() != nullptr) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
    const unsigned byte_off = static_cast<unsigned>(addr - r->offset());
    const bool whole = byte_off == 0 && len == r->size();
    const bool half = r->size() == 8 && len == 4 && (byte_off == 0 || byte_off == 4);
    if (!(whole || half) || gp.get_streaming_width() < len) return tlm::TLM_BURST_ERROR_RESPONSE;
    const uint64_t part_mask = len >= 8 ? ~uint64_t(0) : ((uint64_t(1) << (8 * len)) - 1) << (8 * byte_off);

    if (gp.is_read()) {
        const uint64_t v = (r->bus_read() & part_mask) >> (8 * byte_off);
        std::memcpy(gp.get_data_ptr(), &v, len);   // little-endian host, as the bus
        return tlm::TLM_OK_RESPONSE;
    }
    if (gp.is_write()) {
        if (debug || r->access() == Access::read_only) return tlm::TLM_COMMAND_ERROR_RESPONSE;
        uint64_t in = 0;
        std::memcpy(&in, gp.get_data_ptr(), len);
        in <<= 8 * byte_off;
        const uint64_t next = r->access() == Access::write_1_to_clear ? r->value() & ~(in & part_mask)
                                                                      : (r->value() & ~part_mask) | (in & part_mask);
        return r->bus_write(next) ? tlm::TLM_OK_RESPONSE : tlm::TLM_COMMAND_ERROR_RESPONSE;
    }
    return tlm::TLM_OK_RESPONSE;   // TLM_IGNORE_COMMAND
}

}  // namespace gqalut::vp
