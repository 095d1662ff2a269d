#!/usr/bin/env bash
# Delivery benchmark: relance vs Postfix's smtp-source vs msmtp (one process per message), all
# against the same Postfix smtp-sink on loopback, in one run.
#
#   bench/delivery.sh            median of BENCH_RUNS runs (default 5), BENCH_MESSAGES messages (10000)
#   bench/delivery.sh --smoke    one quick run of a few hundred messages (BENCH_SMOKE=1 does the same);
#                                exits 1 if relance delivers fewer messages than due or the sink
#                                receives one twice (every run checks that; --smoke is what .ci/run uses)
#
# Installs postfix (for smtp-sink and smtp-source; the Postfix daemon is not started, debconf "No
# configuration") and msmtp with apt-get (through sudo when not root). Builds relance in release
# (`swift build -c release --static-swift-stdlib --product relance`, as systemd/install.sh builds it;
# scratch BENCH_SCRATCH, default .build-release) unless
# RELANCE_BIN (the binary) or BENCH_BIN (the folder that holds it, as bench/run passes) is set.
#
# Environment: BENCH_RUNS, BENCH_MESSAGES (relance and smtp-source), BENCH_MSMTP_MESSAGES (default 200),
# BENCH_WORK (folder, default ${TMPDIR:-/tmp}/relance-bench), BENCH_OUT (results file: one line per
# figure appended, `metric<TAB>median<TAB>min<TAB>max<TAB>unit<TAB>goal<TAB>verdict`).
#
# What is measured (each run: smtp-source, relance held, relance sending, in that order, so that the
# senders alternate on the same sink):
# - smtp-source: 4 sessions (-s 4), connection kept (-d), messages of relance's mean size (-l).
# - relance: `run --once --now 2026-11-17T10:00:00+01:00` on bench/generate.py's `--due-mode due`
#   workload (one grouped reminder due per client, max_connections 4) with a fresh store. "Held" is the
#   same run with sending.hours closed at that instant: start-up, ledger sync and planning, nothing
#   sent. The delivery part is the sending run minus the held run (wall and CPU); the whole run is
#   shown too. CPU = user + sys of the process (GNU time); peak RSS of the sending run.
# - msmtp: one process per message, sequentially and 4 in parallel.
# - the libcurl reference (bench/curl-reference.c, built with the Swift toolchain's clang): the issue's
#   "C program using libcurl with 4 threads, one reused easy handle each", sending relance's message
#   (a real one from the store) as many times as relance sends messages. It renders and records nothing:
#   it is the floor of any libcurl client on this machine, and shows how much of smtp-source's speed a
#   client that waits for each SMTP reply (libcurl does not pipeline) can reach at all. Run twice: 4
#   threads with an easy handle each (relance's design), and the same 4 handles on libcurl's multi
#   interface on one thread (the issue's "measure both and keep the faster").
# - rendering alone: `relance-bench compose` (when relance-bench sits beside relance) composes the same
#   workload's messages as the daemon does, without SMTP or store. With the libcurl reference's CPU per
#   message it splits relance's CPU per message into rendering, SMTP and the rest (recording, archive,
#   threads).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

smoke="${BENCH_SMOKE:-0}"
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    -h|--help) sed -n '2,39p' "$0"; exit 0 ;;
    *) echo "bench/delivery.sh: unknown argument $arg" >&2; exit 64 ;;
  esac
done
[ "$smoke" = "0" ] || smoke=1
if [ "$smoke" = 1 ]; then
  runs="${BENCH_RUNS:-1}"; messages="${BENCH_MESSAGES:-300}"; msmtp_messages="${BENCH_MSMTP_MESSAGES:-20}"
else
  runs="${BENCH_RUNS:-5}"; messages="${BENCH_MESSAGES:-10000}"; msmtp_messages="${BENCH_MSMTP_MESSAGES:-200}"
fi
now="2026-11-17T10:00:00+01:00"

# --- dependencies ---------------------------------------------------------------------------------
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
for p in postfix msmtp time python3 libcurl4-openssl-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
sink_bin=/usr/sbin/smtp-sink
source_bin=/usr/sbin/smtp-source

