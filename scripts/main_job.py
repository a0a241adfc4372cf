#!/usr/bin/python3
"""The main job of ./run.sh: search tables for the paper's five functions, verify every table
through the cycle model (and the RTL when built) against the golden model, print a Table 3 and
a Table 6 style summary, run the transformer kernels on the virtual platform, and write plots
and the tables into out/.

usage: main_job.py GQALUT_BINARY OUT_DIR
"""
import csv
import json
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FUNCS = ["gelu", "hswish", "exp", "div", "rsqrt"]
PAPER3 = os.path.join(os.path.dirname(__file__), "..", "docs", "paper", "table3_mse.csv")


def run(args, **kw):
    print("$ " + " ".join(args[1:] if args[0].endswith("gqalut") else args).replace(args[0], "gqalut"), file=sys.stderr)
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"main job: {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout


def paper_table3():
    rows = {}
    with open(PAPER3) as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            for fn in FUNCS:
                rows[(r["method"], int(r["entries"]), fn)] = float(r[fn])
    return rows


def main():
    g, out = sys.argv[1], sys.argv[2]
    tables = os.path.join(out, "tables")
    os.makedirs(tables, exist_ok=True)
    models = ["cycle"]
    if "rtl" in run([g, "sim", "--help"]):
        models.append("rtl")

    # 1. Search (gqa-rm as the paper, and the exact optimum) and verify through the models.
    results = {}
    for fn in FUNCS:
        for n in (8, 16):
            for method in ("gqa-rm", "optimal"):
                path = os.path.join(tables, f"{fn}_{n}_{method}.json")
                # Beside the paper's Table 3: DIV/RSQRT with its Table 2 sub-ranges (preset paper).
                preset = ["--preset", "paper"] if fn in ("div", "rsqrt") else []
                j = json.loads(run([g, "search", "--function", fn, "--entries", str(n), "--method", method,
                                    "--seed", "1", "--quiet", "--out", path, "--format", "json", *preset]))
                checks = {}
                for m in models:
                    s = json.loads(run([g, "sim", "--table", path, "--model", m, "--max-entries", "32",
                                        "--stall-in", "0.2", "--stall-out", "0.2", "--format", "json"]))
                    checks[m] = (s["compared"], s["mismatches"])
                results[(fn, n, method)] = (j["mse_mean"], j["seconds"], checks)

    paper = paper_table3()
    print("\nTable 3 style: mean MSE, INT8, paper protocol (slopes/intercepts Q1.6; DIV/RSQRT core Q2.5)")
    print(f"{'function':8} {'N':>3} {'paper NN-LUT':>13} {'paper w/RM':>11} {'gqa-rm':>10} {'optimal':>10}  verified "
          "(elements, mismatches)")
    for fn in FUNCS:
        for n in (8, 16):
            ga, opt = results[(fn, n, "gqa-rm")], results[(fn, n, "optimal")]
            ver = ", ".join(f"{m} {c[0]}/{c[1]}" for m, c in opt[2].items())
            print(f"{fn:8} {n:3d} {paper[('nn-lut', n, fn)]:13.2e} {paper[('gqa-lut-rm', n, fn)]:11.2e} "
                  f"{ga[0]:10.2e} {opt[0]:10.2e}  {ver}")
    bad = [(k, m, c) for k, v in results.items() for m, c in v[2].items() if c[1] != 0 or c[0] == 0]
    if bad:
        sys.exit(f"main job: verification failed: {bad}")

    # 2. Table 6 style: area and power, cost model vs paper.
    cost = json.loads(run([g, "cost", "--validate", "--format", "json"]))
    print("\nTable 6 style: area and power at 500 MHz (cost model calibrated to Table 6; LOO = leave-one-out)")
    print(f"{'precision':9} {'N':>3} {'area um2':>9} {'paper':>7} {'LOO err':>8} {'power mW':>9} {'paper':>6} {'LOO err':>8}")
    for r in cost["rows"]:
        print(f"{r['precision']:9} {r['entries']:3d} {r['area_um2']:9.0f} {r['paper_area_um2']:7.0f} "
              f"{100 * r['loo_area_error']:7.1f}% {r['power_mw']:9.3f} {r['paper_power_mw']:6.2f} "
              f"{100 * r['loo_power_error']:7.1f}%")

    # 3. The kernels on the virtual platform.
    print("\nVirtual platform kernels (INT8 accelerator, golden model; --model cycle|rtl give the same outputs)")
    for k in ("softmax", "layernorm", "gelu"):
        v = json.loads(run([g, "vp", "--kernel", k, "--format", "json"]))
        print(f"  {k:10} {v['outputs']:6d} outputs ({v['elements']:6d} through the unit)  "
              f"max |error| vs double {v['max_abs_error']:.4f}  "
              f"simulated {v['sim_time_ns'] / 1000:.1f} us  {v['energy_pj'] / 1000:.1f} nJ")

    # 4. Plots.
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, n in zip(axes, (8, 16)):
        xs = range(len(FUNCS))
        w = 0.2
        series = [("paper NN-LUT", [paper[("nn-lut", n, f)] for f in FUNCS]),
                  ("paper GQA w/RM", [paper[("gqa-lut-rm", n, f)] for f in FUNCS]),
                  ("gqalut gqa-rm", [results[(f, n, "gqa-rm")][0] for f in FUNCS]),
                  ("gqalut optimal", [results[(f, n, "optimal")][0] for f in FUNCS])]
        for i, (lab, ys) in enumerate(series):
            ax.bar([x + (i - 1.5) * w for x in xs], ys, w, label=lab)
        ax.set_yscale("log")
        ax.set_xticks(list(xs))
        ax.set_xticklabels([f.upper() for f in FUNCS])
        ax.set_title(f"INT8, {n} entries: mean MSE (paper protocol)")
        ax.grid(True, axis="y", which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "table3.png"), dpi=120)
    run([g, "explore", "--out", os.path.join(out, "explore"), "--grid", "quick"])
    print(f"\nTables in {tables}/, plots in {out}/table3.png and {out}/explore/*.png")


if __name__ == "__main__":
    main()
