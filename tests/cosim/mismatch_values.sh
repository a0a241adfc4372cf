#!/usr/bin/env bash
# cosim mismatch reports give the words as signed real values beside the hex: the input
# x = q 2^-s and each level's output (acc 2^-(lambda_o + s), or code 2^-s_o requantized).
set -eu
g=$(realpath "$1")
data=$(realpath "$2")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
t=$data/gqa-lut-pretrained/gelu_pwl_7.json
set +e
"$g" cosim --table "$t" --scale 3 --inject rtl-config --format json >a.json
"$g" cosim --table "$t" --scale 2 --inject golden:200 --requantize 4 --format json >b.json
"$g" cosim --table "$t" --scale 3 --inject rtl-config >a.txt
set -e
grep -q "^  as values: input x = " a.txt
/usr/bin/python3 - <<'PY'
import json
def signed(h, bits):
    v = int(h, 16) & ((1 << bits) - 1)
    return v - (1 << bits) if v >> (bits - 1) else v
for name, s, frac_out, out_bits in (("a.json", 3, 6 + 3, None), ("b.json", 2, 4, 8)):
    j = json.load(open(name))
    m = j["first_mismatch"]
    bits = out_bits or 4 * (len(m["golden_output"]) - 2)
    v = m["values"]
    assert v["input"] == signed(m["input"], 8) / 2 ** s, (v, m["input"])
    for level, key in (("golden", "golden_output"), ("cycle", "cycle_output"), ("rtl", "rtl_output")):
        assert v[level] == signed(m[key], bits) / 2 ** frac_out, (name, level, v[level], m[key])
    assert v["golden"] != v["rtl"] or v["golden"] != v["cycle"]
    print(f"ok: {name}: input {v['input']}, golden {v['golden']}, cycle {v['cycle']}, rtl {v['rtl']}")
PY
