#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""pipeline.py HOSTILE_FILE MODULE_DIR [--syslog-ng PATH] - hostile table through syslog-ng.

Starts a private syslog-ng with the tlsfeat module (MODULE_DIR holds
libtlsfeat.so) listening on a free 127.0.0.1 port (syslog() source, RFC 5424
in octet-counting framing, log-msg-size 4 MiB), sends every row of
HOSTILE_FILE (written by tests/hostile/hostile-emit) as the message of
program postfix/smtp with the row number as MSGID, and checks:

- path "default" (postfix-tls-parser()): every row comes out exactly once;
  a delivery line on the parsed side with exactly its expected fields, any
  other message on the failed side;
- path "strict" (drop-invalid(yes)): the same, except that rows with
  tls.error come out on the failed side;
- path "whole" (whole-line(yes), prefix("tf."), and a template() that
  rebuilds the whole log line "DATE HOST PROGRAM[PID]: MESSAGE"): the same
  fields as "default", found by splitting the line in the module.

Fields are read back with $(format-flat-json), which writes a NUL byte or a
byte of invalid UTF-8 as the four characters \\xHH; the expected fields are
adjusted for that before comparing. --syslog-ng runs another syslog-ng
binary or wrapper; SYSLOG_NG_WRAPPER (a command prefix such as valgrind) is
put before it; SYSLOG_NG_TIMEOUT bounds each wait (default 300 s). Exits 0
when every row matches, 1 if not.
"""
import argparse
import json
import os
import re
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import syslog_ng_run  # noqa: E402

CONFIG = """@version: 3.38
options { log-msg-size(4194304); stats-freq(0); mark-freq(0); };
source s_hostile {
  syslog(ip(127.0.0.1) port(@PORT@) transport(tcp) log-msg-size(4194304)
         log-iw-size(10000) max-connections(2));
};
parser p_default { postfix-tls-parser(); };
parser p_strict { postfix-tls-parser(drop-invalid(yes)); };
parser p_whole {
  postfix-tls-parser(prefix("tf.") whole-line(yes)
                     template("Dec  4 15:37:59 mx1 ${PROGRAM}[${PID}]: ${MESSAGE}"));
};
template t_whole { template("$MSGID $(format-flat-json --scope none --key tf.*)\n"); };
template t_fields { template("$MSGID $(format-flat-json --scope none --key .postfix.*)\\n"); };
destination d_default_parsed { file("@DIR@/default-parsed" template(t_fields)); };
destination d_default_failed { file("@DIR@/default-failed" template("$MSGID\\n")); };
destination d_strict_parsed { file("@DIR@/strict-parsed" template(t_fields)); };
destination d_strict_failed { file("@DIR@/strict-failed" template("$MSGID\\n")); };
destination d_whole_parsed { file("@DIR@/whole-parsed" template(t_whole)); };
destination d_whole_failed { file("@DIR@/whole-failed" template("$MSGID\\n")); };
log {
  source(s_hostile);
  log { if { parser(p_default); destination(d_default_parsed); }
        else { destination(d_default_failed); }; };
  log { if { parser(p_strict); destination(d_strict_parsed); }
        else { destination(d_strict_failed); }; };
  log { if { parser(p_whole); destination(d_whole_parsed); }
        else { destination(d_whole_failed); }; };
};
"""

# log paths: whether drop-invalid(yes) fails rows with an invalid tls=
PATHS = {"default": False, "strict": True, "whole": False}

ESCAPED = re.compile(rb"\\x([0-9a-f]{2})")


def read_rows(path):
    """(label, input, expected or None) of each row of a hostile-emit file."""
    with open(path, "rb") as table:
        data = table.read()
    rows = []
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        label_len, input_len, expected_len = (int(x) for x in data[pos:end].split())
        start = end + 1
        label = data[start:start + label_len].decode()
        start += label_len
        message = data[start:start + input_len]
        start += input_len
        expected = data[start:start + expected_len] if expected_len >= 0 else None
        rows.append((label, message, expected))
        pos = start + max(expected_len, 0)
    return rows


def escape(value):
    """The canonical escape of hostile_cases.h: \\xHH outside 0x20-0x7e and \\."""
    return b"".join(bytes([c]) if 0x20 <= c < 0x7f and c != 0x5c else b"\\x%02x" % c
                    for c in value)


def through_json(value):
    """A value as $(format-flat-json) gives it back: NUL and invalid UTF-8 as \\xHH text."""
    out = bytearray()
    pos = 0
    while pos < len(value):
        try:
            out += value[pos:].decode("utf-8").encode("utf-8")
            break
        except UnicodeDecodeError as error:
            out += value[pos:pos + error.start]
            out += b"\\x%02x" % value[pos + error.start]
            pos += error.start + 1
    return bytes(out).replace(b"\x00", b"\\x00")


def pipeline_expected(expected):
    """The canonical fields the pipeline must give for a row's expected fields."""
    lines = []
    for line in expected.split(b"\n"):
        if not line:
            continue
        name, _, value = line.partition(b"=")
        raw = ESCAPED.sub(lambda m: bytes([int(m.group(1), 16)]), value)
        lines.append(name + b"=" + escape(through_json(raw)))
    return b"".join(line + b"\n" for line in sorted(lines))


