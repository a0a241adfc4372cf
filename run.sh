#!/usr/bin/env bash
# The main job: installs what is missing, builds, then searches tables for GELU, HSWISH, EXP,
# DIV and RSQRT, verifies each through the SystemC cycle model (and the RTL) against the golden
# model, prints Table 3 / Table 6 style summaries and the virtual-platform kernels, and writes
# tables and plots into out/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
scripts/build.sh
/usr/bin/python3 scripts/main_job.py build/gqalut out
