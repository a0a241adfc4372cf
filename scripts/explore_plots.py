#!/usr/bin/python3
"""Plots of a `gqalut explore` CSV: per function, mean MSE against area and against energy per
element with the Pareto front; per-scale MSE of the INT8 tables (paper Fig. 3 style); area and
power against entries per precision (Table 6 style). Every plot says what it shows.

usage: explore_plots.py EXPLORE_CSV OUT_DIR
"""
import csv
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plot_style as ps  # noqa: E402
from plot_style import plt  # noqa: E402

COST_NOTE = "cost model: 28 nm, 500 MHz, MaxEntries = N, no requantizer"
SHORT_INDEXING = {"parallel": "par", "binary": "bin", "uniform": "uni"}
PLOTS = ("pareto_mse_area.png", "pareto_mse_energy.png", "mse_vs_scale.png", "cost_vs_entries.png")


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k in ("mse_mean", "max_abs_error", "area_um2", "energy_pj_per_element", "power_mw"):
            r[k] = float(r[k])
        r["entries"] = int(r["entries"])
        r["lanes"] = int(r["lanes"])
    return rows


def label_of(function):
    return function[5:] if function.startswith("expr:") else function.upper()


def pareto(points):
    """(cost, mse, row) not beaten by another point in both cost and MSE."""
    front, best = [], float("inf")
    for c, m, r in sorted(points, key=lambda p: (p[0], p[1])):
        if m < best:
            front.append((c, m, r))
            best = m
    return front


def pareto_plot(rows, cost_key, xlabel, out):
    lanes = min(r["lanes"] for r in rows)
    funcs = sorted({r["function"] for r in rows})
    fig, axes = ps.panel_grid(len(funcs), ncols=3, width=5.2, height=4.4)
    precisions, indexings = set(), set()
    for ax, fn in zip(axes, funcs):
        pts = [r for r in rows if r["function"] == fn and r["lanes"] == lanes]
        groups = defaultdict(list)   # one scatter per precision and indexing: fast to draw
        for r in pts:
            groups[(r["precision"], r["indexing"])].append(r)
        for (prec, ix), g in groups.items():
            precisions.add(prec)
            indexings.add(ix)
            ax.scatter([r[cost_key] for r in g], [r["mse_mean"] for r in g], marker=ps.INDEXING_MARKERS.get(ix, "x"),
                       color=ps.PRECISION_COLORS.get(prec, "k"), alpha=0.45, s=22, zorder=2)
        front = pareto([(r[cost_key], r["mse_mean"], r) for r in pts])
        ax.plot([p[0] for p in front], [p[1] for p in front], "k-", lw=1, zorder=3)
        ps.log_axis(ax, "x", min(r[cost_key] for r in pts), max(r[cost_key] for r in pts))
        ps.log_axis(ax, "y", min(r["mse_mean"] for r in pts), max(r["mse_mean"] for r in pts))
        methods = ", ".join(sorted({r["method"] for r in pts}))
        ax.set_title(f"{label_of(fn)}: lanes {lanes}; methods {methods}", fontsize=9)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("mean MSE (paper protocol)")
        ax.grid(True, which="major", alpha=0.3)
        left = ps.place_labels(ax, [(c, m) for c, m, _ in front],
                               [f'{r["precision"]} N{r["entries"]} {r["method"]} {SHORT_INDEXING.get(r["indexing"], r["indexing"])}'
                                for _, _, r in front], fontsize=6)
        if left:
            ax.text(0.99, 0.99, f"{len(left)} front labels left out", transform=ax.transAxes, ha="right", va="top", fontsize=6)
    handles = [plt.Line2D([], [], color=ps.PRECISION_COLORS[p], marker="o", ls="", label=p)
               for p in ps.PRECISION_COLORS if p in precisions]
    handles += [plt.Line2D([], [], color="k", marker=ps.INDEXING_MARKERS[i], ls="", label=f"{i} indexing")
                for i in ps.INDEXING_MARKERS if i in indexings]
    handles.append(plt.Line2D([], [], color="k", lw=1, label="Pareto front (labels: precision, N, method, indexing)"))
    ps.legend_below(fig, handles, ncol=8)
    fig.suptitle(f"Mean MSE vs {xlabel.split(' (')[0]}, per function ({COST_NOTE})", fontsize=10)
    fig.tight_layout(rect=(0, 0.06, 1, 0.96))
    fig.savefig(out, dpi=110)
    plt.close(fig)


