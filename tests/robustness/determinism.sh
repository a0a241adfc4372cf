#!/usr/bin/env bash
# Same seed, same result: search tables byte-identical on 1 and 2 threads and across runs;
# cycle-model simulations and lock-step cosimulations with random inputs and stalls identical
# (apart from wall time) across runs with one seed, and different with another.
#   determinism.sh GQALUT DATA_DIR
set -u
g=$1
data=$2/gqa-lut-pretrained
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
same() {  # same NAME FILE_A FILE_B
  if cmp -s "$2" "$3"; then echo "ok   $1"; else echo "FAIL $1: $2 and $3 differ"; fails=$((fails + 1)); fi
}
for m in gqa gqa-rm nnlut; do
  for t in 1 2; do
    "$g" search --function exp --entries 8 --method $m --seed 7 --threads $t --generations 60 --nn-steps 300 \
      --quiet --out "$dir/$m-$t.json" >/dev/null || { echo "FAIL $m run"; fails=$((fails + 1)); }
  done
  "$g" search --function exp --entries 8 --method $m --seed 7 --threads 2 --generations 60 --nn-steps 300 \
    --quiet --out "$dir/$m-again.json" >/dev/null
  same "$m: 1 vs 2 threads" "$dir/$m-1.json" "$dir/$m-2.json"
  same "$m: run again" "$dir/$m-2.json" "$dir/$m-again.json"
done
"$g" search --function exp --entries 8 --method gqa-rm --seed 8 --generations 60 --quiet --out "$dir/seed8.json" >/dev/null
if cmp -s "$dir/seed8.json" "$dir/gqa-rm-1.json"; then echo "FAIL another seed gave the same table"; fails=$((fails + 1)); fi

strip='import json,sys; j=json.load(sys.stdin); [j.pop(k, None) for k in ("seconds","elements_per_second")]; print(json.dumps(j, sort_keys=True))'
run=0
for seed in 5 5 6; do
  run=$((run + 1))
  "$g" sim --table "$data/gelu_pwl_7.json" --model cycle --inputs random:3000 --stall-in 0.3 --stall-out 0.3 \
    --seed $seed --scale 0..6 --toggles --format json | /usr/bin/python3 -c "$strip" >"$dir/sim-$seed-$run.json"
done
files=("$dir"/sim-5-*.json)
same "sim: same seed" "${files[0]}" "${files[1]}"
if cmp -s "${files[0]}" "$dir"/sim-6-*.json; then echo "FAIL sim: another seed gave the same run"; fails=$((fails + 1)); fi
if "$g" --help | grep -q "^  cosim"; then
  for run in 1 2; do
    "$g" cosim --table "$data/gelu_pwl_7.json" --inputs random:3000 --stall-in 0.3 --stall-out 0.3 --seed 5 \
      --format json | /usr/bin/python3 -c "$strip" >"$dir/cosim-$run.json"
  done
  same "cosim: same seed" "$dir/cosim-1.json" "$dir/cosim-2.json"
fi
echo "$fails failure(s)"
[[ $fails -eq 0 ]]
