#!/usr/bin/env bash
# Icarus Verilog run of the self-checking testbench on golden vectors.
# Usage: icarus.sh GQALUT RTL_DIR WORK_DIR SEED -- <gqalut vectors options without --out>
# Writes the vectors into WORK_DIR, compiles rtl/tb/gqalut_tb.sv with the RTL, runs it with
# random back-pressure and passes if it prints PASS. Extra iverilog options in $IVERILOG_FLAGS.
set -euo pipefail
gqalut=$1 rtl=$2 work=$3 seed=$4
shift 5
rm -rf "$work"
"$gqalut" vectors --out "$work" "$@"
sources=()
for f in "$rtl"/gqalut_*.sv; do sources+=("$f"); done
# shellcheck disable=SC2086
iverilog -g2012 ${IVERILOG_FLAGS:-} -I "$work" -s gqalut_tb -o "$work/tb.vvp" "$rtl/tb/gqalut_tb.sv" "${sources[@]}"
cd "$work"
vvp -n tb.vvp "+seed=$seed" | grep -v '^WARNING' | tee vvp.log
grep -q '^PASS' vvp.log && ! grep -q '^FAIL' vvp.log
