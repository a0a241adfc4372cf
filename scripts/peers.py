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

usage: /usr/bin/python3 scripts/peers.py [--gqalut build/gqalut] [--eval-gqalut BIN] [--rows ID,ID..]
                                         [--jobs 2] [--json FILE] [--write PAGE] [--all-runs]
Prints the summary, the results and the commands of docs/results/peers.md (with --all-runs every
qualifying run); --write puts them into the page.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

# One peer row: id, peer, its design's name, the peer's bits per entry, entries, grid precision
# (None: a scaler row), grid scale s, first and last x of the grid, the function's search
# options, the peer's MSE and max abs error, the datapath variants to try.
Row = collections.namedtuple("Row", "id peer design bits entries precision scale lo hi function mse max variants")

# The rows as Row fields (below), besides the plain table the datapath variants to try.
# A table with datapath options is scored on every code of the input format (`eval --protocol
# full`), which is the grid of every row that folds or clamps.
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



def variants(symmetry=None, clamp=None):
    """The datapath options tried for a row besides the plain table: the fold (absolute and
    relative intercepts, and clamped to `clamp` = (lo, hi)), or only relative intercepts."""
    if symmetry is None:
        return [dict(intercept="relative")]
    out = [dict(symmetry=symmetry, intercept=i) for i in ("absolute", "relative")]
    if clamp:
        out += [dict(symmetry=symmetry, intercept=i, clamp=clamp) for i in ("absolute", "relative")]
    return out


ROWS = [
    ("ac_sigmoid_int8", AC, "ac_sigmoid_pwl", 19, 8, "int8", 4, -8, 7.9375, SIG,
     3.776399e-06, 6.691897e-03, variants("point")),
    ("ac_tanh_int8", AC, "ac_tanh_pwl", 19, 12, "int8", 5, -4, 3.96875, TANH,
     2.799199e-06, 4.944293e-03, variants("odd", (-3, 3))),
    ("ac_recip_int8", AC, "ac_reciprocal_pwl", 22, 8, "int8", 7, 0.5, 0.9921875, RECIP,
     1.548133e-06, 3.389246e-03, variants()),
    ("ac_sigmoid_int16", AC, "ac_sigmoid_pwl", 19, 8, "int16", 12, -8, 7.999755859375, SIG,
     3.615604e-06, 6.691897e-03, variants("point")),
    ("ac_tanh_int16", AC, "ac_tanh_pwl", 19, 12, "int16", 13, -4, 3.9998779296875, TANH,
     2.627200e-06, 4.944293e-03, variants("odd", (-3, 3))),
    ("ac_recip_int16", AC, "ac_reciprocal_pwl", 22, 8, "int16", 15, 0.5, 0.999969482421875, RECIP,
     1.381933e-06, 3.511814e-03, variants()),
    ("ac_rsqrt_int8", AC, "ac_inverse_sqrt_pwl", 25, 8, "int8", 7, 0.5, 0.9921875, RSQRT,
     1.418140e-07, 9.361235e-04, variants()),
    ("ac_rsqrt_int16", AC, "ac_inverse_sqrt_pwl", 25, 8, "int16", 15, 0.5, 0.999969482421875, RSQRT,
     1.227127e-07, 9.365127e-04, variants()),
    ("ac_pow2_int8", AC, "ac_pow2_pwl", 22, 4, "int8", 7, 0, 0.9921875, POW2,
     4.059342e-06, 3.394257e-03, variants()),
    ("ac_pow2_int16", AC, "ac_pow2_pwl", 22, 4, "int16", 15, 0, 0.999969482421875, POW2,
     3.854789e-06, 4.173888e-03, variants()),
    ("ac_log2_int8", AC, "ac_log2_pwl", 23, 8, "int8", 7, 0.5, 0.9921875, LOG2,
     3.324992e-07, 1.464844e-03, variants()),
    ("ac_log2_int16", AC, "ac_log2_pwl", 23, 8, "int16", 15, 0.5, 0.999969482421875, LOG2,
     2.829574e-07, 1.464844e-03, variants()),
    ("ac_gelu_int8", AC, "ac_gelu_pwl", 19, 12, "int8", 5, -4, 3.96875, GELU,
     2.644207e-06, 6.911506e-03, variants("shifted")),
    ("ac_gelu_int16", AC, "ac_gelu_pwl", 19, 12, "int16", 13, -4, 3.9998779296875, GELU,
     2.735464e-06, 7.360464e-03, variants("shifted")),
    ("lutapp_gelu_8", LA, "GELU 8", 30, 8, "int8", 4, -4, 4, GELU,
     1.857421e-05, 1.686408e-02, variants("shifted")),
    ("lutapp_gelu_16", LA, "GELU 16", 30, 16, "int8", 4, -4, 4, GELU,
     4.565079e-06, 6.928448e-03, variants("shifted")),
    ("lutapp_silu_8", LA, "SiLU 8", 30, 8, "int8", 4, -4, 4, SILU,
     7.856407e-05, 7.194484e-02, variants("shifted")),
    ("lutapp_silu_16", LA, "SiLU 16", 30, 16, "int8", 4, -4, 4, SILU,
     4.523494e-05, 7.194484e-02, variants("shifted")),
    ("lutapp_exp_8", LA, "EXP 8", 30, 8, "int8", 4, -8, 0, EXP,
     8.698119e-06, 9.222780e-03, variants()),
    ("lutapp_exp_16", LA, "EXP 16", 30, 16, "int8", 4, -8, 0, EXP,
     1.873296e-06, 5.065420e-03, variants()),
    ("lutapp_reci_8", LA, "RECI 8", 30, 8, "int8", 6, 1, 1.984375, RECIP,
     1.435628e-06, 3.676471e-03, variants()),
    ("lutapp_reci_16", LA, "RECI 16", 30, 16, "int8", 6, 1, 1.984375, RECIP,
     2.938084e-06, 4.016844e-03, variants()),
    ("lutapp_rsqrt_8", LA, "RSQRT 8", 30, 8, "int8", 5, 1, 3.96875, RSQRT,
     2.010009e-06, 3.981781e-03, variants()),
    ("lutapp_rsqrt_16", LA, "RSQRT 16", 30, 16, "int8", 5, 1, 3.96875, RSQRT,
     2.251535e-06, 4.589844e-03, variants()),
]

