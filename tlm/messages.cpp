#include "tlm/messages.hpp"

#include <cstdlib>
#include <sstream>

namespace gqalut::vp {

void log_info(const sc_core::sc_object& who, const char* type, int verbosity, int level, const std::string& text) {
    if (verbosity > level || verbosity > sc_core::sc_report_handler::get_verbosity_level()) return;
    std::ostringstream os;
    os << who.name() << " @ " << sc_core::sc_time_stamp() << ": " << text;
    sc_core::sc_report_handler::report(sc_core::SC_INFO, type, os.str().c_str(), verbosity, __FILE__, __LINE__);
}

int parse_log_level(const std::string& s) {
    static const struct {
        const char* name;
        int level;
    } names[] = {{"none", sc_core::SC_NONE}, {"low", sc_core::SC_LOW},   {"medium", sc_core::SC_MEDIUM},
                 {"high", sc_core::SC_HIGH}, {"full", sc_core::SC_FULL}, {"debug", sc_core::SC_DEBUG}};
    for (const auto& n : names)
        if (s == n.name) return n.level;
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (!s.empty() && *end == '\0' && v >= 0 && v <= sc_core::SC_DEBUG) return static_cast<int>(v);
    return -1;
}

}  // namespace gqalut::vp
