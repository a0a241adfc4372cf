"""The study's results as a Markdown table and a plot."""
LABELS = {"digits": "digits accuracy (%), higher is better", "charlm": "char-LM bits per char, lower is better"}


def _ms(s, digits):
    return f"{s['mean']:.{digits}f} ± {s['std']:.{digits}f}"


def markdown(agg):
    lines = []
    for name, a in agg.items():
        d = 2 if a["metric"] == "accuracy" else 3
        lines += [f"**{name}** — {LABELS[name]}; mean ± standard deviation over seeds {a['seeds']}", "",
                  "| non-linearities | entries | without fine-tuning | with fine-tuning |", "|---|---|---|---|",
                  f"| FP32 (torch) | – | {_ms(a['fp32'], d)} | – |",
                  f"| INT8, exact functions | – | {_ms(a['int8_exact'], d)} | {_ms(a['int8_exact_finetuned'], d)} |"]
        for r in a["lut"].values():
            lines.append(f"| unit, {r['method']} | {r['entries']} | {_ms(r['no_finetune'], d)} | "
                         f"{_ms(r['finetuned'], d)} |")
        lines.append("")
    return "\n".join(lines)


def plot(agg, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(agg), figsize=(6.5 * len(agg), 4.6))
    axes = axes if len(agg) > 1 else [axes]
    for ax, (name, a) in zip(axes, agg.items()):
        rows = list(a["lut"].values())
        methods = list(dict.fromkeys(r["method"] for r in rows))
        entries = sorted({r["entries"] for r in rows})
        width = 0.8 / (2 * len(entries))
        for j, n in enumerate(entries):
            for k, phase in enumerate(("no_finetune", "finetuned")):
                xs = [i + (2 * j + k - len(entries) + 0.5) * width for i in range(len(methods))]
                stats = [next(r[phase] for r in rows if r["method"] == m and r["entries"] == n) for m in methods]
                ax.errorbar(xs, [s["mean"] for s in stats], yerr=[s["std"] for s in stats], fmt="os"[k],
                            color=f"C{j}", capsize=3, linestyle="none",
                            label=f"{n} entries, {'fine-tuned' if k else 'no fine-tuning'}", mfc="none" if not k else None)
        for key, style, label in (("fp32", "--", "FP32"), ("int8_exact", ":", "INT8, exact functions")):
            ax.axhline(a[key]["mean"], color="k", linestyle=style, linewidth=1, label=label)
        ax.set_xticks(range(len(methods)))
        ax.set_xticklabels(methods)
        ax.set_xlabel("table method (all of GELU, EXP, DIV, RSQRT on the INT8 unit)")
        ax.set_ylabel(LABELS[name])
        ax.set_title(f"{name}: mean ± std over {len(a['seeds'])} seeds")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