if [ -n "${RELANCE_BIN:-}" ]; then
  relance="$RELANCE_BIN"
elif [ -n "${BENCH_BIN:-}" ]; then
  relance="$BENCH_BIN/relance"
else
  command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
  scratch="${BENCH_SCRATCH:-.build-release}"
  echo "== building release ($scratch)" >&2
  swift build -c release --static-swift-stdlib --product relance --scratch-path "$scratch" >&2
  relance="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/relance"
fi
[ -x "$relance" ] || { echo "bench/delivery.sh: no relance binary at $relance" >&2; exit 2; }
clang="$(command -v clang || echo /opt/swift/usr/bin/clang)"
composer="$(dirname "$relance")/relance-bench"
[ -x "$composer" ] || composer=""

# --- the sink -------------------------------------------------------------------------------------
work="${BENCH_WORK:-${TMPDIR:-/tmp}/relance-bench}/delivery"
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
sink_args=(-c)
[ "$(id -u)" -ne 0 ] || sink_args+=(-u nobody)
dump=""
if [ "$smoke" = 1 ]; then
  # Every transaction dumped too, so that a message received twice is seen by its Message-ID. The
  # folder is under /tmp, not $work: as root the sink runs as nobody, who may not cross $work's parents
  # (a `mktemp -d` is 0700).
  dump="$(mktemp -d /tmp/relance-sink-XXXXXX)"; chmod 1777 "$dump"
  sink_args+=(-D "$dump/received")
fi
# Backlog 1000; ESMTP and PIPELINING announced (smtp-sink's defaults), as a real relay would.
"$sink_bin" "${sink_args[@]}" "127.0.0.1:$port" 1000 >"$work/sink.counters" 2>"$work/sink.err" &
sink_pid=$!
cleanup() {
  kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true
  rm -rf "$work/old-states"
  [ -z "$dump" ] || rm -rf "$dump"
}
trap cleanup EXIT
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2).close()" 2>/dev/null && break
  sleep 0.1
done
received() {  # messages the sink has received so far
  tr '\r' '\n' <"$work/sink.counters" | awk -F'mesg=' 'NF > 1 { n = $2 + 0 } END { print n + 0 }'
}

# --- the workload ---------------------------------------------------------------------------------
workload="$work/workload"
python3 bench/generate.py --out "$workload" --clients "$messages" --invoices $((messages * 2)) \
  --due-mode due --port "$port" --max-connections 4 >"$work/generate.out"
# The held variant: the same workload and instant, with the sending window closed at 10:00.
sed 's/^  hours: "00:00-23:59"/  hours: "00:00-00:01"/' "$workload/relance.yaml" >"$workload/held.yaml"
chmod 600 "$workload/held.yaml"
grep -q '"00:00-00:01"' "$workload/held.yaml" || { echo "bench/delivery.sh: cannot close the window" >&2; exit 2; }

store_counts() {  # sent other due mean_bytes, from the store
  python3 - "$workload/state/relance.sqlite" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
states = dict(db.execute("SELECT state, COUNT(*) FROM messages GROUP BY state").fetchall())
sent = states.get("sent", 0)
mean = db.execute("SELECT COALESCE(AVG(LENGTH(bytes)), 0) FROM messages").fetchone()[0]
print(sent, sum(states.values()) - sent, int(mean))
EOF
}