def scale_plot(rows, out):
    """Per-scale MSE of the INT8 (else the narrowest INT) tables: one curve per method and entry
    count (at most three entry counts), comparator tables and uniform-segment tables apart."""
    ints = sorted({r["precision"] for r in rows if r["precision"].startswith("int") and r["mse_s0"] != ""},
                  key=lambda p: int(p[3:]))
    fig = None
    if ints:
        prec = ints[0]
        sel = [r for r in rows if r["precision"] == prec and r["mse_s0"] != "" and r["indexing"] != "binary"
               and r["lanes"] == min(x["lanes"] for x in rows)]
        entries = sorted({r["entries"] for r in sel})
        shown = [n for n in (8, 16) if n in entries] or entries[:3]
        funcs = sorted({r["function"] for r in sel})
        fig, axes = ps.panel_grid(len(funcs), ncols=3, width=5.2, height=4.0)
        series = {}
        for ax, fn in zip(axes, funcs):
            ys_all = []
            for r in sel:
                if r["function"] != fn or r["entries"] not in shown:
                    continue
                ys = [float(r[f"mse_s{s}"]) for s in range(7)]
                ys_all += ys
                kind = " (uniform segments)" if r["indexing"] == "uniform" else ""
                key = f'{r["method"]}{kind}, N = {r["entries"]}'
                style = "--" if r["indexing"] == "uniform" else "-"
                line, = ax.plot(range(7), ys, style, marker="o", ms=3, label=key,
                                color=series[key].get_color() if key in series else None)
                series.setdefault(key, line)
            ps.log_axis(ax, "y", min(ys_all), max(ys_all))
            ax.set_xticks(range(7))
            ax.set_xticklabels([f"{s}" for s in range(7)])
            ax.set_xlabel("input scale s (x = q·2^-s)")
            ax.set_ylabel("MSE at that scale")
            ax.set_title(f"{label_of(fn)}, {prec.upper()}, comparator and uniform tables", fontsize=9)
            ax.grid(True, which="major", alpha=0.3)
        ps.legend_below(fig, [plt.Line2D([], [], color=l.get_color(), ls=l.get_linestyle(), marker="o", ms=3, label=k)
                              for k, l in series.items()], ncol=4)
        fig.suptitle(f"Per-scale MSE, {prec.upper()} (paper protocol; accuracy is the same for every lane count)", fontsize=10)
        fig.tight_layout(rect=(0, 0.08, 1, 0.95))
    else:
        fig, ax = plt.subplots(figsize=(6, 2))
        ax.axis("off")
        ax.text(0.5, 0.5, "no INT tables with per-scale MSE in this sweep", ha="center", va="center")
    fig.savefig(out, dpi=110)
    plt.close(fig)


def cost_plot(rows, out):
    """Area and power against entries per precision: the bare pwl unit (functions without the
    multi-range scaler), parallel comparators, one lane."""
    sel = [r for r in rows if r["indexing"] == "parallel" and r["lanes"] == min(x["lanes"] for x in rows)
           and r["function"] not in ("div", "rsqrt")]
    lanes = min(x["lanes"] for x in rows)
    if not sel:   # only DIV/RSQRT or only uniform indexing: show what there is
        sel = [r for r in rows if r["lanes"] == lanes]
    cost = defaultdict(dict)
    for r in sel:
        cost[(r["precision"], r["indexing"])][r["entries"]] = (r["area_um2"], r["power_mw"])
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4.4))
    all_n = sorted({n for v in cost.values() for n in v})
    for (p, ix), by_n in sorted(cost.items(), key=lambda kv: (int(kv[0][0][3:]) if kv[0][0] != 'fp32' else 99, kv[0][1])):
        ns = sorted(by_n)
        lab = p if ix == "parallel" else f"{p} {ix}"
        a1.plot(ns, [by_n[n][0] for n in ns], marker="o", color=ps.PRECISION_COLORS.get(p), label=lab)
        a2.plot(ns, [by_n[n][1] for n in ns], marker="o", color=ps.PRECISION_COLORS.get(p), label=lab)
    for ax, idx, lab in ((a1, 0, "area (µm²)"), (a2, 1, "power at 500 MHz (mW)")):
        vals = [v[idx] for by_n in cost.values() for v in by_n.values()]
        ax.set_xscale("log", base=2)
        ticks = all_n if len(all_n) <= 8 else [n for n in all_n if n & (n - 1) == 0] or all_n[:: max(1, len(all_n) // 8)]
        ax.set_xticks(ticks)
        ax.set_xticklabels([str(n) for n in ticks])
        ax.minorticks_off()
        ps.log_axis(ax, "y", min(vals), max(vals))
        ax.set_xlabel("entries N (= MaxEntries)")
        ax.set_ylabel(lab)
        ax.grid(True, which="major", alpha=0.3)
    handles, labels = a1.get_legend_handles_labels()
    ps.legend_below(fig, handles)
    fig.suptitle(f"Cost of the pwl unit per precision (parallel comparators unless stated, lanes {lanes}, without the "
                 f"DIV/RSQRT scaler; {COST_NOTE})", fontsize=9)
    fig.tight_layout(rect=(0, 0.08, 1, 0.94))
    fig.savefig(out, dpi=110)
    plt.close(fig)


def draw_all(csv_path, out_dir):
    rows = load(csv_path)
    if not rows:
        sys.exit("explore_plots.py: no points in " + csv_path)
    pareto_plot(rows, "area_um2", "area (µm²)", os.path.join(out_dir, PLOTS[0]))
    pareto_plot(rows, "energy_pj_per_element", "energy per element (pJ)", os.path.join(out_dir, PLOTS[1]))
    scale_plot(rows, os.path.join(out_dir, PLOTS[2]))
    cost_plot(rows, os.path.join(out_dir, PLOTS[3]))
    return rows


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    os.makedirs(sys.argv[2], exist_ok=True)
    draw_all(sys.argv[1], sys.argv[2])
    print(f"plots written to {sys.argv[2]}: {' '.join(PLOTS)}", file=sys.stderr)


if __name__ == "__main__":
    main()
