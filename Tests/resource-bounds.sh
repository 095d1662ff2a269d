#!/usr/bin/env bash
# Resource bounds: the peak memory (VmHWM, from getrusage of the child) of `check-config`,
# `run --once` and `preview` on a big config and a big ledger made by bench/generate.py, checked
# against the bound docs/reliability.md states:
#
#   peak RSS <= 100 MiB + 3 x the ledger's size      (every command, debug or release build)
#
#   bash Tests/resource-bounds.sh                         # CI: 200 clients, a 10 MB ledger (~1 min)
#   RELANCE_BOUNDS_LONG=1 bash Tests/resource-bounds.sh   # 10,000 clients, a 100 MB ledger (minutes)
#
# The ledger has 50 (CI) or 10 (long) invoices per client, due around 2026-11-17 (`--due-mode spread`),
# each row padded with a 945-byte label (~1 KB a row). `run --once --now 2026-11-17T10:00:00+01:00` talks to a refused
# port (every attempt deferred) with smtp.max_per_minute 100, so the cycle reads, syncs and plans the
# whole ledger and makes 100 delivery attempts. `preview` looks 14 days ahead (--days).
#
# Environment:
#   RELANCE_BIN           the binary (default: .build/debug/relance)
#   RELANCE_BOUNDS_LONG=1 the long variant (100 MB ledger, 10,000 clients)
#   RELANCE_BOUNDS_DAYS   preview's --days (default 14)
#   RELANCE_BOUNDS_KEEP=1 keep the work folder
# Exit status: 0 when every command stays within the bound, 1 when one does not, 2 when it cannot run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${RELANCE_BIN:-$root/.build/debug/relance}
days=${RELANCE_BOUNDS_DAYS:-14}
if [ "${RELANCE_BOUNDS_LONG:-0}" = 1 ]; then clients=10000; invoices=100000; else clients=200; invoices=10000; fi
now="2026-11-17T10:00:00+01:00"

die() { echo "resource bounds: $*" >&2; exit 2; }
[ -x "$bin" ] || die "no relance binary at $bin (swift build first, or set RELANCE_BIN)"
command -v python3 >/dev/null || die "python3 is needed (bench/generate.py and the memory probe)"

work=$(mktemp -d /tmp/relance-bounds-XXXXXX)
cleanup() { if [ "${RELANCE_BOUNDS_KEEP:-0}" = 1 ]; then echo "resource bounds: kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

started=$(date +%s)
summary=$(python3 bench/generate.py --out "$work" --clients "$clients" --invoices "$invoices" \
  --due-mode spread --pad-label 945 --port 1 --max-per-minute 100) || die "bench/generate.py failed"
ledger_bytes=$(stat -c %s "$work/ledger.csv")
config_bytes=$(stat -c %s "$work/relance.yaml")
bound_kib=$(( 100 * 1024 + 3 * ledger_bytes / 1024 ))
echo "resource bounds: $summary config_bytes=$config_bytes bound=$((bound_kib / 1024)) MiB ($bin)"

# Runs a command; prints `peak_kib seconds exit_status` (the child's ru_maxrss is its VmHWM).
measure() {
  python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "%.1f" % (time.monotonic() - start), done.returncode)
EOF
}

status=0
check() {
  local name=$1 expected_exit=$2
  shift 2
  read -r peak secs code < <(measure "$bin" "$@" --config "$work/relance.yaml")
  local verdict=ok
  if [ "$code" != "$expected_exit" ]; then verdict="FAILED (exit $code, expected $expected_exit)"; status=1; fi
  if [ "$peak" -gt "$bound_kib" ]; then verdict="FAILED (over the bound)"; status=1; fi
  printf 'resource bounds: %-14s peak %4d MiB  %6.1f s  %s\n' "$name" $((peak / 1024)) "$secs" "$verdict"
}

check check-config 0 check-config
check "run --once" 0 run --once --now "$now"
check "run --once" 0 run --once --now "2026-11-17T10:20:00+01:00"   # the steady state: retries, no new rows
check preview 0 preview --now "$now" --days "$days"
echo "resource bounds: $(( $(date +%s) - started )) s in all"
exit "$status"
