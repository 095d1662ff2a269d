#!/usr/bin/env python3
"""relance's benchmarks except delivery (bench/delivery.sh): planning, CSV import, idle daemon, reload.

Called by bench/run after the release build; usable alone:

  bench/suite.py --bin .build/release --out results.tsv --work /tmp/relance-bench [--runs 5] [--smoke]

Appends one line per figure to --out, tab-separated, the format bench/delivery.sh also writes and
bench/report.py renders:

  metric  median  min  max  unit  goal  verdict

Also writes --work/planning.tsv (invoices, clients, median_ms, min_ms, max_ms, peak_rss_mib) for
bench/plot.py and appends the commands it ran to --work/commands.txt. Exits 1 if a benchmark could
not run (a figure that misses its goal is a result, not a failure).
"""

import argparse
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-17T10:00:00+01:00"


class Suite:
    def __init__(self, args):
        self.bin = os.path.abspath(args.bin)
        self.out = os.path.abspath(args.out)
        self.work = os.path.abspath(args.work)
        self.runs = args.runs
        self.smoke = args.smoke
        self.idle_seconds = args.idle_seconds
        os.makedirs(self.work, exist_ok=True)
        self.commands = open(os.path.join(self.work, "commands.txt"), "a", encoding="utf-8")

    # --- helpers -------------------------------------------------------------------------------

    def note(self, command):
        """Records a command for the report (paths shortened)."""
        text = " ".join(command) if isinstance(command, list) else command
        text = text.replace(self.work, "$WORK").replace(self.bin, "$BIN").replace(ROOT + "/", "")
        self.commands.write(text + "\n")
        self.commands.flush()

    def emit(self, metric, values, unit, goal="", passed=None, digits=1):
        """Appends one result line: median, min and max of `values`."""
        med, lo, hi = statistics.median(values), min(values), max(values)
        if len(values) != self.runs and len(values) > 1:
            metric += " (%d runs)" % len(values)
        verdict = "—" if passed is None else ("met" if passed(med) else "MISSED")
        fmt = "%%.%df" % digits
        line = "\t".join([metric, fmt % med, fmt % lo, fmt % hi, unit, goal, verdict])
        with open(self.out, "a", encoding="utf-8") as out:
            out.write(line + "\n")
        print("  %-58s %12s  [%s – %s] %s  %s %s" % (metric, fmt % med, fmt % lo, fmt % hi, unit, goal, verdict),
              flush=True)
        return med

    def workload(self, name, clients, invoices, mode):
        """Generates (once; deterministic) a workload folder with bench/generate.py."""
        folder = os.path.join(self.work, name)
        marker = os.path.join(folder, ".generated")
        wanted = "%d %d %s" % (clients, invoices, mode)
        if not (os.path.exists(marker) and open(marker).read() == wanted):
            shutil.rmtree(folder, ignore_errors=True)
            command = [sys.executable, os.path.join(ROOT, "bench", "generate.py"), "--out", folder,
                       "--clients", str(clients), "--invoices", str(invoices), "--due-mode", mode]
            self.note(command)
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            with open(marker, "w") as out:
                out.write(wanted)
        return folder

    def tool(self, *arguments):
        """Runs relance-bench; returns its key=value figures."""
        command = [os.path.join(self.bin, "relance-bench")] + list(arguments)
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError("%s failed (%d): %s" % (" ".join(command), result.returncode, result.stderr.strip()[-2000:]))
        return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", result.stdout)}

    @staticmethod
    def remove_store(path):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)

    # --- planning ------------------------------------------------------------------------------

    def runs_of(self, name):
        """BENCH_RUNS_<NAME> (e.g. BENCH_RUNS_CSV_IMPORT=3) overrides --runs for one benchmark."""
        return int(os.environ.get("BENCH_RUNS_" + name.upper(), self.runs))

    def planning(self):
        runs = self.runs_of("planning")
        sizes = [(100, 1_000), (200, 2_000), (500, 5_000)] if self.smoke else \
            [(1_000, 10_000), (10_000, 100_000), (100_000, 1_000_000)]
        rows = []
        for clients, invoices in sizes:
            folder = self.workload("plan-%d" % invoices, clients, invoices, "spread")
            config = os.path.join(folder, "relance.yaml")
            self.note("$BIN/relance-bench plan --config %s --now %s   # x%d" % (config, NOW, runs))
            figures = [self.tool("plan", "--config", config, "--now", NOW) for _ in range(runs)]
            label = "planning %s invoices, %s clients" % (f"{invoices:,}", f"{clients:,}")
            big = invoices == 1_000_000
            times = [f["plan_ms"] for f in figures]
            med = self.emit(label + ": planning pass", times, "ms", "< 2000 ms" if big else "linear",
                            (lambda m: m < 2000) if big else None)
            self.emit(label + ": planning pass, CPU time", [f["plan_cpu_ms"] for f in figures], "ms")
            self.emit(label + ": of which ReminderPlanner.plan", [f["planner_ms"] for f in figures], "ms")
            self.emit(label + ": ledger read + parse", [f["parse_ms"] for f in figures], "ms")
            self.emit(label + ": config load", [f["config_ms"] for f in figures], "ms")
            rss = [f["peak_rss_kib"] / 1024 for f in figures]
            self.emit(label + ": peak RSS (config + ledger + plan)", rss, "MiB", "< 400 MiB" if big else "",
                      (lambda m: m < 400) if big else None)
            self.emit(label + ": of which peak RSS by the end of config load",
                      [f["config_peak_rss_kib"] / 1024 for f in figures], "MiB")
            self.emit(label + ": of which peak RSS by the end of ledger read + parse",
                      [f["ledger_peak_rss_kib"] / 1024 for f in figures], "MiB")
            self.emit(label + ": RSS after ledger read + parse (config and ledger held)",
                      [f["ledger_rss_kib"] / 1024 for f in figures], "MiB")
            rows.append((invoices, clients, med, min(times), max(times), statistics.median(rss)))
        with open(os.path.join(self.work, "planning.tsv"), "w") as out:
            out.write("invoices\tclients\tmedian_ms\tmin_ms\tmax_ms\tpeak_rss_mib\n")
            for row in rows:
                out.write("%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\n" % row)
        # Linearity: time per 1,000 invoices at the largest size vs the smallest.
        small, large = rows[0], rows[-1]
        ratio = (large[2] / large[0]) / (small[2] / small[0])
        self.emit("planning: cost per invoice, largest size / smallest size", [ratio], "×",
                  "≈ 1 (linear); < 2", lambda m: m < 2, digits=2)

    # --- CSV import ----------------------------------------------------------------------------

    def csv_import(self):
        clients, invoices = (500, 5_000) if self.smoke else (100_000, 1_000_000)
        folder = self.workload("plan-%d" % invoices, clients, invoices, "spread")
        config = os.path.join(folder, "relance.yaml")
        ledger = os.path.join(folder, "ledger.csv")
        changed = os.path.join(folder, "ledger-1pct.csv")
        if not os.path.exists(changed):
            command = [sys.executable, os.path.join(ROOT, "bench", "change_ledger.py"), ledger, changed, "--every", "100"]
            self.note(command)
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        runs = self.runs_of("csv_import")
        state = os.path.join(self.work, "import.sqlite")
        base = os.path.join(self.work, "import-base.sqlite")
        first, first_cpu, resync, partial, parse = [], [], [], [], []
        self.note("$BIN/relance-bench import --config %s --state $WORK/import.sqlite   # fresh store; again unchanged; "
                  "then --ledger ledger-1pct.csv on a copy of the imported store; x%d" % (config, runs))
        for _ in range(runs):
            self.remove_store(state)
            f = self.tool("import", "--config", config, "--state", state, "--now", NOW)
            assert f["added"] == invoices, f
            first.append(f["total_ms"])
            first_cpu.append(f["cpu_ms"])
            parse.append(f["parse_ms"])
            self.remove_store(base)
            shutil.copyfile(state, base)
            for suffix in ("-wal",):
                if os.path.exists(state + suffix):
                    shutil.copyfile(state + suffix, base + suffix)
            f = self.tool("import", "--config", config, "--state", state, "--now", NOW)
            assert f["unchanged"] == invoices, f
            resync.append(f["total_ms"])
            f = self.tool("import", "--config", config, "--state", base, "--now", NOW, "--ledger", changed)
            assert f["changed"] + f["settled"] == invoices // 100, f
            partial.append(f["total_ms"])
        self.remove_store(state)
        self.remove_store(base)
        sqlite, sqlite_cpu = [], []
        db = os.path.join(self.work, "sqlite-import.db")
        self.note("sqlite3 $WORK/sqlite-import.db '.mode csv' '.import %s invoices'   # fresh file; x%d" % (ledger, runs))
        for _ in range(runs):
            self.remove_store(db)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.monotonic()
            subprocess.run(["sqlite3", db, ".mode csv", ".import %s invoices" % ledger], check=True)
            sqlite.append((time.monotonic() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            sqlite_cpu.append(1000 * (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
        self.remove_store(db)
        n = f"{invoices:,}"
        self.emit("CSV import %s rows: relance (parse + first sync)" % n, first, "ms")
        self.emit("CSV import %s rows: of which read + parse" % n, parse, "ms")
        self.emit("CSV import %s rows: sqlite3 .import (same file)" % n, sqlite, "ms")
        ratios = [a / statistics.median(sqlite) for a in first]
        self.emit("CSV import %s rows: relance / sqlite3 .import (elapsed)" % n, ratios, "×", "≤ 2×", lambda m: m <= 2, digits=2)
        self.emit("CSV import %s rows: relance CPU time" % n, first_cpu, "ms")
        self.emit("CSV import %s rows: sqlite3 .import CPU time" % n, sqlite_cpu, "ms")
        ratios = [a / statistics.median(sqlite_cpu) for a in first_cpu]
        self.emit("CSV import %s rows: relance / sqlite3 .import (CPU time)" % n, ratios, "×", "", None, digits=2)
        self.emit("ledger re-sync %s rows, unchanged (parse + sync)" % n, resync, "ms")
        self.emit("ledger re-sync %s rows, 1 %% changed (parse + sync)" % n, partial, "ms")

    # --- the daemon: idle and reload -----------------------------------------------------------

    def start_daemon(self, folder, log_name):
        log_path = os.path.join(self.work, log_name)
        log = open(log_path, "w")
        command = [os.path.join(self.bin, "relance"), "run", "--config", os.path.join(folder, "relance.yaml"),
                   "--now", NOW]
        self.note(command)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        self.wait_for(log_path, "event=cycle.done", 0, process, timeout=120)
        return process, log_path

    @staticmethod
    def wait_for(log_path, needle, count_before, process, timeout):
        """Waits until the log holds more than `count_before` lines with `needle`; returns that line."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(log_path, encoding="utf-8", errors="replace") as log:
                lines = [line for line in log if needle in line]
            if len(lines) > count_before:
                return lines[count_before]
            if process.poll() is not None:
                raise RuntimeError("relance run exited (%s); see %s" % (process.returncode, log_path))
            time.sleep(0.001)
        raise RuntimeError("no %s within %d s; see %s" % (needle, timeout, log_path))

    @staticmethod
    def cpu_ticks(pid):
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15)

    @staticmethod
    def status_kib(pid, name):
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
        return 0

    @staticmethod
    def stop(process):
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def idle(self):
        clients, invoices = (100, 1_000) if self.smoke else (1_000, 10_000)
        folder = self.workload("idle-%d" % invoices, clients, invoices, "future")
        self.remove_store(os.path.join(folder, "state", "relance.sqlite"))
        cpu, rss, hwm = [], [], []
        for _ in range(self.runs_of("idle")):
            process, _ = self.start_daemon(folder, "idle.log")
            try:
                time.sleep(1)
                tick = os.sysconf("SC_CLK_TCK")
                start, t0 = self.cpu_ticks(process.pid), time.monotonic()
                time.sleep(self.idle_seconds)
                used, elapsed = self.cpu_ticks(process.pid) - start, time.monotonic() - t0
                cpu.append(100.0 * used / tick / elapsed)
                rss.append(self.status_kib(process.pid, "VmRSS") / 1024)
                hwm.append(self.status_kib(process.pid, "VmHWM") / 1024)
            finally:
                self.stop(process)
        label = "idle daemon, %s open invoices, nothing due, %d s" % (f"{invoices:,}", self.idle_seconds)
        self.emit(label + ": CPU", cpu, "%", "< 0.1 %", lambda m: m < 0.1, digits=3)
        self.emit(label + ": RSS (VmRSS)", rss, "MiB", "< 30 MiB", lambda m: m < 30)
        self.emit(label + ": peak RSS incl. first cycle (VmHWM)", hwm, "MiB")

    def reload(self):
        clients, invoices = (500, 500) if self.smoke else (10_000, 10_000)
        folder = self.workload("reload-%d" % clients, clients, invoices, "future")
        self.remove_store(os.path.join(folder, "state", "relance.sqlite"))
        process, log_path = self.start_daemon(folder, "reload.log")
        external, internal = [], []
        try:
            for n in range(self.runs_of("reload")):
                cycles = sum(1 for line in open(log_path, errors="replace") if "event=cycle.done" in line)
                start = time.monotonic()
                process.send_signal(signal.SIGHUP)
                line = self.wait_for(log_path, "event=config.reloaded", n, process, timeout=60)
                external.append((time.monotonic() - start) * 1000)
                match = re.search(r"duration_ms=([0-9.]+)", line)
                if match:
                    internal.append(float(match.group(1)))
                # Let the cycle that follows a reload finish before the next signal.
                self.wait_for(log_path, "event=cycle.done", cycles, process, timeout=60)
                time.sleep(0.2)
        finally:
            self.stop(process)
        label = "SIGHUP reload, %s-client config" % f"{clients:,}"
        self.emit(label + ": signal → config.reloaded logged", external, "ms", "< 200 ms", lambda m: m < 200)
        if internal:
            self.emit(label + ": duration_ms in the log line", internal, "ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="folder with the release relance and relance-bench")
    parser.add_argument("--out", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--idle-seconds", type=int, default=60)
    parser.add_argument("--only", default="planning,csv_import,idle,reload")
    args = parser.parse_args()
    suite = Suite(args)
    failed = []
    for name in args.only.split(","):
        print("== %s" % name, flush=True)
        try:
            getattr(suite, name)()
        except Exception as error:  # a benchmark that cannot run fails the suite, the others still run
            print("  FAILED: %s" % error, file=sys.stderr, flush=True)
            failed.append(name)
    if failed:
        print("benchmarks that could not run: %s" % ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
