"""python3 -m gqalut.study run|report|evaluate|train  (docs/python.md, docs/results/network.md)."""
import argparse
import json
import os
import sys


def main(argv=None):
    # PyTorch and scikit-learn are the study's own dependencies: without them, one line saying
    # which package is missing (gqalut explore --network relays it), not a traceback.
    try:
        import torch  # noqa: F401
    except ImportError as err:
        print(f"gqalut.study: PyTorch is not there ({err}); on Debian: apt-get install python3-torch", file=sys.stderr)
        return 2
    try:
        return _main(argv)
    except ImportError as err:
        print(f"gqalut.study: {err} (Debian: python3-sklearn for the digits task, python3-matplotlib for the plot)",
              file=sys.stderr)
        return 2


def _main(argv):
    import torch

    from .. import BadInput
    from . import run
    from .nonlinear import FUNCTIONS
    from .tables import METHODS
    p = argparse.ArgumentParser(prog="python3 -m gqalut.study",
                                description="network-level accuracy with the unit's non-linearities in the loop")
    p.add_argument("--threads", type=int, default=1, help="torch threads per process (default 1)")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="the whole study: every method x entries, with and without fine-tuning")
    r.add_argument("--out", default="out/network", help="directory for network.json, network.md, network.png")
    r.add_argument("--tasks", default="digits,charlm")
    r.add_argument("--seeds", default="1,2,3")
    r.add_argument("--methods", default=",".join(METHODS))
    r.add_argument("--entries", default="8,16")
    r.add_argument("--preset", default="normalize", choices=["paper", "normalize"],
                   help="DIV/RSQRT scaler preset (default normalize: the paper preset has no sub-range below "
                        "its IR, so LayerNorm variances below 0.25 leave the RSQRT table; see docs/results/network.md)")
    r.add_argument("--quick", action="store_true", help="tiny models and few steps (a check that it runs)")
    r.add_argument("--jobs", type=int, default=2, help="processes, one (task, seed) each at a time (default 2)")
    rp = sub.add_parser("report", help="network.md and network.png again from a run's network.json")
    rp.add_argument("json", help="network.json written by run")
    rp.add_argument("--out", help="directory (default: the JSON file's)")
    e = sub.add_parser("evaluate", help="one set of tables on one task: one JSON object on stdout")
    e.add_argument("--task", required=True, choices=sorted(run.tasks.TASKS))
    e.add_argument("--seed", type=int, default=1)
    for f in FUNCTIONS:
        e.add_argument(f"--{f}", metavar="TABLE", help=f"table file for {f.upper()} (omitted: exact)")
    e.add_argument("--finetune", action="store_true", help="also fine-tune with the unit in the loop")
    e.add_argument("--cache", help="directory keeping the trained INT8 model between calls")
    e.add_argument("--quick", action="store_true", help="the tiny model")
    e.add_argument("--quiet", action="store_true", help="no progress on stderr")
    e.add_argument("--each", action="append", default=[], metavar="FUNCTION=TABLE",
                   help="evaluate this table on its own, the other functions exact (repeatable; with it the "
                        "output is one JSON object per --each, one per line, in order)")
    e.add_argument("--require-cached", action="store_true",
                   help="refuse (exit 2, saying how to make it) if the model is not in --cache instead of training it")
    t = sub.add_parser("train", help="train one task's model into the cache (if it is not there): one JSON object")
    t.add_argument("--task", required=True, choices=sorted(run.tasks.TASKS))
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--cache", default=run.default_cache(),
                   help="directory of the trained models (default: %(default)s, where gqalut explore --network looks)")
    t.add_argument("--quick", action="store_true", help="the tiny model")
    t.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = p.parse_args(argv)
    if args.threads < 1:
        p.error("--threads must be at least 1")
    torch.set_num_threads(args.threads)
    size = "quick" if getattr(args, "quick", False) else "full"
    try:
        if args.command == "evaluate":
            paths = {f: getattr(args, f) for f in FUNCTIONS if getattr(args, f)}
            if args.require_cached and not args.cache:
                raise ValueError("--require-cached needs --cache DIR")
            if args.each and paths:
                raise ValueError("--each evaluates one table at a time; give no --gelu/--exp/--div/--rsqrt with it")
            sets = [_each(e, FUNCTIONS) for e in args.each] or [paths]
            outs = run.evaluate_table_sets(args.task, args.seed, sets, size, args.finetune, args.cache,
                                           run.Log(args.quiet), args.require_cached)
            print("\n".join(json.dumps(o) for o in outs))
            return 0
        if args.command == "train":
            print(json.dumps(run.train_cached(args.task, args.seed, size, args.cache, run.Log(args.quiet))))
            return 0
        if args.command == "report":
            with open(args.json, encoding="utf-8") as f:
                saved = json.load(f)
            write_report(run.aggregate(saved["runs"]), saved["seconds"], saved["jobs"],
                         args.out or os.path.dirname(os.path.abspath(args.json)))
            return 0
        return run_all(args, size)
    except (BadInput, ValueError, OSError) as err:
        print(f"gqalut.study: {err}", file=sys.stderr)
        return 2


def _each(text, functions):
    """--each FUNCTION=TABLE -> {function: table}."""
    function, eq, table = text.partition("=")
    if not eq or function not in functions or not table:
        raise ValueError(f"--each: '{text}' is not FUNCTION=TABLE with FUNCTION one of {', '.join(functions)}")
    return {function: table}


def _list(text, what, known=None, conv=str):
    try:
        items = [conv(x) for x in text.split(",") if x]
    except ValueError:
        raise ValueError(f"--{what}: '{text}' is not a comma-separated list")
    bad = [x for x in items if known is not None and x not in known]
    if not items or bad:
        raise ValueError(f"--{what}: unknown {', '.join(map(str, bad)) or 'empty list'}"
                         + (f" (known: {', '.join(known)})" if known else ""))
    return items


def run_all(args, size):
    from . import run
    from .tables import METHODS
    tasks_ = _list(args.tasks, "tasks", sorted(run.tasks.TASKS))
    seeds = _list(args.seeds, "seeds", conv=int)
    methods = _list(args.methods, "methods", list(METHODS))
    entries = _list(args.entries, "entries", conv=int)
    os.makedirs(args.out, exist_ok=True)
    log = run.Log()
    if args.jobs < 1:
        raise ValueError("--jobs must be at least 1")
    runs = run.run_study(tasks_, seeds, methods, entries, size, args.preset, log, args.jobs)
    agg = run.aggregate(runs)
    seconds = log.elapsed()
    run.write_json(os.path.join(args.out, "network.json"),
                   dict(command=sys.argv, size=size, preset=args.preset, jobs=args.jobs, seconds=seconds,
                        runs=runs, summary=agg))
    write_report(agg, seconds, args.jobs, args.out)
    log(f"done in {seconds:.0f} s: {args.out}/network.json, network.md, network.png")
    return 0


def write_report(agg, seconds, jobs, out):
    from . import report
    md = report.markdown(agg)
    with open(os.path.join(out, "network.md"), "w", encoding="utf-8") as f:
        f.write(md + f"\nTime: {seconds:.0f} s in {jobs} processes.\n")
    report.plot(agg, os.path.join(out, "network.png"))
    print(md)


if __name__ == "__main__":
    sys.exit(main())
