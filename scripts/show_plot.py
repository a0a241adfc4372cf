#!/usr/bin/python3
"""The plot of `gqalut show --plot`: f(x) and the pwl output per scale above, the error
pwl(x) - f(x) at every input code below. Input: the JSON gqalut writes (series of x, f, pwl,
error per scale, a title).

usage: show_plot.py DATA.json OUT.png
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plot_style import plt  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        d = json.load(f)
    series = d["series"]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 7.5), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    cmap = plt.get_cmap("viridis")
    longest = max(series, key=lambda s: len(s["x"]))
    top.plot(longest["x"], longest["f"], color="k", lw=1.2, label=f"f(x) = {d['function']}", zorder=1)
    for i, s in enumerate(series):
        c = cmap(i / max(1, len(series) - 1)) if len(series) > 1 else "tab:blue"
        ms = 2 if len(s["x"]) > 300 else 4   # coarse scales (few codes) drawn larger and on top
        top.plot(s["x"], s["pwl"], ".", ms=ms, color=c, label=f"pwl output, {s['label']}", zorder=20 - i)
        bottom.plot(s["x"], s["error"], ".", ms=ms, color=c, label=s["label"], zorder=20 - i)
    bottom.axhline(0, color="k", lw=0.6)
    top.set_ylabel("f(x) and pwl output (real value)")
    bottom.set_ylabel("error pwl(x) − f(x)")
    bottom.set_xlabel("input x (real value; one point per input code q, x = q·2^-s)")
    top.grid(True, alpha=0.3)
    bottom.grid(True, alpha=0.3)
    for x in d.get("breakpoints", []):
        for ax in (top, bottom):
            ax.axvline(x, color="0.6", lw=0.5, ls=":", zorder=0)
    handles, labels = top.get_legend_handles_labels()
    if d.get("breakpoints"):
        handles.append(plt.Line2D([], [], color="0.6", lw=0.5, ls=":"))
        labels.append("breakpoints")
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    rows = (len(handles) + 3) // 4
    fig.suptitle(d["title"], fontsize=10)
    fig.tight_layout(rect=(0, 0.03 * rows + 0.01, 1, 0.96))
    fig.savefig(sys.argv[2], dpi=110, format="png")
    plt.close(fig)


if __name__ == "__main__":
    main()
