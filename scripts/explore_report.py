#!/usr/bin/python3
"""Plots and the HTML report of a `gqalut explore` output folder: reads DIR/explore.csv,
DIR/pareto.csv and DIR/summary.json (written by gqalut explore), writes the PNG plots and
DIR/report.html (self-contained: the plots are embedded).

usage: explore_report.py DIR
"""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import explore_plots  # noqa: E402
import html_report as h  # noqa: E402

CAPTIONS = {
    "pareto_mse_area.png": "Mean MSE against area per function, with the Pareto front",
    "pareto_mse_energy.png": "Mean MSE against energy per element per function, with the Pareto front",
    "mse_vs_scale.png": "Per-scale MSE of the INT tables (paper Fig. 3 style)",
    "cost_vs_entries.png": "Area and power against entries per precision (Table 6 style)",
}


def point_row(r):
    return [r["function"], r["precision"], r["entries"], r["method"], r["indexing"], r["lanes"],
            "%.0f" % float(r["area_um2"]), "%.3f" % float(r["energy_pj_per_element"]), "%.3f" % float(r["power_mw"]),
            "%.3e" % float(r["mse_mean"]), "%.3e" % float(r["max_abs_error"])]


HEAD = ["function", "precision", "entries", "method", "indexing", "lanes", "area µm²", "pJ/element", "power mW",
        "mean MSE", "max |error|"]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    with open(os.path.join(d, "summary.json")) as f:
        s = json.load(f)
    explore_plots.draw_all(os.path.join(d, "explore.csv"), d)
    with open(os.path.join(d, "pareto.csv"), newline="") as f:
        front = list(csv.DictReader(f))
    net = s.get("network")
    # With --network: the study's metric with each design's table and its loss against INT8 exact.
    net_head = ([f"{net['task']} {net['metric']}", f"loss ({net['unit']})"] if net else [])
    net_cells = (lambda b: ["%.3f" % b["network_metric"], "%+.3f" % b["network_degradation"]]
                 if "network_metric" in b else ["–", "–"]) if net else (lambda b: [])
    best_rows = [[b["rank"]] + point_row(b) + net_cells(b) + [b["command"]] for b in s["best"]]
    intro = h.text(f"{s['points']} points from {s['jobs']} searches; target: {s['target']}; {s['meeting']} points meet it; "
                   f"ranked by {s['objective']} (ties: fewer input bits, fewer entries, smaller area, lower MSE). "
                   "Cost: the 28 nm model calibrated to paper Table 6, 500 MHz, MaxEntries = N, no requantizer.")
    sections = [
        h.section("The command", h.commands([s["command"]])),
        *([h.section(f"Network {net['task']} ({net['size']} model, seed {net['seed']})",
                     h.text(f"FP32 {net['fp32']:.3f}, INT8 with exact functions {net['int8_exact']:.3f} ({net['metric']}); "
                            f"{net['evaluated']} tables evaluated in {net['seconds']:.0f} s, {net['unneeded']} costlier "
                            f"candidates not needed; columns: the metric with the design's table, the other "
                            f"functions exact, and its loss against INT8 exact (positive = worse)."))] if net else []),
        h.section("Cheapest designs meeting the target, best first, with the command that makes each table",
                  h.table(["rank"] + HEAD + net_head + ["command"], best_rows) if best_rows
                  else h.text("No design meets the target.")),
        h.section("Plots", *[h.image(os.path.join(d, p), CAPTIONS[p]) for p in explore_plots.PLOTS]),
        h.section(f"Pareto front ({s['objective']} vs mean MSE, per function; pareto.csv)",
                  h.table(HEAD, [point_row(r) for r in front])),
        h.section("Files", h.text("explore.csv (every point), pareto.csv, summary.json, tables/ (the chosen tables), "
                                  "the PNG plots; scripts/explore_report.py DIR redraws plots and this page.")),
    ]
    with open(os.path.join(d, "report.html"), "w") as f:
        f.write(h.page("gqalut explore: " + s["sweep"], intro, sections))


if __name__ == "__main__":
    main()
