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
bad "range outside the exp domain" --function exp --range -4,4 --entries 8 --method optimal
bad "range outside the div domain" --function div --range 0,4 --entries 8 --method gqa
bad "rsqrt range below 0" --function rsqrt --range -1,4 --entries 8 --method optimal --precision fp32
bad "NaN inside the range (optimal)" --expr "x>0.7&&x<0.72?0/0:x" --range 0,1 --entries 8 --method optimal
bad "NaN inside the range (gqa-rm)" --expr "x>0.7&&x<0.72?0/0:x" --range 0,1 --entries 8 --method gqa-rm
bad "log outside its domain" --expr "log(x)" --range -1,1 --entries 8 --method optimal
bad "fp32 range beyond the sample limit" --function gelu --range -1e9,1e9 --entries 8 --precision fp32 --method optimal
bad "div range beyond the sample limit" --function div --range 0.5,1e18 --entries 8 --method optimal
bad "unknown objective" --function gelu --entries 8 --method optimal --objective median
bad "lambda not a number" --function gelu --entries 8 --method optimal --lambda six
bad "lambda-k above 2k" --function gelu --entries 8 --method optimal --lambda-k 17
bad "lambda-b negative" --function gelu --entries 8 --method optimal --lambda-b -1
bad "lambda for fp32" --function gelu --entries 8 --method optimal --precision fp32 --lambda-b 3
bad "max objective with nnlut" --function gelu --entries 8 --method nnlut --objective max
bad "max objective, fp32 optimum" --function gelu --entries 8 --method optimal --objective max --precision fp32
bad "population 1" --function gelu --entries 8 --method gqa --population 1
bad "theta-r above 1" --function gelu --entries 8 --method gqa-rm --theta-r 2
bad "GA option with optimal" --function gelu --entries 8 --method optimal --generations -3

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
for key in ("mse_mean", "mse_per_scale", "max_abs_error", "seconds", "objective", "lambda_k", "lambda_b",
            "bits_per_entry", "codes_at_rail", "lambda_search"):
    assert key in a, key
assert a["objective"] == "mse" and a["bits_per_entry"] == 8 + 8 + 9, a
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
# DIV/RSQRT default to the normalize preset (the whole input format); paper is asked for.
for want in normalize paper; do
    args=()
    [[ $want == paper ]] && args=(--preset paper)
    "$gqalut" search --function rsqrt --entries 4 --method optimal --format json --quiet "${args[@]}" >"$dir/p.out" 2>&1 &&
        python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['scaler'] == sys.argv[2]" "$dir/p.out" "$want" ||
        { echo "FAIL div/rsqrt preset $want: $(head -c 300 "$dir/p.out")"; fails=$((fails + 1)); }
done

# The RSQRT octave (numeric-definition.md §6): every method and scheme fits the core on x' in
# [4, 8) through the golden scaler; the table (version 2) reads back with the same metrics and
# beats a one-segment fit (the exact optimal fits by 20x); div, non-scaler functions and
# reductions refuse the preset.
bad "div with the octave preset" --function div --preset octave --entries 8 --method optimal
bad "octave preset on the INT unit" --function gelu --preset octave --entries 8 --method optimal
bad "exp2 with the octave preset" --function exp2 --preset octave --entries 8 --method optimal
for args in "--method optimal --scheme per-scale" "--method optimal --scheme shared" "--method optimal --scheme uniform" \
    "--method optimal --scheme uniform --objective max --precision int16" "--method gqa --seed 3" "--method gqa-rm --seed 3" \
    "--method nnlut --seed 3"; do
    # shellcheck disable=SC2086
    "$gqalut" search --function rsqrt --preset octave --entries 8 $args --quiet --format json --out "$dir/oct.json" >"$dir/oct.out" 2>"$dir/oct.err" &&
        "$gqalut" eval --table "$dir/oct.json" --format json >"$dir/oct.eval" 2>&1 &&
        "$gqalut" search --function rsqrt --preset octave --entries 1 --method optimal --quiet --format json >"$dir/oct1.out" 2>&1 &&
        /usr/bin/python3 - "$dir" "$args" <<'PY' || { echo "FAIL octave $args: $(head -c 300 "$dir/oct.err")"; fails=$((fails + 1)); }
