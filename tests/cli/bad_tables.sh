#!/usr/bin/env bash
# Malformed tables: exit status 2, exactly one line on stderr naming file, field, index and
# value, nothing on stdout.
set -u
gqalut=$1
data=$2/gqa-lut-pretrained
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0

source "$(dirname "$0")/../checks.sh"

# expect NAME FILE PATTERN: `gqalut eval --table FILE` fails as described; PATTERN is a grep -E
# regular expression the one stderr line must match.
expect() { bad "$1" "$3" eval --table "$2" --format json; }

ref=$data/gelu_pwl_7.json
# Edit the reference table with python (a declared dependency) to build each bad case.
mk() {  # mk OUT PYTHON-EXPR-ON-d
    /usr/bin/python3 - "$ref" "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
open(sys.argv[2], "w").write(json.dumps(d) if not isinstance(d, str) else d)
PY
}

head -c 300 "$ref" >"$dir/truncated.json"
expect truncated "$dir/truncated.json" "truncated.json: invalid JSON: .*(unexpected end|syntax error)"
mk "$dir/unsorted.json" 'd["gelu"]["3"]["breakpoints"][2] = 1.5'
expect unsorted "$dir/unsorted.json" "unsorted.json: gelu\.3\.breakpoints\[3\]: -0.375 is below the previous breakpoint 1.5"
mk "$dir/short.json" 'd["gelu"]["2"]["intercepts"].pop()'
expect "wrong length" "$dir/short.json" "short.json: gelu\.2\.intercepts: has 7 values, expected 8"
mk "$dir/nan.json" 'd = json.dumps(d).replace("-2.25", "NaN", 1)'
expect NaN "$dir/nan.json" "nan.json: gelu\.2\.breakpoints\[1\]: NaN is not a finite number"
mk "$dir/string.json" 'd["gelu"]["1"]["slopes"][4] = "abc"'
expect "not a number" "$dir/string.json" 'string.json: gelu\.1\.slopes\[4\]: expected a number, got "abc"'
mk "$dir/wide.json" 'd["gelu"]["0"]["slopes"][6] = 3.0'
expect "code too wide" "$dir/wide.json" "wide.json: gelu\.0\.slopes\[6\]: 3 does not fit Q1\.6"
mk "$dir/offgrid.json" 'd["gelu"]["4"]["breakpoints"][0] = -3.01'
expect "off the code grid" "$dir/offgrid.json" "offgrid.json: gelu\.4\.breakpoints\[0\]: -3.01 is not a multiple of 2\^-4"
mk "$dir/func.json" 'd = {"softplus": d["gelu"]}'
expect "unknown function" "$dir/func.json" "func.json: unknown function 'softplus'"
: >"$dir/empty.json"
expect "empty file" "$dir/empty.json" "empty.json: file is empty"
expect "missing file" "$dir/nope.json" "nope.json: cannot open: No such file"
mkdir "$dir/adir"
expect directory "$dir/adir" "adir: is a directory"

# The own format: a code too wide and unsorted shared breakpoints.
"$gqalut" eval --table "$ref" --format json >/dev/null || { echo "FAIL: good table rejected"; fails=$((fails + 1)); }
own='{"format":"gqalut-table","version":1,"function":"gelu","range":[-4,4],"entries":2,"precision":"int8",
 "param_format":{"width":8,"lambda_k":6,"lambda_b":6},"scales":[0,1],"scheme":"shared",
 "shared":{"breakpoints":[0.5],"slopes":[0,64],"intercepts":[0,200]}}'
echo "$own" >"$dir/own.json"
expect "own: code too wide" "$dir/own.json" "own.json: shared\.intercepts\[1\]: 200 does not fit signed 8 bits"
echo "${own/\"version\":1/\"version\":9}" >"$dir/ver.json"
expect "own: version" "$dir/ver.json" "ver.json: version: 9 is not supported"

# Usage errors.
"$gqalut" eval --table "$ref" --protocol bogus >"$dir/out" 2>"$dir/err"
[[ $? -eq 2 && ! -s $dir/out ]] && grep -q "unknown protocol 'bogus'" "$dir/err" || { echo "FAIL protocol"; fails=$((fails + 1)); }
"$gqalut" eval >"$dir/out" 2>"$dir/err"
[[ $? -eq 2 && ! -s $dir/out ]] && grep -q "table" "$dir/err" || { echo "FAIL missing --table"; fails=$((fails + 1)); }
"$gqalut" frobnicate >"$dir/out" 2>"$dir/err"
[[ $? -eq 2 && ! -s $dir/out ]] || { echo "FAIL unknown command"; fails=$((fails + 1)); }

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