# Range-reduced rows: the peer normalises (leading one) and shifts back; gqalut's multi-range
# scaler does the same with `--preset normalize`; RSQRT also with `--preset octave` (one octave,
# odd exponents times 1/sqrt(2), as the peer; the better run is kept). (id, peer, design, peer bits, entries, scale s
# of the grid, first code, last code, function, peer MSE, peer max.) The grid x = q 2^-s is fed
# to the scaler as its UQ16.16 input u = q 2^(16-s) and scored with the Python module's
# ScalerUnit (the value before the output requantizer, as for every other row).
SCALER_ROWS = [
    ("ac_recip_int8_all", AC, "ac_reciprocal_pwl", 22, 8, 4, 1, 127, "div", 6.569866e-06, 2.34375e-02),
    ("ac_recip_int16_all", AC, "ac_reciprocal_pwl", 22, 8, 12, 1, 32767, "div", 1.671571e-03, 6.0),
    ("ac_rsqrt_int8_quarter", AC, "ac_inverse_sqrt_pwl", 25, 8, 7, 32, 127, "rsqrt", 2.090789e-07, 1.462936e-03),
    ("ac_rsqrt_int8_all", AC, "ac_inverse_sqrt_pwl", 25, 8, 4, 1, 127, "rsqrt", 1.919893e-07, 2.925873e-03),
    ("ac_rsqrt_int16_all", AC, "ac_inverse_sqrt_pwl", 25, 8, 12, 1, 32767, "rsqrt", 2.468141e-07, 4.681396e-02),
    ("lutapp_reci_8_all", LA, "RECI 8", 30, 8, 4, 1, 127, "div", 2.076650e-06, 1.041667e-02),
    ("lutapp_reci_16_all", LA, "RECI 16", 30, 16, 4, 1, 127, "div", 2.778432e-06, 1.041667e-02),
    ("lutapp_rsqrt_8_all", LA, "RSQRT 8", 30, 8, 4, 1, 127, "rsqrt", 4.234395e-06, 1.592712e-02),
    ("lutapp_rsqrt_16_all", LA, "RSQRT 16", 30, 16, 4, 1, 127, "rsqrt", 4.088316e-06, 1.592712e-02),
]

