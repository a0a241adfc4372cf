// The power monitor: every block of the cycle model counts its actions (LUT reads, compares,
// shifts, multiplies, adds, register bit writes, ...) and, when toggle weighting is on, how
// many of the bits an action looked at changed since that block's previous action. The
// monitor turns the counts into a cost::Activity; cost::evaluate() turns that into area,
// energy per element and average power per block (model/cost/).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "model/cost/cost_model.hpp"
#include "model/sc/port_types.hpp"

namespace gqalut::sc {

using cost::Action;

inline int popcount64(uint64_t v) { return __builtin_popcountll(v); }
inline int popcount128(u128 v) {
    return __builtin_popcountll(static_cast<uint64_t>(v)) + __builtin_popcountll(static_cast<uint64_t>(v >> 64));
}

struct ActionCounter {
    std::array<uint64_t, cost::kActions> count{};
    std::array<uint64_t, cost::kActions> toggled{};
    std::array<uint64_t, cost::kActions> observed{};
    void add(Action a, uint64_t n = 1) { count[static_cast<size_t>(a)] += n; }
    void toggles(Action a, uint64_t changed, uint64_t bits) {
        toggled[static_cast<size_t>(a)] += changed;
        observed[static_cast<size_t>(a)] += bits;
    }
    void clear() {
        count.fill(0);
        toggled.fill(0);
        observed.fill(0);
    }
};

class PowerMonitor {
public:
    // Blocks register their counters under their cost-model block name.
    void attach(const std::string& block, ActionCounter* c) { blocks_.push_back({block, c}); }
    void set_toggles(bool on) { toggles_ = on; }
    bool toggles() const { return toggles_; }
    void tick() { ++cycles_; }
    void delivered(uint64_t elements) { elements_ += elements; }
    uint64_t cycles() const { return cycles_; }
    uint64_t elements() const { return elements_; }
    void clear() {
        cycles_ = elements_ = 0;
        for (auto& b : blocks_) b.second->clear();
    }
    cost::Activity activity() const {
        cost::Activity a;
        a.cycles = static_cast<double>(cycles_);
        a.elements = static_cast<double>(elements_);
        a.toggles = toggles_;
        for (const auto& [name, c] : blocks_) {
            cost::BlockActivity& b = a.block(name);
            for (size_t i = 0; i < cost::kActions; ++i) {
                b.count[i] += static_cast<double>(c->count[i]);
                b.toggled_bits[i] += static_cast<double>(c->toggled[i]);
                b.observed_bits[i] += static_cast<double>(c->observed[i]);
            }
        }
        return a;
    }

private:
    std::vector<std::pair<std::string, ActionCounter*>> blocks_;
    uint64_t cycles_ = 0, elements_ = 0;
    bool toggles_ = false;
};

// Base of every hardware block: a named sc_module with its action counter on the monitor.
// Blocks have no processes of their own: the unit's clocked SC_METHOD evaluates them stage by
// stage (back to front, which is what non-blocking register updates mean), so a cycle costs
// one process activation however many blocks and lanes there are.
class Block : public sc_core::sc_module {
public:
    Block(const sc_core::sc_module_name& n, PowerMonitor& pm, const char* cost_block) : sc_core::sc_module(n), pm_(pm) {
        pm.attach(cost_block, &ctr_);
    }
    const ActionCounter& counter() const { return ctr_; }

protected:
    bool toggles() const { return pm_.toggles(); }
    PowerMonitor& pm_;
    ActionCounter ctr_;
};

}  // namespace gqalut::sc
