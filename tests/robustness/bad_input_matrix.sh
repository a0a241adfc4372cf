#!/usr/bin/env bash
# Bad input to every subcommand: exit status 2, exactly one line on stderr, nothing on stdout,
# and nothing in the scratch folder created, removed or changed (every file compared by
# checksum: an existing output, an input named as output, a vectors set, a FIFO or a link at an
# output path all stay as they were). Then the cases that must work: names a write must not
# break, and vectors sets written concurrently.
#   bad_input_matrix.sh GQALUT DATA_DIR
set -u
g=$1
data=$2/gqa-lut-pretrained
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
log=$(mktemp -d)
trap 'rm -rf "$dir" "$log"' EXIT
fails=0 cases=0
good=$data/gelu_pwl_7.json
printf '{"gelu": {"0": {"breakpoints": [1, 0], "slopes": [0, 0, 0], "intercepts": [0, 0, 0]}}}' >"$dir/bad.json"
echo "precious" >"$dir/keep.json"
mkdir -p "$dir/keepdir" && echo "precious" >"$dir/keepdir/explore.csv"
# Inputs that a command is also told to write.
cp "$good" "$dir/t.vcd"
cp "$good" "$dir/w-cycle.vcd"
ln "$dir/t.vcd" "$dir/hardlink.vcd"
mkdir "$dir/D" && cp "$good" "$dir/D/in.hex"
mkdir "$dir/V" && cp "$data/exp_pwl_7.json" "$dir/V/exp.json"
cp "$root/model/cost/cost_28nm.json" "$dir/constants.json"
# A vectors set, with a folder where in.hex goes (the write fails half-way through the set).
"$g" vectors --table "$good" --out "$dir/set" >/dev/null || echo "FAIL: making the vectors set"
rm "$dir/set/in.hex" && mkdir "$dir/set/in.hex"
# Outputs that are not regular files: never deleted and recreated.
mkfifo "$dir/fifo" "$dir/fifo.vcd"
ln -s /dev/null "$dir/null"
mkdir "$dir/F" && mkfifo "$dir/F/gelu.json"
# A device node (a private copy of /dev/null; mknod needs root, so only then).
devices=0
mknod "$dir/dev.json" c 1 3 2>/dev/null && mknod "$dir/dev.vcd" c 1 3 && devices=1
# Deeply nested JSON in both table formats and a constants file (100000 levels).
python3 -c 'import sys; d=100000; print("{\"gelu\": {\"0\": " + "[" * d + "]" * d + "}}")' >"$dir/deep-ref.json"
python3 -c 'import sys; d=100000; print("{\"format\": \"gqalut-table\", \"version\": 1, \"function\": " + "[" * d + "]" * d + "}")' >"$dir/deep-own.json"
python3 -c 'import sys; d=100000; print("{\"name\": " + "[" * d + "]" * d + "}")' >"$dir/deep-constants.json"
# Own-format tables whose integer fields wrap to legal values when narrowed to 32 bits.
own='{"format":"gqalut-table","version":1,"function":"gelu","range":[-4,4],"entries":2,"precision":"int8",
 "param_format":{"width":8,"lambda_k":6,"lambda_b":6},"scales":[0,1],"scheme":"shared",
 "shared":{"breakpoints":[0.5],"slopes":[0,64],"intercepts":[0,0]}}'
echo "$own" >"$dir/own.json"
echo "${own/\"entries\":2/\"entries\":4294967298}" >"$dir/wrap-entries.json"
echo "${own/\"version\":1/\"version\":4294967297}" >"$dir/wrap-version.json"
echo "${own/\"width\":8/\"width\":4294967304}" >"$dir/wrap-width.json"
echo "${own/\"lambda_k\":6/\"lambda_k\":4294967302}" >"$dir/wrap-lambda.json"
echo "${own/\"scales\":\[0,1\]/\"scales\":[4294967296,1]}" >"$dir/wrap-scales.json"
"$g" search --function gelu --entries 4 --precision fp32 --method optimal --quiet --out "$dir/fp32.json" >/dev/null ||
  echo "FAIL: making the fp32 table"
