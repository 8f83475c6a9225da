#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""noloss.py HOSTILE_FILE MODULE_DIR [COUNT] - no message lost or duplicated.

Sends COUNT (default 200,000) mixed messages over one loopback TCP
connection (syslog() source, RFC 5424, octet counting) to a private
syslog-ng whose log path runs postfix-tls-parser() in an if/else, with
flags(flow-control), log-iw-size() on the source and log-fifo-size() on the
destination. The destination is a network() connection to a collector in
this script on another loopback port. Every message carries its sequence
number as MSGID and comes out as "MSGID CLASS": parsed, flagged (parsed with
tls.error) or failed. The mix: valid delivery lines, delivery lines with an
invalid tls=, non-Postfix messages, and the hostile table's rows of at most
4 KiB (HOSTILE_FILE, written by tests/hostile/hostile-emit) with their known
outcome.

Two runs: "steady", then "reload", where the destination has
disk-buffer(reliable(yes)) and syslog-ng gets SIGHUP (a configuration
reload) three times while the stream is being sent; around each reload the
collector (small socket buffers on both sides) stops reading for a second,
so the disk-buffer holds messages
across the reload (checked from syslog-ng's own "state loaded" lines). Each run checks that
exactly COUNT messages came out, each sequence number once, each in its
class, and prints the counts per class and the rate. Exits 1 on any loss,
duplicate or misclassification. Every wait is bounded (NOLOSS_TIMEOUT,
default 240 s).
"""
import os
import re
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hostile"))
import pipeline  # noqa: E402
import syslog_ng_run  # noqa: E402

CONFIG = """@version: 3.38
options { log-msg-size(65536); stats-freq(0); mark-freq(0); };
source s_noloss {
  syslog(ip(127.0.0.1) port(@PORT@) transport(tcp) log-msg-size(65536)
         log-iw-size(20000) max-connections(2) keep-alive(yes));
};
parser p_tlsfeat { postfix-tls-parser(); };
destination d_collector {
  network("127.0.0.1" port(@COLLECTOR@) transport(tcp) log-fifo-size(40000) so-sndbuf(4096)
          template("$MSGID ${noloss.class}\\n") @BUFFER@);
};
log {
  source(s_noloss);
  if {
    parser(p_tlsfeat);
    rewrite { set("$(if ('${.postfix.tls.error}' ne '') flagged parsed)" value("noloss.class")); };
  } else {
    rewrite { set("failed" value("noloss.class")); };
  };
  destination(d_collector);
  flags(flow-control);
};
"""

DISK_BUFFER = """disk-buffer(reliable(yes) dir("@DIR@") disk-buf-size(268435456)
                      mem-buf-size(16777216))"""

VALID_TLS = [b"none", b"may", b"may?", b"may:none", b"dane", b"dane:halfdane", b"dane?",
             b"halfdane:encrypt", b"dane/!requiretls:nocertmatch", b"may/requiretls:none",
             b"(disabled:may)", b"(may:none)/(requiretls)?", b"!verify/!(requiretls)", b"!may",
             b"unknown?", b"secure/requiretls"]
INVALID_TLS = [b"", b"dane/", b"//", b"(may", b"may)", b"!may?", b"dane/dane", b"DANE",
               b"may/status", b"a/b/c/d/e/f/g/h/i", b"da\x00ne", b"dan\xc3"]
OTHER = [(b"sshd", b"Accepted publickey for root from 192.0.2.7 port 52144 ssh2"),
         (b"postfix/smtp", b"Trusted TLS connection established to mx.example.net[192.0.2.1]:25"),
         (b"postfix/qmgr", b"ABC123: from=<a@example.org>, size=1234, nrcpt=1 (queue active)"),
         (b"kernel", b"\xff\xfe binary \x00 noise")]


def delivery(sequence, tls):
    """The body of a valid delivery line for sequence, with the given tls= value."""
    return (b"%X: to=<user%d@example.org>, relay=mx%d.example.net[192.0.2.%d]:25, "
            b"delay=0.%d, delays=0.01/0/0.1/0.2, tls=%s, dsn=2.0.0, "
            b"status=sent (250 2.0.0 Ok: queued as Q%d)"
            % (0xA0000 + sequence, sequence, sequence % 7, sequence % 250, sequence % 10, tls,
               sequence))


def message_mix(rows, count):
    """[(program, body, class)] of count messages, the same on every run."""
    hostile = []
    for _, body, expected in rows:
        if len(body) > 4096:
            continue
        if expected is None:
            hostile.append((b"postfix/smtp", body, "failed"))
        elif b"\ntls.error=" in b"\n" + expected:
            hostile.append((b"postfix/smtp", body, "flagged"))
        else:
            hostile.append((b"postfix/smtp", body, "parsed"))
    mix = []
    for sequence in range(count):
        kind = sequence % 10
        if kind < 5:
            mix.append((b"postfix/smtp", delivery(sequence, VALID_TLS[sequence % len(VALID_TLS)]),
                        "parsed"))
        elif kind < 7:
            tls = INVALID_TLS[sequence % len(INVALID_TLS)]
            mix.append((b"postfix/smtp", delivery(sequence, tls), "flagged"))
        elif kind < 9:
            program, body = OTHER[sequence % len(OTHER)]
            mix.append((program, body, "failed"))
        else:
            mix.append(hostile[sequence // 10 % len(hostile)])
    return mix


class Collector:
    """A loopback TCP server that records every "MSGID CLASS" line it gets."""

    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.server.bind((syslog_ng_run.LOOPBACK, 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.lines = []
        self.lock = threading.Lock()
        self.stopping = False
        self.reading = threading.Event()
        self.reading.set()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        """Accept connections until closed, one reading thread each."""
        while not self.stopping:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection):
        """Collect the complete lines of one connection; waits while reading is paused."""
        pending = b""
        with connection:
            while True:
                self.reading.wait()
                block = connection.recv(1 << 16)
                if not block:
                    return
                pending += block
                *complete, pending = pending.split(b"\n")
                with self.lock:
                    self.lines += complete

    def count(self):
        """The number of lines collected so far."""
        with self.lock:
            return len(self.lines)

    def close(self):
        """Stop accepting connections."""
        self.stopping = True
        self.server.close()


class Run:
    """One run: its name, reloads, and whether the collector stalls at each reload."""

    def __init__(self, name, reloads, stalled):
        self.name = name
        self.reloads = reloads
        self.stalled = stalled


def stream(run, mix, module_dir, timeout):
    """Send the mix through syslog-ng; returns (collector, stderr, exit code, seconds)."""
    collector = Collector()
    port = syslog_ng_run.free_port()
    config = (CONFIG.replace("@PORT@", str(port)).replace("@COLLECTOR@", str(collector.port))
              .replace("@BUFFER@", DISK_BUFFER if run.reloads else ""))
    syslog_ng = syslog_ng_run.SyslogNg(config, module_dir)
    frames = [syslog_ng_run.frame(body, sequence, program)
              for sequence, (program, body, _) in enumerate(mix)]
    try:
        syslog_ng.start(port, timeout)
        started = time.monotonic()
        sender = threading.Thread(target=syslog_ng_run.send, args=(port, frames, 1 << 16))
        sender.start()
        for step in range(run.reloads):
            target = len(mix) * (step + 1) // (run.reloads + 1)
            deadline = time.monotonic() + timeout
            while collector.count() < target and time.monotonic() < deadline:
                time.sleep(0.01)
            if run.stalled:
                collector.reading.clear()
                time.sleep(0.5)
            syslog_ng.reload()
            time.sleep(0.5)
            collector.reading.set()
        sender.join(timeout)
        deadline = time.monotonic() + timeout
        while collector.count() < len(mix) and time.monotonic() < deadline:
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        time.sleep(1)
        code = syslog_ng.stop(timeout)
    finally:
        errors = syslog_ng.stderr()
        syslog_ng.cleanup()
        collector.close()
    return collector, errors, code, elapsed


def resends(lines):
    """Lines that repeat the line just before them: a message sent again at once."""
    return [index for index in range(1, len(lines)) if lines[index] == lines[index - 1]]


def outcome_check(run, mix, lines):
    """Problems with what came out, and the count of messages per class."""
    problems = []
    allowed = set(resends(lines)[:run.reloads])
    seen = {}
    for index, line in enumerate(lines):
        msgid, _, klass = line.decode("ascii", "replace").partition(" ")
        sequence = int(msgid[1:]) if msgid[1:].isdigit() else -1
        if sequence in seen and index not in allowed:
            problems.append("%s: message %d came out twice" % (run.name, sequence))
        seen[sequence] = klass
    lost = [sequence for sequence in range(len(mix)) if sequence not in seen]
    if lost or -1 in seen:
        problems.append("%s: %d messages lost, first %s; malformed output: %s"
                        % (run.name, len(lost), lost[:10], -1 in seen))
    wrong = [sequence for sequence in range(len(mix))
             if sequence in seen and seen[sequence] != mix[sequence][2]]
    for sequence in wrong[:10]:
        problems.append("%s: message %d (%r) came out %s, expected %s"
                        % (run.name, sequence, mix[sequence][1][:120], seen[sequence],
                           mix[sequence][2]))
    counts = {klass: sum(1 for value in seen.values() if value == klass)
              for klass in ("parsed", "flagged", "failed")}
    return problems, counts, len(allowed)


def reload_check(run, errors):
    """Problems with the reloads, and the disk-buffer lengths syslog-ng reported."""
    problems = []
    reloads = errors.count("Configuration reload finished")
    if reloads != run.reloads:
        problems.append("%s: %d reloads finished, %d sent" % (run.name, reloads, run.reloads))
    held = re.findall(r"disk-buffer state loaded;.*number_of_messages='(\d+)'", errors)
    if run.stalled and not any(int(number) > 0 for number in held):
        problems.append("%s: the disk-buffer held no message at any reload" % run.name)
    return problems, held


def run_once(run, mix, module_dir, timeout):
    """Problems of one run (a list of text lines) and its summary line."""
    collector, errors, code, elapsed = stream(run, mix, module_dir, timeout)
    problems, counts, resent = outcome_check(run, mix, collector.lines)
    reload_problems, held = reload_check(run, errors)
    problems += reload_problems
    if code != 0:
        problems.append("%s: syslog-ng exited with %d" % (run.name, code))
    if problems and errors:
        problems.append("syslog-ng stderr:\n" + errors[-3000:])
    summary = ("%s: %d in, %d out (parsed %d, flagged %d, failed %d, resent at reload %d), "
               "%d reloads (disk-buffer held %s), %.1f s, %.0f msg/s"
               % (run.name, len(mix), len(collector.lines), counts["parsed"], counts["flagged"],
                  counts["failed"], resent, run.reloads, "/".join(held) or "-", elapsed,
                  len(mix) / elapsed))
    return problems, summary


RUNS = [Run("steady", 0, False), Run("reload", 3, True)]


def main():
    """Run every run of RUNS on the mix; exit status 1 when any lost or changed a message."""
    rows = pipeline.read_rows(sys.argv[1])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200000
    timeout = float(os.environ.get("NOLOSS_TIMEOUT", "240"))
    mix = message_mix(rows, count)
    problems = []
    for run in RUNS:
        run_problems, summary = run_once(run, mix, sys.argv[2], timeout)
        print(summary)
        problems += run_problems
    for problem in problems:
        print("FAIL:", problem)
    print("no-loss: %d runs, %d problems" % (len(RUNS), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
