#!/usr/bin/env python3
"""Yosys area estimate of the pwl unit's RTL (docs/results/area.md).

Synthesizes every configuration script of rtl/syn/ to Yosys's generic gate library
(`synth -flatten`), counts cells per type, weights them in NAND2 gate equivalents (GE) and turns
GE into um^2 with one factor fitted on INT8 with 8 entries against the paper's Table 6 (961 um^2,
TSMC 28 nm). Writes docs/results/area.md and docs/results/yosys_area.csv.

  scripts/yosys_area.py                 # all configurations, rewrite the results
  scripts/yosys_area.py --check int8_n8 # one configuration, compare with the committed CSV
"""
import argparse
import concurrent.futures
import csv
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RTL = os.path.join(ROOT, "rtl")
SYN = os.path.join(RTL, "syn")
CSV_PATH = os.path.join(ROOT, "docs", "results", "yosys_area.csv")
MD_PATH = os.path.join(ROOT, "docs", "results", "area.md")
TABLE6 = os.path.join(ROOT, "docs", "paper", "table6_hw_cost.csv")
CALIBRATION = "int8_n8"
BREAKDOWN = ["int8_n8_rq", "int8_n8_opt", "int8_n16_rq", "int32_n8_rq", "fp32_n8", "scaler32_n8", "scaler32_n8_red"]

# Relative area of each generic cell in NAND2 equivalents: X1 cells of the Nangate 45 nm open
# cell library divided by NAND2_X1 (0.798 um^2): INV 0.532, AND2/OR2 1.064, XOR2/XNOR2 1.596,
# MUX2 1.862, AOI21/OAI21 1.064, AOI22/OAI22 1.330, DFF 4.522. Cells the library lacks are
# composed: ANDNOT/ORNOT as a 2-input gate with an inverted input (~AND2), a flip-flop with
# synchronous reset as DFF + AND2, with enable as DFF + MUX2.
GATE_GE = {
    "$_NOT_": 0.667, "$_BUF_": 1.0,
    "$_NAND_": 1.0, "$_NOR_": 1.0, "$_AND_": 1.333, "$_OR_": 1.333,
    "$_ANDNOT_": 1.333, "$_ORNOT_": 1.333, "$_XOR_": 2.0, "$_XNOR_": 2.0,
    "$_MUX_": 2.333, "$_NMUX_": 2.333, "$_AOI3_": 1.333, "$_OAI3_": 1.333, "$_AOI4_": 1.667, "$_OAI4_": 1.667,
}
DFF_GE, RESET_GE, ENABLE_GE = 5.667, 1.333, 2.333


def cell_ge(cell):
    if cell in GATE_GE:
        return GATE_GE[cell]
    m = re.match(r"\$_(S?)DFF(C?E?)_", cell)
    if m:
        return DFF_GE + (RESET_GE if m.group(1) else 0) + (ENABLE_GE if m.group(2) else 0)
    m = re.match(r"\$_DFF_[PN]([PN][01])?_", cell)
    if m:
        return DFF_GE + (RESET_GE if m.group(1) else 0)
    raise SystemExit(f"yosys_area.py: no area weight for cell type {cell}")


def is_flop(cell):
    return "DFF" in cell


def configs():
    out = []
    for f in sorted(os.listdir(SYN)):
        if f.endswith(".ys"):
            name = f[:-3]
            text = open(os.path.join(SYN, f)).read()
            what = text.splitlines()[0].split(":", 1)[1].strip().rstrip(".")
            out.append((name, what))
    return out