# Inputs that are not what they claim: a configuration of 17 MiB without a newline, a folder as
# configuration, a FIFO among the shards; an explore folder holding a FIFO where explore.csv goes.
truncate -s 17M "$dir/big.cfg"
mkdir "$dir/cfgdir"
mkdir "$dir/MF" && mkfifo "$dir/MF/shard-0-of-1.csv"
mkdir "$dir/X" && mkfifo "$dir/X/explore.csv"

# No bad request may start a program (the only programs gqalut runs are /usr/bin/python3
# scripts and the network study): a sitecustomize module on PYTHONPATH, imported by every python3
# started, leaves its command line in $log/started.
mkdir "$log/spy"
printf 'import sys\nopen("%s/started", "a").write(" ".join(sys.argv) + "\\n")\n' "$log" >"$log/spy/sitecustomize.py"
export PYTHONPATH=$log/spy${PYTHONPATH:+:$PYTHONPATH}

# Everything under the scratch folder: each file's checksum, and every other entry's type.
snapshot() {
  (cd "$dir" && find . -mindepth 1 \( -type f -exec md5sum {} + \) -o \( ! -type f -printf '%p %y\n' \) | sort)
}

# check NAME PATTERN ARGS...: bad input as described above; PATTERN must match the stderr line.
check() {
  local name=$1 pattern=$2
  shift 2
  cases=$((cases + 1))
  local before
  before=$(snapshot)
  rm -f "$log/started"
  timeout 60 "$g" "$@" >"$log/out" 2>"$log/err" </dev/null
  local rc=$?
  local lines
  lines=$(wc -l <"$log/err")
  local after
  after=$(snapshot)
  local problem=""
  [[ $rc -eq 2 ]] || problem+=" rc=$rc"
  [[ -s $log/out ]] && problem+=" stdout not empty"
  [[ $lines -eq 1 ]] || problem+=" stderr has $lines lines"
  grep -qE -- "$pattern" "$log/err" || problem+=" message does not match /$pattern/"
  [[ -e $log/started ]] && problem+=" started python3 $(head -1 "$log/started")"
  [[ $before == "$after" ]] || problem+=" files changed: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | head -4 | tr '\n' ' ')"
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
check "explore --network: output into a missing directory" "--out" explore --out "$dir/nodir/x" --network digits
check "explore: out is a file" "not a directory" explore --out "$dir/keep.json" --grid quick --shard 0/1000
# bench
check "bench: section" "section" bench --only nothing
check "bench: format" "format" bench --format xml
check "parser: a value holding a message placeholder" "--lanes" sim --table "$good" --lanes "%value%"
check "parser: an option holding a message placeholder" "unrecognised" eval --table "$good" "--%canonical_option%"
check "sim: vcd is the table" "--table" sim --table "$dir/t.vcd" --model cycle --vcd "$dir/t.vcd"
check "sim: vcd is a hard link of the table" "--table" sim --table "$dir/t.vcd" --model cycle --vcd "$dir/hardlink.vcd"
check "sim: vcd is a FIFO" "regular file" sim --table "$good" --model cycle --vcd "$dir/fifo.vcd"
check "sim: vcd not ending in .vcd" "\.vcd" sim --table "$good" --model cycle --vcd "$dir/trace"
check "sim: empty vcd" "empty" sim --table "$good" --model cycle --vcd ""
check "sim: a trace beyond 2^20 cycles" "--vcd: the run takes about 2000000 cycles, a trace takes at most 2\\^20" sim --table "$good" --model cycle \
  --scale 0 --inputs random:1000000 --stall-in 0.5 --vcd "$dir/t.vcd"
check "sim: scale range overflow" "--scale: 2147483647 outside" sim --table "$good" --model cycle --scale 0..2147483647
check "sim: seed -1" "--seed" sim --table "$good" --model cycle --seed -1
check "sim: stall 0.999999" "--stall-in: 0.999999 outside" sim --table "$good" --model cycle --stall-in 0.999999
check "sim: newline in a path" "cannot open" sim --table "$dir/no
such.json"
check "eval: deep JSON (reference format)" "nested deeper" eval --table "$dir/deep-ref.json"
check "eval: deep JSON (own format)" "nested deeper" eval --table "$dir/deep-own.json"
check "eval: /dev/zero" "larger than 16 MiB" eval --table /dev/zero
check "eval: scales range overflow" "--scales: 2147483647 outside" eval --table "$good" --scales 0..2147483647
check "eval: entries wrap" "entries: 4294967298 outside" eval --table "$dir/wrap-entries.json"
check "eval: version wrap" "version: 4294967297" eval --table "$dir/wrap-version.json"
check "eval: width wrap" "width: 4294967304 outside" eval --table "$dir/wrap-width.json"
check "eval: lambda_k wrap" "lambda_k: 4294967302 outside" eval --table "$dir/wrap-lambda.json"
check "eval: scales wrap" "scales\[0\]: 4294967296 outside" eval --table "$dir/wrap-scales.json"
check "trace: x nan" "--x" trace --table "$good" --x nan
check "trace: x inf" "--x" trace --table "$good" --x inf
check "trace: scale -1" "--scale: -1 outside" trace --table "$good" --x 1 --scale -1
check "trace: fp32 code beyond 32 bits" "--code" trace --table "$dir/fp32.json" --code 4294967297
check "trace: fp32 x beyond binary32" "--x" trace --table "$dir/fp32.json" --x 1e300
check "search: out is a FIFO" "regular file" search --entries 4 --function gelu --method optimal --quiet --out "$dir/fifo"
check "search: empty out" "empty" search --entries 4 --function gelu --method optimal --quiet --out ""
check "search: rm-range overflow" "--rm-range: 2147483647 outside" search --entries 4 --function gelu --rm-range 0..2147483647
check "search: scales overflow" "--scales: 2147483647 outside" search --entries 4 --function gelu --scales 0..2147483647
check "cost: out is a link to /dev/null" "regular file" cost --calibrate --out "$dir/null"
check "cost: out is the constants file" "--constants" cost --calibrate --constants "$dir/constants.json" --out "$dir/constants.json"
check "cost: empty out" "empty" cost --calibrate --out ""
check "cost: deep JSON constants" "nested deeper" cost --constants "$dir/deep-constants.json"
check "vectors: out holds the table" "--table" vectors --table "$dir/D/in.hex" --out "$dir/D"
check "vectors: a folder where in.hex goes" "in.hex" vectors --table "$good" --out "$dir/set"
check "vectors: scales overflow" "--scales: 2147483647 outside" vectors --table "$good" --out "$dir/vec" --scales 0..2147483647
check "vectors: seed -1" "--seed" vectors --table "$good" --out "$dir/vec" --seed -1 --inputs random:5
check "vectors: huge shape" "entries must be" vectors --table "$good" --out "$dir/vec" --shape int8_p8_n99999999999_l1
check "vectors: shape of 120000 digits" "not a unit name" vectors --table "$good" --out "$dir/vec" \
  --shape "int$(printf '8%.0s' $(seq 120000))_n32_l1"
check "vectors: empty out" "empty" vectors --table "$good" --out ""
check "vp: rows x cols overflow" "46341 x 46341" vp --kernel gelu --rows 46341 --cols 46341
check "vp: rows x cols wrap to 0" "65536 x 65536" vp --kernel gelu --rows 65536 --cols 65536
check "vp: quantum inf" "--quantum-ns" vp --kernel gelu --quantum-ns inf
check "vp: log level 99" "--log-level" vp --kernel gelu --log-level 99
check "vp: seed -1" "--seed" vp --kernel gelu --seed -1
check "vp: save-tables over its input" "--exp-table" vp --kernel softmax --exp-table "$dir/V/exp.json" --save-tables "$dir/V"
check "vp: save-tables over a FIFO" "regular file" vp --kernel gelu --save-tables "$dir/F"
check "vp: empty save-tables" "empty" vp --kernel gelu --save-tables ""
if ((devices)); then
  check "search: out is a device node" "not a regular file" search --entries 4 --function gelu --method optimal --quiet --out "$dir/dev.json"
  check "cost: out is a device node" "not a regular file" cost --calibrate --out "$dir/dev.json"
  check "sim: vcd is a device node" "not a regular file" sim --table "$good" --model cycle --vcd "$dir/dev.vcd"
else
  echo "skip device nodes: mknod needs root"
fi
check "explore: empty out" "empty" explore --out "" --grid quick
if "$g" --help | grep -q "^  cosim"; then
  check "cosim: bad table" "bad.json" cosim --table "$dir/bad.json"
  check "cosim: inputs" "inputs" cosim --table "$good" --inputs random:-5
  check "cosim: vcd prefix names the table" "--table" cosim --table "$dir/w-cycle.vcd" --vcd "$dir/w"
  check "cosim: empty vcd" "empty" cosim --table "$good" --vcd ""
  check "cosim: a trace beyond 2^20 cycles" "--vcd: the run takes about 2001792 cycles" cosim --table "$good" \
    --vcd "$dir/w" --random-pins 2000000
  check "cosim: seed -1" "--seed" cosim --table "$good" --seed -1
  check "cosim: random pins -1" "--random-pins: '-1' is not an integer 0..4294967296" cosim --table "$good" --random-pins -1
  check "cosim: random pins beyond 2^32" "--random-pins: 4294967297 outside 0..4294967296" cosim --table "$good" \
    --random-pins 4294967297
fi
# Found by re-checking issue 18 from outside: each was accepted, hung, ran out of memory or
# changed a file on the code before.
check "show: plot is the table" "--plot: .* is the file given to --table" show --table "$dir/t.vcd" --plot "$dir/t.vcd"
check "show: empty plot" "--plot: .*empty" show --table "$good" --plot ""
check "vp: config of 17 MiB" "larger than 16 MiB" vp --kernel gelu --config "$dir/big.cfg"
check "vp: config is a folder" "is a directory" vp --kernel gelu --config "$dir/cfgdir"
check "vp: empty config" "--config: an empty path" vp --kernel gelu --config ""
check "vp: empty exp-table" "--exp-table: an empty path" vp --kernel softmax --exp-table ""
check "cost: empty constants" "--constants: an empty path" cost --constants ""
check "cost: empty table6" "--table6: an empty path" cost --validate --table6 ""
check "sim: empty constants" "--constants: an empty path" sim --table "$good" --model cycle --constants ""
check "explore: shard with trailing text" "--shard: '1/2/3'" explore --out "$dir/keepdir" --grid quick --shard 1/2/3
check "explore: shard with a leading space" "--shard: ' 1/2'" explore --out "$dir/keepdir" --grid quick --shard " 1/2"
check "explore: seed -1" "--seed: '-1'" explore --out "$dir/keepdir" --grid quick --seed -1 --shard 0/1000
check "explore: network-seed -1" "--network-seed: '-1'" explore --out "$dir/keepdir" --network digits --network-seed -1 --merge
check "explore: merge a FIFO shard" "not a regular file" explore --out "$dir/MF" --merge --quiet
check "explore: explore.csv is a FIFO" "--out: .*explore.csv exists and is not a regular file" explore --out "$dir/X" \
  --functions gelu --precisions int8 --entries 4 --methods optimal --no-plots --quiet
check "trace: x beyond the INT input format" "--x: 1e\+03 outside the signed 8-bit input at scale 0" trace --table "$good" --x 1000
check "search: an out name of 256 bytes, before the search" "--out: .*longer than the file system allows" search --entries 4 \
  --function gelu --method optimal --out "$dir/$(printf 'n%.0s' $(seq 251)).json"
check "vp: accelerator lanes 2^32 + 1" "lanes: '4294967297' is not a lane count" vp --kernel gelu --set vp.accel.lanes=4294967297
check "search: an expression beyond what an INT table outputs" "is 1e\+300 at x = 1, beyond the 2\^63" search --entries 4 \
  --expr "1e300*x" --range 0,1 --method optimal --quiet
check "vp: clock 1e-300 MHz" "--clock-mhz: 1e-300 outside" vp --kernel gelu --clock-mhz 1e-300
check "vp: accelerator clock 1e-300 MHz" "clock_mhz 1e-300 outside" vp --kernel gelu --set vp.accel.clock_mhz=1e-300
check "sim: clock 1e-300 MHz" "--clock-mhz: 1e-300 outside" sim --table "$good" --model cycle --clock-mhz 1e-300
check "explore: expression not finite inside its range" "not finite at x = 0.71875" explore --out "$dir/keepdir" \
  --expr "x>0.7&&x<0.72?0/0:x" --range 0,1 --functions gelu --precisions int8 --entries 4 --methods optimal --quiet

# works NAME PYTHON-CHECK ARGS...: exit 0, and the JSON on stdout satisfies the check (as `j`).
works() {
  local name=$1 test=$2
  shift 2
  cases=$((cases + 1))
  timeout 60 "$g" "$@" --format json >"$log/out" 2>"$log/err" </dev/null
  local rc=$?
  if [[ $rc -eq 0 ]] && python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($test) else 1)" "$log/out"; then
    echo "ok   $name"
  else
    echo "FAIL $name: rc=$rc $(head -c 300 "$log/err")"
    fails=$((fails + 1))
  fi
}
long=$(printf 'n%.0s' $(seq 250)).json   # 255 bytes, the longest legal file name
works "search: a 255-byte file name" "j['out'].endswith('$long')" search --entries 4 --function gelu --method optimal --quiet --out "$dir/$long"
[[ -f $dir/$long ]] || { echo "FAIL: $long not written"; fails=$((fails + 1)); }
works "search: a path that is not UTF-8" "j['out'].endswith('.json')" search --entries 4 --function gelu --method optimal --quiet --out "$dir/"$'\xff'".json"
works "search: the largest seed" "j['seed'] == 18446744073709551615" search --entries 4 --function gelu --method gqa --generations 1 --population 4 \
  --seed 18446744073709551615 --quiet --out "$dir/seed.json"
