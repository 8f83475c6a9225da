#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pipeline.sh - time real syslog-ng pipelines with and without the parser
#
# usage: pipeline.sh WORKDIR CORPUS DELIVERY_LINES ROUNDS
#
# Environment (set by bench/run.sh): TF_BENCH_BUILDDIR, TF_BENCH_SRCDIR,
# TF_BENCH_SYSLOG_NG (the syslog-ng binary), TF_BENCH_SYSLOG_NG_MODULEDIR
# (syslog-ng's own module directory).
#
# Each variant is one syslog-ng process in the foreground that reads CORPUS
# from a stdin() pipe (it stops at the end of input), optionally parses, and
# writes every message to a file, with flow control and large windows so
# nothing is dropped. Variants, each with a plain "$MESSAGE" template
# (parsing cost) and with JSON output of the parsed fields:
#   none                no parser
#   tlsfeat             postfix-tls-parser(); JSON by format-json and by the
#                       module's $(postfix-tls-json)
#   tlsfeat-direct      postfix-tls-parser() straight in the log path, no
#                       junction: the lines it rejects are dropped, so it
#                       writes only the delivery lines ($MESSAGE only)
#   regexp              regexp-parser() with bench/postfix-delivery.pcre
#   kv                  kv-parser()
# A parser variant runs the parser in a junction whose second channel takes
# the lines it rejects, so every variant writes every line (the junction
# makes syslog-ng clone a message before a parser writes to it; that cost
# is part of every parser variant). Windows: log-iw-size(10000) and
# log-fifo-size(10000) with flow control: enough to keep every thread busy,
# small enough that peak memory shows the cost per message, not a queue of
# a hundred thousand parsed messages.
#
# One warm-up round, then ROUNDS rounds; each round runs every variant once,
# so machine noise spreads over all of them. The time of a run is from the
# start of syslog-ng to its exit (tf-bench-exec), startup included; an empty
# run is timed too and reported as the startup cost. The CPU time of the
# process (user + system, all threads) is reported beside it: on a busy
# machine it is the steadier measure of cost per message. Peak memory is the
# process's VmHWM. Checks: every run exits 0 and writes one line per input
# line (tlsfeat-direct: one per delivery line); the JSON runs of tlsfeat and
# regexp write the queue_id field on exactly DELIVERY_LINES lines (the count
# the core benchmark agreed on).
#
# Prints a table, then "result pipe.VARIANT.msgs N" (messages per second of
# wall time), "result pipe.VARIANT.cpu_us N" (CPU microseconds per message),
# "result pipe.VARIANT.rss_kb N" and "result pipe.startup_ms N" lines. Exit status:
# 0, or 1 when a check fails.
set -euo pipefail

work=${1:?usage: pipeline.sh WORKDIR CORPUS DELIVERY_LINES ROUNDS}
corpus=${2:?}
delivery_lines=${3:?}
rounds=${4:?}
builddir=${TF_BENCH_BUILDDIR:?}
srcdir=${TF_BENCH_SRCDIR:?}
syslog_ng=${TF_BENCH_SYSLOG_NG:?}
module_path="$builddir/modules/tlsfeat/.libs:${TF_BENCH_SYSLOG_NG_MODULEDIR:?}"
exec_tool="$builddir/bench/tf-bench-exec"
lines=$(wc -l <"$corpus")

variants="none tlsfeat tlsfeat-direct regexp kv tlsfeat-format-json tlsfeat-tls-json
  regexp-format-json kv-format-json"

# regexp_patterns - the patterns of the file (continuation lines joined) as
# single-quoted syslog-ng strings
regexp_patterns() {
  awk '/^#/ || /^[ \t]*$/ { next }
    /^[ \t]/ { sub(/^[ \t]+/, ""); pattern = pattern $0; next }
    { if (pattern != "") print pattern; pattern = $0 }
    END { if (pattern != "") print pattern }' "$srcdir/bench/postfix-delivery.pcre" |
    sed "s/.*/'&'/" | tr '\n' ' '
}

# variant_parser - the parser statement of a variant, empty for none
variant_parser() {
  case $1 in
  none) ;;
  tlsfeat*) echo 'postfix-tls-parser(prefix(".postfix."));' ;;
  regexp*) echo "regexp-parser(patterns($(regexp_patterns)) prefix(\".postfix.\"));" ;;
  kv*) echo 'kv-parser(prefix(".kv."));' ;;
  esac
}

# variant_template - the output template of a variant
variant_template() {
  case $1 in
  *-tls-json) echo '$(postfix-tls-json --prefix .postfix.)\n' ;;
  kv-format-json) echo '$(format-json --scope none --key .kv.*)\n' ;;
  *-format-json) echo '$(format-json --scope none --key .postfix.*)\n' ;;
  *) echo '$MESSAGE\n' ;;
  esac
}

