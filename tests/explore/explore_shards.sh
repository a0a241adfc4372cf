#!/usr/bin/env bash
# gqalut explore: the quick grid has at least 40 points with every column filled; three shards
# merged give the same CSV as one run (apart from the search time column), and plots are made.
set -eu
g=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$g" explore --out "$dir/one" --grid quick 2>"$dir/one.log"
for i in 0 1 2; do "$g" explore --out "$dir/split" --grid quick --shard $i/3 --no-plots 2>>"$dir/split.log"; done
"$g" explore --out "$dir/split" --grid quick --merge 2>>"$dir/split.log" >"$dir/merge.txt"
/usr/bin/python3 - "$dir" <<'PY'
import csv, sys, os
d = sys.argv[1]
def rows(p):
    with open(p) as f:
        return [{k: v for k, v in r.items() if k != "search_seconds"} for r in csv.DictReader(f)]
one, split = rows(f"{d}/one/explore.csv"), rows(f"{d}/split/explore.csv")
assert len(one) >= 40, len(one)
assert one == split, "sharded and merged CSV differs from one run"
for r in one:
    assert float(r["area_um2"]) > 0 and float(r["power_mw"]) > 0 and float(r["mse_mean"]) > 0, r
    assert int(r["latency_cycles"]) >= 3, r
idx = {r["indexing"] for r in one}
assert idx == {"parallel", "binary", "uniform"}, idx
for png in ("pareto_mse_area", "pareto_mse_energy", "mse_vs_scale", "cost_vs_entries"):
    for sub in ("one", "split"):
        assert os.path.getsize(f"{d}/{sub}/{png}.png") > 10000, (sub, png)
for sub in ("one", "split"):
    assert os.path.getsize(f"{d}/{sub}/report.html") > 50000, sub
    assert os.listdir(f"{d}/{sub}/tables"), sub
assert rows(f"{d}/one/pareto.csv") == rows(f"{d}/split/pareto.csv"), "Pareto fronts differ"
print(f"ok: {len(one)} points, shards merged identically, plots written")
PY