works "search: an expression on the widest range" "j['range'] == [-1e308, 1e308]" search --entries 4 --expr x \
  --range -1e308,1e308 --method optimal --quiet
works "search: a subnormal range end" "j['range'][0] == 1e-320" search --entries 4 --expr x --range 1e-320,1 \
  --method optimal --quiet
works "eval: a table with the largest seed" "j['entries'] == 4" eval --table "$dir/seed.json"
# An output through a symbolic link: the link stays, the file it names is replaced.
cases=$((cases + 1))
echo "old" >"$dir/target.json" && ln -s target.json "$dir/link.json"
if "$g" cost --calibrate --out "$dir/link.json" 2>/dev/null && [[ -L $dir/link.json ]] && grep -q '"fit"' "$dir/target.json"; then
  echo "ok   cost: out through a link replaces the file it names"
else
  echo "FAIL cost: out through a link: $(ls -l "$dir/link.json")"
  fails=$((fails + 1))
fi

# A run with --vcd stopped by SIGINT: the traces are staged, so the old ones stay and nothing is
# left over. keeps_traces NAME ARGS...: ARGS write traces into $dir (the old ones already there).
keeps_traces() {
  local name=$1 before pid staged rc
  shift
  cases=$((cases + 1))
  before=$(snapshot)
  "$g" "$@" >/dev/null 2>&1 &
  pid=$!
  staged=0
  for _ in $(seq 200); do ls -A "$dir" | grep -q '^\.partial-' && staged=1 && break; sleep 0.02; done
  sleep 0.3
  kill -INT $pid
  wait $pid
  rc=$?
  if [[ $staged -eq 1 && $rc -eq 130 && $before == "$(snapshot)" ]]; then
    echo "ok   $name: SIGINT during --vcd keeps the old trace (exit $rc)"
  else
    echo "FAIL $name: SIGINT during --vcd: staged $staged, rc=$rc, files changed: $(diff <(echo "$before") <(snapshot) | grep '^[<>]' | head -3 | tr '\n' ' ')"
    fails=$((fails + 1))
  fi
}
echo "old trace" >"$dir/int.vcd"
keeps_traces sim sim --table "$good" --model cycle --scale 0 --inputs random:800000 --stall-out 0.2 --vcd "$dir/int.vcd"
if "$g" --help | grep -q "^  cosim"; then
  echo "old SystemC trace" >"$dir/int-cycle.vcd"
  echo "old RTL trace" >"$dir/int-rtl.vcd"
  keeps_traces cosim cosim --table "$good" --scale 0 --inputs random:800000 --stall-out 0.2 --vcd "$dir/int"
