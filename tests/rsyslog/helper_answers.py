#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""helper_answers.py - tlsfeat-rsyslog without rsyslog: lines in, exact replies out.

Three parts, each printing PASS/FAIL per label:
  rows     a table of input lines (well formed, malformed and hostile) and the
           exact reply line each must get;
  corpus   every line of the sample logs in tests/data/, wrapped as rsyslog's
           fulljson would carry an imfile line (msg = the whole line), must
           give the fields of tests/data/expected/*.jsonl, typed, or "{}";
  counters the counter line at exit, SIGUSR1, --stats-file, the silence on a
           shared stdout/stderr pipe, and option errors.

Run from the top build directory (as `make check` does); the helper is
rsyslog/tlsfeat-rsyslog there unless given as the first argument. The source
tree is found through $srcdir. Exit status 0 when every check passes.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("srcdir", os.path.join(HERE, "..", ".."))
DATA = os.path.join(SRCDIR, "tests", "data")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
from checks import check, failures  # noqa: E402
from flatten import flatten_reply, typed_fields  # noqa: E402

HELPER = sys.argv[1] if len(sys.argv) > 1 else os.path.join(".", "rsyslog", "tlsfeat-rsyslog")
def fulljson(msg, tag=None, programname=None):
    """One input line as mmexternal writes it; bytes, without the newline."""
    message = {"msg": msg}
    if tag is not None:
        message["syslogtag"] = tag
    if programname is not None:
        message["programname"] = programname
    return json.dumps(message, ensure_ascii=False).encode("utf-8")


def run(lines, args=(), trailing_newline=True):
    """Feed lines to the helper; return (reply lines, stderr text, exit status)."""
    feed = b"\n".join(lines) + (b"\n" if trailing_newline else b"")
    done = subprocess.run([HELPER, *args], input=feed, capture_output=True, timeout=120)
    return done.stdout.split(b"\n")[:-1], done.stderr.decode("utf-8", "replace"), done.returncode


SENT = (" 5C6E1A7602B: to=<user@example.org>, relay=mx.example.org[192.0.2.25]:25,"
        " delay=0.27, delays=0.01/0/0.1/0.16, tls=dane:halfdane/!requiretls:nocertmatch,"
        " dsn=2.0.0, status=sent (250 2.0.0 Ok)")
SENT_REPLY = (
    '{"$!":{"postfix":{"queue_id":"5C6E1A7602B","to":"user@example.org",'
    '"relay":{"hostname":"mx.example.org","address":"192.0.2.25","port":25},"delay":0.27,'
    '"delays":{"before_qmgr":0.01,"in_qmgr":0,"conn_setup":0.1,"transmission":0.16},'
    '"dsn":"2.0.0","status":"sent","response":"250 2.0.0 Ok","service":"smtp",'
    '"syslog_name":"postfix","tls":{"raw":"dane:halfdane/!requiretls:nocertmatch",'
    '"syntax":"final","level":"dane","status":"compliant","achieved":"halfdane",'
    '"downgraded":true,"enforcement":"relaxed","requiretls":{"status":"violation",'
    '"achieved":"nocertmatch","downgraded":true},"verdict":"violation"}}}}')
LOCAL = " 9A1B2C3D4E: to=<a@example.org>, relay=local, delay=0.01, status=sent (delivered)"


def local_reply(extra):
    return ('{"$!":{"postfix":{"queue_id":"9A1B2C3D4E","to":"a@example.org",'
            '"relay":{"hostname":"local"},"delay":0.01,"status":"sent",'
            '"response":"delivered"' + extra + "}}}")


# label, input line (bytes), exact reply, counts as malformed
ROWS = [
    ("delivery with tls and requiretls", fulljson(SENT, "postfix/smtp[10446]:", "postfix"),
     SENT_REPLY, False),
    ("program from tag without pid", fulljson(LOCAL, "postfix-out/local:", "postfix-out"),
     local_reply(',"service":"local","syslog_name":"postfix-out"'), False),
    ("programname when the tag is missing", fulljson(LOCAL, None, "postfix/submission/local"),
     local_reply(',"service":"local","syslog_name":"postfix/submission"'), False),
    ("tag that is no postfix program", fulljson(LOCAL, "mailer:", "mailer"), local_reply(""),
     False),
    ("whole syslog line as imfile reads it",
     fulljson("Dec  4 15:37:59 mx1 postfix/lmtp[7]:" + LOCAL, "", ""),
     local_reply(',"service":"lmtp","syslog_name":"postfix"'), False),
    ("only one leading space removed", fulljson("  9A1B2C3D4E: to=<a@example.org>, relay=local,"
                                                " delay=0.01, status=sent (x)"), "{}", False),
    ("invalid tls keeps raw and error",
     fulljson(" 1A2B3C: to=<a@b>, relay=none, delay=0, tls=may#/x, status=deferred (later)"),
     '{"$!":{"postfix":{"queue_id":"1A2B3C","to":"a@b","relay":{"hostname":"none"},"delay":0,'
     '"status":"deferred","response":"later","tls":{"raw":"may#/x",'
     '"error":"unexpected character \'#\' at offset 3"}}}}', False),
    ("truncated response",
     fulljson(" 1A2B3C: to=<a@b>, relay=none, delay=0, status=bounced (host said: 550 no"),
     '{"$!":{"postfix":{"queue_id":"1A2B3C","to":"a@b","relay":{"hostname":"none"},"delay":0,'
     '"status":"bounced","response":"host said: 550 no","response_truncated":true}}}', False),
    ("escaping of quotes, backslash, control and NUL from JSON escapes",
     fulljson(' 1A2B3C: to=<"a\\b\x00c"@d>, relay=none, delay=0, status=sent (t\tx\x01\x7f)'),
     '{"$!":{"postfix":{"queue_id":"1A2B3C","to":"\\"a\\\\b\\u0000c\\"@d",'
     '"relay":{"hostname":"none"},"delay":0,"status":"sent","response":"t\\tx\\u0001\\u007f"}}}',
     False),
    ("non-ASCII address kept as UTF-8",
     fulljson(" 1A2B3C: to=<j\u00fcrgen@b\u00fccher.example>, relay=none, delay=0,"
              " status=sent (ok)"),
     '{"$!":{"postfix":{"queue_id":"1A2B3C","to":"j\u00fcrgen@b\u00fccher.example",'
     '"relay":{"hostname":"none"},"delay":0,"status":"sent","response":"ok"}}}', False),
    ("queue manager expiry line",
     fulljson(" 1A2B3C: from=<s@example.org>, status=expired, returned to sender",
              "postfix/qmgr[3]:"),
     '{"$!":{"postfix":{"queue_id":"1A2B3C","from":"s@example.org","status":"expired",'
     '"service":"qmgr","syslog_name":"postfix"}}}', False),
    ("extension feature and unknown attribute nest",
     fulljson(" 1A2B3C: to=<a@b>, orig_to=<c@d>, relay=none, conn_use=2, delay=0, future_attr=xyz,"
              " tls=may?/requiretls?/foo:bar, status=sent (ok)", "postfix/smtp[1]:"),
     '{"$!":{"postfix":{"queue_id":"1A2B3C","to":"a@b","orig_to":"c@d",'
     '"relay":{"hostname":"none"},"conn_use":2,"delay":0,"status":"sent","response":"ok",'
     '"service":"smtp","syslog_name":"postfix","extra":{"future_attr":"xyz"},'
     '"tls":{"raw":"may?/requiretls?/foo:bar","syntax":"final","level":"may",'
     '"status":"undecided","requiretls":{"status":"undecided"},"foo":{"status":"compliant",'
     '"achieved":"bar","downgraded":true,"enforcement":"relaxed"},"verdict":"undecided",'
     '"anomaly":"unknown extension feature"}}}}', False),
    ("draft syntax and IPv6 relay",
     fulljson(" 1A2B3C: to=<a@b>, relay=h[2001:db8::1]:25, delay=0,"
              " tls=(disabled:may)/!(requiretls), status=sent (ok)"),
     '{"$!":{"postfix":{"queue_id":"1A2B3C","to":"a@b","relay":{"hostname":"h",'
     '"address":"2001:db8::1","port":25},"delay":0,"status":"sent","response":"ok",'
     '"tls":{"raw":"(disabled:may)/!(requiretls)","syntax":"draft","level":"may",'
     '"status":"compliant","achieved":"none","downgraded":true,"enforcement":"relaxed",'
     '"requiretls":{"status":"violation","downgraded":false,"enforcement":"relaxed"},'
     '"verdict":"violation"}}}}', False),
    ("other postfix message", fulljson(" connect from unknown[192.0.2.1]", "postfix/smtpd[1]:"),
     "{}", False),
    ("non-postfix message", fulljson(" Accepted publickey for root", "sshd[22]:"), "{}", False),
    ("empty msg", fulljson(""), "{}", False),
    ("not JSON", b"Dec  4 15:37:59 mx1 postfix/smtp[1]: no json", "{}", True),
    ("empty line", b"", "{}", True),
    ("JSON without msg", b'{"syslogtag":"postfix/smtp[1]:"}', "{}", True),
    ("msg not a string", b'{"msg":42}', "{}", True),
    ("msg null", b'{"msg":null}', "{}", True),
    ("JSON array", b'["msg"]', "{}", True),
    ("trailing bytes after the object", fulljson(SENT) + b" x", "{}", True),
    ("unterminated object", b'{"msg":" 1A2B3C: to=<a@b>', "{}", True),
    ("raw NUL byte", fulljson(SENT).replace(b"5C6E", b"5C\x006E"), "{}", True),
    ("invalid UTF-8 in msg", fulljson(SENT).replace(b"user@", b"us\xff\xfer@"), "{}", True),
    ("overlong UTF-8 in msg", fulljson(SENT).replace(b"user@", b"us\xc0\xafr@"), "{}", True),
    ("invalid UTF-8 in tag", fulljson(SENT, "postfix/smtp[1]:").replace(b"smtp[", b"sm\xfftp["),
     "{}", True),
    ("deep nesting", b'{"a":' * 200 + b"1" + b"}" * 200, "{}", True),
    ("raw control byte in a JSON string (libfastjson accepts it)", b'{"msg":" a\x01b"}', "{}",
     False),
]


def check_rows():
    lines = [row[1] for row in ROWS]
    replies, err, status = run(lines)
    check("rows: exit status 0", status == 0, "status %d" % status)
    check("rows: one reply per line", len(replies) == len(lines),
          "%d replies for %d lines" % (len(replies), len(lines)))
    for (label, _, wanted, _), got in zip(ROWS, replies):
        text = got.decode("utf-8", "replace")
        check("row: " + label, text == wanted, "got %r want %r" % (text, wanted))
        if text != "{}":
            check("row is valid JSON: " + label, _is_json(got), text)

    malformed = sum(1 for row in ROWS if row[3])
    parsed = sum(1 for row in ROWS if row[2] != "{}")
    invalid = sum(1 for row in ROWS if '"error":' in row[2])
    wanted = "messages=%d parsed=%d invalid_tls=%d malformed=%d" % (len(ROWS), parsed, invalid,
                                                                   malformed)
    check("rows: counters at exit", wanted in err, "stderr %r want %r" % (err, wanted))


def _is_json(raw):
    try:
        json.loads(raw)
        return True
    except ValueError:
        return False


def check_limits():
    long_line = fulljson(" " + "x" * 5000)
    replies, err, _ = run([long_line, fulljson(SENT, "postfix/smtp[1]:")], ["--max-line=1024"])
    check("line over --max-line answered {}", replies[:1] == [b"{}"], repr(replies[:1]))
    check("line after a skipped one parsed", replies[1:] == [SENT_REPLY.encode()],
          repr(replies[1:]))
    check("skipped line counted malformed", "messages=2 parsed=1 invalid_tls=0 malformed=1" in err,
          err)

    huge = fulljson(SENT[:-1] + " " + "y" * (2 << 20) + ")", "postfix/smtp[1]:")
    replies, _, _ = run([huge])
    parsed = json.loads(replies[0]) if replies else {}
    response = parsed.get("$!", {}).get("postfix", {}).get("response", "")
    check("2 MiB line parsed whole", response.endswith("y" * 100) and len(response) > 2 << 20,
          "response of %d bytes" % len(response))

    replies, _, _ = run([fulljson(LOCAL)], trailing_newline=False)
    check("last line without newline answered", replies == [local_reply("").encode()],
          repr(replies))

    replies, err, _ = run([b"\xff\xfe\x00" * 1000, b"\n" * 3, b"{" * 100000])
    check("binary garbage answered line by line", replies == [b"{}"] * 6, repr(replies))
    check("binary garbage counted", "messages=6 parsed=0 invalid_tls=0 malformed=6" in err, err)


def check_corpus():
    for name in sorted(os.listdir(os.path.join(DATA, "expected"))):
        source = os.path.join(DATA, name[:-len(".jsonl")])
        with open(os.path.join(DATA, "expected", name), encoding="utf-8") as expected_file:
            expected = {record["line"]: record for record in map(json.loads, expected_file)}
        with open(source, "rb") as log:
            raw_lines = log.read().split(b"\n")
        if raw_lines and raw_lines[-1] == b"":
            raw_lines.pop()

        lines = [json.dumps({"msg": raw.decode("utf-8"), "syslogtag": "", "programname": ""},
                            ensure_ascii=False).encode("utf-8") for raw in raw_lines]
        replies, err, _ = run(lines)
        check("corpus %s: one reply per line" % name, len(replies) == len(lines),
              "%d replies for %d lines" % (len(replies), len(lines)))

        mismatches = []
        for number, reply in enumerate(replies, start=1):
            got = flatten_reply(json.loads(reply))
            want = typed_fields(expected[number]["fields"]) if number in expected else None
            if got != want:
                mismatches.append("line %d: got %r want %r" % (number, got, want))
        check("corpus %s: %d delivery lines match field by field" % (name, len(expected)),
              not mismatches, "; ".join(mismatches[:3]) + " (%d lines)" % len(mismatches))
        wanted = "messages=%d parsed=%d" % (len(lines), len(expected))
        check("corpus %s: counters" % name, wanted in err, "stderr %r want %r" % (err, wanted))


def _read_line(stream):
    return stream.readline().decode("utf-8", "replace")


def check_signals():
    with tempfile.TemporaryDirectory() as scratch:
        stats = os.path.join(scratch, "stats")
        helper = subprocess.Popen([HELPER, "--stats-file=" + stats], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        helper.stdin.write(fulljson(SENT, "postfix/smtp[1]:") + b"\n")
        helper.stdin.flush()
        check("signal: reply before SIGUSR1", _read_line(helper.stdout) == SENT_REPLY + "\n")
        helper.send_signal(signal.SIGUSR1)
        report = _read_line(helper.stderr)
        wanted = "tlsfeat-rsyslog[%d]: messages=1 parsed=1 invalid_tls=0 malformed=0\n" % helper.pid
        check("signal: SIGUSR1 counters on stderr", report == wanted, repr(report))
        helper.stdin.write(b"junk\n")
        helper.stdin.flush()
        check("signal: serving after SIGUSR1", _read_line(helper.stdout) == "{}\n")
        helper.send_signal(signal.SIGTERM)
        status = helper.wait(timeout=60)
        rest = helper.stderr.read().decode()
        check("signal: SIGTERM exits 0", status == 0, "status %d" % status)
        check("signal: counters at SIGTERM",
              "messages=2 parsed=1 invalid_tls=0 malformed=1" in rest, repr(rest))
        helper.stdin.close()
        helper.stdout.close()
        helper.stderr.close()
        with open(stats, encoding="utf-8") as stats_file:
            recorded = stats_file.read().splitlines()
        check("signal: stats file has both reports", recorded == [
            wanted.strip(),
            "tlsfeat-rsyslog[%d]: messages=2 parsed=1 invalid_tls=0 malformed=1" % helper.pid,
        ], repr(recorded))

        # Under mmexternal stderr is the reply pipe: counters must not go there.
        shared = subprocess.Popen([HELPER, "--stats-file=" + stats], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        shared.stdin.write(b"junk\n")
        shared.stdin.flush()
        replies = [_read_line(shared.stdout).rstrip("\n")]
        shared.send_signal(signal.SIGUSR1)
        shared.stdin.write(fulljson(LOCAL) + b"\n")
        shared.stdin.close()
        replies += shared.stdout.read().decode().splitlines()
        shared.wait(timeout=60)
        shared.stdout.close()
        check("shared pipe: replies only, no counters",
              replies == ["{}", local_reply("")], repr(replies))


def check_options():
    for args, wanted in [
        (["--max-line=12"], "option --max-line: value '12' is not a number of bytes"),
        (["--max-line=1k"], "option --max-line: value '1k' is not a number of bytes"),
        (["--stats-file="], "option --stats-file: the path is empty"),
        (["extra"], "unexpected argument 'extra'"),
    ]:
        done = subprocess.run([HELPER, *args], input=b"", capture_output=True, timeout=60)
        err = done.stderr.decode()
        check("option error %s" % " ".join(args), done.returncode == 2 and wanted in err,
              "status %d stderr %r" % (done.returncode, err))
    done = subprocess.run([HELPER, "--version"], capture_output=True, timeout=60)
    check("--version", done.returncode == 0 and done.stdout.startswith(b"tlsfeat-rsyslog "),
          repr(done.stdout))


def main():
    check_rows()
    check_limits()
    check_corpus()
    check_signals()
    check_options()
    print("%d failed" % failures())
    return 1 if failures() else 0


if __name__ == "__main__":
    sys.exit(main())