raw="$work/raw.tsv"   # run  sender  messages  wall_s  user_s  sys_s  maxrss_kib
: >"$raw"
failures=0
relance_run() {  # run config label
  local run="$1" config="$2" label="$3" before after sent other mean
  # The previous run's store and archive are moved aside, not deleted: on ext4 without a journal
  # (as on the machine of docs/performance.md) the allocator skips every inode freed in the last
  # 60 s or more (recently_deleted), so deleting 10,000 .eml files just before a run made each new
  # file of that run scan past them: about 10 % of relance's CPU was the benchmark's own rm -rf.
  # They are deleted at the end.
  if [ -e "$workload/state" ]; then mkdir -p "$work/old-states"; mv "$workload/state" "$work/old-states/$run-$label"; fi
  before="$(received)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.out" \
    "$relance" run --once --now "$now" --config "$config" 2>"$work/relance-$label.log" || {
      echo "bench/delivery.sh: relance ($label) failed; see $work/relance-$label.log" >&2; tail -5 "$work/relance-$label.log" >&2
      failures=$((failures + 1)); return 0; }
  sleep 0.05
  after="$(received)"
  read -r sent other mean < <(store_counts)
  read -r wall user sys rss <"$work/time.out"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "relance-$label" "$sent" "$wall" "$user" "$sys" "$rss" >>"$raw"
  if [ "$label" = held ]; then
    [ "$sent" = 0 ] && [ "$((after - before))" = 0 ] || { echo "held run sent something" >&2; failures=$((failures + 1)); }
  else
    echo "$mean" >"$work/mean_bytes"
    if [ "$sent" != "$messages" ] || [ "$other" != 0 ] || [ "$((after - before))" != "$sent" ]; then
      echo "bench/delivery.sh: run $run: $messages due, store: $sent sent + $other other, sink received $((after - before))" >&2
      failures=$((failures + 1))
    fi
  fi
}

# The message msmtp and smtp-source send: a real relance message (its mean size for smtp-source).
sample_message() {
  python3 - "$workload/state/relance.sqlite" "$work/sample.eml" <<'EOF'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute("SELECT bytes FROM messages WHERE state = 'sent' LIMIT 1").fetchone()
# Its own Message-ID, so that the sink's duplicate check counts only relance's messages.
open(sys.argv[2], "wb").write(bytes(row[0]).replace(b"Message-ID: <relance.", b"Message-ID: <bench-sample.", 1))
EOF
}

curl_run() {  # run mode (threads|multi)
  local run="$1" mode="$2" before after
  before="$(received)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.out" "$curl_reference" "smtp://127.0.0.1:$port" \
    "$work/sample.eml" "$messages" 4 "$mode" >"$work/curl-reference.out" || {
      echo "bench/delivery.sh: the libcurl reference failed: $(cat "$work/curl-reference.out")" >&2
      failures=$((failures + 1)); }
  sleep 0.05
  after="$(received)"
  read -r wall user sys rss <"$work/time.out"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "curl-$mode" "$((after - before))" "$wall" "$user" "$sys" "$rss" >>"$raw"
}

compose_run() {  # run
  local run="$1" figures
  [ -n "$composer" ] || return 0
  figures="$("$composer" compose --config "$workload/relance.yaml" --now "$now")" || {
    echo "bench/delivery.sh: relance-bench compose failed" >&2; failures=$((failures + 1)); return 0; }
  printf '%s\t%s\t%s\n' "$run" "compose" "$(grep -o 'cpu_us_per_message=[0-9.]*' <<<"$figures" | cut -d= -f2)" >>"$work/compose.tsv"
}

msmtp_run() {  # run parallelism
  local run="$1" par="$2" before after
  before="$(received)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.out" bash -c '
    seq "$1" | xargs -P "$2" -I{} sh -c "msmtp --host=127.0.0.1 --port=$3 --auth=off --tls=off \
      --from=compta@atelier-dupont.fr bench-{}@client.example <\"$4\""' _ \
    "$msmtp_messages" "$par" "$port" "$work/sample.eml"
  sleep 0.05
  after="$(received)"
  read -r wall user sys rss <"$work/time.out"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "msmtp-$par" "$((after - before))" "$wall" "$user" "$sys" "$rss" >>"$raw"
}

source_run() {  # run
  local run="$1" before after size
  size="$(cat "$work/mean_bytes" 2>/dev/null || echo 3000)"
  before="$(received)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.out" "$source_bin" -d -s 4 -m "$messages" -l "$size" \
    -f compta@atelier-dupont.fr -t bench@client.example "127.0.0.1:$port"
  sleep 0.05
  after="$(received)"
  read -r wall user sys rss <"$work/time.out"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "smtp-source" "$((after - before))" "$wall" "$user" "$sys" "$rss" >>"$raw"
}

curl_reference="$work/curl-reference"
"$clang" -O2 -o "$curl_reference" bench/curl-reference.c -lcurl -lpthread || {
  echo "bench/delivery.sh: cannot build bench/curl-reference.c with $clang" >&2; exit 2; }