fi

# A vectors set too large to hold in memory is refused before any work (the code before ran
# out of memory: exit 3, or the machine's memory; here it gets 3 GB of address space, or under
# AddressSanitizer, which reserves terabytes of address space for its shadow, 3 GB per allocation).
cases=$((cases + 1))
if ldd "$g" | grep -q libasan; then
  memory_limit() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}max_allocation_size_mb=3000" "$@"; }
else
  memory_limit() { (ulimit -v 3000000; "$@"); }
fi
(memory_limit timeout 120 "$g" vectors --table "$good" --out "$dir/huge" --inputs random:99999999 \
  --shape int8_p8_n32_l64 >"$log/out" 2>"$log/err" </dev/null)
rc=$?
if [[ $rc -eq 2 && $(wc -l <"$log/err") -eq 1 ]] && grep -q "4096 MiB" "$log/err" && [[ ! -e $dir/huge ]]; then
  echo "ok   vectors: a set beyond 4096 MiB refused: $(cat "$log/err")"
else
  echo "FAIL vectors: a set beyond 4096 MiB: rc=$rc $(head -c 300 "$log/err")"
  fails=$((fails + 1))
fi
# explore into a new folder with the longest legal name (its staging folder has a short name).
long_dir=$(printf 'e%.0s' $(seq 255))
works "explore: a 255-byte folder name" "j['out'].endswith('$long_dir')" explore --out "$dir/$long_dir" \
  --functions gelu --precisions int8 --entries 4 --methods optimal --no-plots --quiet
