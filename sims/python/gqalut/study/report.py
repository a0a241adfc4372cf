"""The study's results as a Markdown table and a plot."""
LABELS = {"digits": "digits accuracy (%), higher is better", "charlm": "char-LM bits per char, lower is better"}


def _ms(s, digits, sign=False):
    return f"{s['mean']:{'+' if sign else ''}.{digits}f} ± {s['std']:.{digits}f}"


def markdown(agg):
    lines = []
    for name, a in agg.items():
        d = 2 if a["metric"] == "accuracy" else 3
        lines += [f"**{name}** — {LABELS[name]}; mean ± standard deviation over seeds {a['seeds']}", "",
                  "| non-linearities | entries | without fine-tuning | Δ vs INT8 exact, same seed | with fine-tuning "
                  "| Δ vs INT8 exact fine-tuned as long, same seed |", "|---|---|---|---|---|---|",
                  f"| FP32 (torch) | – | {_ms(a['fp32'], d)} | | – | |",
                  f"| INT8, exact functions | – | {_ms(a['int8_exact'], d)} | | {_ms(a['int8_exact_finetuned'], d)} | |"]
        for r in a["lut"].values():
            lines.append(f"| unit, {r['method']} | {r['entries']} | {_ms(r['no_finetune'], d)} | "
                         f"{_ms(r['delta_no_finetune'], d, True)} | {_ms(r['finetuned'], d)} | "
                         f"{_ms(r['delta_finetuned'], d, True)} |")
        lines.append("")
    return "\n".join(lines)


DELTA_LABELS = {"digits": "accuracy change vs INT8 exact (points)", "charlm": "bits per char change vs INT8 exact"}
LINTHRESH = {"digits": 0.3, "charlm": 0.003}   # about one test image / the seed spread of the LM


def _points(ax, rows, methods, keys, labels):
    entries = sorted({r["entries"] for r in rows})
    width = 0.8 / (2 * len(entries))
    for j, n in enumerate(entries):
        for k, (key, label) in enumerate(zip(keys, labels)):
            xs = [i + (2 * j + k - len(entries) + 0.5) * width for i in range(len(methods))]
            stats = [next(r[key] for r in rows if r["method"] == m and r["entries"] == n) for m in methods]
            ax.errorbar(xs, [s["mean"] for s in stats], yerr=[s["std"] for s in stats], fmt="os"[k], color=f"C{j}",
                        capsize=3, linestyle="none", label=f"{n} entries, {label}", mfc="none" if not k else None)
    ax.set_xticks(range(len(methods)))
    ax.set_xticklabels(methods)
    ax.set_xlabel("table method (GELU, EXP, DIV, RSQRT all on the INT8 unit)")
    ax.grid(alpha=0.3)


def plot(agg, path):
    """Top row: the metric per method; bottom row: the same-seed change against INT8 exact
    (symmetric log scale, linear within about the resolution of the task)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, len(agg), figsize=(6.5 * len(agg), 8.4), squeeze=False)
    for col, (name, a) in enumerate(agg.items()):
        rows = list(a["lut"].values())
        methods = list(dict.fromkeys(r["method"] for r in rows))
        ax = axes[0][col]
        _points(ax, rows, methods, ("no_finetune", "finetuned"), ("no fine-tuning", "fine-tuned"))
        for key, style, label in (("fp32", "--", "FP32"), ("int8_exact", ":", "INT8, exact functions")):
            ax.axhline(a[key]["mean"], color="k", linestyle=style, linewidth=1, label=label)
        ax.set_ylabel(LABELS[name])
        ax.set_title(f"{name}: mean ± std over {len(a['seeds'])} seeds")
        ax.legend(fontsize=7)
        ax = axes[1][col]
        _points(ax, rows, methods, ("delta_no_finetune", "delta_finetuned"),
                ("no fine-tuning (vs INT8 exact)", "fine-tuned (vs INT8 exact fine-tuned as long)"))
        ax.axhline(0, color="k", linewidth=1)
        ax.set_yscale("symlog", linthresh=LINTHRESH[name])
        ax.set_ylabel(DELTA_LABELS[name] + ", symlog")
        ax.set_title(f"{name}: same-seed change, mean ± std")
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
