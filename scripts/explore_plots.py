#!/usr/bin/python3
"""Plots of a `gqalut explore` CSV: Pareto fronts of MSE vs area and vs energy per function,
per-scale MSE (paper Fig. 3 style), and area/power vs entries per precision (Table 6 style).

usage: explore_plots.py EXPLORE_CSV OUT_DIR
"""
import csv
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

MARKERS = {"parallel": "o", "binary": "s", "uniform": "^"}
COLORS = {"int8": "tab:blue", "int16": "tab:orange", "int32": "tab:green", "fp32": "tab:red"}


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k in ("mse_mean", "max_abs_error", "area_um2", "energy_pj_per_element", "power_mw"):
            r[k] = float(r[k])
        r["entries"] = int(r["entries"])
        r["lanes"] = int(r["lanes"])
    return rows


def pareto(points):
    """Points (cost, mse, row) not dominated by any other (lower cost and lower MSE)."""
    front, best = [], float("inf")
    for c, m, r in sorted(points, key=lambda p: (p[0], p[1])):
        if m < best:
            front.append((c, m, r))
            best = m
    return front


def pareto_plot(rows, cost_key, xlabel, out):
    funcs = sorted({r["function"] for r in rows})
    fig, axes = plt.subplots(1, len(funcs), figsize=(5 * len(funcs), 4.2), squeeze=False)
    for ax, fn in zip(axes[0], funcs):
        pts = [r for r in rows if r["function"] == fn and r["lanes"] == 1]
        for r in pts:
            ax.scatter(r[cost_key], r["mse_mean"], marker=MARKERS.get(r["indexing"], "x"),
                       color=COLORS.get(r["precision"], "k"), alpha=0.35, s=18)
        front = pareto([(r[cost_key], r["mse_mean"], r) for r in pts])
        ax.plot([p[0] for p in front], [p[1] for p in front], "k-", lw=1)
        for c, m, r in front:
            ax.annotate(f'{r["precision"]} N{r["entries"]} {r["indexing"][:3]}', (c, m), fontsize=6)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(fn)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("MSE (paper protocol)")
        ax.grid(True, which="both", alpha=0.3)
    handles = [plt.Line2D([], [], color=c, marker="o", ls="", label=p) for p, c in COLORS.items()]
    handles += [plt.Line2D([], [], color="k", marker=m, ls="", label=i) for i, m in MARKERS.items()]
    axes[0][-1].legend(handles=handles, fontsize=7, loc="upper right")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def scale_plot(rows, out):
    sel = [r for r in rows if r["precision"] == "int8" and r["lanes"] == 1 and r["indexing"] != "binary"
           and r["mse_s0"] != ""]
    funcs = sorted({r["function"] for r in sel})
    if not funcs:
        return
    fig, axes = plt.subplots(1, len(funcs), figsize=(5 * len(funcs), 4), squeeze=False)
    for ax, fn in zip(axes[0], funcs):
        for r in sel:
            if r["function"] != fn or r["entries"] not in (8, 16):
                continue
            ys = [float(r[f"mse_s{s}"]) for s in range(7)]
            label = f'{r["method"]} N{r["entries"]}'
            ax.plot(range(7), ys, marker="o", ms=3, label=label)
        ax.set_yscale("log")
        ax.set_xticks(range(7))
        ax.set_xticklabels([f"2^-{s}" for s in range(7)])
        ax.set_xlabel("input scale S")
        ax.set_ylabel("MSE")
        ax.set_title(f"{fn}, INT8")
        ax.legend(fontsize=6)
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def cost_plot(rows, out):
    # The bare pwl unit: DIV/RSQRT rows carry the multi-range scaler as well.
    sel = [r for r in rows if r["indexing"] == "parallel" and r["lanes"] == 1 and r["function"] not in ("div", "rsqrt")]
    cost = defaultdict(dict)
    for r in sel:
        cost[r["precision"]][r["entries"]] = (r["area_um2"], r["power_mw"])
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4))
    for p, by_n in sorted(cost.items()):
        ns = sorted(by_n)
        a1.plot(ns, [by_n[n][0] for n in ns], marker="o", color=COLORS.get(p), label=p)
        a2.plot(ns, [by_n[n][1] for n in ns], marker="o", color=COLORS.get(p), label=p)
    for ax, lab in ((a1, "area (µm², 28 nm model)"), (a2, "power at 500 MHz (mW)")):
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xlabel("entries")
        ax.set_ylabel(lab)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rows = load(sys.argv[1])
    out = sys.argv[2]
    pareto_plot(rows, "area_um2", "area (µm²)", f"{out}/pareto_mse_area.png")
    pareto_plot(rows, "energy_pj_per_element", "energy per element (pJ)", f"{out}/pareto_mse_energy.png")
    scale_plot(rows, f"{out}/mse_vs_scale.png")
    cost_plot(rows, f"{out}/cost_vs_entries.png")
    print(f"plots written to {out}: pareto_mse_area.png pareto_mse_energy.png mse_vs_scale.png cost_vs_entries.png",
          file=sys.stderr)


if __name__ == "__main__":
    main()
