#!/usr/bin/python3
"""A scriptable SMTP server for relance's tests and demos (aiosmtpd, loopback only).

Run it with /usr/bin/python3 (Debian's python3-aiosmtpd) or any python3 where aiosmtpd is
pip-installed. It listens on 127.0.0.1 and prints `PORT <n>` on stdout (flushed) once listening.

    smtp_server.py [--port 0] [--spool DIR] [--rules FILE] [--starttls] [--auth --user U --password P]
                   [--print] [--hostname NAME]

--port N       port to listen on; 0 (the default) picks a free one.
--spool DIR    each accepted message is saved as DIR/<n>.eml (the exact bytes received, dot-unstuffed),
               n being the message number; DIR/log.jsonl gets one JSON object per line:
               {"event": "connect", "conn": 1}
               {"event": "ehlo", "conn": 1, "name": "relance.example"}
               {"event": "transaction", "conn": 1, "n": 1, "mail_from": "a@x.fr", "rcpt_tos": ["b@y.fr"],
                "size": 1234, "phase": "rcpt|data", "outcome": "accepted|rejected|dropped", "code": 250,
                "file": "1.eml", "queue_id": "0123456789AB"}    (file and queue_id when accepted)
               The reply to an accepted message is "250 2.0.0 Ok: queued as <queue_id>".
--rules FILE   scripted faults (JSON, below). --starttls: offer STARTTLS with a self-signed certificate
               made at start with `openssl req` in a temporary folder (default: no STARTTLS).
--auth         require AUTH PLAIN/LOGIN (over clear text too) with --user/--password.
--print        print each accepted message (decoded headers and text body) to stdout: a capture server.
--exit-on-stdin-eof  stop when standard input closes (test helpers hold a pipe: no orphan servers).

Rules: message numbers count MAIL FROM commands from 1, across connections; connection numbers count
connections from 1. A recipient rule applies to the RCPT of that address and then to the DATA phase
of its transaction; a message rule to that message's RCPTs and DATA phase; the first match wins
(recipient rules first). Actions:
  {"action": "accept"}                              the default
  {"action": "reply", "code": 550, "text": "..."}   reply to RCPT (451, 452, 550, 553, 554 ...)
  {"action": "reply_data", "code": 554, "text": "..."}   reply to the final dot (nothing saved)
  {"action": "stall_data", "seconds": 5}            wait before answering the final dot, then accept
  {"action": "drop_data"}                           close the connection after the payload, no reply
  {"action": "delay_data", "min_ms": 50, "max_ms": 200}  save the message (accepted), then wait a random
                                                    time (uniform, in ms) before the final 250: a client
                                                    killed meanwhile never hears of it (crash campaigns)
  {"action": "slow"}                                on connections: every reply 1 byte per second
  {"action": "greet", "code": 421, "text": "..."}   on connections: greet with this code and close
  "auth_fail": true                                 every AUTH is refused with 535
  "default": {"action": ...}                        the rule of every message no other rule matches
  "seed": 42                                        seeds the random delays of delay_data (reproducible runs)
Example:
  {"recipients": {"full@example.org": {"action": "reply", "code": 452, "text": "4.2.2 Mailbox full"}},
   "messages": {"2": {"action": "stall_data", "seconds": 5}, "3": {"action": "reply_data", "code": 554}},
   "connections": {"1": {"action": "greet", "code": 421}},
   "auth_fail": false}
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import random
import signal
import ssl
import subprocess
import sys
import tempfile
import uuid

try:
    from aiosmtpd.smtp import SMTP, AuthResult
except ImportError:
    sys.stderr.write("smtp_server.py: aiosmtpd is missing: apt-get install python3-aiosmtpd "
                     "(for /usr/bin/python3) or pip install aiosmtpd\n")
    sys.exit(3)


class State:
    """Counters, rules and output shared by every connection (one event loop, no locking)."""

    def __init__(self, args):
        self.args = args
        self.rules = {}
        if args.rules:
            with open(args.rules) as f:
                self.rules = json.load(f)
        self.random = random.Random(self.rules.get("seed"))
        self.connections = 0
        self.messages = 0
        if args.spool:
            os.makedirs(args.spool, exist_ok=True)

    def rule(self, kind, key):
        return self.rules.get(kind, {}).get(str(key))

    def log(self, **entry):
        if not self.args.spool:
            return
        with open(os.path.join(self.args.spool, "log.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")


def reply(rule, default_text):
    text = rule.get("text") or default_text
    return "%d %s" % (int(rule["code"]), text)


class Handler:
    def __init__(self, state):
        self.state = state

    def _rule_for(self, session, envelope):
        for address in envelope.rcpt_tos:
            rule = self.state.rule("recipients", address.lower())
            if rule:
                return rule
        return self.state.rule("messages", envelope.n) or self.state.rules.get("default") or {"action": "accept"}

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.state.log(event="ehlo", conn=session.conn, name=hostname)
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.state.messages += 1
        envelope.n = self.state.messages
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        n = getattr(envelope, "n", None)
        rule = (self.state.rule("recipients", address.lower()) or self.state.rule("messages", n)
                or self.state.rules.get("default"))
        if rule and rule.get("action") == "reply":
            self.state.log(event="transaction", conn=session.conn, n=n, mail_from=envelope.mail_from,
                           rcpt_tos=envelope.rcpt_tos + [address], outcome="rejected",
                           code=int(rule["code"]), size=0, phase="rcpt")
            return reply(rule, "rejected by rule")
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        rule = self._rule_for(session, envelope)
        action = rule.get("action", "accept")
        data = envelope.original_content
        entry = dict(event="transaction", conn=session.conn, n=envelope.n, mail_from=envelope.mail_from,
                     rcpt_tos=envelope.rcpt_tos, size=len(data), phase="data")
        if action == "drop_data":
            self.state.log(**entry, outcome="dropped", code=None)
            server.transport.abort()
            return "421 dropped"  # never reaches the client: the transport is closed
        if action == "reply_data":
            self.state.log(**entry, outcome="rejected", code=int(rule["code"]))
            return reply(rule, "rejected by rule")
        if action == "stall_data":
            await asyncio.sleep(float(rule.get("seconds", 5)))
        name = "%d.eml" % envelope.n
        if self.state.args.spool:
            with open(os.path.join(self.state.args.spool, name), "wb") as f:
                f.write(data)
        queue_id = uuid.uuid4().hex[:12].upper()
        self.state.log(**entry, outcome="accepted", code=250, file=name, queue_id=queue_id)
        if self.state.args.print:
            print_message(envelope, data)
        if action == "delay_data":
            # Queued first, answered late: a client that dies meanwhile leaves a delivered message
            # it never heard about (what a real MTA does).
            low = float(rule.get("min_ms", 50))
            high = float(rule.get("max_ms", max(low, 200)))
            await asyncio.sleep(self.state.random.uniform(low, high) / 1000.0)
        return "250 2.0.0 Ok: queued as %s" % queue_id


def print_message(envelope, data):
    message = email.message_from_bytes(data, policy=email.policy.default)
    out = ["=" * 72, "envelope: %s -> %s" % (envelope.mail_from, ", ".join(envelope.rcpt_tos))]
    for name in ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID"):
        if message[name] is not None:
            out.append("%s: %s" % (name, message[name]))
    body = message.get_body(preferencelist=("plain",))
    out.append("")
    out.append(body.get_content().rstrip("\n") if body is not None else "(no text part)")
    for part in message.iter_attachments():
        out.append("[attachment] %s (%s, %d bytes)" % (part.get_filename(), part.get_content_type(),
                                                       len(part.get_payload(decode=True) or b"")))
    print("\n".join(out), flush=True)


class ScriptedSMTP(SMTP):
    """aiosmtpd's SMTP with per-connection rules: a greeting code, slow replies."""

    def __init__(self, state, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.state = state
        self.conn_rule = {}
        self.greeted = False

    def connection_made(self, transport):
        first = self.transport is None
        super().connection_made(transport)
        if first:
            self.state.connections += 1
            self.session.conn = self.state.connections
            self.conn_rule = self.state.rule("connections", self.state.connections) or {}
            self.state.log(event="connect", conn=self.session.conn)

    def _create_session(self):
        session = super()._create_session()
        session.conn = getattr(self, "session", None) and getattr(self.session, "conn", None)
        return session

    async def push(self, status):
        if not self.greeted:
            self.greeted = True
            if self.conn_rule.get("action") == "greet":
                await super().push(reply(self.conn_rule, "Service not available, closing channel"))
                self.transport.close()
                return
        if self.conn_rule.get("action") != "slow":
            return await super().push(status)
        data = (status.encode() if isinstance(status, str) else status) + b"\r\n"
        for i in range(len(data)):
            self._writer.write(data[i:i + 1])
            await self._writer.drain()
            await asyncio.sleep(1)


def tls_context(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def main():
    # A parent may start us with signals blocked (Swift's Foundation.Process does, from a dispatch
    # thread): unblock them, or SIGTERM would never stop the server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--spool")
    parser.add_argument("--rules")
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("--user", default="relance")
    parser.add_argument("--password", default="")
    parser.add_argument("--print", action="store_true")
    parser.add_argument("--hostname", default="smtp.test")
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args()
    state = State(args)
    handler = Handler(state)
    temp = tempfile.TemporaryDirectory(prefix="relance-smtp-")
    kwargs = dict(hostname=args.hostname, ident="relance test server", enable_SMTPUTF8=True,
                  data_size_limit=50 * 1024 * 1024)
    if args.starttls:
        kwargs["tls_context"] = tls_context(temp.name)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (not state.rules.get("auth_fail") and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    if args.auth:
        kwargs.update(auth_required=True, auth_require_tls=False, authenticator=authenticate)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: ScriptedSMTP(state, handler, loop=loop, **kwargs), host="127.0.0.1", port=args.port))
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    if args.exit_on_stdin_eof:
        def stdin_readable():
            if not os.read(sys.stdin.fileno(), 4096):
                loop.stop()
        loop.add_reader(sys.stdin.fileno(), stdin_readable)
    try:
        loop.run_forever()
    finally:
        server.close()
        temp.cleanup()


if __name__ == "__main__":
    import logging
    import warnings
    warnings.simplefilter("ignore")  # aiosmtpd warns about AUTH without TLS: deliberate here
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    main()
