#!/usr/bin/env bash
# `gqalut cost` with the Yosys column: every Table 6 row has the Yosys estimate of the RTL from
# docs/results/yosys_area.csv (embedded at build time; checked against the file in the tree),
# the calibration row has error 0, the existing JSON keys stay, and a bad --yosys-csv exits 2.
set -u
gqalut=$1
csv=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
py=/usr/bin/python3

check() {   # check NAME PYTHON-CHECK ARGS... (j: the JSON, rows: the CSV by config)
    local name=$1 cond=$2
    shift 2
    "$gqalut" cost "$@" --format json >"$dir/out" 2>"$dir/err"
    local rc=$?
    if [[ $rc -ne 0 ]] || ! $py - "$dir/out" "$csv" "$cond" <<'PY'
import csv, json, sys
j = json.load(open(sys.argv[1]))
rows = {r['config']: r for r in csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith('#'))}
sys.exit(0 if eval(sys.argv[3]) else 1)
PY
    then
        echo "FAIL $name: rc=$rc $(head -c 600 "$dir/out") $(cat "$dir/err")"
        fails=$((fails + 1))
    else
        echo "ok   $name"
    fi
}

keys="all(k in r for r in j['rows'] for k in ['precision','entries','area_um2','power_mw','paper_area_um2','paper_power_mw','loo_area_error','loo_power_error','yosys_area_um2','yosys_area_error'])"
check "table 6 rows with the yosys column" "len(j['rows']) == 8 and $keys and all(r['yosys_area_um2'] == float(rows[r['precision'] + '_n' + str(r['entries'])]['area_um2']) for r in j['rows'])"
check "calibration row" "j['yosys']['calibrated_on'] == 'int8_n8' and abs(j['rows'][0]['yosys_area_error']) < 1e-3 and abs(j['yosys']['um2_per_gate_equivalent'] - float(rows['int8_n8']['area_um2']) / float(rows['int8_n8']['gate_equivalents'])) < 1e-9"
check "predictions within 30% of Table 6" "all(abs(r['yosys_area_error']) < 0.3 for r in j['rows'])"
check "one estimate with the requantizer" "j['rows'][0]['yosys_config'] == 'int16_n16_rq' and j['rows'][0]['yosys_area_um2'] == float(rows['int16_n16_rq']['area_um2']) and j['rows'][0]['yosys_area_error'] is None" --precision int16 --entries 16 --requantizer
check "the scaler with the RSQRT octave" "j['rows'][0]['yosys_config'] == 'scaler32_n8_oct' and j['rows'][0]['yosys_area_um2'] == float(rows['scaler32_n8_oct']['area_um2']) and j['rows'][0]['area_um2'] > 1.1 * float(rows['scaler32_n8']['area_um2'])" --scaler --precision int8 --entries 8 --octave
check "no synthesized configuration" "j['rows'][0]['yosys_area_um2'] is None" --precision int8 --entries 8 --lanes 8
check "another csv" "j['rows'][0]['yosys_area_um2'] == 1234" --precision int8 --entries 8 --yosys-csv <(printf 'config,cells,flops,gate_equivalents,area_um2,paper_area_um2\nint8_n8,1,1,10,1234,\n')

"$gqalut" cost >"$dir/out" 2>"$dir/err"
if [[ $? -ne 0 ]] || ! grep -qE "^prec .* yosys +err" "$dir/out" || ! grep -qE "^int8 +8 .* 961 +\+0\.0%" "$dir/out"; then
    echo "FAIL text: $(cat "$dir/out" "$dir/err")"; fails=$((fails + 1))
else
    echo "ok   text"
fi

printf 'config,cells\nx,1\n' >"$dir/bad.csv"
"$gqalut" cost --yosys-csv "$dir/bad.csv" >"$dir/out" 2>"$dir/err"
if [[ $? -ne 2 || -s $dir/out || $(wc -l <"$dir/err") -ne 1 ]] || ! grep -q "bad.csv:1: expected the header" "$dir/err"; then
    echo "FAIL bad csv: $(cat "$dir/err")"; fails=$((fails + 1))
else
    echo "ok   bad csv: $(cat "$dir/err")"
fi

octave_table=$(dirname "$csv")/../../tests/rtl/data/rsqrt_octave_optimal_16.json
for args in "--precision int8 --entries 8 --octave" "--table $octave_table --octave"; do
    # shellcheck disable=SC2086
    "$gqalut" cost $args >"$dir/out" 2>"$dir/err"
    if [[ $? -ne 2 || -s $dir/out || $(wc -l <"$dir/err") -ne 1 ]]; then
        echo "FAIL bad $args: $(cat "$dir/err")"; fails=$((fails + 1))
    else
        echo "ok   bad $args: $(cat "$dir/err")"
    fi
done

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