def json_text(value):
    """A value of the JSON output as syslog-ng's text: true, false, or as written."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def read_parsed(path):
    """{sequence: canonical fields} of a parsed output file, and duplicates."""
    parsed = {}
    duplicates = []
    if not os.path.exists(path):
        return parsed, duplicates
    with open(path, "rb") as out:
        for line in out:
            msgid, _, document = line.rstrip(b"\n").partition(b" ")
            fields = json.loads(document, parse_float=str, parse_int=str)
            lines = []
            for key, value in fields.items():
                name = re.sub(r"^([._]?postfix|tf)\.", "", key)
                lines.append(name.encode() + b"=" + escape(json_text(value).encode("utf-8")))
            sequence = int(msgid[1:])
            if sequence in parsed:
                duplicates.append(sequence)
            parsed[sequence] = b"".join(item + b"\n" for item in sorted(lines))
    return parsed, duplicates


def read_failed(path):
    """The sequence numbers in a file of failed messages, in order."""
    failed = []
    if os.path.exists(path):
        with open(path, "rb") as out:
            failed = [int(line.strip()[1:]) for line in out if line.strip()]
    return failed


def path_check(rows, run, name, strict):
    """Failures of one log path, as text lines."""
    parsed, duplicates = read_parsed(run.path(name + "-parsed"))
    failed_list = read_failed(run.path(name + "-failed"))
    failed = set(failed_list)
    problems = ["%s: row %d came out twice" % (name, seq) for seq in duplicates]
    problems += ["%s: row %d failed twice" % (name, seq)
                 for seq in set(s for s in failed_list if failed_list.count(s) > 1)]
    for sequence, (label, _, expected) in enumerate(rows):
        want_fields = expected is not None and not (strict and b"\ntls.error=" in b"\n" + expected)
        if sequence in parsed and sequence in failed:
            problems.append("%s: %s: both parsed and failed" % (name, label))
        elif sequence not in parsed and sequence not in failed:
            problems.append("%s: %s: lost" % (name, label))
        elif want_fields and sequence not in parsed:
            problems.append("%s: %s: parser failed, fields expected" % (name, label))
        elif not want_fields and sequence in parsed:
            problems.append("%s: %s: parsed, failure expected: %s"
                            % (name, label, parsed[sequence][:200]))
        elif want_fields and parsed[sequence] != pipeline_expected(expected):
            want = pipeline_expected(expected).split(b"\n")
            got = parsed[sequence].split(b"\n")
            diff = [line[:160] for line in set(want) ^ set(got)]
            problems.append("%s: %s: fields differ: %s" % (name, label, diff[:6]))
    return problems


def main():
    """Send every row through syslog-ng on every log path of PATHS; exit status 1 on any failure."""
    arguments = argparse.ArgumentParser(description="the hostile table through syslog-ng")
    arguments.add_argument("table")
    arguments.add_argument("module_dir")
    arguments.add_argument("--syslog-ng", default="syslog-ng")
    options = arguments.parse_args()
    rows = read_rows(options.table)
    port = syslog_ng_run.free_port()
    timeout = float(os.environ.get("SYSLOG_NG_TIMEOUT", "300"))
    wrapper = shlex.split(os.environ.get("SYSLOG_NG_WRAPPER", ""))
    run = syslog_ng_run.SyslogNg(CONFIG.replace("@PORT@", str(port)), options.module_dir,
                                 wrapper=wrapper, binary=options.syslog_ng)
    try:
        run.start(port, timeout)
        syslog_ng_run.send(port, (syslog_ng_run.frame(message, sequence)
                                  for sequence, (_, message, _) in enumerate(rows)))
        outputs = [run.path(path + side) for path in PATHS for side in ("-parsed", "-failed")]
        seen = syslog_ng_run.wait_lines(outputs, len(PATHS) * len(rows), timeout)
        code = run.stop(timeout)
        problems = []
        for path, strict in PATHS.items():
            problems += path_check(rows, run, path, strict)
        if code != 0:
            problems.append("syslog-ng exited with %d" % code)
        errors = run.stderr()
    finally:
        run.cleanup()

    for problem in problems:
        print("FAIL:", problem)
    if problems and errors:
        print("syslog-ng stderr:\n" + errors[-4000:])
    print("hostile pipeline: %d rows, %d lines out of %d paths, %d problems"
          % (len(rows), seen, len(PATHS), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
