#!/usr/bin/env bash
# `gqalut vp` on the command line: the accelerator's parameters set at run time by instance name
# (--set, --config, GQALUT_SET) over the flags; an unknown parameter, a bad value or a setting
# that names no module exits 2 with one line on stderr; the flags still work.
#   cli_vp.sh GQALUT
set -u
gqalut=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
source "$(dirname "$0")/../checks.sh"
k=(vp --kernel gelu --rows 4 --cols 8)

good "defaults" "j['model'] == 'golden' and j['clock_mhz'] == 500 and j['jobs_ok'] and j['protocol_violations'] == 0" "${k[@]}"
good "flags" "j['model'] == 'cycle' and j['clock_mhz'] == 250 and j['lanes'] == 8" "${k[@]}" --model cycle --clock-mhz 250 --lanes 8
good "--set over the flags" "j['model'] == 'cycle' and j['clock_mhz'] == 800" \
    "${k[@]}" --clock-mhz 250 --set vp.accel.clock_mhz=800 --set accel.model=cycle
printf '# accelerator\nvp.accel.clock_mhz = 400\nvp.accel.lanes = 8\n' >"$dir/acc.cfg"
good "--config, and --set over it" "j['clock_mhz'] == 400 and j['lanes'] == 1" "${k[@]}" --config "$dir/acc.cfg" --set vp.accel.lanes=1
GQALUT_SET="vp.accel.dma_burst_bytes=64 vp.accel.clock_mhz=300" good "GQALUT_SET" "j['clock_mhz'] == 300" "${k[@]}"
GQALUT_CONFIG="$dir/acc.cfg" good "GQALUT_CONFIG" "j['clock_mhz'] == 400 and j['lanes'] == 8" "${k[@]}"
# Simulated time follows the configured clock (the cycle model counts real cycles).
"$gqalut" "${k[@]}" --model cycle --set vp.accel.clock_mhz=250 --format json >"$dir/slow.json"
"$gqalut" "${k[@]}" --model cycle --set vp.accel.clock_mhz=1000 --format json >"$dir/fast.json"
if $py -c "import json; s=json.load(open('$dir/slow.json')); f=json.load(open('$dir/fast.json')); exit(0 if s['sim_time_ns'] > f['sim_time_ns'] * 1.5 and s['unit_cycles'] == f['unit_cycles'] else 1)"; then
    echo "ok   clock by --set changes the simulated time"
else
    echo "FAIL clock by --set: $(cat "$dir/slow.json" "$dir/fast.json")"
    fails=$((fails + 1))
fi

bad "unknown parameter" "vp.accel has no parameter 'speed'" "${k[@]}" --set vp.accel.speed=3
bad "bad value" "vp.accel.lanes: 'two' is not a lane count" "${k[@]}" --set vp.accel.lanes=two
bad "out of range" "lanes 0 outside 1..64" "${k[@]}" --set vp.accel.lanes=0
bad "misspelt instance" "no module takes the setting vp.acel.clock_mhz=800" "${k[@]}" --set vp.acel.clock_mhz=800
bad "malformed" "is not INSTANCE.PARAMETER=VALUE" "${k[@]}" --set clock_mhz
printf 'vp.accel.lanes=1\nvp.accel.clock=1\n' >"$dir/bad.cfg"
bad "config file line" "bad.cfg:2: vp.accel has no parameter 'clock'" "${k[@]}" --config "$dir/bad.cfg"
bad "missing config file" "cannot be read" "${k[@]}" --config "$dir/none.cfg"
bad "unknown model" "unknown model 'verilog'" "${k[@]}" --set vp.accel.model=verilog
bad "lanes the cycle model lacks" "no unit with 3 lanes" "${k[@]}" --model cycle --lanes 3
bad "log level" "--log-level: 99 outside 0..2" "${k[@]}" --log-level 99
bad "infinite quantum" "--quantum-ns" "${k[@]}" --quantum-ns inf
bad "rows x cols overflowing int" "--rows x --cols" vp --kernel gelu --rows 46341 --cols 46341

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
