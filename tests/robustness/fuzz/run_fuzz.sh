#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (own build tree) and runs each for SECONDS seconds on
# a copy of its committed corpus (tests/robustness/fuzz/corpus/<target>). Exit 1 on any finding;
# the reproducer is kept in the build tree (crash-*, leak-*, oom-*, timeout-*). The corpus a run
# grew is kept in BUILD_DIR/corpus/<target> and the next run starts from it too, so runs add up
# (replay it with the sanitizer build's replay_<target>).
#   run_fuzz.sh BUILD_DIR SECONDS [TARGET...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(mkdir -p "$1" && cd "$1" && pwd)   # absolute: the runs below cd into it
seconds=$2
shift 2
targets=("$@")
((${#targets[@]})) || targets=(table expr registers shards cli)
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$here" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -r "$here/corpus/$t/." "$work/"
  [[ -d $build/corpus/$t ]] && cp -r "$build/corpus/$t/." "$work/"
  # Tables may be long: the table target's JSON-aware mutation grows nesting, and a document
  # deep enough to overflow the stack is tens of kB. Command lines get a dictionary of options.
  # An input that runs over 60 s is a finding (a hang), not a wait until the run ends.
  extra=()
  [[ $t == table ]] && extra+=(-max_len=131072)
  [[ -f $here/$t.dict ]] && extra+=(-dict="$here/$t.dict")
  if (cd "$build" && ASAN_OPTIONS=detect_leaks=1 ./fuzz_"$t" -max_total_time="$seconds" \
        -rss_limit_mb=2048 -timeout=60 -detect_leaks=1 -print_final_stats=1 "${extra[@]}" "$work" >"$build/fuzz_$t.log" 2>&1); then
    echo "fuzz_$t: $(grep -E '^stat::number_of_executed_units' "$build/fuzz_$t.log" | awk '{print $2}') inputs, no finding"
  else
    echo "fuzz_$t: FINDING, see $build/fuzz_$t.log"
    tail -30 "$build/fuzz_$t.log"
    status=1
  fi
  rm -rf "$build/corpus/$t" && mkdir -p "$build/corpus" && mv "$work" "$build/corpus/$t"
done
exit $status
