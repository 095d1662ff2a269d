#!/usr/bin/env bash
# The crash campaign: the real `relance run` daemon is killed with SIGKILL at random moments while it
# delivers a few hundred invoices' reminders to a slow capture server, and restarted each time. Then:
# every due reminder was received exactly once or is listed as `unknown`; no Message-ID and no client
# (one reminder per client is due) was received twice; nothing the store calls `sent` is missing from
# the server; the store passes `PRAGMA integrity_check`.
#
#   bash Tests/crash-campaign.sh                     # CI: 30 kills, at most ~90 s
#   RELANCE_CRASH_KILLS=300 RELANCE_CRASH_BUDGET=900 RELANCE_CRASH_CLIENTS=300 bash Tests/crash-campaign.sh
#   RELANCE_CRASH_SEED=1234 bash Tests/crash-campaign.sh    # replay the kill delays of a run
#
# Environment:
#   RELANCE_BIN            the binary (default: .build/debug/relance, as `swift build` makes it)
#   RELANCE_CRASH_KILLS    SIGKILLs to deliver, at least (default 30)
#   RELANCE_CRASH_SEED     seed of the kill delays and of the server's delays (default: random, printed)
#   RELANCE_CRASH_BUDGET   seconds for the kill loop (default 75)
#   RELANCE_CRASH_CLIENTS  clients, one reminder due each (default 60); five invoices per client
#   RELANCE_CRASH_KEEP=1   keep the work folder (config, store, spool, logs) for inspection
#   RELANCE_TEST_PYTHON    a python3 with aiosmtpd (default /usr/bin/python3)
#   RELANCE_CRASH_SABOTAGE=1  self-test of the checks: before recovery, turn every `unknown` message
#                          back into a due `deferred` one (a relance that resends unknowns); the
#                          campaign must then FAIL with duplicates
# Exit status: 0 when every check holds, 1 when one fails, 2 when the campaign could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bin=${RELANCE_BIN:-$root/.build/debug/relance}
kills_wanted=${RELANCE_CRASH_KILLS:-30}
seed=${RELANCE_CRASH_SEED:-$(( (RANDOM << 15) | RANDOM ))}
budget=${RELANCE_CRASH_BUDGET:-75}
clients=${RELANCE_CRASH_CLIENTS:-60}
python=${RELANCE_TEST_PYTHON:-/usr/bin/python3}
now="2026-11-17T10:00:00+01:00"   # a Tuesday, inside the sending window

die() { echo "crash campaign: $*" >&2; exit 2; }
[ -x "$bin" ] || die "no relance binary at $bin (swift build first, or set RELANCE_BIN)"
"$python" -c "import aiosmtpd" 2>/dev/null || die "$python cannot import aiosmtpd (apt-get install python3-aiosmtpd)"
if ! command -v sqlite3 >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "crash campaign: installing sqlite3 (for PRAGMA integrity_check)" >&2
  $sudo apt-get install -y -qq sqlite3 >/dev/null || die "sqlite3 is missing and could not be installed"
fi

