#!/usr/bin/env bash
# `gqalut cosim` and `gqalut sim --model rtl|rtl-sc` on the command line: bad requests exit 2 with one
# line on stderr, nothing on stdout and no file written; good runs exit 0 with the JSON keys
# checks rely on; injected faults exit 1 and name the level and pin that differ; --vcd writes
# VCD files that GTKWave's vcd2fst reads back with the pin names.
set -u
source "$(dirname "$0")/../lib.sh" "$@"

ref=$data/gelu_pwl_7.json
head -c 300 "$ref" >"$dir/truncated.json"

# --- bad requests ---------------------------------------------------------------------------
bad "cosim: invalid table" "truncated.json: invalid JSON" cosim --table "$dir/truncated.json"
bad "cosim: shape not Verilated (lanes)" "no Verilated RTL for int8_p8_n32_l3 \(Verilated: int8_p8_n32_l1" cosim --table "$ref" --lanes 3
bad "cosim: shape not Verilated (MaxEntries)" "no Verilated RTL for int8_p8_n64_l1" cosim --table "$ref" --max-entries 64
bad "cosim: N above MaxEntries" "table has 64 entries, the unit holds at most 32" cosim --table "$dir/gelu_int8_64.json"
bad "cosim: exhaustive 32-bit" "use --inputs random:N" cosim --table "$dir/gelu_int32_8.json" --inputs exhaustive
bad "cosim: scale" "scale 8 outside \[0, 7\]" cosim --table "$dir/gelu_int8_8.json" --scale 8
bad "cosim: requantizer on fp32" "only the INT unit" cosim --table "$dir/gelu_fp32_16.json" --requantize 3
bad "cosim: stall probability" "--stall-out" cosim --table "$ref" --stall-out 1
bad "cosim: inject" "--inject" cosim --table "$ref" --inject rtl-wrong
bad "cosim: unknown option" "unrecognised|unknown|not recognized" cosim --table "$ref" --model rtl
bad "cosim: VCD directory" "--vcd: cannot write" cosim --table "$ref" --vcd "$dir/no/such/dir/w"
bad "sim rtl: shape not Verilated" "no Verilated RTL for int8_p8_n32_l3" sim --table "$ref" --model rtl --lanes 3
bad "sim rtl: binary search" "parallel comparators only" sim --table "$ref" --model rtl --indexing binary
bad "sim rtl: toggles" "no power monitor" sim --table "$ref" --model rtl --toggles
bad "sim rtl: VCD directory" "--vcd: cannot write" sim --table "$ref" --model rtl --vcd "$dir/no/such/dir/w.vcd"
bad "sim cycle: VCD directory" "--vcd: cannot write" sim --table "$ref" --model cycle --vcd "$dir/no/such/dir/w.vcd"
bad "sim rtl-sc: shape" "no Verilated --sc model for int8_p8_n32_l8 \(built: int8_p8_n32_l1" sim --table "$ref" --model rtl-sc --lanes 8
bad "sim rtl-sc: binary search" "parallel comparators only" sim --table "$ref" --model rtl-sc --indexing binary
bad "sim rtl-sc: no tracing" "--vcd: the --sc model is built without tracing" sim --table "$ref" --model rtl-sc --vcd "$dir/no-sc.vcd"
bad "cosim: --rtl" "--rtl: 'vhdl' is neither cc nor sc" cosim --table "$ref" --rtl vhdl
bad "cosim --rtl sc: shape" "no Verilated --sc model for int16_p16_n32_l1" cosim --table "$dir/gelu_int16_16.json" --rtl sc
bad "cosim --rtl sc: no tracing" "--vcd: the --sc model is built without tracing" cosim --table "$ref" --rtl sc --vcd "$dir/no-sc"
if ls "$dir"/no* >/dev/null 2>&1; then echo "FAIL: a bad request wrote a file"; fails=$((fails + 1)); fi

