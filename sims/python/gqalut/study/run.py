"""The study's two entry points: `run` (every method x entries x fine-tuning, over seeds, for
both tasks) and `evaluate` (one set of tables, one JSON object on stdout)."""
import json
import multiprocessing
import os
import statistics
import sys
import time

import torch

from .. import _core
from . import tables as table_search
from . import tasks, train
from .nonlinear import FUNCTIONS


class Log:
    """Progress on stderr with the elapsed time."""

    def __init__(self, quiet=False):
        self.t0, self.quiet = time.time(), quiet

    def __call__(self, line):
        if not self.quiet:
            print(f"[{time.time() - self.t0:7.1f} s] {line}", file=sys.stderr, flush=True)

    def elapsed(self):
        return time.time() - self.t0


def default_cache():
    """Where `train` keeps the trained models unless told otherwise (gqalut explore --network
    looks there too): $XDG_CACHE_HOME/gqalut/network, else ~/.cache/gqalut/network."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "gqalut", "network")


def model_path(task_name, seed, size, cache):
    return os.path.join(cache, f"{task_name}-seed{seed}-{size}.pt")


def train_command(task_name, seed, size, cache):
    """The command that makes the cached model, as a user would type it."""
    env = os.environ.get("PYTHONPATH")
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    prefix = f"PYTHONPATH={here} " if env and here in [os.path.abspath(d) for d in env.split(os.pathsep) if d] else ""
    return (f"{prefix}{sys.executable} -m gqalut.study train --task {task_name} --seed {seed}"
            + (" --quick" if size == "quick" else "") + f" --cache {cache}")


class ModelMissing(ValueError):
    pass


def cached_baseline(task, seed, size, cache, log, require_cached=False):
    """baseline() of train.py, stored in `cache` (a directory) when given, keyed by task, seed
    and size, so repeated evaluations do not train again. With require_cached a model missing
    from the cache is an error (ModelMissing, saying how to make it) instead of a training run."""
    path = model_path(task.name, seed, size, cache) if cache else None
    if require_cached and not (path and os.path.exists(path)):
        raise ModelMissing(f"no trained {task.name} model (seed {seed}, {size} size) in {cache}; make it once "
                           f"(about a minute for digits) with: {train_command(task.name, seed, size, cache)}")
    if path and os.path.exists(path):
        saved = torch.load(path)
        model = task.model()
        model.set_int8(True)
        model.load_state_dict(saved["state"])
        return saved["fp32"], saved["int8"], model
    fp32, int8, model = train.baseline(task, seed, size, log)
    if path:
        os.makedirs(cache, exist_ok=True)
        tmp = path + f".tmp.{os.getpid()}"
        torch.save({"fp32": fp32, "int8": int8, "state": model.state_dict()}, tmp)
        os.replace(tmp, path)
    return fp32, int8, model


def run_one(name, seed, methods, entries_list, size, preset, log):
    """One (task, seed): FP32, INT8 exact, INT8 exact fine-tuned again (the control for the
    extra steps), and per method x entries the unit without and with fine-tuning."""
    task = tasks.TASKS[name](seed, size)
    fp32, int8, model = train.baseline(task, seed, size, log)
    row = dict(task=name, metric=task.metric, seed=seed, fp32=fp32, int8_exact=int8)
    control = train.with_tables(model, {})
    train.finetune(control, task, seed, size)
    row["int8_exact_finetuned"] = task.evaluate(control)
    log(f"{name} seed {seed}: FP32 {fp32:.4f}, INT8 exact {int8:.4f}, "
        f"INT8 exact fine-tuned {row['int8_exact_finetuned']:.4f}")
    row["lut"] = {}
    for method in methods:
        for entries in entries_list:
            tb = table_search.search_tables(method, entries, seed, preset)
            m = train.with_tables(model, tb)
            before = task.evaluate(m)
            train.finetune(m, task, seed, size)
            after = task.evaluate(m)
            row["lut"][f"{method}/{entries}"] = dict(method=method, entries=entries, no_finetune=before,
                                                    finetuned=after)
            log(f"{name} seed {seed}: {method} {entries} entries: {before:.4f}, fine-tuned {after:.4f}")
    return row


def _worker(job):
    name, seed, methods, entries_list, size, preset, t0 = job
    torch.set_num_threads(1)
    log = Log()
    log.t0 = t0
    return run_one(name, seed, methods, entries_list, size, preset, log)


def run_study(task_names, seeds, methods, entries_list, size, preset, log, jobs=1):
    """run_one for every task and seed, in `jobs` processes of one torch thread each (small
    models run faster as separate processes than as threads of one)."""
    work = [(n, s, methods, entries_list, size, preset, log.t0) for n in task_names for s in seeds]
    if jobs <= 1:
        return [_worker(w) for w in work]
    with multiprocessing.get_context("spawn").Pool(min(jobs, len(work))) as pool:
        return pool.map(_worker, work, chunksize=1)


def summary(values):
    return dict(mean=statistics.fmean(values), std=statistics.stdev(values) if len(values) > 1 else 0.0,
                n=len(values))


def aggregate(runs):
    """Mean and standard deviation over seeds of every number, per task; and the paired
    differences (same seed) of each table set against INT8 exact (without fine-tuning) and
    against INT8 exact fine-tuned as long (with fine-tuning)."""
    out = {}
    for name in dict.fromkeys(r["task"] for r in runs):
        rs = [r for r in runs if r["task"] == name]
        agg = dict(metric=rs[0]["metric"], seeds=[r["seed"] for r in rs])
        for key in ("fp32", "int8_exact", "int8_exact_finetuned"):
            agg[key] = summary([r[key] for r in rs])
        agg["lut"] = {}
        for key, first in rs[0]["lut"].items():
            before = [r["lut"][key]["no_finetune"] for r in rs]
            after = [r["lut"][key]["finetuned"] for r in rs]
            agg["lut"][key] = dict(method=first["method"], entries=first["entries"], no_finetune=summary(before),
                                   finetuned=summary(after),
                                   delta_no_finetune=summary([b - r["int8_exact"] for b, r in zip(before, rs)]),
                                   delta_finetuned=summary([a - r["int8_exact_finetuned"] for a, r in zip(after, rs)]))
        out[name] = agg
    return out


def evaluate_tables(task_name, seed, table_paths, size="full", finetune=False, cache=None, log=None,
                    require_cached=False):
    """One set of tables on one task: the trained INT8 model (cached in `cache`), its metric with
    the exact non-linearities and with the unit running the given tables (functions without a
    table stay exact). Returns a JSON-ready dict; `degradation` is positive when the unit is
    worse (accuracy points lost, or bits per char gained)."""
    return evaluate_table_sets(task_name, seed, [table_paths], size, finetune, cache, log, require_cached)[0]


def evaluate_table_sets(task_name, seed, table_sets, size="full", finetune=False, cache=None, log=None,
                        require_cached=False):
    """evaluate_tables for several sets of tables on the same trained model, loaded (or trained)
    once: one dict per set, in order. Every table is read before the model is."""
    log = log or Log(quiet=True)
    loaded = []
    for table_paths in table_sets:
        unknown = set(table_paths) - set(FUNCTIONS)
        if unknown:
            raise ValueError(f"no such function in the model: {', '.join(sorted(unknown))}")
        loaded.append({f: _core.load_table(p) for f, p in table_paths.items()})
    task = tasks.TASKS[task_name](seed, size)
    fp32, int8, model = cached_baseline(task, seed, size, cache, log, require_cached)
    sign = 1 if task.higher_is_better else -1
    results = []
    for table_paths, tb in zip(table_sets, loaded):
        m = train.with_tables(model, tb)
        value = task.evaluate(m)
        out = dict(task=task_name, seed=seed, size=size, metric=task.metric, tables=table_paths, fp32=fp32,
                   int8_exact=int8, lut=value)
        if finetune:
            train.finetune(m, task, seed, size)
            value = out["lut_finetuned"] = task.evaluate(m)
        out["degradation"] = sign * (int8 - value)
        out["accuracy_loss" if task.higher_is_better else "bpc_increase"] = out["degradation"]
        results.append(out)
    return results


def train_cached(task_name, seed, size, cache, log):
    """The trained model of one task and seed in `cache` (trained now if it is not there yet)."""
    task = tasks.TASKS[task_name](seed, size)
    fp32, int8, _ = cached_baseline(task, seed, size, cache, log)
    return dict(task=task_name, seed=seed, size=size, metric=task.metric, fp32=fp32, int8_exact=int8,
                model=model_path(task_name, seed, size, cache))


def write_json(path, obj):
    tmp = path + f".tmp.{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)
