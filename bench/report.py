#!/usr/bin/env python3
"""Renders benchmark results as docs/performance.md: every figure next to its goal, the machine, the commands.

  bench/report.py --results results.tsv --out docs/performance.md [--commands commands.txt]
                  [--plot planning-time.png] [--runs N] [--smoke]

--results holds one line per figure, tab-separated (bench/suite.py and bench/delivery.sh write them):

  metric  median  min  max  unit  goal  verdict       (verdict: met, MISSED, or — when there is no goal)
"""

import argparse
import datetime
import os
import platform
import subprocess


def machine():
    """The machine the figures were measured on."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = "unknown"
    try:
        with open("/proc/meminfo") as info:
            kib = int(info.readline().split()[1])
            ram = "%.1f GiB" % (kib / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        swift = "unknown"
    os_name = "unknown"
    try:
        with open("/etc/os-release") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return [
        ("CPUs (`nproc`)", str(os.cpu_count())),
        ("CPU model", cpu),
        ("RAM", ram),
        ("OS", os_name),
        ("kernel", platform.release()),
        ("Swift", swift),
        ("date (UTC)", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")),
    ]


def read_results(path):
    rows = []
    with open(path, encoding="utf-8") as results:
        for line in results:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 7 and fields[0]:
                rows.append(fields[:7])
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--commands")
    parser.add_argument("--plot")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--notes", help="a Markdown file appended as the notes section")
    args = parser.parse_args()
    rows = read_results(args.results)
    missed = [r for r in rows if r[6] == "MISSED"]
    out = []
    out.append("# Performance")
    out.append("")
    out.append("Measured by `bench/run` in one run%s: median of %d run%s, min–max in brackets. Regenerate with "
               "`bench/run` (one command; it installs what it needs, builds release as systemd/install.sh does "
               "(`--static-swift-stdlib`), generates the workloads "
               "with `bench/generate.py` and writes this file)." %
               (" (SMOKE sizes: not the real figures)" if args.smoke else "", args.runs, "" if args.runs == 1 else "s"))
    out.append("")
    if missed:
        out.append("**Goals missed in this run:** " + "; ".join("%s (%s %s, goal %s)" % (r[0], r[1], r[4], r[5]) for r in missed) + ".")
    else:
        out.append("Every goal measured in this run is met.")
    out.append("")
    out.append("| figure | median | min – max | goal | |")
    out.append("|---|---:|---:|---|---|")
    for metric, median, low, high, unit, goal, verdict in rows:
        mark = {"met": "met", "MISSED": "**MISSED**"}.get(verdict, "")
        out.append("| %s | %s %s | %s – %s | %s | %s |" % (metric, median, unit, low, high, goal or "—", mark))
    out.append("")
    if args.plot:
        out.append("Planning time against open invoices (clients = invoices / 10):")
        out.append("")
        out.append("![planning time against invoice count](%s)" % args.plot)
        out.append("")
    out.append("## What is measured")
    out.append("")
    out.append("""- **Planning**: `relance-bench plan` loads the config and the ledger as the daemon does (each followed by
  `FreedMemory.release()`), then times one planning pass exactly as `ReminderCycle.run` does it after the
  ledger sync: the planner's view of the ledger (`planningView`: closures and manual payments), the tasks
  of settled invoices closed, the due retries and standing holds (the ledger is indexed by number only
  when there are some), the planner's view of the past (`plannerState(for:today:)`) and
  `ReminderPlanner.plan`, on a fresh store at 2026-11-17 10:00 (`--due-mode spread`: due dates over the
  120 days around that day, so about half the invoices reach a step and every client gets a message — the
  heaviest pass). Peak RSS is the process's VmHWM (config + ledger + plan); the "by the end of" rows are
  VmHWM read after the config, then after the ledger, and "RSS after ledger read" is VmRSS at that point.
- **CSV import**: `relance-bench import` reads and parses the ledger (`LedgerSnapshot.read`) and syncs it
  into a fresh store (`syncLedger`: one row per invoice and one chained journal entry `ledger.imported`
  for the sync, with the count and SHA-256 of the rows it introduced),
  against `sqlite3`'s `.import` of the same file into a fresh database, in the same run. The re-syncs
  read and parse the whole file again, then write only what changed (`bench/change_ledger.py`: 1 row in
  100 gets a payment).
- **Idle**: `relance run --now 2026-11-17T10:00:00+01:00` on 10,000 open invoices due after
  2027-01-01 (nothing due), after its first cycle: utime + stime from `/proc/PID/stat` over the window,
  VmRSS and VmHWM from `/proc/PID/status`. No SMTP server is needed: nothing is sent.
- **Reload**: the same daemon kind on a 10,000-client config: time from `kill -HUP` to the
  `event=config.reloaded` line appearing in its log (measured outside), and the `duration_ms` the
  daemon logs on that line (from the signal being handled to the new config being ready).
- **Delivery** (`bench/delivery.sh`): relance, `smtp-source` (4 sessions) and `msmtp` (one process per
  message) against the same Postfix `smtp-sink` on loopback, in the same run: 10,000 reminders (one due
  per client) rendered, archived and recorded by `relance run --once` with 4 connections on a fresh store;
  the "delivery part" is that run minus a held run of the same workload (sending window closed: start-up,
  sync and planning only). CPU = user + sys of the process (GNU time). Two more references in the same
  run: `bench/curl-reference.c`, the issue's C program with libcurl (4 threads, one reused easy handle
  each) sending one of relance's messages as many times, rendering and recording nothing (the most a
  libcurl client reaches here, and its CPU per message: the SMTP part of relance's own), run a second
  time with the same 4 handles on libcurl's multi interface on one thread (the alternative the issue
  asks to measure against threads); and
  `relance-bench compose`, which composes the same workload's messages as the daemon's render stage
  does, alone on one thread (the rendering part). What remains of relance's CPU per message is
  recording, archiving and moving messages between threads.
""")
    out.append("## Machine")
    out.append("")
    out.append("| | |")
    out.append("|---|---|")
    for name, value in machine():
        out.append("| %s | %s |" % (name, value))
    out.append("")
    if args.notes and os.path.exists(args.notes):
        with open(args.notes, encoding="utf-8") as notes:
            out.append(notes.read().rstrip())
            out.append("")
    if args.commands and os.path.exists(args.commands):
        out.append("## Commands")
        out.append("")
        out.append("`$BIN` is the release build folder, `$WORK` the workload folder (`BENCH_WORK`).")
        out.append("")
        out.append("```sh")
        seen = set()
        with open(args.commands, encoding="utf-8") as commands:
            for line in commands:
                if line not in seen:
                    seen.add(line)
                    out.append(line.rstrip())
        out.append("```")
        out.append("")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as target:
        target.write("\n".join(out))
    print("wrote %s (%d figures, %d missed)" % (args.out, len(rows), len(missed)))


if __name__ == "__main__":
    main()