# show --plot like every output: through a link the link stays, and any legal name works (only
# where the plot script can run: /usr/bin/python3 with matplotlib).
if "$g" show --table "$good" --plot "$dir/probe.png" >/dev/null 2>&1; then
  cases=$((cases + 2))
  echo "old" >"$dir/plot-target.png" && ln -s plot-target.png "$dir/plot-link.png"
  if "$g" show --table "$good" --plot "$dir/plot-link.png" >/dev/null 2>&1 && [[ -L $dir/plot-link.png ]] &&
    [[ $(head -c 4 "$dir/plot-target.png" | od -An -c | tr -d ' ') == '211PNG' ]]; then
    echo "ok   show: plot through a link replaces the file it names"
  else
    echo "FAIL show: plot through a link: $(ls -l "$dir/plot-link.png")"
    fails=$((fails + 1))
  fi
  long_png=$(printf 'p%.0s' $(seq 251)).png
  if "$g" show --table "$good" --plot "$dir/$long_png" >/dev/null 2>"$log/err" && [[ -s $dir/$long_png ]]; then
    echo "ok   show: a plot with a 255-byte file name"
  else
    echo "FAIL show: a plot with a 255-byte file name: $(head -c 300 "$log/err")"
    fails=$((fails + 1))
  fi
else
  echo "skip show --plot: the plot script cannot run here"
