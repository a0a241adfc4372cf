#!/usr/bin/env python3
"""The gqalut side of docs/results/peers.md: for every peer row, gqalut's best table at no more
bits per entry than the peer, on the peer's input grid, under both objectives.

For each row and each scheme (uniform: 2W bits per entry; per-scale: 2W + k + 1) the widest W
that fits the peer's bits is searched with `--method optimal`, `--lambda auto` (the default),
`--objective mse` and `--objective max`, and every datapath variant of the row the binary
offers (`--symmetry`, `--clamp`, `--intercept` where `search --help` lists them). A run counts
only if its `bits_per_entry` is at most the peer's and it scored every code of the grid. Per
objective the run with the lowest worse-of-the-two ratio to the peer (MSE and max abs error) is
kept. The peer figures are constants here: they were measured once with the peers' own code on
the same grids (docs/results/peers.md says how).

usage: /usr/bin/python3 scripts/peers.py [--gqalut build/gqalut] [--rows ID,ID..] [--jobs 2]
                                         [--json FILE] [--all-runs]
Prints the markdown rows of docs/results/peers.md (and with --all-runs every run).
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

# (id, peer, peer design, peer bits per entry, entries, precision, scale, grid lo, grid hi,
#  function argv, peer MSE, peer max abs error, datapath variants to try besides the plain table).
# A variant is (flags, range or None for the grid): flags are search options; a range narrower
# than the grid is scored on every code of the input format (`eval --protocol full`).
AC = "Siemens ac_math"
LA = "LUT-APP"
SIG = ["--function", "sigmoid"]
TANH = ["--function", "tanh"]
GELU = ["--function", "gelu"]
SILU = ["--function", "silu"]
EXP = ["--function", "exp"]
RECIP = ["--expr", "1/x"]
RSQRT = ["--expr", "1/sqrt(x)"]
POW2 = ["--expr", "2^x"]
LOG2 = ["--expr", "log2(x)"]

POINT = [["--symmetry", "point"], ["--symmetry", "point", "--intercept", "relative"]]
ODD = [["--symmetry", "odd"], ["--symmetry", "odd", "--intercept", "relative"]]
SHIFTED = [["--symmetry", "shifted"], ["--symmetry", "shifted", "--intercept", "relative"]]
RELATIVE = [["--intercept", "relative"]]


def clamped(flag_sets, lo, hi):
    return [(f + ["--clamp"], (lo, hi)) for f in flag_sets]


def plain(flag_sets):
    return [(f, None) for f in flag_sets]


ROWS = [
    ("ac_sigmoid_int8", AC, "ac_sigmoid_pwl", 19, 8, "int8", 4, -8, 7.9375, SIG,
     3.776399e-06, 6.691897e-03, plain(POINT) + clamped(POINT, -5, 5)),
    ("ac_tanh_int8", AC, "ac_tanh_pwl", 19, 12, "int8", 5, -4, 3.96875, TANH,
     2.799199e-06, 4.944293e-03, plain(ODD) + clamped(ODD, -3, 3)),
    ("ac_recip_int8", AC, "ac_reciprocal_pwl", 22, 8, "int8", 7, 0.5, 0.9921875, RECIP,
     1.548133e-06, 3.389246e-03, plain(RELATIVE)),
    ("ac_sigmoid_int16", AC, "ac_sigmoid_pwl", 19, 8, "int16", 12, -8, 7.999755859375, SIG,
     3.615604e-06, 6.691897e-03, plain(POINT) + clamped(POINT, -5, 5)),
    ("ac_tanh_int16", AC, "ac_tanh_pwl", 19, 12, "int16", 13, -4, 3.9998779296875, TANH,
     2.627200e-06, 4.944293e-03, plain(ODD) + clamped(ODD, -3, 3)),
    ("ac_recip_int16", AC, "ac_reciprocal_pwl", 22, 8, "int16", 15, 0.5, 0.999969482421875, RECIP,
     1.381933e-06, 3.511814e-03, plain(RELATIVE)),
    ("ac_rsqrt_int8", AC, "ac_inverse_sqrt_pwl", 25, 8, "int8", 7, 0.5, 0.9921875, RSQRT,
     1.418140e-07, 9.361235e-04, plain(RELATIVE)),
    ("ac_rsqrt_int16", AC, "ac_inverse_sqrt_pwl", 25, 8, "int16", 15, 0.5, 0.999969482421875, RSQRT,
     1.227127e-07, 9.365127e-04, plain(RELATIVE)),
    ("ac_pow2_int8", AC, "ac_pow2_pwl", 22, 4, "int8", 7, 0, 0.9921875, POW2,
     4.059342e-06, 3.394257e-03, plain(RELATIVE)),
    ("ac_pow2_int16", AC, "ac_pow2_pwl", 22, 4, "int16", 15, 0, 0.999969482421875, POW2,
     3.854789e-06, 4.173888e-03, plain(RELATIVE)),
    ("ac_log2_int8", AC, "ac_log2_pwl", 23, 8, "int8", 7, 0.5, 0.9921875, LOG2,
     3.324992e-07, 1.464844e-03, plain(RELATIVE)),
    ("ac_log2_int16", AC, "ac_log2_pwl", 23, 8, "int16", 15, 0.5, 0.999969482421875, LOG2,
     2.829574e-07, 1.464844e-03, plain(RELATIVE)),
    ("ac_gelu_int8", AC, "ac_gelu_pwl", 19, 12, "int8", 5, -4, 3.96875, GELU,
     2.644207e-06, 6.911506e-03, plain(SHIFTED) + clamped(SHIFTED, -3, 3)),
    ("ac_gelu_int16", AC, "ac_gelu_pwl", 19, 12, "int16", 13, -4, 3.9998779296875, GELU,
     2.735464e-06, 7.360464e-03, plain(SHIFTED) + clamped(SHIFTED, -3, 3)),
    ("lutapp_gelu_8", LA, "GELU 8", 30, 8, "int8", 4, -4, 4, GELU,
     1.857421e-05, 1.686408e-02, plain(SHIFTED)),
    ("lutapp_gelu_16", LA, "GELU 16", 30, 16, "int8", 4, -4, 4, GELU,
     4.565079e-06, 6.928448e-03, plain(SHIFTED)),
    ("lutapp_silu_8", LA, "SiLU 8", 30, 8, "int8", 4, -4, 4, SILU,
     7.856407e-05, 7.194484e-02, plain(SHIFTED)),
    ("lutapp_silu_16", LA, "SiLU 16", 30, 16, "int8", 4, -4, 4, SILU,
     4.523494e-05, 7.194484e-02, plain(SHIFTED)),
    ("lutapp_exp_8", LA, "EXP 8", 30, 8, "int8", 4, -8, 0, EXP,
     8.698119e-06, 9.222780e-03, plain(RELATIVE)),
    ("lutapp_exp_16", LA, "EXP 16", 30, 16, "int8", 4, -8, 0, EXP,
     1.873296e-06, 5.065420e-03, plain(RELATIVE)),
    ("lutapp_reci_8", LA, "RECI 8", 30, 8, "int8", 6, 1, 1.984375, RECIP,
     1.435628e-06, 3.676471e-03, plain(RELATIVE)),
    ("lutapp_reci_16", LA, "RECI 16", 30, 16, "int8", 6, 1, 1.984375, RECIP,
     2.938084e-06, 4.016844e-03, plain(RELATIVE)),
    ("lutapp_rsqrt_8", LA, "RSQRT 8", 30, 8, "int8", 5, 1, 3.96875, RSQRT,
     2.010009e-06, 3.981781e-03, plain(RELATIVE)),
    ("lutapp_rsqrt_16", LA, "RSQRT 16", 30, 16, "int8", 5, 1, 3.96875, RSQRT,
     2.251535e-06, 4.589844e-03, plain(RELATIVE)),
]

BITS = {"int8": 8, "int16": 16}


def widest(scheme, k, peer_bits):
    """The largest W whose bits per entry (as search reports them) fit the peer's."""
    overhead = 0 if scheme == "uniform" else k + 1
    return (peer_bits - overhead) // 2


