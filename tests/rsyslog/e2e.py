#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""e2e.py HELPER RSYSLOG_ROOT - tlsfeat-rsyslog inside a real rsyslogd.

rsyslogd (unpacked by unpack-rsyslog.sh into RSYSLOG_ROOT) runs in the
foreground in a private temp dir with the shipped snippet
contrib/rsyslog/tlsfeat.conf, its helper path and output file rewritten.

  imfile  the sample logs of tests/data/ and a file of hostile lines, each
          file with its own tag ("postfix0", ...; the snippet keeps messages
          whose program starts with "postfix"). msg is the whole line.
  imtcp   the Postfix 3.11.6 sample sent as syslog over TCP to 127.0.0.1,
          so syslogtag carries the program ("postfix/smtp[10446]:").

Every input line must leave as one JSON line, in order per source, with the
message unchanged; delivery lines must carry exactly the fields of
tests/data/expected/*.jsonl (flattened, typed), other lines no "postfix"
key; the helper's counters (--stats-file) must add up. Prints PASS/FAIL per
check and exits non-zero on any failure.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(TOP, "tests", "data")
SNIPPET = os.path.join(TOP, "contrib", "rsyslog", "tlsfeat.conf")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
from checks import check, failures  # noqa: E402
from flatten import flatten_postfix, typed_fields  # noqa: E402
from rsyslogd import connect_tcp, free_port, start_rsyslogd  # noqa: E402

SAMPLES = ["postfix-3.11.6.maillog", "postfix-3.11-20250912-nonprod.maillog", "public-shapes.log"]
WAIT_SECONDS = 180
def hostile_lines():
    """Lines that are no Postfix delivery line, or try to break the helper.

    No empty line: imfile itself drops those before any action sees them."""
    return [
        b'{"msg": "a JSON-looking line", "$!": {"postfix": {"to": "forged"}}}',
        b"{ not json at all",
        b"Dec  4 15:37:59 mx1 sshd[22]: Accepted publickey for root",
        b"ABCDEF: to=<a@b>, relay=none, delay=0, tls=((may)), status=sent (x)",
        b"ABCDEF: to=<a@b>, relay=none, delay=0, status=sent (" + b"long " * 40000 + b")",
        b"ABCDEF: to=<a\xff\xfe@b>, relay=none, delay=0, status=sent (invalid UTF-8)",
        b"control \x01\x02\x1b[31m bytes",
        b"\xc0\xaf overlong",
    ]


HOSTILE_FIELDS = {
    4: {"queue_id": "ABCDEF", "to": "a@b", "relay.hostname": "none", "delay": 0,
        "tls.raw": "((may))", "tls.error": "misplaced '(' at offset 1", "status": "sent",
        "response": "x"},
    5: {"queue_id": "ABCDEF", "to": "a@b", "relay.hostname": "none", "delay": 0, "status": "sent",
        "response": "long " * 40000},
}


def read_lines(path):
    with open(path, "rb") as source:
        lines = source.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def write_config(scratch, helper, sources, port):
    with open(SNIPPET, encoding="utf-8") as snippet_file:
        snippet = snippet_file.read()
    helper_command = "%s --stats-file=%s" % (helper, os.path.join(scratch, "helper.stats"))
    snippet = snippet.replace("/usr/bin/tlsfeat-rsyslog", helper_command)
    snippet = snippet.replace("/var/log/postfix-delivery.json", os.path.join(scratch, "out.json"))
    if helper_command not in snippet or "/var/log" in snippet:
        raise SystemExit("the snippet no longer names /usr/bin/tlsfeat-rsyslog and its log file")

    config = ['global(workDirectory="%s" maxMessageSize="1m")' % os.path.join(scratch, "work"),
              'module(load="imfile")', 'module(load="imtcp")',
              'input(type="imtcp" address="127.0.0.1" port="%d")' % port]
    for tag, path in sources:
        config.append('input(type="imfile" file="%s" tag="%s" freshStartTail="off")' % (path, tag))
    config.append(snippet)
    path = os.path.join(scratch, "rsyslog.conf")
    with open(path, "w", encoding="utf-8") as config_file:
        config_file.write("\n".join(config) + "\n")
    return path


def send_tcp(port, lines):
    with connect_tcp(port) as connection:
        connection.sendall(b"".join(b"<22>" + line + b"\n" for line in lines))


def wait_for_lines(path, wanted):
    deadline = time.monotonic() + WAIT_SECONDS
    count = 0
    while time.monotonic() < deadline:
        if os.path.exists(path):
            with open(path, "rb") as output:
                count = output.read().count(b"\n")
            if count >= wanted:
                return count
        time.sleep(0.3)
    return count


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def parse_output(path):
    records = []
    with open(path, "rb") as output:
        for number, raw in enumerate(output.read().split(b"\n")[:-1], start=1):
            try:
                records.append(json.loads(raw.decode("utf-8", "surrogateescape")))
            except ValueError as error:
                check("output line %d is JSON" % number, False, "%s: %r" % (error, raw[:200]))
    return records


def compare_source(label, lines, records, expected, tcp):
    check("%s: every line leaves" % label, len(records) == len(lines),
          "%d out of %d" % (len(records), len(lines)))
    mismatches = []
    for number, (line, record) in enumerate(zip(lines, records), start=1):
        if not tcp and record["message"] != line.decode("utf-8", "surrogateescape"):
            mismatches.append("line %d: message %r" % (number, record["message"][:80]))
            continue
        got = flatten_postfix(record["postfix"]) if "postfix" in record else None
        want = expected.get(number)
        if got != want:
            mismatches.append("line %d: got %r want %r" % (number, got, want))
    check("%s: fields of %d delivery lines, none elsewhere" % (label, len(expected)),
          not mismatches, "; ".join(mismatches[:3]) + " (%d lines)" % len(mismatches))


def load_expected(name):
    with open(os.path.join(DATA, "expected", name + ".jsonl"), encoding="utf-8") as expected:
        return {record["line"]: typed_fields(record["fields"])
                for record in map(json.loads, expected)}


def hostile_expected():
    return {number: typed_fields(fields) for number, fields in HOSTILE_FIELDS.items()}


def check_counters(scratch, lines, parsed, invalid_tls, malformed):
    path = os.path.join(scratch, "helper.stats")
    totals = {"messages": 0, "parsed": 0, "invalid_tls": 0, "malformed": 0}
    deadline = time.monotonic() + 30
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.2)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as stats:
            for report in stats.read().splitlines():
                for pair in report.split(": ", 1)[1].split():
                    name, value = pair.split("=")
                    totals[name] += int(value)
    wanted = {"messages": lines, "parsed": parsed, "invalid_tls": invalid_tls,
              "malformed": malformed}
    check("helper counters at exit", totals == wanted, "got %r want %r" % (totals, wanted))


def main():
    helper, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    scratch = tempfile.mkdtemp(prefix="tlsfeat-rsyslog-e2e.")
    try:
        os.mkdir(os.path.join(scratch, "work"))
        sources = []
        for index, name in enumerate(SAMPLES):
            path = os.path.join(scratch, name)
            shutil.copyfile(os.path.join(DATA, name), path)
            sources.append(("postfix%d" % index, path))
        hostile_path = os.path.join(scratch, "hostile.log")
        with open(hostile_path, "wb") as hostile:
            hostile.write(b"\n".join(hostile_lines()) + b"\n")
        sources.append(("postfix-hostile", hostile_path))

        port = free_port()
        config = write_config(scratch, helper, sources, port)
        tcp_lines = read_lines(os.path.join(DATA, SAMPLES[0]))
        file_lines = {tag: read_lines(path) for tag, path in sources}
        total = len(tcp_lines) + sum(len(lines) for lines in file_lines.values())

        rsyslogd, log = start_rsyslogd(root, scratch, config)
        try:
            send_tcp(port, tcp_lines)
            got = wait_for_lines(os.path.join(scratch, "out.json"), total)
        finally:
            stop(rsyslogd)
            log.close()
        check("rsyslogd wrote one line per input line", got == total, "%d of %d" % (got, total))

        records = parse_output(os.path.join(scratch, "out.json"))
        by_tag = {}
        for record in records:
            by_tag.setdefault(record["tag"], []).append(record)
        tcp_records = [record for record in records if record["tag"] not in file_lines]

        parsed = 0
        for index, name in enumerate(SAMPLES):
            expected = load_expected(name)
            parsed += len(expected)
            compare_source("imfile " + name, file_lines["postfix%d" % index],
                           by_tag.get("postfix%d" % index, []), expected, tcp=False)
        compare_source("imfile hostile lines", file_lines["postfix-hostile"],
                       by_tag.get("postfix-hostile", []), hostile_expected(), tcp=False)
        expected = load_expected(SAMPLES[0])
        compare_source("imtcp " + SAMPLES[0], tcp_lines, tcp_records, expected, tcp=True)
        parsed += len(expected) + len(HOSTILE_FIELDS)

        with open(os.path.join(scratch, "rsyslogd.log"), encoding="utf-8",
                  errors="replace") as rsyslog_log:
            said = rsyslog_log.read()
        check("rsyslogd logged no invalid reply", "invalid reply" not in said, said[-2000:])

        invalid_utf8 = sum(1 for line in hostile_lines() if not _is_utf8(line))
        invalid_tls = sum(1 for fields in HOSTILE_FIELDS.values() if "tls.error" in fields)
        check_counters(scratch, total, parsed, invalid_tls, invalid_utf8)
        if failures():
            with open(os.path.join(scratch, "rsyslogd.log"), encoding="utf-8",
                      errors="replace") as rsyslog_log:
                print("rsyslogd said:\n" + rsyslog_log.read()[-3000:])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print("%d failed" % failures())
    return 1 if failures() else 0


def _is_utf8(line):
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    sys.exit(main())
