#!/usr/bin/env bash
# The demo: builds relance, starts a local SMTP capture server (aiosmtpd), runs one cycle of relance on
# this folder's example config at a fixed instant, and shows the emails the server received.
# Nothing leaves the machine: the server listens on 127.0.0.1 and keeps the mail.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash .ci/install-deps
echo "== building relance"
swift build --product relance 2>&1 | grep -E "error|warning: unre|Compiling relance|Build complete" || true
relance="$(swift build --show-bin-path)/relance"
[ -x "$relance" ] || { echo "build failed"; exit 1; }

NOW="2026-11-17T10:00:00+01:00"   # a Tuesday, inside the sending window
work=$(mktemp -d /tmp/relance-demo.XXXXXX)
cp -r Config/relance.yaml Config/ledger.csv Config/templates Config/invoices Config/rates "$work/"
touch "$work/ledger.csv"            # a fresh export: the stale-ledger guard would hold an old one
mkdir -p "$work/spool"

echo "== starting the SMTP capture server"
/usr/bin/python3 Tests/Support/smtp_server.py --port 0 --spool "$work/spool" >"$work/server.out" 2>"$work/server.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^PORT ' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(awk '/^PORT /{print $2}' "$work/server.out")
[ -n "$port" ] || { cat "$work/server.err"; echo "the SMTP server did not start"; exit 1; }
sed -i "s#smtp://127.0.0.1:2525#smtp://127.0.0.1:$port#" "$work/relance.yaml"
chmod 600 "$work/relance.yaml"
echo "listening on 127.0.0.1:$port; demo folder $work"

echo; echo "== relance check-config"
"$relance" check-config --config "$work/relance.yaml" || true

echo; echo "== relance preview --now $NOW --days 30 (nothing sent)"
"$relance" preview --config "$work/relance.yaml" --now "$NOW" --days 30

echo; echo "== relance run --once --now $NOW (log lines on stderr)"
"$relance" run --once --config "$work/relance.yaml" --now "$NOW"

echo; echo "== the emails the SMTP server received"
/usr/bin/python3 - "$work/spool" <<'PY'
import email, email.policy, glob, os, sys
files = sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=lambda f: int(os.path.basename(f)[:-4]))
for f in files:
    msg = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    print("-" * 78)
    for h in ("From", "To", "Cc", "Subject", "Date", "Message-ID"):
        if msg[h]: print(f"{h}: {msg[h]}")
    body = msg.get_body(preferencelist=("plain",))
    print()
    print(body.get_content().rstrip() if body else "(no text part)")
print("-" * 78)
print(f"{len(files)} message(s) received")
PY

echo; echo "== relance run --once again at the same instant: nothing is sent twice"
"$relance" run --once --config "$work/relance.yaml" --now "$NOW" 2>&1 | grep -E "event=(reminder|cycle)" || true

echo; echo "== relance status"
"$relance" status --config "$work/relance.yaml"
echo; echo "== relance history --client C001"
"$relance" history --config "$work/relance.yaml" --client C001
echo; echo "== two weeks later: the call was made, F2026-070 reaches the formal notice"
LATER="2026-11-30T10:00:00+01:00"
touch -d "2026-11-30 08:00" "$work/ledger.csv"      # the morning's fresh export
"$relance" task done 1 --config "$work/relance.yaml" --outcome "called: no payment date given"
"$relance" run --once --config "$work/relance.yaml" --now "$LATER" 2>&1 | grep -E "event=(approval|reminder|task)" || true
"$relance" tasks --open --config "$work/relance.yaml"
"$relance" approve 1 --config "$work/relance.yaml"
echo "(C006 had a reminder this morning: the notice waits for the five-day minimum gap)"
touch -d "2026-12-07 08:00" "$work/ledger.csv"
"$relance" run --once --config "$work/relance.yaml" --now "2026-12-07T10:00:00+01:00" 2>&1 | grep -E "event=(formal_notice|reminder.sent client=C006|task.opened client=C006)" || true
pdf=$(ls "$work"/state/outbox/*.pdf | head -1)
echo; echo "== the mise en demeure ($pdf), as text"
pdftotext -layout "$pdf" - | sed -n '1,60p'
echo; echo "== relance claim --client C006 --as-of 2026-12-07"
"$relance" claim --config "$work/relance.yaml" --client C006 --as-of 2026-12-07 2>/dev/null
echo; echo "== relance claim-file --client C006: the folder for a lawyer or the court"
"$relance" claim-file --config "$work/relance.yaml" --client C006 --as-of 2026-12-07 --out "$work/claims"
(cd "$work/claims" && find . -type f | sort)
echo; echo "(demo files kept in $work)"
