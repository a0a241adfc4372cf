#include "tlm/dmi_cache.hpp"

#include <algorithm>

namespace gqalut::vp {

namespace {
bool allows(const tlm::tlm_dmi& d, tlm::tlm_command cmd) {
    return cmd == tlm::TLM_READ_COMMAND ? d.is_read_allowed() : d.is_write_allowed();
}
bool overlaps(uint64_t s0, uint64_t e0, uint64_t s1, uint64_t e1) { return s0 <= e1 && s1 <= e0; }
}  // namespace

const tlm::tlm_dmi* DmiCache::find(uint64_t addr, tlm::tlm_command cmd) const {
    for (const auto& d : granted_)
        if (addr >= d.get_start_address() && addr <= d.get_end_address() && allows(d, cmd)) return &d;
    return nullptr;
}

bool DmiCache::worth_asking(uint64_t addr, tlm::tlm_command cmd) const {
    for (const auto& r : refused_)
        if (r.cmd == cmd && addr >= r.start && addr <= r.end) return false;
    return true;
}

void DmiCache::record(uint64_t addr, tlm::tlm_command cmd, bool granted, const tlm::tlm_dmi& dmi) {
    if (granted && dmi.get_dmi_ptr() != nullptr && addr >= dmi.get_start_address() && addr <= dmi.get_end_address()) {
        granted_.push_back(dmi);
        if (allows(dmi, cmd)) return;
    }
    // Refused, or granted without the access cmd needs: the descriptor names the range the
    // answer holds for (a target that did not set it leaves the whole address space); a range
    // that misses addr is believed for addr alone.
    uint64_t start = dmi.get_start_address(), end = dmi.get_end_address();
    if (addr < start || addr > end) start = end = addr;
    refused_.push_back({start, end, cmd});
}

void DmiCache::hint(uint64_t addr, bool dmi_allowed) {
    if (!dmi_allowed) return;
    refused_.erase(std::remove_if(refused_.begin(), refused_.end(),
                                  [addr](const Range& r) { return addr >= r.start && addr <= r.end; }),
                   refused_.end());
}

void DmiCache::invalidate(uint64_t start, uint64_t end) {
    granted_.erase(std::remove_if(granted_.begin(), granted_.end(),
                                  [&](const tlm::tlm_dmi& d) {
                                      return overlaps(d.get_start_address(), d.get_end_address(), start, end);
                                  }),
                   granted_.end());
}

void DmiCache::clear() {
    granted_.clear();
    refused_.clear();
}

}  // namespace gqalut::vp
