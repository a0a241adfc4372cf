#!/usr/bin/env bash
# The installed package as an integrator uses it: `cmake --install` into a temporary prefix,
# then docs/examples/platform built out of tree with nothing but find_package(gqalut), and run
# with the golden and the cycle model (chosen by the run-time configuration); the same source
# built with pkg-config; and the accelerator's public header checked to be light (no
# nlohmann/json, no __int128 type).
# A sanitized build's package must pass the sanitizer link flags on (its libraries call the
# runtimes); a normal build's package names no sanitizer.
#   install_package.sh BUILD_DIR SOURCE_DIR SANITIZED(0|1)
set -eu
build=$1
src=$2
sanitized=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {   # check NAME COMMAND...: runs it, prints ok or FAIL with its output
    local name=$1
    shift
    if "$@" >"$tmp/out" 2>&1; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        tail -20 "$tmp/out"
        fails=$((fails + 1))
    fi
}

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log"
echo "installed $(find "$tmp/prefix" -type f | wc -l) files"

if [[ $sanitized == 1 ]]; then
    check "the CMake package links the sanitizer runtimes" \
        grep -q -- "INTERFACE_LINK_OPTIONS \"-fsanitize=address,undefined\"" "$tmp/prefix/lib/cmake/gqalut/gqalutTargets.cmake"
    check "gqalut.pc links the sanitizer runtimes" grep -q -- " -fsanitize=address,undefined " "$tmp/prefix/lib/pkgconfig/gqalut.pc"
    # The examples run with leak checks on: Debian's SystemC 2.3.4 leaves ASan with an empty
    # main stack after sc_start, and LeakSanitizer at exit faulted reading it ("Tracer caught
    # signal 11") until the example called gqalut::sc::start() (model/sc/start.hpp).
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
else
    check "the package names no sanitizer" bash -c "! grep -rq -- -fsanitize '$tmp/prefix/lib/cmake' '$tmp/prefix/lib/pkgconfig'"
fi

# CMake: nothing but find_package(gqalut) (the prefix on CMAKE_PREFIX_PATH).
check "configure the example with find_package(gqalut)" \
    cmake -S "$src/docs/examples/platform" -B "$tmp/example" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release
check "build the example" cmake --build "$tmp/example" -j2
check "run the example (golden)" "$tmp/example/example_platform"
grep -q "256 of 256 outputs are ReLU" "$tmp/out" || { echo "FAIL golden outputs"; fails=$((fails + 1)); }
check "run the example (cycle model at 800 MHz, by GQALUT_SET)" \
    env GQALUT_SET="platform.accel.model=cycle platform.accel.clock_mhz=800" "$tmp/example/example_platform"
grep -q "model cycle, 1 lane(s), 800 MHz: passed" "$tmp/out" || { echo "FAIL cycle run"; cat "$tmp/out"; fails=$((fails + 1)); }
check "a misspelt parameter is an error" bash -c "! env GQALUT_SET=platform.accel.clock=800 '$tmp/example/example_platform'"
grep -q "gqalut/config" "$tmp/out" || { echo "FAIL no gqalut/config error"; cat "$tmp/out"; fails=$((fails + 1)); }

# The RTL level from the package, when it was built with the Verilated RTL: an accelerator with
# model=rtl runs the same firmware.
if grep -q "gqalut::unit_rtl" "$tmp/prefix/lib/cmake/gqalut/gqalutTargets.cmake"; then
    mkdir -p "$tmp/rtl_src"
    sed -e 's|#include "model/unit/cycle_level.hpp"|#include "model/unit/cycle_level.hpp"\n#include "rtl/unit/rtl_levels.hpp"|' \
        -e 's|gqalut::unit::register_cycle_level();|gqalut::unit::register_cycle_level();\n    gqalut::rtl::register_rtl_levels();|' \
        "$src/docs/examples/platform/platform.cpp" >"$tmp/rtl_src/platform.cpp"
    sed -e 's|gqalut::unit_cycle)|gqalut::unit_cycle gqalut::unit_rtl)|' "$src/docs/examples/platform/CMakeLists.txt" \
        >"$tmp/rtl_src/CMakeLists.txt"
    check "configure with gqalut::unit_rtl" cmake -S "$tmp/rtl_src" -B "$tmp/rtl_build" -DCMAKE_PREFIX_PATH="$tmp/prefix"
    check "build with gqalut::unit_rtl" cmake --build "$tmp/rtl_build" -j2
    check "run the example on the Verilated RTL" env GQALUT_SET=accel.model=rtl "$tmp/rtl_build/example_platform"
    grep -q "model rtl, 1 lane(s), 500 MHz: passed" "$tmp/out" || { echo "FAIL rtl run"; cat "$tmp/out"; fails=$((fails + 1)); }
fi

# pkg-config: the same source with the flags of gqalut.pc.
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
check "build the example with pkg-config" \
    bash -c "g++ -std=c++17 -O1 '$src/docs/examples/platform/platform.cpp' -o '$tmp/example_pc' \$(pkg-config --cflags --libs gqalut)"
check "run the pkg-config build" "$tmp/example_pc"

# What an integrator must include stays light.
cat >"$tmp/light.cpp" <<'CPP'
#include "model/unit/cycle_level.hpp"
#include "tlm/memory.hpp"
#include "tlm/protocol_checker.hpp"
#include "tlm/pwl_accelerator.hpp"
#include "tlm/router.hpp"
#ifdef INCLUDE_NLOHMANN_JSON_HPP_
#error "nlohmann/json reached the accelerator's public headers"
#endif
namespace gqalut {
struct i128;   // a conflicting declaration if model/fixed_format.hpp's __int128 typedef came along
}
int sc_main(int, char**) { return 0; }
CPP
check "the public headers carry no nlohmann/json and no __int128" \
    bash -c "g++ -std=c++17 -fsyntax-only $(pkg-config --cflags gqalut) '$tmp/light.cpp'"

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