import json, sys
d, args = sys.argv[1], sys.argv[2]
a, e, t, one = (json.load(open(d + f)) for f in ("/oct.out", "/oct.eval", "/oct.json", "/oct1.out"))
assert a["scaler"] == "octave" and t["scaler"]["preset"] == "octave" and t["version"] == 2, (a.get("scaler"), t["scaler"])
k = 16 if "int16" in args else 8
assert t["scales"] == [k - 3], t["scales"]
for key in ("mse_mean", "max_abs_error", "points"):
    assert e[key] == a[key] and t["metrics"][key] == a[key], (key, e[key], a[key])
# A fit of the octave (the core's x' in [4, 8), not the range [0.25, 4]): below one segment.
assert a["mse_mean"] < one["mse_mean"] / (20 if "optimal" in args else 1), (a["mse_mean"], one["mse_mean"])
print("ok   octave %s: MSE %.3e, max %.3e (one segment %.3e), eval agrees" % (args, a["mse_mean"], a["max_abs_error"], one["mse_mean"]))
PY
done

# Errors name what is wrong.
"$gqalut" search --function exp --range -4,4 --entries 8 --method optimal 2>&1 | grep -q "domain of exp (x <= 0)" ||
    { echo "FAIL exp domain message"; fails=$((fails + 1)); }
"$gqalut" search --expr "x>0.7&&x<0.72?0/0:x" --range 0,1 --entries 8 --method optimal 2>&1 | grep -q "not finite at x = 0.71875" ||
    { echo "FAIL NaN message names x"; fails=$((fails + 1)); }
# A range beyond the input format clamps to its codes: every scale keeps its grid (no scale
# dropped), and +-1e308 gives the same table as the format's own extent [-128, 127].
for r in "-4,1e18" "-1e308,1e308" "-128,127"; do
    "$gqalut" search --function gelu --range="$r" --entries 8 --method optimal --lambda 6 --quiet --format json >"$dir/r$r.out" 2>"$dir/r.err" ||
        { echo "FAIL range $r: $(cat "$dir/r.err")"; fails=$((fails + 1)); }
done
/usr/bin/python3 - "$dir" <<'PY' || fails=$((fails + 1))
import json, sys
d = sys.argv[1]
a = json.load(open(d + "/r-4,1e18.out"))
assert all(v > 0 for v in a["mse_per_scale"].values()), a["mse_per_scale"]
# codes ceil(-4 2^s)..127 at s = 0..6: 132 + 136 + 144 + 160 + 192 + 256 + 256
assert a["points"] == 1276, a["points"]
w = json.load(open(d + "/r-1e308,1e308.out"))
f = json.load(open(d + "/r-128,127.out"))
assert w["points"] == 7 * 256 and w["mse_mean"] == f["mse_mean"], (w["points"], w["mse_mean"], f["mse_mean"])
print("ok   wide ranges: -4,1e18 keeps all 7 scales (%d points); +-1e308 = [-128, 127] (%d points)" % (a["points"], w["points"]))
PY

# A format that clips: exit 0, the table, one warning line on stderr; auto does not clip.
for l in 6 auto; do
    "$gqalut" search --expr "min(max(x,-1),1)*_pi" --range=-4,4 --entries 8 --method optimal --lambda $l --quiet \
        --format json --out "$dir/clip-$l.json" >"$dir/clip-$l.out" 2>"$dir/clip-$l.err" ||
        { echo "FAIL clip run lambda $l"; fails=$((fails + 1)); }
done
if [[ $(wc -l <"$dir/clip-6.err") -eq 1 ]] && grep -q "warning: .* sit at a rail" "$dir/clip-6.err" && [[ ! -s $dir/clip-auto.err ]]; then
    echo "ok   clipped format warns: $(cat "$dir/clip-6.err")"
else
    echo "FAIL rail warning: lambda 6: $(cat "$dir/clip-6.err"); auto: $(cat "$dir/clip-auto.err")"
    fails=$((fails + 1))