def fmt_range(lo, hi):
    return f"{lo:.17g},{hi:.17g}"


def search_argv(row, scheme, width, objective, flags, rng):
    _, _, _, _, entries, prec, s, lo, hi, fn = row[:10]
    lo, hi = rng or (lo, hi)
    return ["search", *fn, "--range", fmt_range(lo, hi), "--precision", prec, "--scales", f"{s}..{s}",
            "--entries", str(entries), "--method", "optimal", "--scheme", scheme, "--width", str(width),
            "--objective", objective, *flags, "--format", "json", "--quiet"]


def run_json(gqalut, argv):
    p = subprocess.run([gqalut, *argv], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"
    return json.loads(p.stdout), p.stderr.strip()


def grid_codes(row):
    s, lo, hi = row[6], row[7], row[8]
    return round(hi * 2 ** s) - round(lo * 2 ** s) + 1


def one_run(gqalut, row, scheme, width, objective, flags, rng):
    """One search; a clamped table on a narrower range is then scored on every code of the format."""
    argv = search_argv(row, scheme, width, objective, flags, rng)
    run = {"row": row[0], "scheme": scheme, "width": width, "objective": objective, "flags": flags,
           "range": rng, "command": "build/gqalut " + " ".join(quote(a) for a in argv)}
    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "t.json")
        res, err = run_json(gqalut, argv + (["--out", table] if rng else []))
        if res is None:
            run["error"] = err
            return run
        run.update(bits=res["bits_per_entry"], lambda_k=res["lambda_k"], lambda_b=res["lambda_b"],
                   exact=res.get("exact"), warning=err or None)
        if rng:
            s = row[6]
            ev, err = run_json(gqalut, ["eval", "--table", table, "--protocol", "full", "--scales", f"{s}..{s}",
                                        "--format", "json", "--quiet"])
            if ev is None:
                run["error"] = "eval: " + err
                return run
            run["eval_command"] = f"build/gqalut eval --table T.json --protocol full --scales {s}..{s}"
            res = ev
        run.update(mse=res["mse_mean"], max=res["max_abs_error"], points=res.get("points"))
    return run


