#!/usr/bin/python3
"""The main job of ./run.sh: search tables for the paper's five functions (gqa-rm over five
seeds as docs/results/table3.md, and the exact optimum), verify the median-seed and the optimal
table through the cycle model (and the RTL when built) against the golden model, print a
Table 3 and a Table 6 style summary, run the transformer kernels on the virtual platform, run
the quick design-space sweep, and write the tables, the plots and one self-contained HTML
report (OUT_DIR/report.html) into OUT_DIR.

usage: main_job.py GQALUT_BINARY OUT_DIR [--functions gelu,exp] [--entries 8]   (a subset, for tests)
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import html_report as h  # noqa: E402
from explore_report import CAPTIONS  # noqa: E402
from plot_style import plt  # noqa: E402
import plot_style as ps  # noqa: E402

FUNCS = ["gelu", "hswish", "exp", "div", "rsqrt"]
SEEDS = [1, 2, 3, 4, 5]
PAPER3 = os.path.join(os.path.dirname(__file__), "..", "docs", "paper", "table3_mse.csv")
COMMANDS = []   # every gqalut command the job ran, for the report


def run(g, *args):
    cmd = [g, *map(str, args)]
    shown = "gqalut " + " ".join(map(str, args))
    COMMANDS.append(shown)
    print("$ " + shown, file=sys.stderr)
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"main job: {shown} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout


def paper_table3():
    rows = {}
    with open(PAPER3) as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            for fn in FUNCS:
                rows[(r["method"], int(r["entries"]), fn)] = float(r[fn])
    return rows


def table3_plot(funcs, entries, paper, results, path):
    fig, axes = plt.subplots(1, len(entries), figsize=(6 * len(entries), 4.6), squeeze=False)
    series = [("paper NN-LUT", "tab:gray"), ("paper GQA-LUT w/RM", "tab:olive"),
              ("gqalut gqa-rm, median of 5 seeds (bar: min..max)", "tab:blue"), ("gqalut optimal (exact)", "tab:green")]
    vals = []
    for ax, n in zip(axes[0], entries):
        xs = range(len(funcs))
        w = 0.2
        data = [[paper[("nn-lut", n, f)] for f in funcs], [paper[("gqa-lut-rm", n, f)] for f in funcs],
                [results[(f, n)]["gqa_rm_median"] for f in funcs], [results[(f, n)]["optimal"] for f in funcs]]
        for i, ((lab, color), ys) in enumerate(zip(series, data)):
            kw = {}
            if i == 2:
                lo = [results[(f, n)]["gqa_rm_median"] - results[(f, n)]["gqa_rm_min"] for f in funcs]
                hi = [results[(f, n)]["gqa_rm_max"] - results[(f, n)]["gqa_rm_median"] for f in funcs]
                kw = {"yerr": [lo, hi], "capsize": 2, "error_kw": {"lw": 0.8}}
            ax.bar([x + (i - 1.5) * w for x in xs], ys, w, label=lab, color=color, **kw)
            vals += ys
        ax.set_xticks(list(xs))
        ax.set_xticklabels([f.upper() for f in funcs])
        ax.set_title(f"INT8, {n} entries, parallel indexing (accuracy only)", fontsize=10)
        ax.set_ylabel("mean MSE, paper protocol (log scale)")
        ax.grid(True, axis="y", which="major", alpha=0.3)
    for ax in axes[0]:
        ps.log_axis(ax, "y", min(vals), max(vals) * 3)
    handles, _ = axes[0][0].get_legend_handles_labels()
    ps.legend_below(fig, handles, ncol=4)
    fig.suptitle("Table 3: mean MSE of INT8 tables, the paper's values beside gqalut's searches", fontsize=11)
    fig.tight_layout(rect=(0, 0.08, 1, 0.95))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gqalut")
    ap.add_argument("out")
    ap.add_argument("--functions", default=",".join(FUNCS))
    ap.add_argument("--entries", default="8,16")
    a = ap.parse_args()
    g, out = a.gqalut, a.out
    funcs = a.functions.split(",")
    entries = [int(n) for n in a.entries.split(",")]
    tables = os.path.join(out, "tables")
    os.makedirs(tables, exist_ok=True)
    models = ["cycle"]
    if "rtl" in run(g, "sim", "--help"):
        models.append("rtl")

    # 1. Search: gqa-rm over five seeds (the median-seed table is verified) and the optimum.
    results = {}
    for fn in funcs:
        for n in entries:
            # Beside the paper's Table 3: DIV/RSQRT with its Table 2 sub-ranges (preset paper).
            preset = ["--preset", "paper"] if fn in ("div", "rsqrt") else []
            runs = []
            for seed in SEEDS:
                path = os.path.join(tables, f"{fn}_{n}_gqa-rm_seed{seed}.json")
                j = json.loads(run(g, "search", "--function", fn, "--entries", n, "--method", "gqa-rm", "--seed", seed,
                                   "--quiet", "--out", path, "--format", "json", *preset))
                runs.append((j["mse_mean"], path))
            runs.sort()
            opt_path = os.path.join(tables, f"{fn}_{n}_optimal.json")
            opt = json.loads(run(g, "search", "--function", fn, "--entries", n, "--method", "optimal", "--quiet", "--out",
                                 opt_path, "--format", "json", *preset))
            median_path = runs[len(runs) // 2][1]
            checks = {}
            for label, path in (("gqa-rm", median_path), ("optimal", opt_path)):
                for m in models:
                    s = json.loads(run(g, "sim", "--table", path, "--model", m, "--max-entries", 32, "--stall-in", 0.2,
                                       "--stall-out", 0.2, "--format", "json"))
                    checks[(label, m)] = (s["compared"], s["mismatches"])
            results[(fn, n)] = {"gqa_rm_median": statistics.median(v for v, _ in runs), "gqa_rm_min": runs[0][0],
                                "gqa_rm_max": runs[-1][0], "optimal": opt["mse_mean"], "checks": checks}

    paper = paper_table3()
    t3_head = ["function", "N", "paper NN-LUT", "paper w/RM", "gqa-rm median (5 seeds)", "gqa-rm min", "gqa-rm max",
               "optimal", "verified (model: elements/mismatches)"]
    t3_rows = []
    for fn in funcs:
        for n in entries:
            r = results[(fn, n)]
            ver = ", ".join(f"{lab} {m} {c[0]}/{c[1]}" for (lab, m), c in r["checks"].items())
            t3_rows.append([fn, n, "%.2e" % paper[("nn-lut", n, fn)], "%.2e" % paper[("gqa-lut-rm", n, fn)],
                            "%.2e" % r["gqa_rm_median"], "%.2e" % r["gqa_rm_min"], "%.2e" % r["gqa_rm_max"],
                            "%.2e" % r["optimal"], ver])
    print("\nTable 3 style: mean MSE, INT8, paper protocol (slopes/intercepts Q1.6; DIV/RSQRT core Q2.5)")
    print(f"{'function':8} {'N':>3} {'paper NN-LUT':>13} {'paper w/RM':>11} {'gqa-rm med':>10} {'optimal':>10}  verified "
          "(elements/mismatches)")
    for row in t3_rows:
        print(f"{row[0]:8} {row[1]:3d} {row[2]:>13} {row[3]:>11} {row[4]:>10} {row[7]:>10}  {row[8]}")
    bad = [(k, lm, c) for k, v in results.items() for lm, c in v["checks"].items() if c[1] != 0 or c[0] == 0]
    if bad:
        sys.exit(f"main job: verification failed: {bad}")
    table3_plot(funcs, entries, paper, results, os.path.join(out, "table3.png"))

    # 2. Table 6 style: area and power, cost model vs paper.
    cost = json.loads(run(g, "cost", "--validate", "--format", "json"))
    t6_head = ["precision", "N", "area µm²", "paper", "LOO error", "power mW", "paper", "LOO error"]
    t6_rows = [[r["precision"], r["entries"], "%.0f" % r["area_um2"], "%.0f" % r["paper_area_um2"],
                "%+.1f%%" % (100 * r["loo_area_error"]), "%.3f" % r["power_mw"], "%.2f" % r["paper_power_mw"],
                "%+.1f%%" % (100 * r["loo_power_error"])] for r in cost["rows"]]
    print("\nTable 6 style: area and power at 500 MHz (cost model calibrated to Table 6; LOO = leave-one-out)")
    for row in t6_rows:
        print("  ".join(f"{c:>9}" for c in row))

    # 3. The kernels on the virtual platform.
    vp_rows = []
    print("\nVirtual platform kernels (INT8 accelerator, golden model; --model cycle|rtl give the same outputs)")
    for k in ("softmax", "layernorm", "gelu"):
        v = json.loads(run(g, "vp", "--kernel", k, "--format", "json"))
        vp_rows.append([k, v["outputs"], v["elements"], "%.4f" % v["max_abs_error"], "%.1f" % (v["sim_time_ns"] / 1000),
                        "%.1f" % (v["energy_pj"] / 1000)])
        print(f"  {k:10} {v['outputs']:6d} outputs ({v['elements']:6d} through the unit)  max |error| vs double "
              f"{v['max_abs_error']:.4f}  simulated {v['sim_time_ns'] / 1000:.1f} us  {v['energy_pj'] / 1000:.1f} nJ")

    # 4. The quick design-space sweep (its own report in OUT_DIR/explore/report.html).
    explore_dir = os.path.join(out, "explore")
    run(g, "explore", "--out", explore_dir, "--grid", "quick", "--quiet", "--top", 3, "--format", "json")
    with open(os.path.join(explore_dir, "summary.json")) as f:
        ex = json.load(f)
    ex_rows = [[b["function"], b["rank"], b["precision"], b["entries"], b["method"], b["indexing"], "%.0f" % b["area_um2"],
                "%.3f" % b["power_mw"], "%.2e" % b["mse_mean"], b["command"]] for b in ex["best"]]

    report = h.page(
        "gqalut main job (./run.sh)",
        h.text("INT8 tables for GELU, HSWISH, EXP, DIV and RSQRT searched, verified through the models against the golden "
               "model, priced with the cost model (28 nm, 500 MHz, calibrated to paper Table 6), run on the virtual "
               "platform, and the quick design-space sweep. Every number below comes from the commands listed at the end."),
        [h.section("Table 3: mean MSE (INT8, paper protocol)", h.table(t3_head, t3_rows),
                   h.image(os.path.join(out, "table3.png"), "Table 3: paper vs gqalut (gqa-rm: median of 5 seeds)")),
         h.section("Table 6: area and power (parallel comparators, one lane, no requantizer)", h.table(t6_head, t6_rows)),
         h.section("Transformer kernels on the virtual platform",
                   h.table(["kernel", "outputs", "elements through the unit", "max |error| vs double", "simulated µs",
                            "energy nJ"], vp_rows)),
         h.section("Design-space sweep (gqalut explore --grid quick): smallest area first, per function",
                   h.table(["function", "rank", "precision", "entries", "method", "indexing", "area µm²", "power mW",
                            "mean MSE", "command"], ex_rows),
                   *[h.image(os.path.join(explore_dir, p), CAPTIONS[p]) for p in
                     ("pareto_mse_area.png", "mse_vs_scale.png", "cost_vs_entries.png")]),
         h.section("Commands (in order)", h.commands(COMMANDS))])
    with open(os.path.join(out, "report.html"), "w") as f:
        f.write(report)
    print(f"\nTables in {tables}/, plots in {out}/table3.png and {explore_dir}/, report {out}/report.html")


if __name__ == "__main__":
    main()