# Range-reduced EXP2 and LOG2 rows: the peer splits x into integer and fraction (pow2) or
# normalises by the leading one (log2); gqalut's scaler reduces the same way
# (`--function exp2|log2`, numeric-definition.md §12). (id, peer, design, peer bits, entries,
# scale s, first code, last code, function, peer MSE, peer max, the grid's input format.) The
# table is searched on the grid's x range with the scaler input Q15.16 / UQ16.16 (u = q
# 2^(16-s)) or the grid's own format (u = q), fitted on the step-0.01 points (`--protocol
# paper`) or, with the grid's own format, on every code of it in the range (`--protocol codes`:
# exactly the row's codes), then scored on the row's codes by ScalerUnit.
REDUCED_ROWS = [
    ("ac_pow2_int8_reduce", AC, "ac_pow2_pwl", 22, 4, 4, -128, 0, "exp2", 2.29562e-07, 1.953125e-03, "Q3.4"),
    ("ac_pow2_int16_reduce", AC, "ac_pow2_pwl", 22, 4, 12, -32768, 0, "exp2", 1.702899e-07, 1.953125e-03, "Q3.12"),
    ("ac_log2_int8_reduce", AC, "ac_log2_pwl", 23, 8, 4, 1, 127, "log2", 4.800853e-07, 1.464844e-03, "UQ3.4"),
    ("ac_log2_int16_reduce", AC, "ac_log2_pwl", 23, 8, 12, 1, 32767, "log2", 2.840582e-07, 1.464844e-03, "UQ3.12"),
]
REFERENCE = {"div": lambda x: 1 / x, "rsqrt": lambda x: 1 / np.sqrt(x), "exp2": np.exp2, "log2": np.log2}
GRID_FORMAT = {r[0]: r[11] for r in REDUCED_ROWS}

BITS = {"int8": 8, "int16": 16}
SCALER = ["--preset", "normalize"]


def as_row(r):
    """A scaler row in the shape of ROWS (precision None: both core widths are tried)."""
    rid, peer, design, bits, n, s, q_lo, q_hi, fn, mse, mx = r
    return Row(rid, peer, design, bits, n, None, s, q_lo / 2 ** s, q_hi / 2 ** s, ["--function", fn, *SCALER], mse, mx, [])


def as_reduced_row(r):
    """A reduced row in the shape of ROWS (precision None: both core widths are tried)."""
    rid, peer, design, bits, n, s, q_lo, q_hi, fn, mse, mx, _ = r
    return Row(rid, peer, design, bits, n, None, s, q_lo / 2 ** s, q_hi / 2 ** s, ["--function", fn], mse, mx, [])


ALL_ROWS = [Row(*r) for r in ROWS] + [as_row(r) for r in SCALER_ROWS] + [as_reduced_row(r) for r in REDUCED_ROWS]


def widest(scheme, k, peer_bits):
    """The largest W whose bits per entry (as search reports them) fit the peer's."""
    overhead = 0 if scheme == "uniform" else k + 1
    return (peer_bits - overhead) // 2


def fmt_range(lo, hi):
    return f"{lo:.17g},{hi:.17g}"


def variant_flags(v):
    flags = ["--symmetry", v["symmetry"]] if v.get("symmetry") else []
    flags += ["--clamp"] if v.get("clamp") else []
    # absolute intercepts are the default: asked for only when relative
    return flags + (["--intercept", "relative"] if v.get("intercept") == "relative" else [])