fi

# Two vectors runs into one folder at once, 20 times: the folder always holds one run's
# complete set (each file equal to that of a run alone), and no temporary folder is left.
cases=$((cases + 1))
vec() { "$g" vectors --table "$1" --inputs random:50000 --out "$2" >/dev/null 2>&1; }
vec "$good" "$dir/ref-gelu" && vec "$data/hswish_pwl_7.json" "$dir/ref-hswish"
mixed=0
for _ in $(seq 20); do
  vec "$good" "$dir/race" &
  vec "$data/hswish_pwl_7.json" "$dir/race"
  wait
  ref=$dir/ref-hswish
  grep -q gelu "$dir/race/vectors.vh" && ref=$dir/ref-gelu
  for f in vectors.vh ops.hex in.hex expect.hex; do cmp -s "$dir/race/$f" "$ref/$f" || { mixed=$((mixed + 1)); break; }; done
  ls -A "$dir/race" | grep -q '^\.gqalut' && mixed=$((mixed + 1))
done
if [[ $mixed -eq 0 ]]; then
  echo "ok   vectors: 20 concurrent pairs into one folder, never a mixed set"
else
  echo "FAIL vectors: $mixed of 20 concurrent pairs left a mixed set"
  fails=$((fails + 1))
fi

echo "$cases cases, $fails failure(s)"
[[ $fails -eq 0 ]]
