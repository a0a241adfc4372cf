#!/usr/bin/env bash
# Icarus Verilog run of the self-checking testbench on golden vectors.
# Usage: icarus.sh GQALUT RTL_DIR WORK_DIR SEED -- <gqalut vectors options without --out>
# Writes the vectors into WORK_DIR, compiles rtl/tb/gqalut_tb.sv with the RTL, runs it with
# random back-pressure and passes if it prints PASS. Extra iverilog options in $IVERILOG_FLAGS.
# With GATE_LEVEL=<config> the unit is instead the Yosys netlist of rtl/syn/<config>.ys
# (generic cells simulated with Yosys's simcells.v): the synthesized gates are checked too.
set -euo pipefail
gqalut=$1 rtl=$2 work=$3 seed=$4
shift 5
rm -rf "$work"
"$gqalut" vectors --out "$work" "$@"
sources=()
defines=()
if [[ -n ${GATE_LEVEL:-} ]]; then
  yosys=${YOSYS:-yosys}
  share=${YOSYS_SHARE:-$(dirname "$(command -v "$yosys")")/../share/yosys}
  grep -v '^stat$' "$rtl/syn/$GATE_LEVEL.ys" >"$work/netlist.ys"
  # The testbench instantiates the unit by its name; Yosys may keep a derived ($paramod) name.
  top=$(sed -n 's/^synth .*-top \([A-Za-z0-9_]*\).*/\1/p' "$rtl/syn/$GATE_LEVEL.ys")
  echo "rename -top $top" >>"$work/netlist.ys"
  echo "write_verilog -noattr $work/netlist.v" >>"$work/netlist.ys"
  (cd "$rtl" && "$yosys" -q -s "$work/netlist.ys")
  sources=("$work/netlist.v" "$share/simcells.v")
  defines=(-DGQALUT_GATE_LEVEL)
else
  while read -r f; do sources+=("$rtl/$f"); done < <(grep -v '^#' "$rtl/gqalut.f")
fi
# shellcheck disable=SC2086
iverilog -g2012 ${IVERILOG_FLAGS:-} "${defines[@]}" -I "$work" -s gqalut_tb -o "$work/tb.vvp" \
  "$rtl/tb/gqalut_tb.sv" "${sources[@]}"
cd "$work"
vvp -n tb.vvp "+seed=$seed" | grep -v '^WARNING' | tee vvp.log
grep -q '^PASS' vvp.log && ! grep -q '^FAIL' vvp.log
