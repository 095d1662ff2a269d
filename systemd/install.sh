#!/usr/bin/env bash
# Builds relance and installs it as a systemd service. Never overwrites an existing config,
# templates folder or password file. See docs/operating.md.
#
#   sudo bash systemd/install.sh                     # build, install, daemon-reload
#   DESTDIR=$(mktemp -d) bash systemd/install.sh     # dry run into a folder
#
# Environment:
#   DESTDIR         stage everything under this folder (no user is created, systemd is not told)
#   PREFIX          where the binary and docs go (default /usr/local); the unit is adjusted
#   RELANCE_BINARY  install this already built binary instead of building one
#   SCRATCH_PATH    SwiftPM scratch folder for the release build (default .build-release)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DESTDIR=${DESTDIR:-}
DESTDIR=${DESTDIR%/}
PREFIX=${PREFIX:-/usr/local}
PREFIX=${PREFIX%/}
SCRATCH_PATH=${SCRATCH_PATH:-$repo/.build-release}
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"

bindir="$DESTDIR$PREFIX/bin"
docdir="$DESTDIR$PREFIX/share/doc/relance"
unitdir="$DESTDIR/etc/systemd/system"
confdir="$DESTDIR/etc/relance"
live=false
[ -z "$DESTDIR" ] && live=true

say() { printf 'relance install: %s\n' "$*"; }

if $live && [ "$(id -u)" -ne 0 ]; then
    say "run as root (or set DESTDIR=… for a dry run into a folder)" >&2
    exit 1
fi

# 1. The binary: a release build with the Swift runtime linked in, so that only Debian's
#    libcurl4 and libsqlite3-0 are needed at run time.
if [ -n "${RELANCE_BINARY:-}" ]; then
    binary=$RELANCE_BINARY
    say "using the binary $binary"
else
    say "building (swift build -c release --static-swift-stdlib); this takes a few minutes"
    (cd "$repo" && swift build -c release --static-swift-stdlib --product relance --scratch-path "$SCRATCH_PATH")
    binary="$(cd "$repo" && swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)/relance"
fi
[ -x "$binary" ] || { say "no executable at $binary" >&2; exit 1; }
install -d -m 0755 "$bindir"
install -m 0755 "$binary" "$bindir/relance"
say "installed $bindir/relance"

# 2. The unit, with the binary's path adjusted to PREFIX, and the operating notes it links to.
install -d -m 0755 "$unitdir" "$docdir"
sed "s#/usr/local/#$PREFIX/#g" "$repo/systemd/relance.service" >"$unitdir/relance.service.tmp"
chmod 0644 "$unitdir/relance.service.tmp"
mv "$unitdir/relance.service.tmp" "$unitdir/relance.service"
say "installed $unitdir/relance.service"
install -m 0644 "$repo/docs/operating.md" "$docdir/operating.md"

# 3. The static system user the unit's DynamicUser= picks up, so that files can be group-readable.
group=root
if $live; then
    if ! getent passwd relance >/dev/null; then
        useradd --system --user-group --no-create-home --home-dir /var/lib/relance \
            --shell /usr/sbin/nologin --comment "relance payment reminders" relance
        say "created the system user relance"
    fi
    group=relance
fi

# 4. The example config and templates, only where there are none yet.
install -d -m 0755 "$confdir"
if [ -e "$confdir/relance.yaml" ]; then
    say "keeping the existing $confdir/relance.yaml (not overwritten)"
else
    # The example keeps its store next to itself; the service can only write /var/lib/relance.
    sed -E 's#^state:[[:space:]]*"[^"]*"#state: "/var/lib/relance/relance.sqlite"#' \
        "$repo/Config/relance.yaml" >"$confdir/relance.yaml"
    chmod 0640 "$confdir/relance.yaml"
    $live && chgrp "$group" "$confdir/relance.yaml"
    say "installed the example config $confdir/relance.yaml (edit it)"
fi
if [ -e "$confdir/templates" ]; then
    say "keeping the existing $confdir/templates (not overwritten)"
elif [ -d "$repo/Config/templates" ]; then
    cp -R "$repo/Config/templates" "$confdir/templates"
    chmod -R u=rwX,go=rX "$confdir/templates"
    say "installed the templates in $confdir/templates"
fi
if [ -e "$confdir/smtp-password" ]; then
    say "keeping the existing $confdir/smtp-password"
else
    # LoadCredential= needs the file to exist; it stays root-only, the service sees a copy.
    install -m 0600 /dev/null "$confdir/smtp-password"
    say "created an empty $confdir/smtp-password (mode 0600): put the SMTP password in it"
fi

# 5. Tell systemd, when it is the running init.
if $live && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    say "systemctl daemon-reload done"
fi

cat <<EOF

Next steps:
  1. Edit /etc/relance/relance.yaml: creditor, smtp (url, username, and
       password_file: "/run/credentials/relance.service/smtp-password"), ledger, clients.
  2. Put the SMTP password in /etc/relance/smtp-password (one line, mode 0600, owner root).
  3. Make the ledger (ledger.path in the config) readable by the group relance.
  4. Start it now and at boot, and follow its log; a config error is logged as
     FILE:LINE:COLUMN and the service stays stopped until it is fixed:
       systemctl enable --now relance
       journalctl -u relance -f
  Reload after editing the config or templates: systemctl reload relance
EOF
