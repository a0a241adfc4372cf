#!/usr/bin/env bash
# verilator --lint-only -Wall on every top of the unit in several configurations, with the
# waivers of rtl/lint/waivers.vlt. Usage: rtl/lint/lint.sh [verilator]
set -u
verilator=${1:-verilator}
rtl=$(cd "$(dirname "$0")/.." && pwd)
files=("$rtl/lint/waivers.vlt")
while read -r f; do files+=("$rtl/$f"); done < <(grep -v '^#' "$rtl/gqalut.f")
configs=(
  "gqalut_pwl_int"
  "gqalut_pwl_int -GInW=8 -GParW=8 -GMaxEntries=8 -GLanes=1"
  "gqalut_pwl_int -GInW=8 -GParW=8 -GMaxEntries=16 -GLanes=8"
  "gqalut_pwl_int -GInW=16 -GParW=16 -GMaxEntries=32"
  "gqalut_pwl_int -GInW=32 -GParW=32 -GMaxEntries=16"
  "gqalut_pwl_int -GInW=8 -GParW=8 -GMaxEntries=8 -GRequant=0"
  "gqalut_pwl_int -GInW=8 -GParW=8 -GMaxEntries=8 -GRequant=0 -GOptions=0"
  "gqalut_pwl_int -GInW=32 -GParW=32 -GMaxEntries=16 -GOptions=0"
  "gqalut_pwl_int -GInW=16 -GParW=12 -GMaxEntries=5 -GLanes=3"
  "gqalut_pwl_fp32"
  "gqalut_pwl_fp32 -GMaxEntries=8 -GLanes=4"
  "gqalut_pwl_scaler"
  "gqalut_pwl_scaler -GInW=16 -GCoreW=10 -GParW=12 -GMaxEntries=7 -GLanes=2"
  "gqalut_pwl_scaler -GReduce=0"
  "gqalut_pwl_scaler -GReduce=0 -GOctave=0"
  "gqalut_pwl_scaler -GInW=24 -GCoreW=16 -GParW=16 -GMaxEntries=8"
)
fails=0
for c in "${configs[@]}"; do
  read -r top params <<<"$c"
  # shellcheck disable=SC2086
  if out=$("$verilator" --lint-only -Wall --top-module "$top" $params "${files[@]}" 2>&1); then
    echo "ok   $c"
  else
    echo "FAIL $c"
    echo "$out"
    fails=$((fails + 1))
  fi
done
echo "$fails lint failure(s)"
[[ $fails -eq 0 ]]