# --- good runs: three levels agree ------------------------------------------------------------
keys="all(k in j for k in ['compared','mismatches','elements_per_second','cycles','levels','cycle_vs_rtl','per_scale','first_mismatch'])"
json "cosim int8 exhaustive, stalls" 0 "$keys and j['compared'] == 1792 and j['mismatches'] == 0 and j['elements_per_second'] > 0 and j['levels']['rtl']['mismatches_vs_golden'] == 0 and j['cycle_vs_rtl']['pin_cycles_compared'] > 1792 and j['first_mismatch'] is None" \
    cosim --table "$ref" --stall-in 0.3 --stall-out 0.3
json "cosim int8 lanes 8 + random pins" 0 "j['compared'] == 2048 and j['mismatches'] == 0 and j['unit'] == 'int8_p8_n32_l8' and j['random_pins']['cycles'] >= 20000 and j['random_pins']['writes_accepted'] > 0" \
    cosim --table "$dir/gelu_int8_8.json" --lanes 8 --stall-out 0.2 --random-pins 20000
json "cosim int16 one scale, requantizer" 0 "j['compared'] == 65536 and j['mismatches'] == 0" cosim --table "$dir/gelu_int16_16.json" --scale 9 --requantize 7 --stall-in 0.1 --stall-out 0.1
json "cosim int32 random" 0 "j['compared'] > 5000 and j['mismatches'] == 0" cosim --table "$dir/gelu_int32_8.json" --scale 0..31 --inputs random:200 --stall-out 0.3
json "cosim fp32 random" 0 "j['compared'] > 20000 and j['mismatches'] == 0 and j['latency'] == 3" cosim --table "$dir/gelu_fp32_16.json" --inputs random:20000 --stall-out 0.5
json "cosim div" 0 "j['mismatches'] == 0 and j['latency'] == 4" cosim --table "$dir/div_int8_8.json" --inputs random:20000 --stall-in 0.3
json "cosim rsqrt" 0 "j['mismatches'] == 0" cosim --table "$dir/rsqrt_int8_8.json" --inputs random:20000 --stall-out 0.3
json "sim rtl int8 exhaustive, stalls" 0 "j['model'] == 'rtl' and j['compared'] == 1792 and j['mismatches'] == 0 and j['elements_per_second'] > 0 and j['latency'] == 3 and j['activity'] == 'nominal'" \
    sim --table "$ref" --model rtl --stall-in 0.3 --stall-out 0.3
json "sim rtl int8 lanes 8" 0 "j['compared'] == 2048 and j['mismatches'] == 0 and j['unit'] == 'int8_p8_n32_l8'" sim --table "$dir/gelu_int8_8.json" --model rtl --lanes 8 --stall-out 0.2
json "sim rtl int32" 0 "j['compared'] > 1000 and j['mismatches'] == 0" sim --table "$dir/gelu_int32_8.json" --model rtl --scale 0..31 --inputs random:100
json "sim rtl fp32" 0 "j['compared'] > 10000 and j['mismatches'] == 0" sim --table "$dir/gelu_fp32_16.json" --model rtl --inputs random:10000 --stall-in 0.2
json "sim rtl rsqrt" 0 "j['mismatches'] == 0 and j['latency'] == 4" sim --table "$dir/rsqrt_int8_8.json" --model rtl --inputs random:10000
# Verilator's own --sc model in the same testbenches: every code of every scale, stalls both ways.
json "sim rtl-sc int8 exhaustive, stalls" 0 "j['model'] == 'rtl-sc' and j['compared'] == 1792 and j['mismatches'] == 0 and j['latency'] == 3" \
    sim --table "$ref" --model rtl-sc --stall-in 0.3 --stall-out 0.3
json "sim rtl-sc int8 16 entries, requantizer" 0 "j['compared'] == 1792 and j['mismatches'] == 0" \
    sim --table "$data/hswish_pwl_15.json" --model rtl-sc --requantize 4 --stall-out 0.5 --seed 7
json "cosim --rtl sc exhaustive + random pins" 0 "j['rtl'] == 'sc' and j['compared'] == 1792 and j['mismatches'] == 0 and j['cycle_vs_rtl']['pin_cycles_compared'] > 1792 and j['random_pins']['cycles'] >= 20000 and j['random_pins']['writes_accepted'] > 0" \
    cosim --table "$data/exp_pwl_15.json" --rtl sc --stall-in 0.3 --stall-out 0.3 --random-pins 20000
