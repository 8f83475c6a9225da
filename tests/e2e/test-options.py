#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test-options.py - every option of postfix-tls-parser() in a real syslog-ng.

Table-driven: each row is a label, the parser options, a source flag, the
input lines and, per line, the exact fields wanted (None: the parser must
fail and the message arrive through the else branch). Rows cover prefix(),
template() (read from another name-value pair, so values are copies and not
references into $MESSAGE), drop-invalid(), whole-line(auto|yes|no), typed
values, multi-instance program names, and one parser cloned into two log
paths.
"""

import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tfe2e  # noqa: E402

HEADER = b"Dec  4 15:37:59 mx1 "

SENT = (b"E75D2A76028: to=<alice@example.com>, relay=mx.example.net[192.0.2.1]:25, "
        b"delay=0.27, delays=0.04/0.06/0.16/0.01, tls=verify, dsn=2.0.0, "
        b"status=sent (250 2.0.0 Ok: queued as 2C160A780D7)")
SENT_FIELDS = {
    "queue_id": "E75D2A76028", "to": "alice@example.com", "relay.hostname": "mx.example.net",
    "relay.address": "192.0.2.1", "relay.port": 25, "delay": 0.27, "delays.before_qmgr": 0.04,
    "delays.in_qmgr": 0.06, "delays.conn_setup": 0.16, "delays.transmission": 0.01,
    "dsn": "2.0.0", "status": "sent", "response": "250 2.0.0 Ok: queued as 2C160A780D7",
    "tls.raw": "verify", "tls.syntax": "final", "tls.level": "verify",
    "tls.status": "compliant", "tls.achieved": "verify", "tls.downgraded": False,
    "tls.enforcement": "full", "tls.verdict": "compliant",
}
SMTP = {"service": "smtp", "syslog_name": "postfix"}

INVALID = (b"3C772A7606D: to=<bob@example.com>, relay=none, delay=0, delays=0/0/0/0, "
           b"tls=may#, dsn=4.4.1, status=deferred (connect failed)")
INVALID_FIELDS = {
    "queue_id": "3C772A7606D", "to": "bob@example.com", "relay.hostname": "none", "delay": 0,
    "delays.before_qmgr": 0, "delays.in_qmgr": 0, "delays.conn_setup": 0,
    "delays.transmission": 0, "dsn": "4.4.1", "status": "deferred",
    "response": "connect failed", "tls.raw": "may#",
    "tls.error": "unexpected character '#' at offset 3",
}

LMTP = (b"6BEA81CDC0AB: to=<john@example.com>, relay=mail.example.com[private/dovecot-lmtp], "
        b"conn_use=2, delay=5.4, delays=0.02/0/0/5.4, tls=dane:halfdane/!requiretls:nocertmatch, "
        b"dsn=2.0.0, status=sent (250 2.0.0 Saved)")
LMTP_FIELDS = {
    "queue_id": "6BEA81CDC0AB", "to": "john@example.com", "relay.hostname": "mail.example.com",
    "relay.address": "private/dovecot-lmtp", "conn_use": 2, "delay": 5.4,
    "delays.before_qmgr": 0.02, "delays.in_qmgr": 0, "delays.conn_setup": 0,
    "delays.transmission": 5.4, "dsn": "2.0.0", "status": "sent", "response": "250 2.0.0 Saved",
    "tls.raw": "dane:halfdane/!requiretls:nocertmatch", "tls.syntax": "final",
    "tls.level": "dane", "tls.status": "compliant", "tls.achieved": "halfdane",
    "tls.downgraded": True, "tls.enforcement": "relaxed",
    "tls.requiretls.status": "violation", "tls.requiretls.achieved": "nocertmatch",
    "tls.requiretls.downgraded": True, "tls.verdict": "violation",
}


def line(program, body):
    return HEADER + program + b"[10446]: " + body


def merged(*parts):
    fields = {}
    for part in parts:
        fields.update(part)
    return fields


def prefixed(prefix, fields):
    return {prefix + name: value for name, value in fields.items()}


# label, parser options, source flags, config before the parser, JSON key of
# the fields, [(input line, wanted fields or None)]
ROWS = [
    ("defaults, header parsed by syslog-ng", "", "", "", "_postfix",
     [(line(b"postfix/smtp", SENT), merged(SENT_FIELDS, SMTP)),
      (line(b"postfix/smtp", b"connect to mx.example.net[192.0.2.1]:25: refused"), None)]),
    ("multi-instance syslog_name and lmtp service", "", "", "", "_postfix",
     [(line(b"postfix-out/lmtp", LMTP),
       merged(LMTP_FIELDS, {"service": "lmtp", "syslog_name": "postfix-out"}))]),
    ("syslog_name with a slash", "", "", "", "_postfix",
     [(line(b"postfix/submission/smtp", SENT),
       merged(SENT_FIELDS, {"service": "smtp", "syslog_name": "postfix/submission"}))]),
    ("prefix(.mail.tls.)", 'prefix(".mail.tls.")', "", "", "_mail",
     [(line(b"postfix/smtp", SENT), prefixed("tls.", merged(SENT_FIELDS, SMTP)))]),
    ("prefix(pf.) without a leading dot", 'prefix("pf.")', "", "", "pf",
     [(line(b"postfix/smtp", SENT), merged(SENT_FIELDS, SMTP))]),
    ("template() reads another name-value pair", 'template("${.e2e_input}")', "",
     'rewrite { set("%s" value(".e2e_input")); set("not a delivery line" value("MESSAGE")); };'
     % SENT.decode(), "_postfix",
     [(line(b"postfix/smtp", b"anything"), merged(SENT_FIELDS, SMTP))]),
    ("template(\"$MESSAGE\") is the default", 'template("$MESSAGE")', "", "", "_postfix",
     [(line(b"postfix/smtp", SENT), merged(SENT_FIELDS, SMTP))]),
    ("drop-invalid(no) keeps tls.raw and tls.error", "drop-invalid(no)", "", "", "_postfix",
     [(line(b"postfix/smtp", INVALID), merged(INVALID_FIELDS, SMTP))]),
    ("drop-invalid(yes) fails on an invalid tls=", "drop-invalid(yes)", "", "", "_postfix",
     [(line(b"postfix/smtp", INVALID), None),
      (line(b"postfix/smtp", SENT), merged(SENT_FIELDS, SMTP))]),
    ("drop-invalid(\"yes\") as a string is drop-invalid(yes)", 'drop-invalid("yes")', "", "",
     "_postfix",
     [(line(b"postfix/smtp", INVALID), None),
      (line(b"postfix/smtp", SENT), merged(SENT_FIELDS, SMTP))]),
    ("drop-invalid(\"no\") as a string is drop-invalid(no)", 'drop-invalid("no")', "", "",
     "_postfix",
     [(line(b"postfix/smtp", INVALID), merged(INVALID_FIELDS, SMTP))]),
    ("whole-line(auto) splits a no-parse line", "whole-line(auto)", "flags(no-parse)", "",
     "_postfix",
     [(line(b"postfix/smtp", SENT), merged(SENT_FIELDS, SMTP)),
      (SENT, SENT_FIELDS)]),
    ("whole-line(yes) on a no-parse line", "whole-line(yes)", "flags(no-parse)", "",
     "_postfix",
     [(line(b"postfix/smtp", SENT), merged(SENT_FIELDS, SMTP)),
      (b"postfix/smtp[10446]: " + SENT, merged(SENT_FIELDS, SMTP)),
      (SENT, None)]),
    ("whole-line(yes) fails on a parsed message body", "whole-line(yes)", "", "", "_postfix",
     [(line(b"postfix/smtp", SENT), None)]),
    ("whole-line(no) does not split a no-parse line", "whole-line(no)", "flags(no-parse)", "",
     "_postfix",
     [(line(b"postfix/smtp", SENT), None),
      (SENT, SENT_FIELDS)]),
]


# The JSON key that holds the fields (format-json writes a leading "." as
# "_"), and the name-value pairs format-json selects for it.
JSON_KEYS = {"_postfix": ".postfix.*", "_mail": ".mail.*", "pf": "pf.*"}


def config(options, flags, before, key_prefix):
    keys = "--key %s --key .e2e.*" % JSON_KEYS[key_prefix]
    return """
