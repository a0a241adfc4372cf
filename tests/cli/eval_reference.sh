#!/usr/bin/env bash
# `gqalut eval --protocol paper --format json` on the six published tables: the docs/cli.md §3 keys
# are present and the means are within 20% of paper Table 3 (GQA-LUT w/RM).
set -eu
gqalut=$1
data=$2/gqa-lut-pretrained
for spec in gelu_pwl_7:9.4e-5 gelu_pwl_15:9.6e-5 hswish_pwl_7:2.9e-4 hswish_pwl_15:2.2e-4 exp_pwl_7:1.2e-4 exp_pwl_15:7.4e-5; do
    name=${spec%%:*}
    paper=${spec#*:}
    "$gqalut" eval --table "$data/$name.json" --protocol paper --format json |
        /usr/bin/python3 -c '
import json, sys
j = json.load(sys.stdin); paper = float(sys.argv[2])
assert set(j["mse_per_scale"]) == {str(s) for s in range(7)}, j["mse_per_scale"]
mean = sum(j["mse_per_scale"].values()) / 7
assert abs(mean - j["mse_mean"]) <= 1e-12 * mean
assert abs(j["mse_mean"] / paper - 1) < 0.2, (j["mse_mean"], paper)
assert j["max_abs_error"] > 0
print("ok", sys.argv[1], "%.3e" % j["mse_mean"], "paper", paper)
' "$name" "$paper"
done