def search_argv(row, scheme, width, objective, flags, rng, prec=None):
    lo, hi = rng or (row.lo, row.hi)
    s = row.scale
    grid = ["--range", fmt_range(lo, hi), "--scales", f"{s}..{s}"] if row.precision else []
    return ["search", *row.function, *grid, "--precision", prec or row.precision, "--entries", str(row.entries),
            "--method", "optimal", "--scheme", scheme, "--width", str(width), "--objective", objective, *flags,
            "--format", "json", "--quiet"]


def scaler_run(bins, row, scheme, width, objective, prec, grid_format=None, protocol=None, preset=None):
    """A scaler table searched on its own protocol (a reduction: on the row's x range, the
    scaler input the default or the grid's own format, fitted on the step-0.01 points or with
    `protocol` codes on every input code; RSQRT: `preset` normalize or octave), then scored on
    the row's codes by the module."""
    s, q_lo, q_hi = row.scale, round(row.lo * 2 ** row.scale), round(row.hi * 2 ** row.scale)
    fn = row.function[1]
    if preset:
        row = row._replace(function=["--function", fn, "--preset", preset])
    flags = []
    if fn in ("exp2", "log2") or grid_format:
        flags = ["--range", fmt_range(row.lo, row.hi)] + (["--scaler-input", grid_format] if grid_format else [])
        flags += ["--protocol", protocol] if protocol else []
    argv = search_argv(row, scheme, width, objective, flags, None, prec)
    shift = 0 if grid_format else 16 - s
    variant = {"core": prec, **({"input": grid_format} if grid_format else {}),
               **({"protocol": protocol} if protocol else {}), **({"preset": preset} if preset else {})}
    run = {"row": row.id, "scheme": scheme, "width": width, "objective": objective, "variant": variant,
           "command": "build/gqalut " + " ".join(quote(a) for a in argv)}
    if protocol == "codes" and grid_format:   # the search's own codes are the row's: eval measures them
        run["eval_command"] = "build/gqalut eval --table T.json --protocol codes"
    else:
        run["eval_python"] = f"gqalut.ScalerUnit(gqalut.load_table('T.json')).exact(q << {shift}) for q = {q_lo}..{q_hi}"
    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "t.json")
        res, err = run_json(bins["search"], argv + ["--out", table])
        if res is None:
            run["error"] = err
            return run
        run.update(bits=res["bits_per_entry"], lambda_k=res["lambda_k"], lambda_b=res["lambda_b"],
                   exact=res.get("exact"), warning=err or None)
        module = bins["module"]()
        q = np.arange(q_lo, q_hi + 1, dtype=np.int64)
        y = np.asarray(module.ScalerUnit(module.load_table(table)).exact(q << shift)["value"])
        x = np.ldexp(q.astype(np.float64), -s)
        want = REFERENCE[fn](x)
        err = np.abs(y - want)
        run.update(mse=float(np.mean(err ** 2)), max=float(err.max()), points=int(q.size))
        if protocol == "codes" and grid_format and not (np.isclose(res["mse_mean"], run["mse"], rtol=1e-9, atol=0)
                                                        and np.isclose(res["max_abs_error"], run["max"], rtol=1e-9, atol=0)):
            # On the row's own format the search's codes are the row's: both must measure the same.
            run["error"] = (f"search --protocol codes reports {res['mse_mean']:.6e} / {res['max_abs_error']:.6e}, "
                            f"the module {run['mse']:.6e} / {run['max']:.6e} on the same codes")
    return run


