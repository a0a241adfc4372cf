#!/usr/bin/env bash
# `gqalut search` command-line contract (docs/cli.md): bad input gives exit 2, one line on stderr,
# nothing on stdout and no output file; good runs print the JSON keys checks rely on, write a
# table `gqalut eval` reads back with the same MSE, and the same seed gives the same file on
# any thread count.
set -u
gqalut=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0

bad() {  # bad NAME ARGS...: must fail cleanly
    local name=$1
    shift
    rm -f "$dir/t.json"
    "$gqalut" search "$@" --out "$dir/t.json" --format json >"$dir/out" 2>"$dir/err"
    local rc=$?
    local lines
    lines=$(wc -l <"$dir/err")
    if [[ $rc -ne 2 || -s $dir/out || $lines -ne 1 || -e $dir/t.json ]] || ls "$dir" | grep -q '\.tmp\.'; then
        echo "FAIL $name: rc=$rc stdout=$(wc -c <"$dir/out")B stderr($lines lines): $(head -3 "$dir/err")"
        fails=$((fails + 1))
    else
        echo "ok   $name: $(cat "$dir/err")"
    fi
}

bad "unknown function" --function softsign --entries 8 --method gqa-rm
bad "empty range" --function gelu --range 1,1 --entries 8 --method optimal
bad "reversed range" --function gelu --range 4,-4 --entries 8 --method optimal
bad "range not numbers" --function gelu --range a,b --entries 8 --method optimal
bad "entries 0" --function gelu --entries 0 --method gqa
bad "entries above the grid" --function gelu --entries 300 --method optimal
bad "entries above a narrow grid" --function gelu --range 0,0.25 --entries 20 --method optimal
bad "bad expression" --expr "sin(x" --range -1,1 --entries 8 --method optimal
bad "expression without range" --expr "x*x" --entries 8 --method optimal
bad "function and expression" --function gelu --expr "x" --range 0,1 --entries 8
bad "unsupported precision" --function gelu --entries 8 --precision int4 --method optimal
bad "non-numeric seed" --function gelu --entries 8 --method gqa --seed abc
bad "negative seed" --function gelu --entries 8 --method gqa --seed -1
bad "unknown method" --function gelu --entries 8 --method annealing
bad "per-scale GA" --function gelu --entries 8 --method gqa --scheme per-scale
bad "zero threads" --function gelu --entries 8 --method gqa --threads 0
bad "missing entries" --function gelu --method gqa
bad "unknown option" --function gelu --entries 8 --colour red

# A good run: JSON keys, table file, eval agrees.
if ! "$gqalut" search --function gelu --range -4,4 --entries 8 --precision int8 --method gqa-rm --generations 50 \
    --seed 3 --threads 1 --out "$dir/a.json" --format json >"$dir/a.out" 2>"$dir/a.err"; then
    echo "FAIL good run: $(cat "$dir/a.err")"
    fails=$((fails + 1))
fi
"$gqalut" search --function gelu --range -4,4 --entries 8 --precision int8 --method gqa-rm --generations 50 \
    --seed 3 --threads 2 --out "$dir/b.json" --format json >"$dir/b.out" 2>/dev/null
"$gqalut" eval --table "$dir/a.json" --format json >"$dir/eval.out" 2>"$dir/eval.err"
/usr/bin/python3 - "$dir" <<'PY' || fails=$((fails + 1))
import json, sys
d = sys.argv[1]
a = json.load(open(d + "/a.out"))
for key in ("mse_mean", "mse_per_scale", "max_abs_error", "seconds"):
    assert key in a, key
assert sorted(a["mse_per_scale"]) == [str(s) for s in range(7)], a["mse_per_scale"]
assert a["method"] == "gqa-rm" and a["scheme"] == "shared" and a["seed"] == 3
e = json.load(open(d + "/eval.out"))
assert e["mse_mean"] == a["mse_mean"], (e["mse_mean"], a["mse_mean"])
t = json.load(open(d + "/a.json"))
assert t["metrics"]["mse_mean"] == a["mse_mean"] and t["method"] == "gqa-rm" and t["seed"] == 3
print("ok   good run: mse_mean %.4e, eval agrees, %.3f s" % (a["mse_mean"], a["seconds"]))
PY
if cmp -s "$dir/a.json" "$dir/b.json"; then
    echo "ok   same seed, 1 and 2 threads: byte-identical table"
else
    echo "FAIL same seed, 1 and 2 threads: tables differ"
    fails=$((fails + 1))
fi
# Progress goes to stderr, never stdout.
if ! grep -q "generation" "$dir/a.err"; then
    echo "FAIL no progress on stderr"
    fails=$((fails + 1))
fi
# optimal and fp32 in text mode.
"$gqalut" search --function exp --entries 8 --method optimal --quiet >"$dir/o.out" 2>&1 && grep -q "exact" "$dir/o.out" ||
    { echo "FAIL optimal text output"; fails=$((fails + 1)); }
"$gqalut" search --function div --entries 8 --precision fp32 --method optimal --format json --quiet >"$dir/f.out" 2>&1 ||
    { echo "FAIL fp32 optimal"; fails=$((fails + 1)); }

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
