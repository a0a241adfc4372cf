#!/usr/bin/env bash
# Configures (once) and builds into build/ incrementally. Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >&2
fi
cmake --build build -j "$(nproc)" >&2