json "cosim --rtl sc inject rtl-config" 1 "j['levels']['cycle']['mismatches_vs_golden'] == 0 and j['levels']['rtl']['mismatches_vs_golden'] > 0" \
    cosim --table "$ref" --rtl sc --scale 0 --inject rtl-config

# --- bench: RTL and cosim rates beside the cycle model's --------------------------------------
"$gqalut" bench --only cycle --quick --format json >"$dir/out" 2>"$dir/err"
if [[ $? -ne 0 ]] || ! $py -c "
import json, sys
c = json.load(open(sys.argv[1]))['cycle']
for l in (1, 8):
    k = 'int8_n8_l%d' % l
    assert c['rtl_' + k + '_elements_per_second'] > 0 and c['cosim_' + k + '_elements_per_second'] > 0
    assert c['cycle_over_rtl_' + k] > 0 and c['cycle_over_cosim_' + k] > 0 and c['rtl_cc_driver_' + k + '_elements_per_second'] > 0
assert c['rtl_sc_int8_n8_l1_elements_per_second'] > 0 and c['cycle_over_rtl_sc_int8_n8_l1'] > 0 and c['rtl_over_rtl_sc_int8_n8_l1'] > 0
" "$dir/out"; then
    echo "FAIL bench cycle: $(head -c 800 "$dir/out") $(cat "$dir/err")"
    fails=$((fails + 1))
else
    echo "ok   bench cycle: $($py -c "import json,sys; c=json.load(open(sys.argv[1]))['cycle']; print({k: round(v, 2) for k, v in c.items() if '_over_' in k})" "$dir/out")"
fi

# --- injected faults: exit 1, the level and the pin named -------------------------------------
json "inject golden:100" 1 "j['mismatches'] == 1 and j['levels']['cycle']['mismatches_vs_golden'] == 1 and j['levels']['rtl']['mismatches_vs_golden'] == 1 and j['cycle_vs_rtl']['data_mismatches'] == 0 and j['first_mismatch']['element'] == 100 and j['first_mismatch']['pin'] == 'out_data_o' and j['first_mismatch']['golden_output'] != j['first_mismatch']['cycle_output'] == j['first_mismatch']['rtl_output']" \
    cosim --table "$ref" --stall-in 0.3 --stall-out 0.3 --inject golden:100
json "inject rtl-config" 1 "j['mismatches'] > 0 and j['levels']['cycle']['mismatches_vs_golden'] == 0 and j['levels']['rtl']['mismatches_vs_golden'] > 0 and j['first_mismatch']['cycle_output'] == j['first_mismatch']['golden_output'] != j['first_mismatch']['rtl_output'] and j['first_mismatch']['input'] == '0x80'" \
    cosim --table "$ref" --scale 0 --stall-out 0.3 --inject rtl-config
json "inject rtl-stall:50" 1 "j['diverged'] and j['pin_mismatches'] == 1 and j['first_mismatch']['pin'] == 'in_ready_o' and j['first_mismatch']['pins']['cycle']['in_ready_o'] and not j['first_mismatch']['pins']['rtl']['in_ready_o'] and j['first_mismatch']['phase_cycle'] >= 50" \
    cosim --table "$ref" --stall-in 0.3 --stall-out 0.3 --inject rtl-stall:50
"$gqalut" cosim --table "$ref" --scale 0 --inject rtl-config >"$dir/out" 2>&1
if [[ $? -ne 1 ]] || ! grep -q "^first mismatch: cycle .*out_data_o differs: element 128 lane 0 input 0x80: golden 0x0000000, cycle 0x0000000, rtl 0x0000001" "$dir/out"; then
    echo "FAIL inject text report: $(cat "$dir/out")"
    fails=$((fails + 1))
else
    echo "ok   inject text report: $(grep '^first mismatch' "$dir/out")"
fi