def run_json(gqalut, argv):
    p = subprocess.run([gqalut, *argv], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"
    return json.loads(p.stdout), p.stderr.strip()


def own_format(row):
    """The unsigned format whose codes are exactly the row's grid x = q 2^-s, q >= 0."""
    q_hi = round(row.hi * 2 ** row.scale)
    return f"UQ{max(0, q_hi.bit_length() - row.scale)}.{row.scale}"


def grid_codes(row):
    s, lo, hi = row.scale, row.lo, row.hi
    return round(hi * 2 ** s) - round(lo * 2 ** s) + 1


def folded_by_hand(table_path, v):
    """The table of a search on x >= 0 with the datapath field of a folded (and clamped) table
    added (docs/table-format.md, version 2): for a build whose search has no --symmetry yet."""
    with open(table_path) as f:
        t = json.load(f)
    dp = {"symmetry": v["symmetry"], "clamp": bool(v.get("clamp"))}
    if v["symmetry"] == "point":       # sigmoid: c = 1/2 as an intercept code
        dp["center"] = 1 << (t["param_format"]["lambda_b"] - 1)
    t["version"], t["datapath"] = 2, dp
    with open(table_path, "w") as f:
        json.dump(t, f)
    return json.dumps({"version": 2, "datapath": dp})


def one_run(bins, row, scheme, width, objective, v):
    """One search; a folded or clamped table is then scored on every code of the format (a
    table with only relative intercepts is scored by the search on the row's grid, as a plain one)."""
    if "core" in v:
        return scaler_run(bins, row, scheme, width, objective, v["core"], v.get("input"), v.get("protocol"),
                          v.get("preset"))
    full = bool(v.get("symmetry") or v.get("clamp"))
    direct = not full or "--symmetry" in bins["flags"]
    rng = v.get("clamp")
    if not direct:                    # fold by hand: search the side x >= 0 of the grid or the clamp
        lo, hi = rng or (row.lo, row.hi)
        rng = (0, max(abs(lo), abs(hi)))
    argv = search_argv(row, scheme, width, objective, variant_flags(v) if direct else [], rng)
    run = {"row": row.id, "scheme": scheme, "width": width, "objective": objective, "variant": v,
           "command": "build/gqalut " + " ".join(quote(a) for a in argv)}
    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "t.json")
        res, err = run_json(bins["search"], argv + (["--out", table] if full else []))
        if res is None:
            run["error"] = err
            return run
        run.update(bits=res["bits_per_entry"], lambda_k=res["lambda_k"], lambda_b=res["lambda_b"],
                   exact=res.get("exact"), warning=err or None)
        if full:
            if not direct:
                run["edit"] = folded_by_hand(table, v)
            s = row.scale
            ev, err = run_json(bins["eval"], ["eval", "--table", table, "--protocol", "full",
                                              "--scales", f"{s}..{s}", "--format", "json"])
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


def fail(message):
    """Bad usage: one line on stderr, exit status 2, nothing written."""
    print(f"peers.py: {message}", file=sys.stderr)
    sys.exit(2)


def python_module(gqalut):
    """The module gqalut of the same build tree (build/sims/python beside build/gqalut)."""
    path = os.path.join(os.path.dirname(os.path.abspath(gqalut)), "sims", "python")
    if path not in sys.path:
        sys.path.insert(0, path)
    import gqalut as module
    return module


def supported(gqalut):
    text = subprocess.run([gqalut, "search", "--help"], capture_output=True, text=True).stdout
    return {f for f in ("--symmetry", "--clamp", "--intercept", "--objective", "--protocol") if f in text}


def plan(row, bins):
    """(scheme, W, objective, variant) of every run of a row: the plain table, and each datapath
    variant if the search offers its options or (folds with absolute intercepts) the eval binary
    loads folded tables."""
    if row.precision is None:              # scaler row: both core widths
        for prec in ("int8", "int16"):
            for scheme in ("uniform", "per-scale"):
                width = widest(scheme, BITS[prec], row.bits)
                if width >= 2:
                    for objective in ("mse", "max"):
                        if row.function[1] == "rsqrt":   # both normalisations of RSQRT
                            for preset in ("normalize", "octave"):
                                yield (scheme, width, objective, {"core": prec, "preset": preset})
                            if "--protocol" in bins["flags"]:   # the octave fitted on exactly the row's codes
                                yield (scheme, width, objective, {"core": prec, "preset": "octave",
                                                                  "input": own_format(row), "protocol": "codes"})
                            continue
                        yield (scheme, width, objective, {"core": prec})
                        if row.id in GRID_FORMAT:
                            yield (scheme, width, objective, {"core": prec, "input": GRID_FORMAT[row.id]})
                            # Fitted on every code of the row's own format: exactly the row's codes
                            # (on the default format the codes are 2^(16-s) times as many, not the row's).
                            if "--protocol" in bins["flags"]:
                                yield (scheme, width, objective,
                                       {"core": prec, "input": GRID_FORMAT[row.id], "protocol": "codes"})
        return
    k = BITS[row.precision]
    usable = [{}]
    for v in row.variants:
        needs = set(variant_flags(v)) & {"--symmetry", "--clamp", "--intercept"}
        if needs <= bins["flags"] or (bins["fold_by_hand"] and v.get("symmetry") and v["intercept"] == "absolute"):
            usable.append(v)
    for scheme in ("uniform", "per-scale"):
        width = widest(scheme, k, row.bits)
        if width < 2:
            continue
        for v in usable:
            for objective in ("mse", "max"):
                yield (scheme, width, objective, v)


