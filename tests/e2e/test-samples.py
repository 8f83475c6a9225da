#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test-samples.py - every sample log through a real syslog-ng, three ways.

For each sample in tests/data/, the lines go through postfix-tls-parser()
inside `if { parser(...); } else { fallback marker };` and one JSON
destination, and the output is compared line by line with
tests/data/expected/<sample>.jsonl, field by field and type by type:

  stdin    every line through a stdin() pipe with flags(no-parse): the
           parser splits the whole line itself (whole-line(auto)).
  file     the lines with a syslog header through a file() source, parsed
           by syslog-ng's own header parser ($PROGRAM, $MESSAGE).
  tcp      the same lines through a network() source on 127.0.0.1.

Every input line must leave: as a record with exactly the expected fields
when the line is in the expected file, as a fallback otherwise. syslog-ng
must log nothing per message.
"""

import socket
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tfe2e  # noqa: E402


def compare(checks, label, numbered_lines, records, expected):
    """One check: the records match the lines in count, order and fields."""
    wants = [(number, expected[number]["fields"] if number in expected else None)
             for number, _ in numbered_lines]
    problems = tfe2e.record_problems(wants, records)
    parsed = sum(1 for number, _ in numbered_lines if number in expected)
    checks.check("%s (%d lines, %d delivery lines)" % (label, len(numbered_lines), parsed),
                 not problems, "\n    ".join(problems[:8]))


def check_quiet(checks, label, stderr, lines):
    """Nothing per message: a handful of lines (start, stop) for any input size."""
    logged = [line for line in stderr.splitlines() if line.strip()]
    checks.check("%s: no per-message log (%d lines in)" % (label, lines), len(logged) <= 4,
                 "\n    ".join(logged[:6]))


def run_stdin(checks, sample, numbered, expected):
    syslog_ng = tfe2e.SyslogNg("source s_in { stdin(flags(no-parse)); };"
                               + tfe2e.FALLBACK_LOG_PATH)
    try:
        status = syslog_ng.run_stdin(b"".join(line + b"\n" for _, line in numbered))
        checks.check("%s stdin: syslog-ng exit status 0" % sample, status == 0, syslog_ng.stderr)
        compare(checks, "%s stdin" % sample, numbered, tfe2e.read_records(syslog_ng.out),
                expected)
        check_quiet(checks, "%s stdin" % sample, syslog_ng.stderr, len(numbered))
    finally:
        syslog_ng.cleanup()


def run_running(checks, label, source, numbered, expected, feed):
    """Start syslog-ng with source, feed(syslog_ng, data) the lines, stop, compare."""
    syslog_ng = tfe2e.SyslogNg(source + tfe2e.FALLBACK_LOG_PATH)
    try:
        feed(syslog_ng, b"".join(line + b"\n" for _, line in numbered))
        syslog_ng.wait_records(len(numbered))
        status = syslog_ng.stop()
        checks.check("%s: syslog-ng stopped cleanly" % label, status == 0, syslog_ng.stderr)
        compare(checks, label, numbered, tfe2e.read_records(syslog_ng.out), expected)
    finally:
        syslog_ng.cleanup()


def run_file(checks, sample, numbered, expected):
    def feed(syslog_ng, data):
        with open(syslog_ng.dir + "/input.log", "wb") as source:
            source.write(data)
        syslog_ng.start()

    run_running(checks, "%s file" % sample,
                'source s_in { file("@DIR@/input.log" follow-freq(1)); };', numbered, expected,
                feed)


def run_tcp(checks, sample, numbered, expected):
    port = tfe2e.free_tcp_port()

    def feed(syslog_ng, data):
        syslog_ng.start()
        with socket.create_connection(("127.0.0.1", port), timeout=tfe2e.WAIT_SECONDS) as peer:
            peer.sendall(data)

    run_running(checks, "%s tcp" % sample,
                "source s_in { network(ip(127.0.0.1) port(%d) transport(tcp)); };" % port,
                numbered, expected, feed)


def main():
    tfe2e.PATHS.check()
    checks = tfe2e.Checks("test-samples")
    for sample in tfe2e.SAMPLES:
        expected = tfe2e.load_expected(sample)
        numbered = list(enumerate(tfe2e.sample_lines(sample), start=1))
        with_header = [(number, line) for number, line in numbered
                       if tfe2e.HEADER_RE.match(line)]
        run_stdin(checks, sample, numbered, expected)
        run_file(checks, sample, with_header, expected)
        run_tcp(checks, sample, with_header, expected)
    checks.exit()


if __name__ == "__main__":
    sys.exit(main())
