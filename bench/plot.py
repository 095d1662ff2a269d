#!/usr/bin/env python3
"""Plots planning time against open invoices from bench/suite.py's planning.tsv (PNG, log-log).

  bench/plot.py --data WORK/planning.tsv --out docs/planning-time.png

Each point is the median with a min–max bar; the dashed line is the linear cost extrapolated from the
smallest size, and the dotted line the 2 s goal at 1,000,000 invoices.
"""

import argparse
import csv

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as data:
        rows = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(data, delimiter="\t")]
    if not rows:
        raise SystemExit("no planning figures in %s" % args.data)
    invoices = [r["invoices"] for r in rows]
    median = [r["median_ms"] for r in rows]
    low = [r["median_ms"] - r["min_ms"] for r in rows]
    high = [r["max_ms"] - r["median_ms"] for r in rows]
    per_invoice = median[0] / invoices[0]

    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=110)
    axes.errorbar(invoices, median, yerr=[low, high], fmt="o-", capsize=4, label="relance planning pass (median, min–max)")
    axes.plot(invoices, [per_invoice * n for n in invoices], "--", color="grey", label="linear from the smallest size")
    axes.axhline(2000, linestyle=":", color="red", label="goal at 1M invoices: 2 s")
    for n, ms, r in zip(invoices, median, rows):
        axes.annotate("%.0f ms\n%.0f MiB" % (ms, r["peak_rss_mib"]), (n, ms), textcoords="offset points",
                      xytext=(6, -22), fontsize=8)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("open invoices (clients = invoices / 10)")
    axes.set_ylabel("planning pass (ms)")
    axes.set_title("relance: planning time against invoice count")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    figure.savefig(args.out)
    print("wrote %s" % args.out)


if __name__ == "__main__":
    main()
