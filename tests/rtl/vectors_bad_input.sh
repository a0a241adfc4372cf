#!/usr/bin/env bash
# `gqalut vectors` on bad input: exit status 2, one line on stderr, nothing on stdout and no
# output file left behind.
set -u
gqalut=$1
data=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
ref=$data/gqa-lut-pretrained/gelu_pwl_7.json

# expect NAME PATTERN OUTDIR ARGS...: fails as described, and OUTDIR holds no file afterwards.
expect() {
  local name=$1 pattern=$2 out=$3
  shift 3
  "$gqalut" vectors --out "$out" "$@" >"$dir/stdout" 2>"$dir/stderr"
  local rc=$? lines
  lines=$(wc -l <"$dir/stderr")
  local left=0
  [[ -d $out ]] && left=$(find "$out" -type f | wc -l)
  if [[ $rc -ne 2 || -s $dir/stdout || $lines -ne 1 || $left -ne 0 ]] || ! grep -qE -- "$pattern" "$dir/stderr"; then
    echo "FAIL $name: rc=$rc stdout=$(wc -c <"$dir/stdout")B files=$left stderr($lines lines): $(cat "$dir/stderr")"
    fails=$((fails + 1))
  else
    echo "ok   $name: $(cat "$dir/stderr")"
  fi
}

expect "missing table" "nope.json: cannot open" "$dir/o1" --table "$dir/nope.json"
expect "bad shape" "--shape: 'int9_p8_n32_l1'" "$dir/o2" --table "$ref" --shape int9_p8_n32_l1
expect "table too big" "entries, the unit holds at most 4" "$dir/o3" --table "$ref" --shape int8_p8_n4_l1
expect "wrong unit" "needs the 8-bit INT unit" "$dir/o4" --table "$ref" --shape int16_p16_n32_l1
expect "scale missing" "no LUT for scale 7" "$dir/o5" --table "$ref" --scales 5..7
expect "bad scales" "--scales: 'x'" "$dir/o6" --table "$ref" --scales x
expect "bad inputs" "--inputs: 'random:0'" "$dir/o7" --table "$ref" --inputs random:0
expect "requant range" "requantizer output fraction bits 40" "$dir/o8" --table "$ref" --requant 40
expect "exhaustive too wide" "at most 16 bits" "$dir/o9" --table "$data/../rtl/data/fp32_gelu_uniform_16.json"
expect "unknown option" "unrecognised option|unrecognized option" "$dir/o10" --table "$ref" --bogus 1
: >"$dir/afile"
expect "out is a file" "afile: is not a directory" "$dir/afile" --table "$ref"
# A directory that exists keeps its other files; a failed run adds none.
mkdir "$dir/keep"
"$gqalut" vectors --table "$ref" --out "$dir/keep" --scales 5..7 >/dev/null 2>&1
[[ -z $(ls -A "$dir/keep") ]] || { echo "FAIL existing dir got files"; fails=$((fails + 1)); }
# A good run writes the four files and prints one line.
"$gqalut" vectors --table "$ref" --out "$dir/good" >"$dir/stdout" 2>"$dir/stderr"
[[ $? -eq 0 && $(ls "$dir/good" | wc -l) -eq 4 && $(wc -l <"$dir/stdout") -eq 1 && ! -s $dir/stderr ]] ||
  { echo "FAIL good run"; fails=$((fails + 1)); }
echo "$fails failure(s)"
[[ $fails -eq 0 ]]
