#!/usr/bin/env bash
# `gqalut sim` and `gqalut cost` on the command line: bad requests exit 2 with one line on
# stderr and nothing on stdout (no simulation started); good runs exit 0 with the JSON keys
# checks rely on; --vcd writes a trace.
set -u
source "$(dirname "$0")/../lib.sh" "$@"

ref=$data/gelu_pwl_7.json
head -c 300 "$ref" >"$dir/truncated.json"
bad "invalid table" "truncated.json: invalid JSON" sim --table "$dir/truncated.json" --model cycle
bad "N above MaxEntries" "table has 64 entries, the unit holds at most 32" sim --table "$dir/gelu_int8_64.json" --model cycle
bad "N above MaxEntries (golden too)" "table has 16 entries, the unit holds at most 8" sim --table "$data/gelu_pwl_15.json" --model golden --max-entries 8
bad "scale out of range" "scale 8 outside \[0, 7\]" sim --table "$dir/gelu_int8_8.json" --scale 8
bad "scale missing in a per-scale table" "no LUT for scale 7" sim --table "$ref" --scale 7
bad "negative scale" "scale" sim --table "$ref" --scale -1
bad "unknown model" "unknown model 'verilog'" sim --table "$ref" --model verilog
bad "inputs" "random:N" sim --table "$ref" --inputs random:0
bad "exhaustive 32-bit" "use --inputs random:N" sim --table "$dir/gelu_int32_8.json" --inputs exhaustive
bad "stall probability" "--stall-in" sim --table "$ref" --stall-in 1.5
bad "shape not precompiled" "no precompiled cycle model for int8_p8_n32_l3" sim --table "$ref" --lanes 3
bad "requantizer on fp32" "only the INT unit" sim --table "$dir/gelu_fp32_16.json" --requantize 3
bad "indexing" "unknown indexing style" sim --table "$ref" --indexing linear
bad "no table" "table" sim --model cycle
bad "cost: unknown precision" "int9" cost --precision int9 --entries 8
bad "cost: entries without precision" "together" cost --entries 8

good "int8 exhaustive, stalls" "j['compared'] == 1792 and j['mismatches'] == 0 and j['elements_per_second'] > 0 and j['area_um2'] > 0 and j['energy_pj_per_element'] > 0 and j['power_mw'] > 0 and j['latency'] == 3" \
    sim --table "$ref" --model cycle --stall-in 0.3 --stall-out 0.3
good "int8 lanes 8, binary search" "j['compared'] == 2048 and j['mismatches'] == 0 and j['latency'] == 7 and j['unit'] == 'int8_p8_n32_l8'" \
    sim --table "$dir/gelu_int8_8.json" --lanes 8 --indexing binary --stall-out 0.2
good "int8 requantizer" "j['mismatches'] == 0 and j['compared'] == 256" sim --table "$ref" --scale 4 --requantize 4
good "int16 exhaustive, one scale" "j['compared'] == 65536 and j['mismatches'] == 0" sim --table "$dir/gelu_int16_16.json" --scale 9 --stall-in 0.1
good "int32 random" "j['compared'] > 1000 and j['mismatches'] == 0" sim --table "$dir/gelu_int32_8.json" --scale 0..31 --inputs random:1000
good "fp32 random" "j['compared'] > 20000 and j['mismatches'] == 0" sim --table "$dir/gelu_fp32_16.json" --inputs random:20000 --stall-out 0.5
good "div" "j['mismatches'] == 0 and j['latency'] == 4" sim --table "$dir/div_int8_8.json" --inputs random:20000
good "rsqrt lanes 8" "j['mismatches'] == 0" sim --table "$dir/rsqrt_int8_8.json" --inputs random:20000 --lanes 8
good "golden model" "j['compared'] == 1792 and j['mismatches'] == 0 and j['activity'] == 'nominal'" sim --table "$ref" --model golden
good "toggle weighting" "j['mismatches'] == 0 and j['activity'].startswith('measured (toggle')" sim --table "$ref" --toggles
good "cost validate" "len(j['rows']) == 8 and all(abs(r['loo_area_error']) < 0.3 and abs(r['loo_power_error']) < 0.3 for r in j['rows']) and all(k in j['rows'][0] for k in ['precision','entries','area_um2','power_mw','paper_area_um2','paper_power_mw','loo_area_error','loo_power_error'])" \
    cost --validate
good "cost one row" "len(j['rows']) == 1 and j['rows'][0]['paper_area_um2'] == 961 and j['rows'][0]['loo_area_error'] is not None" cost --precision int8 --entries 8
good "cost estimate" "j['rows'][0]['paper_area_um2'] is None and j['rows'][0]['area_um2'] > 0" cost --precision int16 --entries 12 --max-entries 32 --lanes 8 --indexing binary

# VCD: a trace with the pins and the model's state.
"$gqalut" sim --table "$ref" --scale 0 --vcd "$dir/trace.vcd" >/dev/null 2>"$dir/err"
if [[ $? -ne 0 || ! -s $dir/trace.vcd ]] || ! grep -q "in_data_i" "$dir/trace.vcd" || ! grep -q "stage_valid" "$dir/trace.vcd"; then
    echo "FAIL vcd: $(cat "$dir/err")"
    fails=$((fails + 1))
else
    echo "ok   vcd ($(wc -c <"$dir/trace.vcd") bytes)"
fi

# Text output: a table per scale and the cost block lines.
"$gqalut" sim --table "$ref" >"$dir/out" 2>"$dir/err"
if [[ $? -ne 0 ]] || ! grep -q "0 mismatches" "$dir/out" || ! grep -q "comparators" "$dir/out"; then
    echo "FAIL text output: $(cat "$dir/out" "$dir/err")"
    fails=$((fails + 1))
else
    echo "ok   text output"
fi

# Random inputs are made as they are streamed: 1e7 of them take no more memory than 1e5.
peak_kb() {
    /usr/bin/time -f "%M" "$gqalut" sim --table "$ref" --scale 4 --model golden --inputs "random:$1" --format json \
        2>&1 >/dev/null | tail -1
}
small=$(peak_kb 100000)
large=$(peak_kb 10000000)
if [[ $large -le $((small + 20000)) ]]; then
    echo "ok   memory flat in N: peak ${small} kB at 1e5 inputs, ${large} kB at 1e7"
else
    echo "FAIL memory grows with N: peak ${small} kB at 1e5 inputs, ${large} kB at 1e7"
    fails=$((fails + 1))
fi

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
