#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test-counters.py - exact counter values after a known input.

Two sample logs go through a file() source with flags(no-parse) (the
parser splits each whole line) into two log paths: the named
parser p_postfix, and an inline parser with drop-invalid(yes). The counters
processed, parsed, invalid and violations of both, read with
`syslog-ng-ctl stats` and `syslog-ng-ctl query get`, must equal the numbers
derived from tests/data/expected: input lines, delivery lines, lines with
tls.error, lines with tls.verdict "violation". A parser dropping invalid
lines still counts them as parsed and invalid. After `syslog-ng-ctl reload`
the counters go on from their values.
"""

import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tfe2e  # noqa: E402

CONFIG = """
source s_in { file("@DIR@/input.log" follow-freq(1) flags(no-parse)); };
parser p_postfix { postfix-tls-parser(); };
destination d_all { file("@OUT@" template("$MSG\\n")); };
log { source(s_in); if { parser(p_postfix); }; destination(d_all); flags(flow-control); };
log { source(s_in); if { parser { postfix-tls-parser(drop-invalid(yes)); }; };
      destination { file("@DIR@/second.log"); }; flags(flow-control); };
"""

INVALID_LINES = [
    b"Dec  4 15:40:00 mx1 postfix/smtp[1]: 1A2B3C: to=<a@example.com>, relay=none, delay=0, "
    b"tls=may//requiretls, status=deferred (x)",
    b"Dec  4 15:40:00 mx1 postfix/smtp[1]: 1A2B3D: to=<b@example.com>, relay=none, delay=0, "
    b"tls=!may?, status=deferred (x)",
]


def wanted_counts(samples):
    """Counter values the samples must produce, from their expected records."""
    counts = {"processed": 0, "parsed": 0, "invalid": 0, "violations": 0}
    for sample in samples:
        expected = tfe2e.load_expected(sample)
        counts["processed"] += len(tfe2e.sample_lines(sample))
        counts["parsed"] += len(expected)
        for record in expected.values():
            counts["invalid"] += "tls.error" in record["fields"]
            counts["violations"] += record["fields"].get("tls.verdict") == "violation"
    counts["processed"] += len(INVALID_LINES)
    counts["parsed"] += len(INVALID_LINES)
    counts["invalid"] += len(INVALID_LINES)
    return counts


def stats_counters(stats_csv, instance):
    """{name: value} of one parser instance in `syslog-ng-ctl stats` output."""
    counters = {}
    for row in stats_csv.splitlines():
        cells = row.split(";")
        if cells[:3] == ["parser", "postfix-tls-parser", instance] and len(cells) == 6:
            counters[cells[4]] = int(cells[5])
    return counters


def query_counters(query_output, instance):
    """{name: value} of one parser instance in `syslog-ng-ctl query get` output."""
    counters = {}
    head = "parser.postfix-tls-parser.%s." % instance
    for row in query_output.splitlines():
        if row.startswith(head) and "=" in row:
            name, value = row[len(head):].split("=", 1)
            counters[name] = int(value)
    return counters


def main():
    tfe2e.PATHS.check()
    checks = tfe2e.Checks("test-counters")
    samples = ("postfix-3.11.6.maillog", "public-shapes.log")
    lines = [line for sample in samples for line in tfe2e.sample_lines(sample)] + INVALID_LINES
    want = wanted_counts(samples)

    syslog_ng = tfe2e.SyslogNg(CONFIG)
    try:
        with open(syslog_ng.dir + "/input.log", "wb") as source:
            source.write(b"".join(line + b"\n" for line in lines))
        syslog_ng.start()
        checks.check("every line left the first path", syslog_ng.wait_records(len(lines)))
        status, stats = syslog_ng.ctl("stats")
        checks.check("syslog-ng-ctl stats", status == 0)
        query_status, query = syslog_ng.ctl("query", "get", "parser.postfix-tls-parser.*")
        checks.check("syslog-ng-ctl query get", query_status == 0)

        second = [name for name in {row.split(";")[2] for row in stats.splitlines()
                                    if row.startswith("parser;postfix-tls-parser;")}
                  if name != "p_postfix"]
        checks.check("two parser instances", len(second) == 1, repr(second))
        for instance in ["p_postfix"] + second[:1]:
            got = stats_counters(stats, instance)
            checks.check("stats %s %r" % (instance, want), got == want, "got %r" % got)
            got = query_counters(query, instance)
            checks.check("query %s %r" % (instance, want), got == want, "got %r" % got)

        checks.check("syslog-ng-ctl reload", syslog_ng.ctl("reload")[0] == 0)
        with open(syslog_ng.dir + "/input.log", "ab") as source:
            source.write(b"".join(line + b"\n" for line in INVALID_LINES))
        checks.check("every appended line left after the reload",
                     syslog_ng.wait_records(len(lines) + len(INVALID_LINES)))
        more = len(INVALID_LINES)
        want = dict(want, processed=want["processed"] + more, parsed=want["parsed"] + more,
                    invalid=want["invalid"] + more)
        got = stats_counters(syslog_ng.ctl("stats")[1], "p_postfix")
        checks.check("counters continue across a reload %r" % want, got == want, "got %r" % got)
        checks.check("syslog-ng stopped cleanly", syslog_ng.stop() == 0, syslog_ng.stderr)
    finally:
        syslog_ng.cleanup()
    checks.exit()


if __name__ == "__main__":
    sys.exit(main())
