#!/usr/bin/python3
"""Runs every command of README.md and docs/ in order, as a new user would on a clean clone.

The commands are the lines of the fenced blocks marked ```sh (a line ending in a backslash goes
on); other blocks (```text, ```cpp, synopses, outputs) are not commands. Files are taken in this
order: README.md, docs/user-guide.md, the other docs/*.md, docs/results/*.md, so a command may
use what an earlier one made. They run in one bash per file, in a copy of the repository's
files with build/ pointing at the build tree being tested.

A command line may carry a marker comment:
  # not run by the docs test: REASON      it is skipped (a long study, a display, a cluster)
  # exits N: REASON                       it must exit with status N (e.g. 1, a shown mismatch)

usage: run_docs.py SOURCE_DIR BUILD_DIR [--list]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = re.compile(r"#\s*not run by the docs test\b")
EXITS = re.compile(r"#\s*exits (\d+)\b")
TIMEOUT = 900   # seconds per file: a hang guard (python.md trains a network: 110 s idle, 300 s at load 14)


def doc_files(src):
    docs = sorted(f for f in os.listdir(os.path.join(src, "docs")) if f.endswith(".md"))
    order = ["README.md", "docs/user-guide.md"] + [f"docs/{f}" for f in docs if f != "user-guide.md"]
    results = os.path.join(src, "docs", "results")
    order += [f"docs/results/{f}" for f in sorted(os.listdir(results)) if f.endswith(".md")]
    return order


def commands(path):
    """(line number, command text) for every command of the ```sh blocks."""
    out, block, pending, start = [], False, "", 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.rstrip("\n")
            if s.startswith("```"):
                block = s.strip() == "```sh" if not block else False
                continue
            if not block:
                continue
            if not pending:
                if not s.strip() or s.lstrip().startswith("#"):
                    continue
                start = n
            pending += s + "\n"
            if not s.endswith("\\"):
                out.append((start, pending.rstrip("\n")))
                pending = ""
    return out


def copy_tree(src, dst):
    try:
        files = subprocess.run(["git", "-C", src, "ls-files", "-z"], check=True, capture_output=True, text=True).stdout
        names = [f for f in files.split("\0") if f]
    except (subprocess.CalledProcessError, FileNotFoundError):
        names = []
        for root, dirs, fs in os.walk(src):
            dirs[:] = [d for d in dirs if not d.startswith(("build", ".", "out"))]
            names += [os.path.relpath(os.path.join(root, f), src) for f in fs]
    for name in names:
        s = os.path.join(src, name)
        if not os.path.isfile(s):
            continue
        d = os.path.join(dst, name)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        shutil.copy2(s, d)


def script_for(doc, cmds, status_file):
    """One bash script per file: each command, then its status and line written to status_file."""
    lines = ["cd \"$GQALUT_DOCS_ROOT\""]
    for n, c in cmds:
        if SKIP.search(c):
            continue
        want = int(EXITS.search(c).group(1)) if EXITS.search(c) else 0
        lines.append(f"echo '>>> {doc}:{n}' >&2")
        lines.append("__t0=$EPOCHREALTIME")
        lines.append("{\n" + c + "\n}")
        lines.append(f"rc=$?; echo \"{n} $rc {want} $__t0 $EPOCHREALTIME\" >> {status_file}; "
                     f"[ $rc -eq {want} ] || exit 99")
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    docs = doc_files(src)
    if "--list" in sys.argv:
        for d in docs:
            for n, c in commands(os.path.join(src, d)):
                print(f"{d}:{n}: {'[not run] ' if SKIP.search(c) else ''}{c}")
        return 0
    t0 = time.time()
    ran = skipped = 0
    timings = []
    with tempfile.TemporaryDirectory(prefix="gqalut-docs-") as tmp:
        root = os.path.join(tmp, "gqalut")
        copy_tree(src, root)
        os.symlink(build, os.path.join(root, "build"))
        env = dict(os.environ, GQALUT_DOCS_ROOT=root)
        for d in docs:
            cmds = commands(os.path.join(src, d))
            skipped += sum(1 for _, c in cmds if SKIP.search(c))
            if not any(not SKIP.search(c) for _, c in cmds):
                continue
            status = os.path.join(tmp, "status")
            open(status, "w").close()
            log = os.path.join(tmp, "log")
            start = time.time()
            with open(log, "w") as lf:
                try:
                    subprocess.run(["bash", "-c", script_for(d, cmds, status)], cwd=root, env=env, stdout=lf, stderr=lf,
                                   stdin=subprocess.DEVNULL, timeout=TIMEOUT)
                    timed_out = False
                except subprocess.TimeoutExpired:
                    timed_out = True
            done = [l.split() for l in open(status).read().splitlines()]
            ran += len(done)
            timings += [(float(t1) - float(t0), f"{d}:{n}") for n, _, _, t0, t1 in done]
            by_line = dict(cmds)
            bad = [(int(n), int(rc), int(w)) for n, rc, w, _, _ in done if rc != w]
            if bad or timed_out or len(done) != sum(1 for _, c in cmds if not SKIP.search(c)):
                if bad:
                    n, rc, w = bad[0]
                    print(f"FAIL: {d}:{n}: exit {rc} (expected {w}): {by_line[n]}")
                else:
                    n = next(n for n, c in cmds if not SKIP.search(c) and str(n) not in {x[0] for x in done})
                    why = f"timed out after {TIMEOUT} s" if timed_out else "did not finish (the shell stopped)"
                    print(f"FAIL: {d}:{n}: {why}: {by_line[n]}")
                tail = open(log).read().splitlines()[-25:]
                print("  last output:\n    " + "\n    ".join(tail))
                return 1
            print(f"ok: {d}: {len(done)} commands in {time.time() - start:.1f} s")
    if ran < 20:   # the docs lost their ```sh blocks: nothing would be checked
        print(f"FAIL: only {ran} commands found in ```sh blocks")
        return 1
    print(f"docs: {ran} commands run in order in {time.time() - t0:.0f} s; {skipped} marked not run "
          f"(run_docs.py --list shows them); slowest: " +
          ", ".join(f"{w} {t:.1f} s" for t, w in sorted(timings, reverse=True)[:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
