// Messages of the accelerator and the virtual platform go through SystemC's report handler
// (sc_report), so a platform routes, filters or silences them as it does its own: one message
// type per subject under the prefix "gqalut/", informational messages with SystemC verbosity
// levels. An instance's log level (an sc_verbosity value) admits the messages up to it; SystemC's
// global verbosity (sc_report_handler::set_verbosity_level) filters as well.
#pragma once
#include <string>

#include <systemc>

namespace gqalut::vp {

namespace msg {
inline constexpr const char* kAccelerator = "gqalut/accelerator";          // jobs and their outcome
inline constexpr const char* kRegisters = "gqalut/accelerator/registers";  // register accesses
inline constexpr const char* kParams = "gqalut/accelerator/params";        // bad parameters (SC_ERROR)
inline constexpr const char* kProtocol = "gqalut/protocol";                // base-protocol violations (SC_ERROR)
inline constexpr const char* kConfig = "gqalut/config";                    // run-time configuration
inline constexpr const char* kAll[] = {kAccelerator, kRegisters, kParams, kProtocol, kConfig};
}  // namespace msg

// An SC_INFO of `type` at `verbosity` from `who`, with the simulated time and the object's
// name in front, when `level` (the instance's log level) admits it.
void log_info(const sc_core::sc_object& who, const char* type, int verbosity, int level, const std::string& text);

// Log levels by name ("none", "low", "medium", "high", "full", "debug") or number; -1 when
// `s` is neither.
int parse_log_level(const std::string& s);

}  // namespace gqalut::vp
