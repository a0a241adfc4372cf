#!/usr/bin/env bash
# A searched table with every INT datapath option at once (point symmetry, clamp, segment-relative
# intercepts) runs bit-exactly on every level: `gqalut cosim` streams every INT8 code at every
# scale of the table through golden, SystemC cycle model and RTL in lock-step.
set -u
gqalut=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
py=/usr/bin/python3

"$gqalut" search --function sigmoid --range -6,6 --entries 8 --method optimal --symmetry point --clamp \
    --intercept relative --quiet --format json --out "$dir/t.json" >"$dir/search.json" 2>"$dir/err" ||
    { echo "FAIL search: $(cat "$dir/err")"; exit 1; }
$py - "$dir/search.json" "$dir/t.json" <<'PY' || fails=$((fails + 1))
import json, sys
j, t = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert j["intercept"] == "relative" and j["symmetry"] == "point" and j["clamp"] is True, j
assert t["datapath"] == {"symmetry": "point", "center": t["datapath"]["center"], "clamp": True, "intercept": "relative"}, t["datapath"]
print("ok   searched table: mse_mean", j["mse_mean"], "max", j["max_abs_error"], "lambda", j["lambda_k"], j["lambda_b"])
PY

"$gqalut" cosim --table "$dir/t.json" --stall-in 0.2 --stall-out 0.2 --format json >"$dir/cosim.json" 2>"$dir/err"
rc=$?
$py - "$dir/cosim.json" "$rc" <<'PY' || { fails=$((fails + 1)); cat "$dir/err"; }
import json, sys
j = json.load(open(sys.argv[1]))
assert sys.argv[2] == "0", sys.argv[2]
assert j["compared"] == 256 * 7 and j["mismatches"] == 0 and j["levels"]["rtl"]["mismatches_vs_golden"] == 0, j
print("ok   cosim: every INT8 code x scales 0-6, golden = cycle model = RTL:", j["compared"], "compared, 0 mismatches")
PY
exit $((fails > 0))