# config_write - the syslog-ng configuration of one variant
config_write() {
  local variant=$1 output=$2 parser path
  parser=$(variant_parser "$variant")
  if [ "$variant" = tlsfeat-direct ]; then
    path="parser(p_bench);"
  elif [ -n "$parser" ]; then
    path="junction { channel { parser(p_bench); flags(final); }; channel { flags(final); }; };"
  else
    path=""
  fi

  cat <<EOF
@version: 3.38
options { stats-level(0); stats-freq(0); keep-hostname(yes); log-fifo-size(10000);
  flush-lines(1000); mark-freq(0); };
source s_bench { stdin(log-iw-size(10000) log-fetch-limit(1000)); };
EOF
  # The parser comes first: it loads the module whose template function
  # the destination may use.
  if [ -n "$parser" ]; then
    echo "parser p_bench { $parser };"
  fi
  echo "destination d_bench { file(\"$output\" template(\"$(variant_template "$variant")\")); };"
  echo "log { source(s_bench); $path destination(d_bench); flags(flow-control); };"
}

# variant_run - run one variant on an input; prints "elapsed_ns cpu_ns maxrss_kb"
variant_run() {
  local variant=$1 input=$2 dir="$work/$1"
  mkdir -p "$dir"
  rm -f "$dir/out" "$dir/persist"
  config_write "$variant" "$dir/out" >"$dir/syslog-ng.conf"

  if ! "$exec_tool" -t 600 -o "$dir/report" -- "$syslog_ng" -F --no-caps \
    --module-path="$module_path" -f "$dir/syslog-ng.conf" -R "$dir/persist" \
    -p "$dir/pid" -c "$dir/ctl" <"$input" >"$dir/log" 2>&1; then
    echo "pipeline: variant $variant: syslog-ng failed; its output:" >&2
    cat "$dir/log" "$dir/report" >&2
    return 1
  fi
  sed -n 's/^exec elapsed_ns=\([0-9]*\) cpu_ns=\([0-9]*\) maxrss_kb=\([0-9]*\) .*/\1 \2 \3/p' \
    "$dir/report"
}

# output_check - every line left; JSON runs of the parsers found every delivery line
output_check() {
  local variant=$1 dir="$work/$1" written found expected=$lines
  [ "$variant" = tlsfeat-direct ] && expected=$delivery_lines
  written=$(wc -l <"$dir/out")
  if [ "$written" -ne "$expected" ]; then
    echo "pipeline: variant $variant wrote $written lines, expected $expected" >&2
    return 1
  fi
  case $variant in
  tlsfeat-*json | regexp-*json)
    found=$(grep -c '"queue_id"' "$dir/out" || true)
    if [ "$found" -ne "$delivery_lines" ]; then
      echo "pipeline: variant $variant parsed $found delivery lines, expected $delivery_lines" >&2
      return 1
    fi
    ;;
  kv-format-json)
    found=$(grep -c '"relay"' "$dir/out" || true)
    if [ "$found" -eq 0 ]; then
      echo "pipeline: variant kv-format-json parsed no relay= attribute" >&2
      return 1
    fi
    ;;
  esac
}

# median - the median of the numbers on standard input
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The corpus reaches syslog-ng through a FIFO: stdin() needs a pipe (a
# regular file cannot be polled).
fifo="$work/stdin.fifo"
mkfifo "$fifo"

# fed_run - variant_run with the input written into the FIFO by cat
fed_run() {
  local variant=$1 input=$2 feeder result
  cat "$input" >"$fifo" &
  feeder=$!
  result=$(variant_run "$variant" "$fifo") || {
    kill "$feeder" 2>/dev/null || true
    wait "$feeder" 2>/dev/null || true
    return 1
  }
  wait "$feeder"
  echo "$result"
}

: >"$work/empty"
for variant in $variants; do
  fed_run "$variant" "$corpus" >/dev/null
  output_check "$variant"
done
for round in $(seq 1 "$rounds"); do
  fed_run none "$work/empty" | awk '{ print $1 }' >>"$work/startup.ns"
  for variant in $variants; do
    fed_run "$variant" "$corpus" >>"$work/$variant.runs"
    output_check "$variant"
  done
done

startup_ms=$(median <"$work/startup.ns" | awk '{ printf "%.0f", $1 / 1e6 }')
version=$("$syslog_ng" --version | sed -n '1s/^syslog-ng [0-9]* (\(.*\))/\1/p')
echo "pipeline: syslog-ng $version, $lines lines, one warm-up round and $rounds rounds, medians"
echo "  startup of an empty run: $startup_ms ms (included in every time below)"
printf '  %-22s %10s %9s %12s %12s\n' variant "msg/s" "seconds" "CPU us/msg" "peak RSS kB"
for variant in $variants; do
  ns=$(awk '{ print $1 }' "$work/$variant.runs" | median)
  cpu=$(awk '{ print $2 }' "$work/$variant.runs" | median)
  rss=$(awk '{ print $3 }' "$work/$variant.runs" | median)
  msgs=$(awk -v n="$lines" -v ns="$ns" 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
  cpu_us=$(awk -v n="$lines" -v ns="$cpu" 'BEGIN { printf "%.2f", ns / 1e3 / n }')
  printf '  %-22s %10s %9.2f %12s %12s\n' "$variant" "$msgs" \
    "$(awk -v ns="$ns" 'BEGIN { print ns / 1e9 }')" "$cpu_us" "$rss"
  {
    echo "result pipe.$variant.msgs $msgs"
    echo "result pipe.$variant.cpu_us $cpu_us"
    echo "result pipe.$variant.rss_kb $rss"
  } >>"$work/results"
done
echo "result pipe.startup_ms $startup_ms" >>"$work/results"
echo "result pipe.lines $lines" >>"$work/results"
cat "$work/results"