source s_in { stdin(%s); };
log {
    source(s_in);
    %s
    if { parser { postfix-tls-parser(%s); }; }
    else { rewrite { set("1" value(".e2e.fallback")); }; };
    destination { file("@OUT@" template("$(format-json --no-cast --scope none %s)\\n")); };
};
""" % (flags, before, options, keys)


def run_row(checks, row):
    label, options, flags, before, key_prefix, cases = row
    syslog_ng = tfe2e.SyslogNg(config(options, flags, before, key_prefix))
    try:
        status = syslog_ng.run_stdin(b"".join(text + b"\n" for text, _ in cases))
        records = tfe2e.read_records(syslog_ng.out, key_prefix)
        problems = [] if status == 0 else ["exit status %d: %s" % (status, syslog_ng.stderr)]
        wants = [(number, want) for number, (_, want) in enumerate(cases, start=1)]
        problems += tfe2e.record_problems(wants, records)
        checks.check(label, not problems, "\n    ".join(problems))
    finally:
        syslog_ng.cleanup()


CLONED = """
source s_in { stdin(flags(no-parse)); };
parser p_shared { postfix-tls-parser(prefix(".shared.") drop-invalid(yes) whole-line(yes)); };
template t_shared { template("$(format-json --no-cast --scope none --key .shared.*)\\n"); };
destination d_one { file("@DIR@/one.json" template(t_shared)); };
destination d_two { file("@DIR@/two.json" template(t_shared)); };
log { source(s_in); parser(p_shared); destination(d_one); };
log { source(s_in); parser(p_shared); destination(d_two); };
"""


def run_cloned(checks):
    """A named parser used in two log paths is cloned; each clone keeps every option."""
    syslog_ng = tfe2e.SyslogNg(CLONED)
    try:
        status = syslog_ng.run_stdin(line(b"postfix/smtp", SENT) + b"\n"
                                     + line(b"postfix/smtp", INVALID) + b"\n" + SENT + b"\n")
        want = merged(SENT_FIELDS, SMTP)
        for name in ("one", "two"):
            records = tfe2e.read_records(syslog_ng.dir + "/%s.json" % name, "_shared")
            problems = [] if status == 0 else ["exit status %d" % status]
            if len(records) != 1:
                problems.append("wanted 1 record, got %d" % len(records))
            else:
                problems += tfe2e.fields_diff(want, records[0][0])
            checks.check("cloned parser keeps prefix, drop-invalid, whole-line (path %s)" % name,
                         not problems, "; ".join(problems))
    finally:
        syslog_ng.cleanup()


# A destination naming a template function of the module before any
# postfix-tls-parser() appears, with no @module line: syslog-ng must load the
# module for the template function by itself.
TEMPLATE_FIRST = """
source s_in { stdin(); };
destination d_out { file("@OUT@" template("$(postfix-tls-json)\\n")); };
log { source(s_in); parser { postfix-tls-parser(); }; destination(d_out); };
"""


def run_template_first(checks):
    """$(postfix-tls-json) named before the parser loads the module without @module."""
    syslog_ng = tfe2e.SyslogNg(TEMPLATE_FIRST)
    try:
        status = syslog_ng.run_stdin(line(b"postfix/smtp", SENT) + b"\n")
        records = tfe2e.read_records(syslog_ng.out, None)
        problems = [] if status == 0 else ["exit status %d: %s" % (status, syslog_ng.stderr)]
        if len(records) != 1:
            problems.append("wanted 1 record, got %d" % len(records))
        else:
            problems += tfe2e.fields_diff(merged(SENT_FIELDS, SMTP), records[0][0])
        checks.check("template function before the parser, without @module", not problems,
                     "; ".join(problems))
    finally:
        syslog_ng.cleanup()


def main():
    tfe2e.PATHS.check()
    checks = tfe2e.Checks("test-options")
    for row in ROWS:
        run_row(checks, row)
    run_cloned(checks)
    run_template_first(checks)
    checks.exit()


if __name__ == "__main__":
    sys.exit(main())