fi
/usr/bin/python3 - "$dir" <<'PY' || fails=$((fails + 1))
import json, sys
d = sys.argv[1]
six, auto = json.load(open(d + "/clip-6.out")), json.load(open(d + "/clip-auto.out"))
t6 = json.load(open(d + "/clip-6.json"))
assert t6["metrics"]["codes_at_rail"] == six["codes_at_rail"] and six["codes_at_rail"]["slopes"] > 0, six["codes_at_rail"]
assert auto["codes_at_rail"] == {"slopes": 0, "intercepts": 0}, auto["codes_at_rail"]
assert auto["mse_mean"] < 1e-4 < 2e-2 < six["mse_mean"], (auto["mse_mean"], six["mse_mean"])
print("ok   lambda 6 MSE %.2e (%s at rails), auto %d/%d MSE %.2e" % (six["mse_mean"], six["codes_at_rail"], auto["lambda_k"], auto["lambda_b"], auto["mse_mean"]))
PY
# The max-error objective and independent fraction bits.
"$gqalut" search --function gelu --entries 8 --method optimal --objective max --lambda-k 5 --lambda-b 7 --quiet --format json \
    >"$dir/max.out" 2>&1 || { echo "FAIL max objective: $(cat "$dir/max.out")"; fails=$((fails + 1)); }
/usr/bin/python3 - "$dir" <<'PY' || fails=$((fails + 1))
import json, sys
m = json.load(open(sys.argv[1] + "/max.out"))
assert m["objective"] == "max" and m["objective_value"] == m["max_abs_error"], m
assert m["lambda_k"] == 5 and m["lambda_b"] == 7 and "lambda_search" not in m, m
print("ok   --objective max, lambda_k 5, lambda_b 7: max error %.3e" % m["max_abs_error"])
PY

# Datapath options: the JSON names every option and metric; the table file records them
# (version 2); the default stays a version-1 table; a symmetry the function lacks is refused.
"$gqalut" search --function sigmoid --entries 8 --method optimal --symmetry auto --clamp --quiet --format json \
    --out "$dir/sym.json" >"$dir/sym.out" 2>&1 || { echo "FAIL symmetry auto: $(cat "$dir/sym.out")"; fails=$((fails + 1)); }
"$gqalut" search --function sigmoid --entries 8 --method optimal --quiet --out "$dir/plain.json" >/dev/null 2>&1 ||
    { echo "FAIL plain sigmoid"; fails=$((fails + 1)); }
/usr/bin/python3 - "$dir" <<'PY' || fails=$((fails + 1))
import json, sys
d = sys.argv[1]
j = json.load(open(d + "/sym.out"))
want = {"objective": "mse", "symmetry": "point", "clamp": True, "intercept": "absolute"}
for k, v in want.items():
    assert j[k] == v, (k, j[k])
for k in ("lambda_k", "lambda_b", "mse_mean", "max_abs_error", "bits_per_entry"):
    assert isinstance(j[k], (int, float)) and not isinstance(j[k], bool), (k, j.get(k))
t = json.load(open(d + "/sym.json"))
assert t["version"] == 2 and t["datapath"]["symmetry"] == "point" and t["datapath"]["clamp"] is True, t.get("datapath")
p = json.load(open(d + "/plain.json"))
assert p["version"] == 1 and "datapath" not in p, p.get("version")
PY
"$gqalut" search --function sigmoid --entries 8 --symmetry odd --quiet >"$dir/odd.out" 2>"$dir/odd.err"
rc=$?
if [[ $rc -ne 2 || -s "$dir/odd.out" || $(wc -l <"$dir/odd.err") -ne 1 ]] || ! grep -q "sigmoid is not odd" "$dir/odd.err"; then
    echo "FAIL symmetry odd on sigmoid: rc=$rc $(cat "$dir/odd.err")"; fails=$((fails + 1))
fi

# More fraction bits than the width: a W-bit unit's registers take 0..W (numeric-definition.md §1).
bad "lambda-k above the width" --function sigmoid --entries 8 --method optimal --width 9 --lambda-k 10
bad "lambda-b above the width" --function gelu --entries 8 --method optimal --width 5 --lambda-k 4 --lambda-b 6
bad "lambda above a narrow width" --function gelu --entries 8 --method gqa --width 4 --lambda 5

