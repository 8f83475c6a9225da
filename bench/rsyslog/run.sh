#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh CORPUS WORKDIR - rsyslog throughput with tlsfeat-rsyslog against
# helpers that answer without parsing (noop-helper.c beside this file):
#   noop     answers "{}": rsyslog with mmexternal and nothing to take in
#   fixed    answers one fixed reply, tlsfeat-rsyslog's reply to the first
#            corpus line, to every line: rsyslog taking in as many fields
#            as the real helper sets, with no parsing at all
#   tlsfeat  tlsfeat-rsyslog itself
#
# For each helper a private rsyslogd (Debian's package, unpacked into
# WORKDIR by tests/rsyslog/unpack-rsyslog.sh; nothing is installed) reads
# CORPUS over TCP on 127.0.0.1 and runs it through mmexternal into a file.
# One warm-up round per helper, then TF_BENCH_ROUNDS rounds (default 3)
# taking the helpers in turn; a round is timed from the first byte sent to
# the last line written. Prints the median messages per second of each and
# the ratios as "result NAME VALUE" lines:
#   result rsyslog.noop.msgs N
#   result rsyslog.fixed.msgs N
#   result rsyslog.tlsfeat.msgs N
#   result rsyslog.ratio R        tlsfeat / noop (the target is 0.90 or more)
#   result rsyslog.fixed_ratio R  fixed / noop: the most any helper that sets
#                                 these fields can reach
#   result rsyslog.parse_ratio R  tlsfeat / fixed: what parsing itself costs
#
# Environment: TF_BENCH_BUILDDIR (the build tree holding
# rsyslog/tlsfeat-rsyslog; set by `make bench`), TF_BENCH_SRCDIR, and
# TF_BENCH_ROUNDS. Exit status: 0; 77 when rsyslog cannot be unpacked here
# (no apt-get or no package lists); 1 when a round loses lines or the
# helper's counters do not add up.
set -euo pipefail
corpus=$(cd "$(dirname "${1:?usage: run.sh CORPUS WORKDIR}")" && pwd)/$(basename "$1")
work=$(mkdir -p "${2:?usage: run.sh CORPUS WORKDIR}" && cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rounds=${TF_BENCH_ROUNDS:-3}
helper=${TF_BENCH_BUILDDIR:+$TF_BENCH_BUILDDIR/rsyslog/tlsfeat-rsyslog}

if [ -z "$helper" ] || [ ! -x "$helper" ]; then
  echo "run.sh: tlsfeat-rsyslog is not built (TF_BENCH_BUILDDIR='${TF_BENCH_BUILDDIR:-}')" >&2
  exit 1
fi
if ! root=$("$top/tests/rsyslog/unpack-rsyslog.sh" "$work/rsyslog" 2>"$work/unpack.err"); then
  echo "run.sh: cannot unpack rsyslog here: $(tail -1 "$work/unpack.err")" >&2
  exit 77
fi
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -o "$work/noop-helper" "$here/noop-helper.c"
head -1 "$corpus" | python3 -c '
import json, sys
line = sys.stdin.read().rstrip("\n")
head, _, message = line.partition(": ")
print(json.dumps({"msg": " " + message, "syslogtag": head.split(" ")[-1] + ":"}))' |
  "$helper" 2>/dev/null >"$work/fixed-reply"

lines=$(wc -l <"$corpus")
echo "rsyslog: $lines lines per round, 1 warm-up and $rounds rounds per helper"

python3 - "$root" "$corpus" "$work" "$rounds" "$work/noop-helper" "$helper" "$top/tests/rsyslog" <<'EOF'
import os, signal, statistics, sys, time

sys.path.insert(0, sys.argv[7])
sys.dont_write_bytecode = True
from rsyslogd import connect_tcp, free_port, start_rsyslogd  # noqa: E402

root, corpus, work, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
helpers = {"noop": sys.argv[5], "fixed": sys.argv[5] + " " + os.path.join(work, "fixed-reply"),
           "tlsfeat": sys.argv[6]}
with open(corpus, "rb") as source:
    payload = source.read()
lines = payload.count(b"\n")
payload = b"".join(b"<22>" + line + b"\n" for line in payload.split(b"\n")[:lines])


def count_lines(path):
    try:
        with open(path, "rb") as output:
            return output.read().count(b"\n")
    except FileNotFoundError:
        return 0


def helper_messages(path):
    """Messages the helper reported in its stats file; 0 while not complete."""
    try:
        with open(path) as report:
            return sum(int(report_line.split("messages=")[1].split()[0])
                       for report_line in report if report_line.endswith("\n"))
    except (FileNotFoundError, IndexError, ValueError):
        return 0


def one_round(name, number):
    scratch = os.path.join(work, "%s-%d" % (name, number))
    os.makedirs(os.path.join(scratch, "work"))
    out, stats, port = os.path.join(scratch, "out"), os.path.join(scratch, "stats"), free_port()
    command = helpers[name] + (" --stats-file=" + stats if name == "tlsfeat" else "")
    config = os.path.join(scratch, "rsyslog.conf")
    with open(config, "w") as conf:
        conf.write('global(workDirectory="%s")\n' % os.path.join(scratch, "work"))
        conf.write('module(load="imtcp")\nmodule(load="mmexternal")\n')
        conf.write('main_queue(queue.size="1000000")\n')
        conf.write('template(name="fields" type="list") '
                   '{ property(name="$!") constant(value="\\n") }\n')
        conf.write('input(type="imtcp" address="127.0.0.1" port="%d")\n' % port)
        conf.write('action(type="mmexternal" binary="%s" interface.input="fulljson")\n' % command)
        conf.write('action(type="omfile" file="%s" template="fields")\n' % out)
    daemon, log = start_rsyslogd(root, scratch, config)
    try:
        connection = connect_tcp(port)
        started = time.monotonic()
        with connection:
            connection.sendall(payload)
        deadline = started + 600
        while count_lines(out) < lines and time.monotonic() < deadline:
            time.sleep(0.05)
        elapsed = time.monotonic() - started
        written = count_lines(out)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
        log.close()
    if written != lines:
        raise SystemExit("rsyslog %s round %d: %d of %d lines written"
                         % (name, number, written, lines))
    if name == "tlsfeat":
        # The helper appends its counters when it exits, after rsyslogd has
        # written the last line: wait until the whole report is there.
        deadline = time.monotonic() + 10
        seen = helper_messages(stats)
        while seen != lines and time.monotonic() < deadline:
            time.sleep(0.05)
            seen = helper_messages(stats)
        if seen != lines:
            raise SystemExit("rsyslog tlsfeat round %d: helper saw %d of %d lines"
                             % (number, seen, lines))
    return lines / elapsed


for name in helpers:
    one_round(name, 0)
rates = {name: [] for name in helpers}
for number in range(1, rounds + 1):
    for name in helpers:
        rates[name].append(one_round(name, number))
        print("rsyslog %-7s round %d: %.0f msgs/s" % (name, number, rates[name][-1]), flush=True)
median = {name: statistics.median(rates[name]) for name in helpers}
for name in helpers:
    print("result rsyslog.%s.msgs %.0f" % (name, median[name]))
print("result rsyslog.ratio %.2f" % (median["tlsfeat"] / median["noop"]))
print("result rsyslog.fixed_ratio %.2f" % (median["fixed"] / median["noop"]))
print("result rsyslog.parse_ratio %.2f" % (median["tlsfeat"] / median["fixed"]))
EOF
