// The process's SystemC kernel: its quiet start-up, and its one elaboration (SystemC
// elaborates once per process), shared by every pin-level testbench: `gqalut sim` backends and
// the cosim.
#pragma once
#include <memory>
#include <string>

namespace gqalut::sim {

// SystemC elaborates once per process. The process's one elaboration is named by a key (what
// was built, with its options): elaborated_before(key) is true when it is `key`, false when
// nothing is built yet, and a std::logic_error naming both when it is something else.
bool elaborated_before(const std::string& key);
void mark_elaborated(const std::string& key);

// Quiet SystemC start-up: no banner on stdout, reports on stderr, 1 ps resolution.
void prepare_systemc();

// The one testbench of this process (a unit, the cosim): the first call builds it with
// `make` after prepare_systemc(), later calls with the same `key` return it.
template <class Sim, class Make>
Sim& elaborate_once(const std::string& key, Make make) {
    static std::unique_ptr<Sim> inst;
    if (elaborated_before(key)) return *inst;
    prepare_systemc();
    inst = make();
    mark_elaborated(key);
    return *inst;
}

}  // namespace gqalut::sim
