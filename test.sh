#!/usr/bin/env bash
# Installs what is missing, builds, runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