def synthesize(name, yosys):
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "yosys.log")
        r = subprocess.run([yosys, "-q", "-l", log, "-s", os.path.join("syn", name + ".ys")], cwd=RTL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        text = open(log).read() if os.path.exists(log) else ""
    if r.returncode != 0:
        raise SystemExit(f"yosys_area.py: yosys failed on {name}:\n{r.stdout}\n{text[-2000:]}")
    blocks = text.split("Number of cells:")
    if len(blocks) < 2:
        raise SystemExit(f"yosys_area.py: no statistics in the log of {name}")
    last = blocks[-1]
    total = int(last.split()[0])
    cells = {}
    for line in last.splitlines()[1:]:
        m = re.match(r"\s+(\$\S+)\s+(\d+)\s*$", line)
        if not m:
            if cells:
                break
            continue
        cells[m.group(1)] = int(m.group(2))
    if sum(cells.values()) != total:
        raise SystemExit(f"yosys_area.py: cell counts of {name} do not add up")
    return {"name": name, "cells": total, "flops": sum(n for c, n in cells.items() if is_flop(c)),
            "ge": sum(n * cell_ge(c) for c, n in cells.items()), "types": cells}


def base_module(name):
    # "$paramod$<hash>\\gqalut_shifter" or "$paramod\\gqalut_cfg_ctrl\\NumBlocks=..." -> gqalut_shifter
    parts = [p for p in name.split("\\") if p and not p.startswith("$paramod") and "=" not in p]
    return parts[0] if parts else name


def breakdown(name, yosys):
    """GE of each block's own logic, from a synthesis that keeps the hierarchy."""
    script = open(os.path.join(SYN, name + ".ys")).read().replace("synth -flatten", "synth")
    with tempfile.TemporaryDirectory() as tmp:
        ys, log = os.path.join(tmp, "h.ys"), os.path.join(tmp, "h.log")
        open(ys, "w").write(script)
        r = subprocess.run([yosys, "-q", "-l", log, "-s", ys], cwd=RTL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        text = open(log).read() if os.path.exists(log) else ""
    if r.returncode != 0:
        raise SystemExit(f"yosys_area.py: yosys failed on {name} (hierarchical):\n{r.stdout}")
    text = text[text.rfind("Printing statistics."):]
    modules, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"=== (.+) ===$", line.strip())
        if m:
            cur = None if m.group(1) == "design hierarchy" else m.group(1)
            if cur:
                modules[cur] = {}
            continue
        m = re.match(r"\s+(\S+)\s+(\d+)\s*$", line)
        if cur and m and not line.strip().startswith("Number"):
            modules[cur][m.group(1)] = int(m.group(2))
    children = {m for cells in modules.values() for m in cells if m in modules}
    tops = [m for m in modules if m not in children]
    count = {m: 0 for m in modules}
    for t in tops:
        count[t] = 1
    for _ in range(len(modules)):   # propagate instance counts down the hierarchy
        new = {m: (1 if m in tops else 0) for m in modules}
        for m, cells in modules.items():
            for c, n in cells.items():
                if c in modules:
                    new[c] += count[m] * n
        count = new
    blocks = {}
    for m, cells in modules.items():
        own = sum(n * cell_ge(c) for c, n in cells.items() if c not in modules)
        b = base_module(m)
        blocks[b] = blocks.get(b, 0.0) + own * count[m]
    return blocks


def table6():
    rows = {}
    with open(TABLE6) as f:
        lines = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(lines):
        rows[f"{r['precision']}_n{r['entries']}"] = (float(r["area_um2"]), float(r["power_mw"]))
    return rows


def paper_key(name):
    # int8_n8 / fp32_n8 are the Table 6 units; _rq and scaler variants have no paper row.
    return name if re.fullmatch(r"(int(8|16|32)|fp32)_n(8|16)", name) else None


def write_results(results, yosys_version, blocks):
    paper = table6()
    by = {r["name"]: r for r in results}
    cal = by[CALIBRATION]
    um2_per_ge = paper[CALIBRATION][0] / cal["ge"]
    order = ["int8_n8", "int8_n16", "int16_n8", "int16_n16", "int32_n8", "int32_n16", "fp32_n8", "fp32_n16"]
    rank = {"int8": 0, "int16": 1, "int32": 2, "fp32": 3, "scaler32": 4}
    extra = sorted((r["name"] for r in results if r["name"] not in order),
                   key=lambda n: (rank.get(n.split("_")[0], 9), int(n.split("_")[1][1:]), n))
    os.makedirs(os.path.dirname(CSV_PATH), exist_ok=True)
    with open(CSV_PATH, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["config", "cells", "flops", "gate_equivalents", "area_um2", "paper_area_um2"])
        for n in order + extra:
            r = by[n]
            p = paper.get(paper_key(n) or "", (None,))[0]
            w.writerow([n, r["cells"], r["flops"], f"{r['ge']:.1f}", f"{r['ge'] * um2_per_ge:.0f}", "" if p is None else f"{p:.0f}"])

    def row6(n):
        r = by[n]
        p = paper[n][0]
        ratio, pratio = r["ge"] / cal["ge"], p / paper[CALIBRATION][0]
        est = r["ge"] * um2_per_ge
        return (f"| {n} | {r['cells']} | {r['flops']} | {r['ge']:.0f} | {est:.0f} | {p:.0f} | "
                f"{(est - p) / p * 100:+.0f}% | {r['cells'] / cal['cells']:.2f} | {ratio:.2f} | {pratio:.2f} |")

    types = sorted({t for r in results for t in r["types"]})
    md = []
    md.append("# Yosys area estimate of the RTL\n")
    md.append("Generated by `scripts/yosys_area.py` (CMake target `yosys_area`) with " + yosys_version + ". "
              "Do not edit by hand: change the RTL or the scripts and regenerate; ctest `rtl.yosys_int8_n8` fails "
              "when the INT8-8 cell count no longer matches this file.\n")
    md.append("## Method\n")
    md.append("- Each configuration is a script in `rtl/syn/` (one lane; `MaxEntries` 8 or 16): "
              "`read_verilog -sv` of the unit, `chparam`, `synth -flatten -top ...` (Yosys's generic gate "
              "library after ABC), `stat`.\n"
              "- Cells are weighted in NAND2 gate equivalents (GE) after the X1 cells of the Nangate 45 nm open "
              "cell library divided by NAND2_X1: NOT 0.67, NAND/NOR 1, AND/OR/ANDNOT/ORNOT 1.33, XOR/XNOR 2, "
              "MUX 2.33, DFF 5.67, plus 1.33 for a synchronous reset and 2.33 for an enable (every flop of the "
              "unit has both: 9.33 GE).\n"
              f"- One calibration: {um2_per_ge:.4f} um^2 per GE, chosen so that INT8 with 8 entries (without "
              "the requantizer) equals the paper's Table 6 (961 um^2, TSMC 28 nm, 500 MHz, Design Compiler). "
              "Every other estimate is a prediction from that single factor.\n"
              "- The `int*` rows are the unit the paper costs: comparators, LUT registers, multiplier, shifter, "
              "adder, pipeline and configuration registers, built with `Requant = 0` and `Options = 0`. The `_rq` "
              "rows add the optional requantizer (round half up, saturate, left shifts); the `_opt` rows add to "
              "those the datapath options of numeric-definition.md §8-§11 (fold, clamp, relative operand, "
              "symmetry fix and their registers): the verified default build. The `scaler32` rows are the "
              "DIV/RSQRT unit (`Reduce = 0`, `Octave = 0`), the `_red` rows add the range reduction of §12 (EXP2, LOG2, "
              "EXP), the `_oct` rows the RSQRT octave's constant multiplier of §6 (`Octave = 1`, the RTL's default with `Reduce`).\n")
    md.append("## Table 6 configurations\n")
    md.append("| config | cells | flops | GE | est. um^2 | Table 6 um^2 | est. vs paper | cell ratio vs INT8-8 "
              "| GE ratio vs INT8-8 | Table 6 ratio vs INT8-8 |")
    md.append("|---|---|---|---|---|---|---|---|---|---|")
    for n in order:
        md.append(row6(n))
    md.append("\n## Other configurations\n")
    md.append("| config | what | cells | flops | GE | est. um^2 | GE ratio vs INT8-8 |")
    md.append("|---|---|---|---|---|---|---|")
    whats = dict(configs())
    for n in extra:
        r = by[n]
        md.append(f"| {n} | {whats.get(n, '')} | {r['cells']} | {r['flops']} | {r['ge']:.0f} | "
                  f"{r['ge'] * um2_per_ge:.0f} | {r['ge'] / cal['ge']:.2f} |")
    md.append("\n## Area per block\n")
    md.append("GE of each block's own logic from a synthesis that keeps the hierarchy (`synth` without "
              "`-flatten`, so no optimisation across blocks and the requantizer of a `Requant = 0` build "
              "would stay; hence the `_rq` builds). `gqalut_int_lane` / `gqalut_fp32_lane` hold the "
              "pipeline registers, the LUT read multiplexers and the multiplier and adder.\n")
    names = sorted({b for bl in blocks.values() for b in bl}, key=lambda b: -max(bl.get(b, 0) for bl in blocks.values()))
    md.append("| block | " + " | ".join(blocks) + " |")
    md.append("|---|" + "---|" * len(blocks))
    for b in names:
        cells = []
        for cfg, bl in blocks.items():
            total = sum(bl.values())
            cells.append(f"{bl[b]:.0f} ({bl[b] / total:.0%})" if b in bl else "-")
        md.append(f"| {b} | " + " | ".join(cells) + " |")
    md.append("| total | " + " | ".join(f"{sum(bl.values()):.0f}" for bl in blocks.values()) + " |")
    md.append("\n## Cells per type\n")
    md.append("| config | " + " | ".join(t.strip("$_") for t in types) + " |")
    md.append("|---|" + "---|" * len(types))
    for n in order + extra:
        md.append(f"| {n} | " + " | ".join(str(by[n]["types"].get(t, 0)) for t in types) + " |")
    md.append("\n## Reading the numbers\n")
    growth = []
    for prec in ("int8", "int16", "int32", "fp32"):
        a, b = by[prec + "_n8"], by[prec + "_n16"]
        pa, pb = paper[prec + "_n8"][0], paper[prec + "_n16"][0]
        growth.append(f"{prec.upper()} {b['ge'] / a['ge']:.2f} (paper {pb / pa:.2f})")
    dev = {n: by[n]["ge"] * um2_per_ge / paper[n][0] - 1 for n in order}
    int_dev = max(abs(v) for n, v in dev.items() if n.startswith("int"))
    fp_dev = sum(dev[n] for n in ("fp32_n8", "fp32_n16")) / 2
    rq = [f"{k.upper()} {by[k + '_n8_rq']['ge'] / by[k + '_n8']['ge'] - 1:+.0%}" for k in ("int8", "int16", "int32")]
    opt = [f"{k.upper()} {by[k + '_n8_opt']['ge'] / by[k + '_n8_rq']['ge'] - 1:+.0%} "
           f"({(by[k + '_n8_opt']['ge'] - by[k + '_n8_rq']['ge']) * um2_per_ge:.0f} um^2)" for k in ("int8", "int16", "int32")]
    red = [f"{n} entries {by[f'scaler32_n{n}_red']['ge'] / by[f'scaler32_n{n}']['ge'] - 1:+.0%} "
           f"({(by[f'scaler32_n{n}_red']['ge'] - by[f'scaler32_n{n}']['ge']) * um2_per_ge:.0f} um^2)" for n in (8, 16)]
    octv = [f"{n} entries {by[f'scaler32_n{n}_oct']['ge'] / by[f'scaler32_n{n}']['ge'] - 1:+.0%} "
            f"({(by[f'scaler32_n{n}_oct']['ge'] - by[f'scaler32_n{n}']['ge']) * um2_per_ge:.0f} um^2)" for n in (8, 16)]
    md.append("- 8 -> 16 entries: " + ", ".join(growth) + ". The LUT registers and the comparator bank "
              "grow with N; the multiplier, shifters and adder do not.\n"
              f"- Across precisions the INT estimates follow Table 6 within {int_dev:.0%}: the multiplier grows "
              "with k x W, the LUT with N x (2W + k + 1) bits.\n"
              f"- FP32 comes out {-fp_dev:.0%} below the paper on average. This unit reads subnormals as zero and flushes "
              "subnormal results (docs/numeric-definition.md §5), so it has no denormalisation shifters or subnormal rounding; a "
              "fully IEEE-compliant library multiplier/adder, as a Design Compiler flow would likely use, "
              "is larger.\n"
              "- The requantizer (8 entries): " + ", ".join(rq) + " over the Table 6 unit: "
              "two barrel shifters over the accumulator and the saturation compares.\n"
              "- The datapath options (8 entries, over the `_rq` unit): " + ", ".join(opt) + ": the fold "
              "and clamp in front of the comparators, a (k+1)-bit operand for the multiplier, the breakpoint "
              "multiplexer and subtractor of relative intercepts, the fix adder and its shifters, six "
              "registers.\n"
              "- The range reduction (over the DIV/RSQRT scaler): " + ", ".join(red) + ": the x * log2(e) "
              "constant multiplier, the leading-one rounding of LOG2 and the wider result shift.\n"
              "- The RSQRT octave (over the DIV/RSQRT scaler): " + ", ".join(octv) + ": the sum times "
              "46341 as seven shifted copies (six adders over the sum), its select, a requantizer 16 bits "
              "wider, the odd-exponent flag and the OCTAVE register.\n"
              f"- {um2_per_ge:.3f} um^2 per NAND2 equivalent is below a 28 nm NAND2 cell (about 0.3-0.5 um^2): "
              "Yosys's generic two-input gates after ABC count more, simpler cells than a commercial flow "
              "mapping to complex cells of a real library. The single factor absorbs that, so read the "
              "ratios rather than the absolute numbers.\n")
    with open(MD_PATH, "w") as f:
        f.write("\n".join(md))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yosys", default="yosys")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--check", metavar="CONFIG", help="synthesize one configuration and compare with the CSV")
    a = ap.parse_args()
    version = subprocess.run([a.yosys, "-V"], stdout=subprocess.PIPE, text=True).stdout.strip()
    if a.check:
        r = synthesize(a.check, a.yosys)
        print(f"{a.check}: {r['cells']} cells, {r['flops']} flops, {r['ge']:.1f} GE")
        with open(CSV_PATH) as f:
            row = {x["config"]: x for x in csv.DictReader(f)}.get(a.check)
        if row is None or int(row["cells"]) != r["cells"]:
            print(f"docs/results/yosys_area.csv has {row['cells'] if row else 'no row'} cells for {a.check}: "
                  "the RTL changed, regenerate with scripts/yosys_area.py (CMake target yosys_area)")
            return 1
        return 0
    names = [n for n, _ in configs()]
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        results = list(ex.map(lambda n: synthesize(n, a.yosys), names))
    for r in results:
        print(f"{r['name']:>16}: {r['cells']:6d} cells {r['flops']:5d} flops {r['ge']:9.1f} GE", flush=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        blocks = dict(zip(BREAKDOWN, ex.map(lambda n: breakdown(n, a.yosys), BREAKDOWN)))
    write_results(results, version, blocks)
    print(f"wrote {os.path.relpath(MD_PATH, ROOT)} and {os.path.relpath(CSV_PATH, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