work=$(mktemp -d /tmp/relance-crash-XXXXXX)
server_pid=""
daemon_pid=""
cleanup() {
  [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  if [ "${RELANCE_CRASH_KEEP:-0}" = 1 ]; then echo "crash campaign: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

RANDOM=$seed
echo "crash campaign: seed=$seed (RELANCE_CRASH_SEED=$seed to replay the delays), clients=$clients, kills>=$kills_wanted, budget=${budget}s"

# The capture server: every message waits 50-200 ms before the final 250, so kills land mid-transaction.
cat >"$work/rules.json" <<EOF
{"default": {"action": "delay_data", "min_ms": 50, "max_ms": 200}, "seed": $seed}
EOF
"$python" "$root/Tests/Support/smtp_server.py" --spool "$work/spool" --rules "$work/rules.json" \
  >"$work/server.out" 2>"$work/server.err" </dev/null &
server_pid=$!
port=""
for _ in $(seq 200); do
  port=$(sed -n 's/^PORT //p' "$work/server.out" 2>/dev/null)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || die "the SMTP server did not start: $(cat "$work/server.err")"

# Config: the demo's creditor, sending policy and schedule; $clients clients with distinct addresses.
cp -r "$root/Config/templates" "$work/templates"
{
  sed -n '/^creditor:/,/^schedules:/p' "$root/Config/relance.yaml" | sed '$d' \
    | sed -e "s#smtp://127.0.0.1:2525#smtp://127.0.0.1:$port#" -e 's/timeout_seconds: 30/timeout_seconds: 5/'
  sed -n '/^schedules:/,/^clients:/p' "$root/Config/relance.yaml"
  for i in $(seq 1 "$clients"); do
    id=$(printf "K%03d" "$i")
    lang=fr; [ $((i % 3)) -eq 0 ] && lang=en
    printf '  - id: "%s"\n    name: "Client %s SARL"\n    email: ["compta-%s@client-%s.example"]\n    language: %s\n    schedule: standard\n' \
      "$id" "$i" "$i" "$i" "$lang"
  done
} >"$work/relance.yaml"
chmod 600 "$work/relance.yaml"

# Ledger: five invoices per client, due between 2026-11-03 and 2026-11-16 (first or second reminder
# at $now), all unpaid: one grouped reminder is due per client.
{
  echo "invoice,client,issued,due,amount,currency,paid"
  n=0
  for i in $(seq 1 "$clients"); do
    id=$(printf "K%03d" "$i")
    for j in 1 2 3 4 5; do
      n=$((n + 1))
      day=$(( 3 + (i * 7 + j * 3) % 14 ))
      printf "F2026-%05d,%s,2026-10-%02d,2026-11-%02d,%d.%02d,EUR,0\n" "$n" "$id" "$day" "$day" $((100 + (n * 37) % 4900)) $((n % 100))
    done
  done
} >"$work/ledger.csv"
# Exported the morning of $now: fresh for the stale-ledger guard, whatever the real clock says.
touch -d "2026-11-17T07:00:00Z" "$work/ledger.csv"
invoices=$(( $(wc -l <"$work/ledger.csv") - 1 ))
state="$work/state/relance.sqlite"

"$bin" check-config --config "$work/relance.yaml" >"$work/check.out" 2>&1 || die "the generated config is invalid: $(cat "$work/check.out")"

messages_in_store() { [ -f "$state" ] && sqlite3 "$state" "SELECT count(DISTINCT client_id) FROM messages" 2>/dev/null || echo 0; }

# The kill loop: start the daemon, let it run 20-600 ms, SIGKILL it; until enough kills and no work
# left, or the budget is spent.
start=$(date +%s)
kills=0
while :; do
  elapsed=$(( $(date +%s) - start ))
  done_clients=$(messages_in_store)
  if [ "$kills" -ge "$kills_wanted" ] && [ "$done_clients" -ge "$clients" ]; then break; fi
  if [ "$elapsed" -ge "$budget" ]; then echo "crash campaign: budget of ${budget}s reached"; break; fi
  "$bin" run --config "$work/relance.yaml" --now "$now" --max-sleep 1 2>>"$work/daemon.log" >/dev/null </dev/null &
  daemon_pid=$!
  delay=$(( 20 + RANDOM % 580 ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$daemon_pid" 2>/dev/null && kills=$((kills + 1))
  wait "$daemon_pid" 2>/dev/null
  daemon_pid=""
done
loop_seconds=$(( $(date +%s) - start ))

if [ "${RELANCE_CRASH_SABOTAGE:-0}" = 1 ]; then
  "$bin" run --once --config "$work/relance.yaml" --now "$now" >/dev/null 2>&1 </dev/null
  changed=$(sqlite3 "$state" "UPDATE messages SET state = 'deferred', next_attempt_at = 0 WHERE state = 'unknown'; SELECT changes()")
  echo "crash campaign: SABOTAGE: $changed unknown message(s) made due for a resend"
fi

# Recovery: one clean cycle turns what was `sending` into `unknown` and sends what is left; a second
# one must send nothing.
"$bin" run --once --config "$work/relance.yaml" --now "$now" 2>"$work/final1.log" >/dev/null </dev/null \
  || { cat "$work/final1.log"; die "the recovery cycle failed"; }
"$bin" run --once --config "$work/relance.yaml" --now "$now" 2>"$work/final2.log" >/dev/null </dev/null \
  || { cat "$work/final2.log"; die "the second recovery cycle failed"; }
"$bin" status --json --config "$work/relance.yaml" >"$work/status.json" 2>"$work/status.err" \
  || die "relance status failed: $(cat "$work/status.err")"
# The server finishes transactions whose client was killed mid-wait: let the last delays run out.
sleep 0.5
integrity=$(sqlite3 "$state" 'PRAGMA integrity_check' 2>&1)
sqlite3 -separator '|' "$state" "SELECT message_id, client_id, step, state FROM messages ORDER BY id" >"$work/messages.txt"
kill "$server_pid" 2>/dev/null
wait "$server_pid" 2>/dev/null
server_pid=""

# The checks.
"$python" - "$work" "$clients" "$invoices" "$kills" "$seed" "$loop_seconds" "$integrity" "$kills_wanted" <<'PY'
import email, email.policy, json, os, re, sys
work, clients, invoices, kills, seed, seconds, integrity, wanted = sys.argv[1:9]
clients, kills, wanted = int(clients), int(kills), int(wanted)
status = json.load(open(os.path.join(work, "status.json")))
store = {}
for line in open(os.path.join(work, "messages.txt")):
    mid, client, step, state = line.rstrip("\n").split("|")
    store[mid] = (client, step, state)
received = []
log = os.path.join(work, "spool", "log.jsonl")
for line in (open(log) if os.path.exists(log) else []):
    entry = json.loads(line)
    if entry.get("event") == "transaction" and entry.get("outcome") == "accepted":
        message = email.message_from_binary_file(open(os.path.join(work, "spool", entry["file"]), "rb"), policy=email.policy.compat32)
        received.append((message["Message-ID"].strip().strip("<>"), tuple(sorted(entry["rcpt_tos"]))))
daemon_log = "".join(open(os.path.join(work, f), errors="replace").read() for f in ("daemon.log", "final1.log", "final2.log"))
problems = []
ids = [mid for mid, _ in received]
duplicate_ids = len(ids) - len(set(ids))
if duplicate_ids:
    problems.append("%d Message-ID(s) received twice" % duplicate_ids)
by_recipient = {}
for mid, rcpts in received:
    by_recipient.setdefault(rcpts, []).append(mid)
duplicate_clients = sum(len(v) - 1 for v in by_recipient.values() if len(v) > 1)
if duplicate_clients:
    problems.append("%d client(s) received two reminders: %s" % (duplicate_clients, [k for k, v in by_recipient.items() if len(v) > 1]))
pairs = {}
for mid in ids:
    if mid not in store:
        problems.append("received %s, which the store does not know" % mid)
    else:
        pairs.setdefault(store[mid][:2], set()).add(mid)
duplicate_pairs = sum(len(v) - 1 for v in pairs.values() if len(v) > 1)
if duplicate_pairs:
    problems.append("%d (client, step) pair(s) received twice" % duplicate_pairs)
states = {}
for mid, (client, step, state) in store.items():
    states[state] = states.get(state, 0) + 1
if status.get("messages") != states:
    problems.append("status --json says %s, the store %s" % (status.get("messages"), states))
unexpected = {s: n for s, n in states.items() if s not in ("sent", "unknown")}
if unexpected:
    problems.append("messages left in %s" % unexpected)
per_client = {}
for mid, (client, step, state) in store.items():
    per_client.setdefault(client, []).append(state)
missing = clients - len(per_client)
if missing:
    problems.append("%d client(s) never got a reminder (lost)" % missing)
twice_in_store = [c for c, s in per_client.items() if len(s) > 1]
if twice_in_store:
    problems.append("clients with two messages in the store: %s" % twice_in_store)
received_ids = set(ids)
lost = [mid for mid, (c, s, state) in store.items() if state == "sent" and mid not in received_ids]
if lost:
    problems.append("%d message(s) recorded as sent but never received: %s" % (len(lost), lost[:5]))
unknown = [mid for mid, (c, s, state) in store.items() if state == "unknown"]
listed = {m["message_id"] for m in status.get("unknown_messages", [])}
if set(unknown) != listed:
    problems.append("status --json lists %d unknown message(s), the store has %d" % (len(listed), len(unknown)))
unknown_received = sum(1 for mid in unknown if mid in received_ids)
if integrity.strip() != "ok":
    problems.append("PRAGMA integrity_check: %s" % integrity)
recovered = len(re.findall(r"event=message\.unknown", daemon_log))
print("crash campaign: seed=%s kills=%d loop=%ss clients=%d invoices=%s messages_received=%d sent=%d unknown=%d "
      "(of which received=%d) duplicates=%d lost=%d sending_recovered_at_start=%d integrity=%s"
      % (seed, kills, seconds, clients, invoices, len(received), states.get("sent", 0), len(unknown), unknown_received,
         duplicate_ids + duplicate_clients + duplicate_pairs, len(lost) + max(missing, 0), recovered, integrity.strip()))
for p in problems:
    print("crash campaign: FAIL: " + p)
if kills < wanted:
    print("crash campaign: FAIL: only %d kills (at least %d wanted)" % (kills, wanted))
    problems.append("kills")
sys.exit(1 if problems else 0)
PY
status=$?
if [ "$status" -ne 0 ]; then
  echo "crash campaign: FAILED (seed $seed); RELANCE_CRASH_KEEP=1 keeps the work folder"
  echo "--- last daemon log lines"; tail -20 "$work/daemon.log"
fi
exit "$status"
