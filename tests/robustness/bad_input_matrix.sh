#!/usr/bin/env bash
# Bad input to every subcommand: exit status 2, exactly one line on stderr, nothing on stdout,
# no output file created, and an existing file at the output path left byte for byte as it was.
#   bad_input_matrix.sh GQALUT DATA_DIR
set -u
g=$1
data=$2/gqa-lut-pretrained
dir=$(mktemp -d)
log=$(mktemp -d)
trap 'rm -rf "$dir" "$log"' EXIT
fails=0 cases=0
good=$data/gelu_pwl_7.json
printf '{"gelu": {"0": {"breakpoints": [1, 0], "slopes": [0, 0, 0], "intercepts": [0, 0, 0]}}}' >"$dir/bad.json"
echo "precious" >"$dir/keep.json"
mkdir -p "$dir/keepdir" && echo "precious" >"$dir/keepdir/explore.csv"

# check NAME PATTERN ARGS...: bad input as described above; PATTERN must match the stderr line.
check() {
  local name=$1 pattern=$2
  shift 2
  cases=$((cases + 1))
  local before
  before=$(ls -A "$dir" | sort)
  "$g" "$@" >"$log/out" 2>"$log/err"
  local rc=$?
  local lines
  lines=$(wc -l <"$log/err")
  local after
  after=$(ls -A "$dir" | sort)
  local problem=""
  [[ $rc -eq 2 ]] || problem+=" rc=$rc"
  [[ -s $log/out ]] && problem+=" stdout not empty"
  [[ $lines -eq 1 ]] || problem+=" stderr has $lines lines"
  grep -qE -- "$pattern" "$log/err" || problem+=" message does not match /$pattern/"
  [[ $before == "$after" ]] || problem+=" files changed: $(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
  [[ $(cat "$dir/keep.json") == precious ]] || problem+=" keep.json was overwritten"
  [[ $(cat "$dir/keepdir/explore.csv") == precious ]] || problem+=" keepdir/explore.csv was overwritten"
  if [[ -n $problem ]]; then
    echo "FAIL $name:$problem | $(head -c 300 "$log/err")"
    fails=$((fails + 1))
  else
    echo "ok   $name: $(cat "$log/err")"
  fi
}

check "no command" "no command"
check "unknown command" "unknown command" frobnicate
# search
check "search: unknown function" "unknown function" search --entries 8 --function softplus --out "$dir/keep.json"
check "search: reversed range" "range" search --entries 8 --expr "x*x" --range 2,1 --out "$dir/keep.json"
check "search: empty range" "range" search --entries 8 --expr "x*x" --range 1,1
check "search: bad expression" "expression" search --entries 8 --expr "x+*" --range 0,1 --out "$dir/new.json"
check "search: entries 0" "entries" search --function gelu --entries 0 --out "$dir/keep.json"
check "search: entries beyond the grid" "entries" search --function gelu --entries 100000 --out "$dir/new.json"
check "search: precision" "precision" search --entries 8 --function gelu --precision int4 --out "$dir/new.json"
check "search: seed" "seed" search --entries 8 --function gelu --seed abc --out "$dir/new.json"
check "search: method" "method" search --entries 8 --function gelu --method magic
check "search: output into a missing directory" "cannot write|No such file" search --entries 8 --function gelu --method optimal --out "$dir/nodir/t.json"
# eval / trace
check "eval: bad table" "bad.json" eval --table "$dir/bad.json"
check "eval: protocol" "protocol" eval --table "$good" --protocol fancy
check "eval: scales" "scales" eval --table "$good" --scales 5..2
check "eval: wide on gelu" "wide" eval --table "$good" --protocol wide
check "trace: both inputs" "exactly one" trace --table "$good" --code 1 --x 1
check "trace: code range" "outside" trace --table "$good" --code 999
# sim
check "sim: bad table" "bad.json" sim --table "$dir/bad.json" --model cycle
check "sim: model" "model" sim --table "$good" --model magic
check "sim: scale out of range" "scale" sim --table "$good" --model cycle --scale 9
check "sim: inputs" "inputs" sim --table "$good" --model cycle --inputs random:abc
check "sim: max entries" "entries|MaxEntries" sim --table "$good" --model cycle --max-entries 4
check "sim: stall probability" "stall" sim --table "$good" --model cycle --stall-in 2
check "sim: vcd into a missing directory" "vcd|nodir" sim --table "$good" --model cycle --vcd "$dir/nodir/w.vcd"
check "sim: vcd untouched on bad input" "bad.json" sim --table "$dir/bad.json" --model cycle --vcd "$dir/keep.json"
# cost
check "cost: precision" "precision" cost --precision int4 --entries 8
check "cost: entries" "entries" cost --precision int8 --entries 0
check "cost: constants file" "nope" cost --constants "$dir/nope.json"
check "cost: calibrate with bad table 6" "table6|nope" cost --calibrate --table6 "$dir/nope.csv" --out "$dir/keep.json"
# vectors
check "vectors: bad table" "bad.json" vectors --table "$dir/bad.json" --out "$dir/vec"
check "vectors: shape" "shape" vectors --table "$good" --shape int4_p4_n1_l1 --out "$dir/vec"
# vp
check "vp: kernel" "kernel" vp --kernel attention
check "vp: model" "model" vp --kernel gelu --model magic
check "vp: lanes" "lanes" vp --kernel gelu --lanes 0
check "vp: table of another function" "gelu" vp --kernel gelu --exp-table "$good"
check "vp: bad table" "bad.json" vp --kernel gelu --gelu-table "$dir/bad.json" --save-tables "$dir/keepdir"
# explore
check "explore: grid" "grid" explore --out "$dir/keepdir" --grid huge
check "explore: shard" "shard" explore --out "$dir/keepdir" --shard 3/2
check "explore: merge without shards" "no shard" explore --out "$dir/keepdir" --merge
check "explore: out is a file" "not a directory" explore --out "$dir/keep.json" --grid quick --shard 0/1000
# bench
check "bench: section" "section" bench --only nothing
check "bench: format" "format" bench --format xml
if "$g" --help | grep -q "^  cosim"; then
  check "cosim: bad table" "bad.json" cosim --table "$dir/bad.json"
  check "cosim: inputs" "inputs" cosim --table "$good" --inputs random:-5
fi
echo "$cases cases, $fails failure(s)"
[[ $fails -eq 0 ]]
