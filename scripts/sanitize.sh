#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer, in build-asan/.
# A separate step from ./test.sh: the instrumented build of everything (the Verilated models
# included) takes about 15 minutes on 2 idle cores (93 minutes to gqalut from an empty ccache at a
# load average of 13 to 16). CMake leaves the libFuzzer run out of this build
# (it is built with ASan and UBSan by clang already); every other test runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[[ -f build-asan/CMakeCache.txt ]] || cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGQALUT_SANITIZE=ON >&2
cmake --build build-asan -j "$(nproc)" >&2
cd build-asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$(nproc)" "$@"