# --- waveforms ------------------------------------------------------------------------------
# vcd_ok FILE PATTERN...: non-empty, has the pins, and GTKWave's vcd2fst converts it to an FST
# that fst2vcd turns back into a VCD with as many variables.
vcd_ok() {
    local f=$1 what=$2
    shift 2
    local ok=1
    [[ -s $f ]] || ok=0
    for p in "$@"; do grep -q "\$var .* $p[ \[]" "$f" || { ok=0; echo "     missing $p in $f"; }; done
    if command -v vcd2fst >/dev/null && command -v fst2vcd >/dev/null; then
        vcd2fst "$f" "$f.fst" >/dev/null 2>&1 && [[ -s $f.fst ]] || ok=0
        local a b
        a=$(grep -c '\$var' "$f")
        b=$(fst2vcd "$f.fst" 2>/dev/null | grep -c '\$var')
        [[ $a -gt 0 && $a -eq $b ]] || { ok=0; echo "     vcd2fst/fst2vcd: $a variables in, $b out"; }
    fi
    if [[ $ok -eq 1 ]]; then echo "ok   vcd $what ($(wc -c <"$f") bytes, $(grep -c '\$var' "$f") variables)"; else echo "FAIL vcd $what"; fails=$((fails + 1)); fi
}
pins="clk_i rst_ni in_valid_i in_ready_o in_data_i out_valid_o out_ready_i out_data_o cfg_we_i cfg_addr_i cfg_wdata_i idle_o cfg_err_o"
"$gqalut" sim --table "$ref" --model cycle --scale 2 --stall-out 0.3 --vcd "$dir/cycle.vcd" >/dev/null 2>"$dir/err" || { echo "FAIL sim cycle --vcd: $(cat "$dir/err")"; fails=$((fails + 1)); }
vcd_ok "$dir/cycle.vcd" "sim --model cycle" $pins stage_valid
"$gqalut" sim --table "$ref" --model rtl --scale 2 --stall-out 0.3 --vcd "$dir/rtl.vcd" >/dev/null 2>"$dir/err" || { echo "FAIL sim rtl --vcd: $(cat "$dir/err")"; fails=$((fails + 1)); }
vcd_ok "$dir/rtl.vcd" "sim --model rtl" $pins valid_q out_q
"$gqalut" cosim --table "$ref" --scale 2 --stall-out 0.3 --vcd "$dir/both" >/dev/null 2>"$dir/err" || { echo "FAIL cosim --vcd: $(cat "$dir/err")"; fails=$((fails + 1)); }
vcd_ok "$dir/both-cycle.vcd" "cosim, SystemC" $pins rtl_in_ready_o rtl_out_data_o stage_valid
vcd_ok "$dir/both-rtl.vcd" "cosim, Verilated" $pins valid_q out_q
# Traces through links, one into another folder: each link stays, the file it names gets the trace.
mkdir -p "$dir/elsewhere"
echo old >"$dir/elsewhere/cycle-target.vcd" && ln -s elsewhere/cycle-target.vcd "$dir/linked-cycle.vcd"
echo old >"$dir/rtl-target.vcd" && ln -s rtl-target.vcd "$dir/linked-rtl.vcd"
"$gqalut" cosim --table "$ref" --scale 2 --vcd "$dir/linked" >/dev/null 2>"$dir/err" || { echo "FAIL cosim --vcd through links: $(cat "$dir/err")"; fails=$((fails + 1)); }
if [[ -L $dir/linked-cycle.vcd && -L $dir/linked-rtl.vcd && -z $(ls -A "$dir" "$dir/elsewhere" | grep '^\.') ]]; then
  vcd_ok "$dir/elsewhere/cycle-target.vcd" "cosim through a link, SystemC" $pins stage_valid
  vcd_ok "$dir/rtl-target.vcd" "cosim through a link, Verilated" $pins valid_q out_q
else
  echo "FAIL cosim --vcd through links: $(ls -lA "$dir" "$dir/elsewhere" | tr '\n' ' ')"
  fails=$((fails + 1))
fi

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
