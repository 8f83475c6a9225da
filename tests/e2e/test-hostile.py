#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test-hostile.py - hostile input through a real syslog-ng, stdin and tcp.

Rows are label, message body and what is wanted: a dict of fields that must
be present with exactly these values ("~absent" listing names that must not
be; the value "any": present with any value), None when the parser must
fail, or "split" for a line syslog-ng itself cuts in two at a NUL byte (the first part
a delivery line cut short, the second not a delivery line).
Every row goes through a stdin() pipe (flags(no-parse), header-less bodies)
and through a network() source on 127.0.0.1 (behind a syslog header).
syslog-ng must exit cleanly and every message must leave, as a record or
through the else branch. Lines up to 1 MiB are allowed (log-msg-size), so
values beyond the 64 KiB reach of references into $MESSAGE are copied.
"""

import socket
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tfe2e  # noqa: E402

HEAD = b"Q1A2B3: to=<a@example.com>, relay=mx.example.net[192.0.2.1]:25, delay=1, "
BIG_RESPONSE = b"250 " + b"x" * (1024 * 1024 - 200)

ROWS = [
    ("1 MiB response", HEAD + b"status=sent (" + BIG_RESPONSE + b")",
     {"response": BIG_RESPONSE.decode(), "status": "sent", "~absent": ["response_truncated"]}),
    ("1 MiB response cut before ')'", HEAD + b"status=sent (" + BIG_RESPONSE,
     {"response": BIG_RESPONSE.decode(), "response_truncated": True}),
    ("delivery fields after 64 KiB", b"Q9: to=<" + b"a" * 70000 + b"@example.com>, relay=none, "
     b"delay=3, tls=dane, status=sent (ok)",
     {"to": "a" * 70000 + "@example.com", "delay": 3, "tls.level": "dane", "response": "ok"}),
    ("trailing CR", HEAD + b"status=sent (ok)\r", {"response": "ok", "status": "sent"}),
    ("five unknown attributes keep four", HEAD + b"aa=1, bb=2, cc=3, dd=4, ee=5, "
     b"status=sent (ok)",
     {"extra.aa": "1", "extra.bb": "2", "extra.cc": "3", "extra.dd": "4",
      "~absent": ["extra.ee"]}),
    ("non-ASCII byte in tls=", HEAD + b"tls=may\xff, status=sent (ok)",
     {"tls.error": "unexpected character '\\xff' at offset 3",
      "~absent": ["tls.level", "tls.verdict"]}),
    ("nine features", HEAD + b"tls=may/a/b/c/d/e/f/g/h, status=sent (ok)",
     {"status": "sent", "~absent": ["tls.level"]}),
    ("reserved extension name", HEAD + b"tls=may/verdict, status=sent (ok)",
     {"~absent": ["tls.level", "tls.verdict.status"]}),
    ("unknown extension feature", HEAD + b"tls=dane/mta-sts:none, status=sent (ok)",
     {"tls.mta-sts.status": "compliant", "tls.mta-sts.achieved": "none",
      "tls.mta-sts.downgraded": True, "tls.anomaly": "any"}),
    ("cut before status=", HEAD + b"tls=may", None),
    ("only to=<", b"to=<", None),
    ("empty address and orig_to", b"Q2: to=<>, orig_to=<>, relay=none, delay=0, status=bounced (x)",
     {"to": "", "orig_to": "", "status": "bounced"}),
    ("NUL byte ends a message in syslog-ng's framing", HEAD + b"status=sent (o\x00k)",
     "split"),
    ("invalid UTF-8 in the address", b"Q3: to=<\xc3\x28@example.com>, relay=none, delay=0, "
     b"status=sent (ok)", {"to": "any", "status": "sent", "response": "ok"}),
    ("all byte values", bytes(range(1, 256)).replace(b"\n", b" "), None),
    ("200 KiB of tls=", HEAD + b"tls=" + b"!may?/" * 35000 + b", status=sent (ok)",
     {"status": "sent", "tls.error": "any", "~absent": ["tls.level", "tls.verdict"]}),
]

CONFIG = "source s_in { %s };" + tfe2e.FALLBACK_LOG_PATH

OPTIONS = "log-msg-size(2097152);"


def check_rows(checks, transport, status, stderr, records):
    checks.check("%s: syslog-ng exit status 0" % transport, status == 0, stderr)
    wanted = sum(2 if want == "split" else 1 for _, _, want in ROWS)
    checks.check("%s: every message leaves (%d)" % (transport, wanted),
                 len(records) == wanted, "%d records" % len(records))
    records = iter(records)
    for label, _, want in ROWS:
        fields, fallback = next(records, ({}, False))
        label = "%s: %s" % (transport, label)
        if want == "split":
            rest, rest_fallback = next(records, ({}, False))
            checks.check(label, fields.get("response_truncated") is True and rest_fallback,
                         "%r / %r" % (fields, rest))
        elif want is None:
            checks.check(label + " (parser fails)", fallback and not fields, repr(fields)[:200])
        else:
            problems = ["parser failed"] if fallback else []
            for name, value in want.items():
                if name == "~absent":
                    problems += ["unexpected %s" % n for n in value if n in fields]
                elif value == "any":
                    problems += [] if name in fields else ["missing %s" % name]
                elif not tfe2e.typed_equal(value, fields.get(name)):
                    problems.append("%s: want %r got %r" % (name, value[:60] if isinstance(
                        value, str) else value, str(fields.get(name))[:60]))
            checks.check(label, not problems, "; ".join(problems))


def run_stdin(checks):
    syslog_ng = tfe2e.SyslogNg(CONFIG % "stdin(flags(no-parse));", OPTIONS)
    try:
        status = syslog_ng.run_stdin(b"".join(body + b"\n" for _, body, _ in ROWS))
        check_rows(checks, "stdin", status, syslog_ng.stderr, tfe2e.read_records(syslog_ng.out))
    finally:
        syslog_ng.cleanup()


def run_tcp(checks):
    port = tfe2e.free_tcp_port()
    syslog_ng = tfe2e.SyslogNg(CONFIG % "network(ip(127.0.0.1) port(%d) transport(tcp));" % port,
                               OPTIONS)
    try:
        syslog_ng.start()
        with socket.create_connection(("127.0.0.1", port), timeout=tfe2e.WAIT_SECONDS) as peer:
            for _, body, _ in ROWS:
                peer.sendall(b"Dec  4 15:37:59 mx1 postfix/smtp[7]: " + body + b"\n")
        syslog_ng.wait_records(sum(2 if want == "split" else 1 for _, _, want in ROWS))
        status = syslog_ng.stop()
        check_rows(checks, "tcp", status, syslog_ng.stderr, tfe2e.read_records(syslog_ng.out))
    finally:
        syslog_ng.cleanup()


def main():
    tfe2e.PATHS.check()
    checks = tfe2e.Checks("test-hostile")
    run_stdin(checks)
    run_tcp(checks)
    checks.exit()


if __name__ == "__main__":
    sys.exit(main())