echo "== delivery: $messages messages, $runs run(s), sink 127.0.0.1:$port, $relance" >&2
for run in $(seq "$runs"); do
  relance_run "$run" "$workload/held.yaml" held
  relance_run "$run" "$workload/relance.yaml" send
  [ -f "$work/sample.eml" ] || sample_message
  source_run "$run"
  curl_run "$run" threads
  curl_run "$run" multi
  compose_run "$run"
  msmtp_run "$run" 1
  msmtp_run "$run" 4
  echo "   run $run/$runs done" >&2
done

if [ "$smoke" = 1 ]; then
  dupes="$(grep -h -i '^Message-ID:' "$dump"/received* 2>/dev/null | grep -i 'relance\.' | sort | uniq -d | wc -l)"
  if [ "$dupes" != 0 ]; then
    echo "bench/delivery.sh: $dupes relance message(s) received more than once" >&2
    failures=$((failures + 1))
  fi
fi

touch "$work/compose.tsv"
python3 - "$raw" "${BENCH_OUT:-}" "$messages" "$msmtp_messages" "$work/compose.tsv" <<'EOF'
import statistics, sys
raw, out, messages, msmtp_messages = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
runs = {}
for line in open(raw):
    run, sender, n, wall, user, sys_, rss = line.split("\t")
    runs.setdefault(int(run), {})[sender] = dict(n=int(n), wall=float(wall), cpu=float(user) + float(sys_), rss=int(rss))
compose = {int(run): float(us) for run, _, us in (line.split("\t") for line in open(sys.argv[5]) if line.strip())}
series = {}
def add(name, value):
    series.setdefault(name, []).append(value)
for run, r in sorted(runs.items()):
    send, held, src = r.get("relance-send"), r.get("relance-held"), r.get("smtp-source")
    if not (send and held and src) or send["n"] == 0:
        continue
    delivery_wall = max(send["wall"] - held["wall"], 0.001)
    add("relance whole run", send["n"] / send["wall"])
    add("relance delivery part", send["n"] / delivery_wall)
    add("smtp-source", src["n"] / max(src["wall"], 0.001))
    add("cpu whole", send["cpu"] * 1e6 / send["n"])
    add("cpu delivery", max(send["cpu"] - held["cpu"], 0) * 1e6 / send["n"])
    add("cpu smtp-source", src["cpu"] * 1e6 / max(src["n"], 1))
    add("rss", send["rss"] / 1024)
    add("held", held["wall"] * 1000)
    ref = r.get("curl-threads")
    if ref and ref["n"]:
        add("curl-reference", ref["n"] / max(ref["wall"], 0.001))
        add("cpu curl-reference", ref["cpu"] * 1e6 / ref["n"])
        add("ratio curl", series["relance delivery part"][-1] / series["curl-reference"][-1])
        add("ratio curl source", series["curl-reference"][-1] / series["smtp-source"][-1])
        if run in compose:
            add("cpu compose", compose[run])
            add("cpu rest", series["cpu delivery"][-1] - compose[run] - series["cpu curl-reference"][-1])
    multi = r.get("curl-multi")
    if ref and ref["n"] and multi and multi["n"]:
        add("curl-multi", multi["n"] / max(multi["wall"], 0.001))
        add("cpu curl-multi", multi["cpu"] * 1e6 / multi["n"])
        add("ratio multi", series["curl-multi"][-1] / series["curl-reference"][-1])
    for par in (1, 4):
        m = r.get("msmtp-%d" % par)
        if m and m["n"]:
            add("msmtp-%d" % par, m["n"] / m["wall"])
            add("cpu msmtp-%d" % par, m["cpu"] * 1e6 / m["n"])
    if "msmtp-1" in series and len(series["msmtp-1"]) == len(series["smtp-source"]):
        add("ratio source", series["relance delivery part"][-1] / series["smtp-source"][-1])
        add("ratio source whole", series["relance whole run"][-1] / series["smtp-source"][-1])
        add("ratio msmtp", series["relance delivery part"][-1] / series["msmtp-1"][-1])
        add("ratio msmtp4", series["relance delivery part"][-1] / series["msmtp-4"][-1])

