// Address router: any number of initiators, a map of target ranges. Translates addresses to
// target-local offsets (and back for DMI), answers unmapped addresses with
// TLM_ADDRESS_ERROR_RESPONSE, and forwards DMI invalidations to every initiator.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

namespace gqalut::vp {

class Router : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<Router> target_socket;        // initiators bind here
    tlm_utils::multi_passthrough_initiator_socket<Router> initiator_socket;  // targets bind here

    explicit Router(sc_core::sc_module_name name);

    // The i-th binding of initiator_socket serves [base, base + size).
    void map(unsigned port, uint64_t base, uint64_t size, const std::string& name);

private:
    struct Range {
        unsigned port;
        uint64_t base, size;
        std::string name;
    };
    const Range* decode(uint64_t addr, uint64_t len) const;

    void b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned int transport_dbg(int id, tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);

    std::vector<Range> ranges_;
};

}  // namespace gqalut::vp