# Segment-relative intercepts: refused off the INT unit; the JSON and the table file say relative.
bad "relative intercepts on fp32" --function gelu --entries 8 --precision fp32 --method optimal --intercept relative
bad "relative intercepts on the scaler" --function div --entries 8 --method optimal --intercept relative
bad "relative intercepts on the reduced exp" --function exp --preset reduce --range -16,0 --entries 8 --method optimal --intercept relative
bad "unknown intercept mode" --function gelu --entries 8 --method optimal --intercept segment
"$gqalut" search --function gelu --entries 8 --method gqa --generations 5 --intercept relative --quiet --format json \
    --out "$dir/rel.json" >"$dir/rel.out" 2>&1 || { echo "FAIL intercept relative: $(cat "$dir/rel.out")"; fails=$((fails + 1)); }
/usr/bin/python3 - "$dir" <<'PY' || fails=$((fails + 1))
import json, sys
d = sys.argv[1]
j, t = json.load(open(d + "/rel.out")), json.load(open(d + "/rel.json"))
assert j["intercept"] == "relative" and t["version"] == 2 and t["datapath"]["intercept"] == "relative", (j.get("intercept"), t.get("datapath"))
print("ok   --intercept relative: JSON and table file record it")
PY
# Range reductions on the scaler (numeric-definition.md §12): exp2 and log2 search, exp with
# --preset reduce; a range the input format cannot hold, values the output cannot hold, a range
# outside the domain, a wrong format or preset are refused.
bad "exp2 range beyond the Q15.16 input" --function exp2 --range -40000,0 --entries 8 --method optimal
bad "log2 range beyond the UQ16.16 input" --function log2 --range 1,70000 --entries 8 --method optimal
bad "log2 range reaching 0" --function log2 --range 0,16 --entries 8 --method optimal
bad "exp2 values beyond the UQ8.24 output" --function exp2 --range -8,8 --entries 8 --method optimal
bad "log2 values beyond a Q0.31 output" --function log2 --range 0.25,4 --scaler-output Q0.31 --entries 8 --method optimal
bad "reduced exp outside its domain" --function exp --preset reduce --range -4,4 --entries 8 --method optimal
bad "exp with the normalize preset" --function exp --preset normalize --entries 8 --method optimal
bad "exp2 with the paper preset" --function exp2 --preset paper --entries 8 --method optimal
bad "unsigned input for exp2" --function exp2 --scaler-input UQ16.16 --entries 8 --method optimal
bad "scaler input wider than 32 bits" --function exp2 --scaler-input Q20.16 --entries 8 --method optimal
bad "scaler output not 32 bits" --function exp2 --scaler-output UQ4.8 --entries 8 --method optimal
bad "format not a Q format" --function exp2 --scaler-input 32,16 --entries 8 --method optimal
bad "scaler format for the INT unit" --function gelu --scaler-input Q15.16 --entries 8 --method optimal
bad "reduction core int32" --function exp2 --precision int32 --entries 8 --method optimal
for args in "--function exp2 --range -8,8 --scaler-output UQ9.23" "--function log2 --range 0.01,1000" \
    "--function log2 --range 0.0000152587890625,65535" "--function exp --preset reduce --range -16,0 --scaler-output UQ1.31 --objective max --scheme uniform"; do
    # shellcheck disable=SC2086
    "$gqalut" search $args --entries 8 --method optimal --quiet --format json --out "$dir/red.json" >"$dir/red.out" 2>"$dir/red.err" &&
        "$gqalut" eval --table "$dir/red.json" --format json >"$dir/red.eval" 2>&1 &&
        /usr/bin/python3 - "$dir" "$args" <<'PY' || { echo "FAIL reduction $args: $(head -c 300 "$dir/red.err")"; fails=$((fails + 1)); }
import json, sys
d, args = sys.argv[1], sys.argv[2].split()
a, e, t = (json.load(open(d + f)) for f in ("/red.out", "/red.eval", "/red.json"))
fn = args[1]
assert a["scaler"] == "reduce" and t["scaler"]["preset"] == "reduce" and t["version"] == 2, t["scaler"]
assert t["function"] == fn and t["scales"] == [8] and t["range"] == [float(v) for v in args[args.index("--range") + 1].split(",")], t
want_out = args[args.index("--scaler-output") + 1] if "--scaler-output" in args else ("Q7.24" if fn == "log2" else "UQ8.24")
assert a["scaler_output"] == want_out and a["scaler_input"] == ("UQ16.16" if fn == "log2" else "Q15.16"), a
out = t["scaler"]["output"]
assert out["width"] == 32 and out["frac"] == int(want_out.split(".")[1]), out
for k in ("mse_mean", "max_abs_error", "points", "sampled"):
    assert e[k] == a[k] and t["metrics"][k] == a[k], (k, e[k], a[k])
