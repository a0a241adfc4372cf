"""Shared plot helpers: log axes with enough labelled ticks, labels placed without collisions,
legends outside the data, panel grids. Used by explore_plots.py, show_plot.py and main_job.py."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

PRECISION_COLORS = {"int8": "tab:blue", "int16": "tab:orange", "int32": "tab:green", "fp32": "tab:red"}
INDEXING_MARKERS = {"parallel": "o", "binary": "s", "uniform": "^"}


def log_axis(ax, which, lo, hi):
    """Log scale on `which` ('x' or 'y') with labelled ticks at 1, 2, 5 x 10^k when the data span
    few decades (matplotlib alone may label a single tick), at powers of ten otherwise."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    (ax.set_xscale if which == "x" else ax.set_yscale)("log")
    lo, hi = max(lo, 1e-300), max(hi, 1e-300)
    decades = math.log10(hi / lo) if hi > lo else 0
    subs = (1.0,) if decades > 4 else (1.0, 2.0, 5.0) if decades > 1 else (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)
    axis.set_major_locator(LogLocator(base=10, subs=subs, numticks=30))
    axis.set_major_formatter(FuncFormatter(lambda v, _: '%g' % v))
    axis.set_minor_locator(LogLocator(base=10, subs=[x for x in range(1, 10) if float(x) not in subs], numticks=30))
    axis.set_minor_formatter(NullFormatter())
    pad = 1.25 if hi > lo else 2.0
    (ax.set_xlim if which == "x" else ax.set_ylim)(lo / pad, hi * pad)


def panel_grid(n, ncols=3, width=5.0, height=4.0):
    """A figure with n panels, at most ncols per row; unused panels are removed."""
    ncols = max(1, min(ncols, n))
    nrows = max(1, math.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[n:]:
        ax.remove()
    return fig, flat[:n]


def place_labels(ax, points, texts, fontsize=7):
    """Annotates each (x, y) with its text at the first of several offsets where the label
    overlaps neither an earlier label nor a marker; labels that fit nowhere are left out and
    returned, so the caller can list them."""
    renderer = ax.figure.canvas.get_renderer()   # text extents need no full draw
    taken = []
    for x, y in points:
        px, py = ax.transData.transform((x, y))
        taken.append(matplotlib.transforms.Bbox.from_extents(px - 4, py - 4, px + 4, py + 4))
    axes_box = ax.get_window_extent(renderer)
    offsets = [(5, 4), (5, -11), (-5, 4), (-5, -11), (6, 12), (-6, 12), (6, -19), (-6, -19), (14, -3), (-14, -3)]
    left_out = []
    for (x, y), text in zip(points, texts):
        placed = False
        for dx, dy in offsets:
            ann = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                              ha="left" if dx >= 0 else "right", va="bottom")
            box = ann.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(t) for t in taken):
                taken.append(box)
                placed = True
                break
            ann.remove()
        if not placed:
            left_out.append(text)
    return left_out


def legend_below(fig, handles, ncol=6):
    """One legend for the figure, below the panels, so it covers no point."""
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=min(ncol, len(handles)), fontsize=8, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