def score(row, run):
    """Worse of the two ratios to the peer; None if the run does not qualify."""
    if "error" in run or run["bits"] > row.bits:
        return None
    if run["points"] is not None and run["points"] != grid_codes(row):
        return None
    return max(run["mse"] / row.mse, run["max"] / row.max)


def pick(row, runs, objective):
    """The qualifying run of this objective with the lowest worse-of-the-two ratio, or None."""
    cands = [(score(row, r), r) for r in runs if r["objective"] == objective]
    cands = [c for c in cands if c[0] is not None]
    return min(cands, key=lambda c: c[0])[1] if cands else None


def lower_on_both(row, run):
    return run is not None and run["mse"] < row.mse and run["max"] < row.max


def cell(row, run):
    if run is None:
        return "no run fits the bits"
    return (f"{run['bits']} b: {run['mse']:.3g} / {run['max']:.3g} "
            f"({run['mse'] / row.mse:.2f}×, {run['max'] / row.max:.2f}×)")


def results_table(rows, best):
    out = ["| row | peer | input grid | N | peer b/entry | peer MSE / max | gqalut `--objective mse`: b/entry: "
           "MSE / max (÷ peer) | gqalut `--objective max` | lower on both |",
           "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        rid, peer, design, bits, n, prec, s, lo, hi = row[:9]   # the Row's leading fields
        m, x = best[(rid, "mse")], best[(rid, "max")]
        wins = [o for o, r in (("mse", m), ("max", x)) if lower_on_both(row, r)]
        unit = prec.upper() if prec else f"reduction, {GRID_FORMAT[rid]}" if rid in GRID_FORMAT else "scaler (UQ16.16)"
        grid = f"{unit} s={s}: q {round(lo * 2 ** s)}…{round(hi * 2 ** s)}"
        out.append(f"| {rid} | {peer} {design} | {grid} | {n} | {bits} | {row.mse:.3g} / {row.max:.3g} | "
                   f"{cell(row, m)} | {cell(row, x)} | {', '.join(wins) if wins else 'no'} |")
    return out


def commands_table(rows, best, every):
    out = ["| row | objective | command |", "|---|---|---|"]
    for row in rows:
        for o in ("mse", "max"):
            runs = [best[(row.id, o)]] if every is None else sorted(
                (r for r in every[row.id] if r["objective"] == o and score(row, r) is not None),
                key=lambda r: score(row, r))
            for r in runs:
                if r is None:
                    continue
                cmd = f"`{r['command']}`"
                if r.get("edit"):
                    cmd = (f"`{r['command']} --out T.json`, add `{r['edit'][1:-1]}` to T.json, "
                           f"then `{r['eval_command']}`")
                elif r.get("eval_python"):
                    cmd = f"`{r['command']} --out T.json`, then (Python) `{r['eval_python']}`"
                elif r.get("eval_command"):
                    cmd = f"`{r['command']} --out T.json`, then `{r['eval_command']}`"
                out.append(f"| {row.id} | {o} | {cmd} |")
    return out


def summary(rows, best):
    won = [r.id for r in rows if any(lower_on_both(r, best[(r.id, o)]) for o in ("mse", "max"))]
    lost = [r.id for r in rows if r.id not in won]
    text = f"gqalut is lower on both MSE and max error in {len(won)} of {len(rows)} rows"
    return text + (f"; not in {', '.join(lost)}." if lost else ".")


BLOCKS = ("summary", "table", "commands")


def read_page(path):
    """The page's text, checked to have every <!-- peers:NAME --> ... <!-- /peers:NAME --> block."""
    if not os.path.isfile(path):
        fail(f"{path}: no such page")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for name in BLOCKS:
        start, end = f"<!-- peers:{name} -->", f"<!-- /peers:{name} -->"
        if text.find(start) < 0 or text.find(end) < text.find(start):
            fail(f"{path} has no {start} ... {end} block")
    return text


def write_page(path, text, blocks):
    """Replace each block of the page, atomically."""
    for name, lines in blocks.items():
        start, end = f"<!-- peers:{name} -->", f"<!-- /peers:{name} -->"
        a, b = text.find(start), text.find(end)
        text = text[:a + len(start)] + "\n" + "\n".join(lines) + "\n" + text[b:]
    write_atomically(path, text)


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gqalut", default="build/gqalut")
    ap.add_argument("--eval-gqalut", help="a build that loads folded tables (version 2), for a --gqalut whose "
                    "search has no --symmetry: the fold is then added to a search on x >= 0 by hand")
    ap.add_argument("--rows", help="comma-separated row ids (default: all)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", help="write every run here")
    ap.add_argument("--write", metavar="PAGE", help="also put the tables into PAGE's <!-- peers:... --> blocks "
                    "(docs/results/peers.md)")
    ap.add_argument("--all-runs", action="store_true", help="print every run, not only the best per objective")
    args = ap.parse_args()
    rows = ALL_ROWS
    if args.rows:
        want = args.rows.split(",")
        unknown = [w for w in want if w not in {r.id for r in ALL_ROWS}]
        if unknown:
            fail(f"unknown row {unknown[0]} (rows: {', '.join(r.id for r in ALL_ROWS)})")
        rows = [r for r in ALL_ROWS if r.id in want]
    for binary in (args.gqalut, args.eval_gqalut):
        if binary and not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            fail(f"{binary} is not an executable gqalut (build it first, or give --gqalut)")
    page = read_page(args.write) if args.write else None
    flags_ok = supported(args.gqalut)
    bins = {"search": args.gqalut, "eval": args.eval_gqalut or args.gqalut, "flags": flags_ok,
            "fold_by_hand": bool(args.eval_gqalut) and "--symmetry" not in flags_ok,
            "module": lambda: python_module(args.gqalut)}
    if "--objective" not in flags_ok:
        fail(f"{args.gqalut} has no --objective (a build older than the max-error objective)")
    t0 = time.monotonic()
    jobs = [(row, p) for row in rows for p in plan(row, bins)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = list(pool.map(lambda j: one_run(bins, j[0], *j[1]), jobs))
    by_row = {r.id: [] for r in rows}
    for run in runs:
        by_row[run["row"]].append(run)
    best = {(row.id, o): pick(row, by_row[row.id], o) for row in rows for o in ("mse", "max")}
    seconds = time.monotonic() - t0
    blocks = {"summary": [summary(rows, best)], "table": results_table(rows, best),
              "commands": commands_table(rows, best, by_row if args.all_runs else None)}
    print("\n\n".join("\n".join(b) for b in blocks.values()))
    if args.write:
        write_page(args.write, page, blocks)
    errors = [r for r in runs if "error" in r]
    for r in errors:
        print(f"peers.py: {r['row']}: {r['command']}: {r['error']}", file=sys.stderr)
    if args.json:
        write_atomically(args.json, json.dumps(runs, indent=1))
    print(f"peers.py: {len(runs)} runs, {seconds:.0f} s, binary {args.gqalut} "
          f"(options: {' '.join(sorted(flags_ok))}), eval {bins['eval']}"
          f"{', folds by hand' if bins['fold_by_hand'] else ''}", file=sys.stderr)


if __name__ == "__main__":
    main()
