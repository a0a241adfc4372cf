#!/usr/bin/env bash
# gqalut show: every code of the table file appears with its real value (slope = code 2^-lambda_k,
# intercept = code 2^-lambda_b, breakpoint = code 2^-s), segments tile the input codes, codes at a
# rail are named, the CSV has one row per segment and scale, the plot is a PNG, bad input exits 2.
set -eu
g=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$g" search --function gelu --entries 8 --method optimal --out "$dir/t.json" --quiet >/dev/null
# A copy whose scale-2 segment 3 slope sits at the top rail of Q1.6 (127).
/usr/bin/python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
t = json.load(open(f"{d}/t.json"))
t["per_scale"]["2"]["slopes"][3] = 127
t.pop("metrics", None)
json.dump(t, open(f"{d}/rail.json", "w"))
PY
"$g" show --table "$dir/rail.json" --format json >"$dir/show.json"
"$g" show --table "$dir/rail.json" --format csv >"$dir/show.csv"
"$g" show --table "$dir/rail.json" --scale 2 --plot "$dir/p.png" >"$dir/show.txt"
/usr/bin/python3 - "$dir" <<'PY'
import csv, json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
d = sys.argv[1]
t, v = json.load(open(f"{d}/rail.json")), json.load(open(f"{d}/show.json"))
lk, lb = t["param_format"]["lambda_k"], t["param_format"]["lambda_b"]
assert [s["scale"] for s in v["scales"]] == t["scales"]
for sc in v["scales"]:
    s, lut, segs = sc["scale"], t["per_scale"][str(sc["scale"])], sc["segments"]
    assert [g["slope_code"] for g in segs] == lut["slopes"] and [g["intercept_code"] for g in segs] == lut["intercepts"]
    assert [g["breakpoint_code"] for g in segs[1:]] == lut["breakpoints"]
    for g in segs:
        assert g["slope"] == g["slope_code"] / 2 ** lk and g["intercept"] == g["intercept_code"] / 2 ** lb, g
        if "breakpoint_code" in g:
            assert g["breakpoint"] == g["breakpoint_code"] / 2 ** s and g["x_from"] == g["breakpoint"], g
        at_rail = g["slope_code"] in (-128, 127)
        assert ("slope" in g["rail"]) == at_rail, g
    codes = [c for g in segs if not g["empty"] for c in range(g["code_from"], g["code_to"] + 1)]
    assert codes == list(range(-128, 128)), f"scale {s}: segments do not tile the codes"
assert "slope" in v["scales"][2]["segments"][3]["rail"]
assert v["metrics"]["protocol"] == "paper" and v["metrics"]["mse_mean"] > 0
rows = list(csv.DictReader(open(f"{d}/show.csv")))
assert len(rows) == len(t["scales"]) * t["entries"], len(rows)
assert "slope at rail" in open(f"{d}/show.txt").read()
img = plt.imread(f"{d}/p.png")
assert img.shape[0] > 400 and img.shape[1] > 600, img.shape
print(f"ok: {len(rows)} segments in real units, rail found, plot {img.shape[1]}x{img.shape[0]}")
PY
# Bad input: one line, exit 2, nothing on stdout, no plot file.
set +e
"$g" show --table "$dir/t.json" --scale 9 --plot "$dir/bad.png" >"$dir/out" 2>"$dir/err"
rc=$?
set -e
[[ $rc -eq 2 && ! -s $dir/out && $(wc -l <"$dir/err") -eq 1 && ! -e $dir/bad.png ]] || { echo "FAIL: --scale 9: exit $rc $(cat "$dir/err")"; exit 1; }
echo "ok: $(cat "$dir/err")"
# A folded, clamped table: the fold and clamp steps are named, the segments are of |x| (from 0)
# within the clamp, and the never-firing breakpoint is 2^(k-1) + 1.
"$g" search --function tanh --entries 4 --method optimal --symmetry odd --clamp --range -3,3 --quiet --out "$dir/f.json" >/dev/null
"$g" show --table "$dir/f.json" --format json >"$dir/f.out"
/usr/bin/python3 - "$dir/f.out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
assert "fold q' = |q| (odd symmetry" in v["formats"]["datapath"] and "clamp" in v["formats"]["datapath"], v["formats"]
assert "129" in v["formats"]["breakpoints"], v["formats"]["breakpoints"]
for s in v["scales"]:
    segs = [g for g in s["segments"] if not g["empty"]]
    assert segs[0]["x_from"] == 0 and segs[-1]["x_to"] <= 3, (s["scale"], segs[0], segs[-1])
print("ok: folded and clamped table shown as the unit indexes it")
PY
