#!/usr/bin/env bash
# gqalut sim reports the cost of the unit sized to the table (MaxEntries = N, requantizer only
# when asked for) with the same numbers `gqalut cost` prints for that shape, beside the cost of
# the precompiled shape it simulated; cost --clock-mhz changes the power, not the area.
set -eu
g=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$g" search --function exp --entries 16 --method optimal --out exp16.json --quiet >/dev/null
"$g" search --function div --entries 8 --method optimal --out div8.json --quiet >/dev/null
run() { "$g" "$@" --format json; }
run sim --table exp16.json --model golden >s1.json
run sim --table exp16.json --model golden --requantize 3 --lanes 8 --clock-mhz 800 >s2.json
run sim --table div8.json --model golden >s3.json
run cost --table exp16.json >c1.json
run cost --precision int8 --entries 16 >c1p.json
run cost --table exp16.json --requantizer --lanes 8 --clock-mhz 800 >c2.json
run cost --table div8.json >c3.json
run cost --precision int8 --entries 16 --clock-mhz 1000 >c4.json
/usr/bin/python3 - <<'PY'
import json
def j(n): return json.load(open(n))
for s, c, rq in (("s1", "c1", False), ("s2", "c2", True), ("s3", "c3", False)):
    u, r = j(s + ".json")["sized_unit"], j(c + ".json")["rows"][0]
    assert u["requantizer"] == rq, u
    for k in ("area_um2", "power_mw", "energy_pj_per_element"):
        assert abs(u[k] - r[k]) <= 1e-9 * r[k], (s, k, u[k], r[k])
    assert u["same_as"].startswith("gqalut cost --table"), u
    assert j(s + ".json")["unit"] != u["unit"], "the simulated shape is the precompiled one"
assert j("c1.json")["rows"][0]["area_um2"] == j("c1p.json")["rows"][0]["area_um2"]
a, b = j("c1p.json")["rows"][0], j("c4.json")["rows"][0]
assert a["area_um2"] == b["area_um2"] and b["power_mw"] > 1.5 * a["power_mw"], (a["power_mw"], b["power_mw"])
assert j("c4.json")["clock_hz"] == 1e9
print("ok: sim's sized unit equals gqalut cost for exp16 (plain, requantizer + 8 lanes + 800 MHz) and div8 (scaler);",
      "power at 1000 MHz %.3f mW vs %.3f at 500" % (b["power_mw"], a["power_mw"]))
PY
