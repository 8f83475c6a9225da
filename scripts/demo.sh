#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# demo.sh - see tlsfeat work: install what is missing, build, run a real
# syslog-ng with the tlsfeat module over a Postfix log, write the parsed
# delivery records as typed JSON, and print a one-screen summary.
#
# usage: scripts/demo.sh [-o FILE | -o -] [-a] [LOG]
#   LOG      Postfix log to parse (default: tests/data/postfix-3.11.6.maillog)
#   -o FILE  write the JSON records (one per delivery line) to FILE; "-"
#            writes them to stdout before the summary. Default: a new file
#            in a fresh temporary directory, named at the end.
#   -a       list every violation, not only the first ones.
# Runs from any directory, as root or as a user with sudo (for installing
# packages). Exits non-zero when a step fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  echo "usage: $0 [-o FILE | -o -] [-a] [LOG]" >&2
  exit 2
}

output=
all=
while getopts "o:ah" opt; do
  case $opt in
  o) output=$OPTARG ;;
  a) all=--all ;;
  *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
log=${1:-$top/tests/data/postfix-3.11.6.maillog}
[ -r "$log" ] || {
  echo "demo: cannot read the log '$log'" >&2
  exit 1
}
log=$(cd "$(dirname "$log")" && pwd)/$(basename "$log")

echo "demo: installing missing packages and building (this may take a while)" >&2
"$top/scripts/install-deps.sh" build scanner module rsyslog
"$top/scripts/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$output" ]; then
  output=$(mktemp -d -t tlsfeat-demo.XXXXXX)/postfix-tls.jsonl
fi
records=$work/records.jsonl

syslog_ng=$(PATH=$PATH:/usr/sbin:/sbin command -v syslog-ng) || {
  echo "demo: syslog-ng is not installed" >&2
  exit 1
}
module_path=$top/modules/tlsfeat/.libs:$(pkg-config --variable=moduledir syslog-ng)

cat >"$work/syslog-ng.conf" <<CONF
@version: 3.38
# Whole lines from stdin; postfix-tls-parser() splits off the syslog header
# itself (whole-line(auto)). Lines that are not delivery lines fail the
# parser and leave this log path.
source s_maillog { stdin(flags(no-parse)); };
destination d_json {
    file("$records"
         template("\$(format-json --no-cast --scope none --key .postfix.* --shift-levels 2)\n"));
};
log { source(s_maillog); parser { postfix-tls-parser(); }; destination(d_json); };
CONF

# stdin() must be a pipe; it stops syslog-ng at the end of the input, after
# the file destination is flushed.
if ! cat "$log" | "$syslog_ng" -F --no-caps -f "$work/syslog-ng.conf" \
  --persist-file "$work/syslog-ng.persist" --pidfile "$work/syslog-ng.pid" \
  --control "$work/syslog-ng.ctl" --module-path="$module_path" 2>"$work/stderr"; then
  echo "demo: syslog-ng failed:" >&2
  cat "$work/stderr" >&2
  exit 1
fi
touch "$records"

if [ "$output" = - ]; then
  cat "$records"
else
  cp "$records" "$output"
fi
python3 "$top/scripts/demo-summary.py" --log "$log" $all "$records"
[ "$output" = - ] || echo "JSON records: $output"
