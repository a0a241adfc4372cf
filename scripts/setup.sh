#!/usr/bin/env bash
# Installs the Debian 12 packages gqalut needs, only those missing. Run as root (or with sudo).
set -euo pipefail
packages=(
  build-essential cmake pkg-config    # compiler and build
  libsystemc-dev                      # SystemC 2.3.4 + TLM-2.0: cycle model, accelerator
  verilator                           # RTL lint and Verilated co-simulation models
  catch2                              # unit tests (v2)
  libboost-program-options-dev        # command line of gqalut
  nlohmann-json3-dev                  # table files, --format json
  libmuparser-dev                     # user expressions (--expr)
  yosys                               # synthesis of the RTL: cell counts, area estimate; yosys-smtbmc
  z3                                  # SMT solver of the formal proofs (bit-vectors and FloatingPoint)
  cvc4                                # SMT solver of the stream proofs (z3 4.8 does not finish reading them)
  iverilog                            # second RTL simulator (self-checking testbench)
  python3-matplotlib                  # plots in docs/results and out/
  pybind11-dev python3-dev python3-numpy   # the Python module gqalut (sims/python)
  python3-torch python3-sklearn       # PyTorch op and network study (sklearn ships the 8x8 digits)
  libopenblas0-pthread                # BLAS for python3-torch: ~4x faster than the reference BLAS
  clang libclang-rt-14-dev            # libFuzzer targets (tests/robustness/fuzz)
  chromium                            # headless browser: the test that the HTML reports render
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
