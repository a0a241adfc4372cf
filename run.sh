#!/usr/bin/env bash
# The main job: installs what is missing, builds, then evaluates the reference implementation's
# published tables under the paper protocol and traces one input through the datapath.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
scripts/build.sh
mkdir -p out
echo "== paper protocol on the reference implementation's published tables (paper Table 3: w/RM)"
for t in tests/data/gqa-lut-pretrained/*.json; do
  build/gqalut eval --table "$t" --protocol paper --format json >"out/eval-$(basename "$t")"
  /usr/bin/python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print("%-20s %-7s %2d entries  MSE mean %.3e  max|err| %.3e" % (sys.argv[2], j["function"], j["entries"], j["mse_mean"], j["max_abs_error"]))' \
    "out/eval-$(basename "$t")" "$(basename "$t")"
done
echo
echo "== one input through the golden INT8 datapath (gelu, 8 entries, s = 3, x = 1.3)"
build/gqalut trace --table tests/data/gqa-lut-pretrained/gelu_pwl_7.json --scale 3 --x 1.3
