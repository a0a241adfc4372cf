// What an initiator knows about direct memory access on its socket: the regions granted so far
// (several: a platform has several memories), and where the targets refused, so it asks again
// only where a b_transport response hints that DMI is allowed (tlm_generic_payload::
// is_dmi_allowed). An invalidation drops only the regions it overlaps.
#pragma once
#include <cstdint>
#include <vector>

#include <tlm>

namespace gqalut::vp {

class DmiCache {
public:
    // The granted region that holds addr with the access cmd needs, or nullptr.
    const tlm::tlm_dmi* find(uint64_t addr, tlm::tlm_command cmd) const;
    // Whether a request for DMI at addr for cmd is worth making: not where a target refused
    // (or granted less than cmd needs) and no response has hinted at DMI since.
    bool worth_asking(uint64_t addr, tlm::tlm_command cmd) const;
    // The outcome of a get_direct_mem_ptr for addr and cmd.
    void record(uint64_t addr, tlm::tlm_command cmd, bool granted, const tlm::tlm_dmi& dmi);
    // A b_transport response at addr with its DMI hint.
    void hint(uint64_t addr, bool dmi_allowed);
    void invalidate(uint64_t start, uint64_t end);
    void clear();
    size_t regions() const { return granted_.size(); }

private:
    struct Range {
        uint64_t start, end;
        tlm::tlm_command cmd;
    };
    std::vector<tlm::tlm_dmi> granted_;
    std::vector<Range> refused_;
};

}  // namespace gqalut::vp
