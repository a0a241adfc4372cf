// The pins of docs/pin-interface.md as the testbenches of sims/tb use them: the unit layer's
// (model/unit/pins.hpp, model/unit/unit.hpp), named in gqalut::sim.
#pragma once
#include "model/unit/pins.hpp"
#include "model/unit/unit.hpp"

namespace gqalut::sim {

using unit::EdgePause;
using unit::GatedClock;
using unit::in_data_t;
using unit::InputPins;
using unit::open_pin_vcd;
using unit::out_data_t;
using unit::OutputPins;
using unit::PinsIn;
using unit::PinsOut;
using unit::tb_signal;
using unit::trace_pins;
using unit::trace_word;
using unit::write_if_changed;
namespace detail {
using unit::detail::Rng;
using unit::detail::threshold;
}  // namespace detail

}  // namespace gqalut::sim