rows = [  # metric, series, unit, goal, passes, digits
    ("delivery: smtp-source, 4 sessions, %d msgs" % messages, "smtp-source", "msg/s", "", None, 0),
    ("delivery: relance, 4 connections, delivery part (run minus held run)", "relance delivery part", "msg/s", "", None, 0),
    ("delivery: relance, 4 connections, whole run --once", "relance whole run", "msg/s", "", None, 0),
    ("delivery: relance start-up + sync + planning (held run)", "held", "ms", "", None, 0),
    ("delivery: libcurl reference (C, 4 threads, one reused handle each, sends only)", "curl-reference", "msg/s", "", None, 0),
    ("delivery: libcurl reference, multi interface (the same 4 handles on one thread)", "curl-multi", "msg/s", "", None, 0),
    ("delivery: libcurl multi interface / 4 threads (relance uses threads)", "ratio multi", "×", "", None, 2),
    ("delivery: msmtp, one process per message, sequential", "msmtp-1", "msg/s", "", None, 1),
    ("delivery: msmtp, one process per message, 4 in parallel", "msmtp-4", "msg/s", "", None, 1),
    ("delivery: relance / smtp-source (delivery part)", "ratio source", "×", ">= 0.5×", lambda v: v >= 0.5, 2),
    ("delivery: relance / smtp-source (whole run)", "ratio source whole", "×", "", None, 2),
    ("delivery: libcurl reference / smtp-source (the most a libcurl client reaches)", "ratio curl source", "×", "", None, 2),
    ("delivery: relance / libcurl reference (delivery part)", "ratio curl", "×", "", None, 2),
    ("delivery: relance / msmtp per message (sequential)", "ratio msmtp", "×", ">= 50×", lambda v: v >= 50, 1),
    ("delivery: relance / msmtp per message (4 in parallel)", "ratio msmtp4", "×", "", None, 1),
    ("delivery: relance CPU per delivered message (delivery part)", "cpu delivery", "µs", "<= 300 µs", lambda v: v <= 300, 0),
    ("delivery: relance CPU per delivered message (whole process)", "cpu whole", "µs", "", None, 0),
    ("delivery: smtp-source CPU per message", "cpu smtp-source", "µs", "", None, 0),
    ("delivery: libcurl reference CPU per message (SMTP only)", "cpu curl-reference", "µs", "", None, 0),
    ("delivery: libcurl multi interface CPU per message", "cpu curl-multi", "µs", "", None, 0),
    ("delivery: of relance's CPU per message, rendering (templates + MIME, relance-bench compose)", "cpu compose", "µs", "", None, 0),
    ("delivery: of relance's CPU per message, the rest (recording, archive, threads: delivery part − rendering − libcurl reference)", "cpu rest", "µs", "", None, 0),
    ("delivery: msmtp CPU per message (sequential)", "cpu msmtp-1", "µs", "", None, 0),
    ("delivery: relance peak RSS", "rss", "MiB", "", None, 1),
]
lines = []
print("\n%-70s %10s  %-22s %-10s %s" % ("delivery (%d msgs; msmtp %d; %d run(s))" % (messages, msmtp_messages, len(runs)), "median", "[min – max]", "goal", "verdict"))
for metric, name, unit, goal, passes, digits in rows:
    values = series.get(name)
    if not values:
        continue
    med, lo, hi = statistics.median(values), min(values), max(values)
    verdict = "—" if passes is None else ("met" if passes(med) else "MISSED")
    fmt = "%%.%df" % digits
    lines.append("\t".join([metric, fmt % med, fmt % lo, fmt % hi, unit, goal, verdict]))
    print("%-70s %10s  %-22s %-10s %s" % (metric, (fmt % med) + " " + unit, "[%s – %s]" % (fmt % lo, fmt % hi), goal, verdict))
if out:
    with open(out, "a", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
EOF

if [ "$failures" != 0 ]; then
  echo "bench/delivery.sh: FAILED: $failures check(s) (fewer messages delivered than due, a duplicate, or a failed run)" >&2
  exit 1
fi
