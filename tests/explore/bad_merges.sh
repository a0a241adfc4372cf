#!/usr/bin/env bash
# gqalut explore: shard merging refuses anything but exactly one complete sweep, no folder name
# reaches a shell, an unwritable --out fails before the sweep, and an interrupted sweep leaves
# the output folder as it was. Each case: exit 2, one line on stderr naming the problem,
# nothing on stdout, no explore.csv.
set -u
g=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail=0
sweep=(--functions gelu --precisions int8 --entries 4,8 --methods optimal --indexing parallel,uniform --lanes 1,2)

# Two complete shards of a small sweep to break in different ways.
mkdir good
for i in 0 1; do "$g" explore --out good "${sweep[@]}" --shard $i/2 --quiet >/dev/null || { echo "FAIL: shard $i"; exit 1; }; done

# refuse NAME PATTERN [SETUP...]: a copy of the good shards, SETUP run inside it, then a merge
# must exit 2 with one stderr line matching PATTERN and write nothing.
refuse() {
  local name=$1 pattern=$2
  shift 2
  rm -rf case && cp -r good case
  (cd case && eval "$@")
  "$g" explore --out case "${sweep[@]}" --merge --no-plots >out.txt 2>err.txt
  local rc=$?
  if [[ $rc -ne 2 || -s out.txt || $(wc -l <err.txt) -ne 1 || -e case/explore.csv ]] || ! grep -qE "$pattern" err.txt; then
    echo "FAIL: $name: exit $rc, stderr: $(cat err.txt), stdout: $(head -c 200 out.txt)"
    fail=1
  else
    echo "ok: $name: $(cat err.txt)"
  fi
}

refuse "shard of 0 (division by zero)" "shard-0-of-0.csv" 'touch shard-0-of-0.csv'
refuse "shard-00 beside shard-0" "shard-00-of-2.csv" 'cp shard-0-of-2.csv shard-00-of-2.csv'
refuse "huge shard number in a name" "shard-0-of-99999999999" 'touch shard-0-of-99999999999.csv'
refuse "a missing shard" "shard-1-of-2.csv is missing" 'rm shard-1-of-2.csv'
refuse "shards of two splits" "split into 3" 'touch shard-2-of-3.csv'
refuse "a duplicated row" "the same point as" 'tail -n 1 shard-0-of-2.csv >> shard-0-of-2.csv'
refuse "a missing row" "no row for job 3 .* lanes 2" 'sed -i "\$d" shard-1-of-2.csv'
refuse "a NaN field" "mse_mean: 'nan' is not a finite number" 'sed -i "3s/^\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),[^,]*,/\1,nan,/" shard-0-of-2.csv'
refuse "a row of another job" "job 1 is gelu int8 4 entries optimal \(uniform segments\), the row has entries 8" \
  'sed -i "3,\$s/^1,gelu,int8,4,/1,gelu,int8,8,/" shard-1-of-2.csv'
refuse "shards of another sweep" "not made by this sweep" 'sed -i "1s/--entries 4,8/--entries 4,16/" shard-0-of-2.csv shard-1-of-2.csv'
refuse "rows of one job disagreeing" "its accuracy differs" \
  'awk -F, -v OFS=, "NR==3 {\$11=\$11*2} {print}" shard-0-of-2.csv > t && mv t shard-0-of-2.csv'

# Exit 2 (not an internal error) for huge numbers in --shard.
"$g" explore --out x "${sweep[@]}" --shard 99999999999/3 >out.txt 2>err.txt
rc=$?
if [[ $rc -ne 2 || $(wc -l <err.txt) -ne 1 || -e x ]]; then echo "FAIL: --shard 99999999999/3: exit $rc: $(cat err.txt)"; fail=1
else echo "ok: --shard 99999999999/3: $(cat err.txt)"; fi

# No user string reaches a shell: a folder name with a command substitution, merged with plots.
evil="x'\$(touch PWNED)'\"\$(touch PWNED2)\";touch PWNED3"
mkdir "$evil" && cp good/shard-* "$evil"/
"$g" explore --out "$evil" "${sweep[@]}" --merge >out.txt 2>err.txt
rc=$?
if [[ -e PWNED || -e PWNED2 || -e PWNED3 || $rc -ne 0 || ! -s "$evil/explore.csv" ]]; then
  echo "FAIL: folder name ran a command or the merge failed (exit $rc): $(ls) $(cat err.txt)"; fail=1
else echo "ok: a folder name with \$(...) is only a name"; fi

# An unwritable --out fails at once, with one line, before any job runs.
"$g" explore --out /proc/gqalut-explore-test "${sweep[@]}" >out.txt 2>err.txt
rc=$?
if [[ $rc -ne 2 || $(wc -l <err.txt) -ne 1 || -s out.txt ]] || grep -q "jobs" err.txt; then
  echo "FAIL: unwritable --out: exit $rc: $(cat err.txt)"; fail=1
else echo "ok: unwritable --out: $(cat err.txt)"; fi

# SIGINT during a sweep: the new folder is not created and no staging folder is left.
"$g" explore --out interrupted --functions gelu,exp,sigmoid,tanh --precisions int8,int16 --entries 4..40 --methods gqa-rm \
  --threads 1 --no-plots >/dev/null 2>err.txt &
pid=$!
for _ in $(seq 100); do grep -q "jobs" err.txt 2>/dev/null && break; sleep 0.1; done
kill -INT $pid
wait $pid
rc=$?
left=$(ls -A | grep -E "interrupted" || true)
if [[ $rc -eq 0 || -n $left ]]; then echo "FAIL: SIGINT: exit $rc, left: $left"; fail=1
else echo "ok: SIGINT after $(grep -c jobs err.txt) jobs: exit $rc, nothing left"; fi
# Bad sweep options: exit 2, one line, nothing made.
while IFS='|' read -r args pattern; do
  # shellcheck disable=SC2086
  "$g" explore --out bad $args >out.txt 2>err.txt
  rc=$?
  if [[ $rc -ne 2 || -s out.txt || $(wc -l <err.txt) -ne 1 || -e bad ]] || ! grep -q -- "$pattern" err.txt; then
    echo "FAIL: explore $args: exit $rc: $(cat err.txt)"; fail=1
  else echo "ok: explore $args: $(cat err.txt)"; fi
done <<'CASES'
--expr x --range 1,2x|finite numbers
--expr x --range -1,nan|finite numbers
--entries 8..4|reversed
--entries 4,4|given twice
--functions gelu,expr|--expr E --range
--precisions int9|not one of
--minimise speed|not area, energy, power or entries
--methods gqa-rm --indexing uniform|no points
--functions gelu --protocol wide|protocol wide
--functions div --protocol codes|explore takes paper, full or wide
--lanes 0|outside
CASES
exit $fail
