#include "tlm/register_bank.hpp"

#include <cstring>

namespace gqalut::vp {

Register& RegisterBank::add(const std::string& name, uint64_t offset, unsigned size, uint64_t reset, Access access) {
    regs_.push_back(std::make_unique<Register>(name, offset, size, reset, access));
    return *regs_.back();
}

Register* RegisterBank::find(uint64_t offset) {
    for (auto& r : regs_)
        if (offset >= r->offset() && offset < r->offset() + r->size()) return r.get();
    return nullptr;
}

void RegisterBank::reset() {
    for (auto& r : regs_) r->reset();
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
    if (!(whole || half) || gp.get_streaming_width() != len) return tlm::TLM_BURST_ERROR_RESPONSE;
    const uint64_t part_mask = len >= 8 ? ~uint64_t(0) : ((uint64_t(1) << (8 * len)) - 1) << (8 * byte_off);

    if (gp.is_read()) {
        uint64_t v = 0;
        if (r->access() != Access::write_only) v = r->on_read ? r->on_read() : r->value();
        v = (v & part_mask) >> (8 * byte_off);
        std::memcpy(gp.get_data_ptr(), &v, len);   // little-endian host, as the bus
        return tlm::TLM_OK_RESPONSE;
    }
    if (gp.is_write()) {
        if (debug || r->access() == Access::read_only) return tlm::TLM_COMMAND_ERROR_RESPONSE;
        uint64_t in = 0;
        std::memcpy(&in, gp.get_data_ptr(), len);
        in <<= 8 * byte_off;
        uint64_t next;
        if (r->access() == Access::write_1_to_clear) next = r->value() & ~(in & part_mask);
        else next = (r->value() & ~part_mask) | (in & part_mask);
        if (r->on_write) {
            if (!r->on_write(next & r->mask())) return tlm::TLM_COMMAND_ERROR_RESPONSE;
        } else {
            r->set(next);
        }
        return tlm::TLM_OK_RESPONSE;
    }
    return tlm::TLM_OK_RESPONSE;   // TLM_IGNORE_COMMAND
}

}  // namespace gqalut::vp