wide = "65535" in args[args.index("--range") + 1]   # more than 2^22 step-0.01 points: 2^22 evenly spaced ones
assert a["sampled"] == wide and (a["points"] == 2 ** 22) == wide, (a["sampled"], a["points"])
print("ok   reduction %s: MSE %.3e, max %.3e, eval agrees" % (" ".join(args), a["mse_mean"], a["max_abs_error"]))
PY
done

# --protocol codes (numeric-definition.md §7): every code of the scaler input in the range; bad
# values and requests off the scaler are refused; the JSON and the table say codes, and
# `eval --protocol codes` reproduces the numbers while plain eval stays on the paper points.
bad "unknown protocol" --function exp2 --range -8,0 --entries 4 --method optimal --protocol steps
bad "protocol full in search" --function exp2 --range -8,0 --entries 4 --method optimal --protocol full
bad "empty protocol" --function exp2 --range -8,0 --entries 4 --method optimal --protocol ""
bad "codes protocol on the INT unit" --function gelu --entries 8 --method optimal --protocol codes
bad "codes protocol on fp32" --function div --entries 8 --precision fp32 --method optimal --protocol codes
bad "codes protocol, range outside the input" --function exp2 --range -9,0 --scaler-input Q3.12 --precision int16 --entries 4 --method optimal --protocol codes
codes=(--function exp2 --range=-8,0 --scaler-input Q3.12 --precision int16 --entries 4 --method optimal --scheme uniform --width 11)
"$gqalut" search "${codes[@]}" --protocol codes --quiet --format json --out "$dir/codes.json" >"$dir/codes.out" 2>"$dir/codes.err" &&
    "$gqalut" search "${codes[@]}" --quiet --format json >"$dir/steps.out" 2>>"$dir/codes.err" &&
    "$gqalut" eval --table "$dir/codes.json" --protocol codes --format json >"$dir/codes.eval" 2>>"$dir/codes.err" &&
    "$gqalut" eval --table "$dir/codes.json" --format json >"$dir/codes.paper" 2>>"$dir/codes.err" &&
    /usr/bin/python3 - "$dir" <<'PY' || { echo "FAIL --protocol codes: $(head -c 300 "$dir/codes.err")"; fails=$((fails + 1)); }
import json, sys
d = sys.argv[1]
a, s, e, p, t = (json.load(open(d + f)) for f in ("/codes.out", "/steps.out", "/codes.eval", "/codes.paper", "/codes.json"))
assert a["protocol"] == "codes" and t["metrics"]["protocol"] == "codes" and s["protocol"] == "paper", (a["protocol"], s["protocol"])
assert a["points"] == 32769 and a["sampled"] is False, (a["points"], a["sampled"])   # q = -32768..0
for k in ("mse_mean", "max_abs_error", "points", "sampled"):
    assert e[k] == a[k], (k, e[k], a[k])
assert p["protocol"] == "paper" and p["points"] == s["points"] == 800, (p["points"], s["points"])
assert a["objective_value"] == a["mse_mean"], a
print("ok   --protocol codes: %d codes, MSE %.4e (eval --protocol codes agrees); paper points %d" % (a["points"], a["mse_mean"], s["points"]))
PY
"$gqalut" eval --table "$dir/a.json" --protocol codes >"$dir/ev.out" 2>"$dir/ev.err"
rc=$?
if [[ $rc -ne 2 || -s "$dir/ev.out" || $(wc -l <"$dir/ev.err") -ne 1 ]]; then
    echo "FAIL eval --protocol codes of an INT table: rc=$rc $(cat "$dir/ev.err")"; fails=$((fails + 1))
else
    echo "ok   eval --protocol codes of an INT table: $(cat "$dir/ev.err")"
fi

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
