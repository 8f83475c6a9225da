#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test-app-parser.py - the "postfix-tls" application of scl/tlsfeat/.

With scl/tlsfeat/tlsfeat.conf included, `app-parser(topic(syslog))` must
run postfix-tls-parser() on Postfix delivery agents and the queue manager
under any syslog_name, and nothing else: each row is a program, a message
body, and the fields wanted (None: no application parsed it). syslog-ng 3.38's
app-parser() fails on a message no application parsed, so the log path
wraps it in if/else, and every message must leave through one branch.
"""

import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tfe2e  # noqa: E402

CONFIG = """
@include "@TOP_SRCDIR@/scl/tlsfeat/tlsfeat.conf"
source s_in { stdin(); };
log {
    source(s_in);
    if { parser { app-parser(topic(syslog)); }; }
    else { rewrite { set("1" value(".e2e.fallback")); }; };
    destination { file("@OUT@" template("@JSON@")); };
    flags(flow-control);
};
"""

BODY = (b"E75D2A76028: to=<alice@example.com>, relay=mx.example.net[192.0.2.1]:25, "
        b"delay=0.27, tls=may?, status=deferred (lost connection)")
FIELDS = {
    "queue_id": "E75D2A76028", "to": "alice@example.com", "relay.hostname": "mx.example.net",
    "relay.address": "192.0.2.1", "relay.port": 25, "delay": 0.27, "status": "deferred",
    "response": "lost connection", "tls.raw": "may?", "tls.syntax": "final",
    "tls.level": "may", "tls.status": "undecided", "tls.verdict": "undecided",
}
EXPIRED = b"9D7FE1D0051: from=<root@example.com>, status=expired, returned to sender"

ROWS = [
    (b"postfix/smtp", BODY, dict(FIELDS, service="smtp", syslog_name="postfix")),
    (b"postfix-out/lmtp", BODY, dict(FIELDS, service="lmtp", syslog_name="postfix-out")),
    (b"postfix/qmgr", EXPIRED, {"queue_id": "9D7FE1D0051", "from": "root@example.com",
                                "status": "expired", "service": "qmgr",
                                "syslog_name": "postfix"}),
    (b"postfix/qmgr", b"9D7FE1D0051: removed", None),
    (b"postfix/smtpd", BODY, None),
    (b"sshd", BODY, None),
    (b"postfix/smtp", b"Trusted TLS connection established to mx.example.net[192.0.2.1]:25",
     None),
]


def main():
    tfe2e.PATHS.check()
    checks = tfe2e.Checks("test-app-parser")
    syslog_ng = tfe2e.SyslogNg(CONFIG)
    try:
        lines = [b"Dec  4 15:37:59 mx1 %s[42]: %s\n" % (program, body) for program, body, _ in ROWS]
        status = syslog_ng.run_stdin(b"".join(lines))
        checks.check("syslog-ng exit status 0", status == 0, syslog_ng.stderr)
        records = tfe2e.read_records(syslog_ng.out)
        checks.check("every message leaves app-parser()", len(records) == len(ROWS),
                     "%d in, %d out" % (len(ROWS), len(records)))
        for (program, body, want), (fields, fallback) in zip(ROWS, records):
            label = "%s: %s" % (program.decode(), body[:40].decode())
            if want is None:
                checks.check(label + " (not parsed)", fallback and not fields, repr(fields))
                continue
            diffs = tfe2e.fields_diff(want, fields)
            checks.check(label, not fallback and not diffs, "; ".join(diffs))
    finally:
        syslog_ng.cleanup()
    checks.exit()


if __name__ == "__main__":
    sys.exit(main())