def quote(arg):
    safe = all(c.isalnum() or c in "-_.,/=+:" for c in arg)
    return arg if safe else "'" + arg.replace("'", "'\\''") + "'"


def supported(gqalut):
    text = subprocess.run([gqalut, "search", "--help"], capture_output=True, text=True).stdout
    return {f for f in ("--symmetry", "--clamp", "--intercept", "--objective") if f in text}


def plan(row, flags_ok):
    """(scheme, W, objective, flags, range) of every run of a row."""
    k = BITS[row[5]]
    variants = [([], None)] + [(f, r) for f, r in row[12] if all(a in flags_ok for a in f if a.startswith("--"))]
    for scheme in ("uniform", "per-scale"):
        width = widest(scheme, k, row[3])
        if width < 2:
            continue
        for flags, rng in variants:
            for objective in ("mse", "max"):
                yield (scheme, width, objective, flags, rng)


def score(row, run):
    """Worse of the two ratios to the peer; None if the run does not qualify."""
    if "error" in run or run["bits"] > row[3]:
        return None
    if run["points"] is not None and run["points"] != grid_codes(row):
        return None
    return max(run["mse"] / row[10], run["max"] / row[11])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gqalut", default="build/gqalut")
    ap.add_argument("--rows", help="comma-separated row ids (default: all)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", help="write every run here")
    ap.add_argument("--all-runs", action="store_true", help="print every run, not only the best per objective")
    args = ap.parse_args()
    rows = ROWS
    if args.rows:
        want = args.rows.split(",")
        unknown = [w for w in want if w not in {r[0] for r in ROWS}]
        if unknown:
            sys.exit(f"peers.py: unknown row {unknown[0]} (rows: {', '.join(r[0] for r in ROWS)})")
        rows = [r for r in ROWS if r[0] in want]
    flags_ok = supported(args.gqalut)
    if "--objective" not in flags_ok:
        sys.exit(f"peers.py: {args.gqalut} has no --objective (a build older than the max-error objective)")
    t0 = time.monotonic()
    jobs = [(row, p) for row in rows for p in plan(row, flags_ok)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = list(pool.map(lambda j: one_run(args.gqalut, j[0], *j[1]), jobs))
    by_row = {r[0]: [] for r in rows}
    for run in runs:
        by_row[run["row"]].append(run)
    print("| row | objective | gqalut MSE | gqalut max | b/entry | MSE ÷ peer | max ÷ peer | both lower | command |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        for objective in ("mse", "max"):
            cands = [(score(row, r), r) for r in by_row[row[0]] if r["objective"] == objective]
            shown = [c for c in cands if c[0] is not None]
            if args.all_runs:
                shown.sort(key=lambda c: c[0])
            else:
                shown = [min(shown, key=lambda c: c[0])] if shown else []
            for sc, r in shown:
                both = r["mse"] < row[10] and r["max"] < row[11]
                cmd = r["command"] + (f" --out T.json` then `{r['eval_command']}" if r.get("eval_command") else "")
                print(f"| {row[0]} | {objective} | {r['mse']:.3g} | {r['max']:.3g} | {r['bits']} | "
                      f"{r['mse'] / row[10]:.2f} | {r['max'] / row[11]:.2f} | {'yes' if both else 'no'} | `{cmd}` |")
            if not shown:
                print(f"| {row[0]} | {objective} | — | — | — | — | — | no | no run qualified |")
    errors = [r for r in runs if "error" in r]
    for r in errors:
        print(f"peers.py: {r['row']}: {r['command']}: {r['error']}", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(runs, f, indent=1)
    print(f"peers.py: {len(runs)} runs, {time.monotonic() - t0:.0f} s, binary {args.gqalut} "
          f"(options: {' '.join(sorted(flags_ok))})", file=sys.stderr)


if __name__ == "__main__":
    main()
