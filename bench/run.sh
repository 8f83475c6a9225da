#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - the body of `make bench`: generate the corpus, time the core and
# the syslog-ng pipelines, run the rsyslog benchmark when present, and print
# the ratios against the targets.
#
# Environment (set by `make bench`):
#   TF_BENCH_BUILDDIR             the build tree (tools, module)
#   TF_BENCH_SRCDIR               the source tree (patterns, rsyslog bench)
#   TF_BENCH_SYSLOG_NG            the syslog-ng binary
#   TF_BENCH_SYSLOG_NG_MODULEDIR  syslog-ng's own module directory
#   BENCH_QUICK                   non-empty: a short smoke run (~1 minute)
#   BENCH_LINES, BENCH_ROUNDS, BENCH_PIPELINE_LINES, BENCH_PIPELINE_ROUNDS,
#   BENCH_RSYSLOG_LINES, BENCH_RSYSLOG_ROUNDS
#                                 override the sizes below
#
# Full run: 1,000,000 corpus lines for the core (5 rounds), the first
# 300,000 of them for the syslog-ng pipelines (5 rounds), the first 100,000
# for rsyslog (3 rounds), each after a warm-up. Quick run: 100,000 lines,
# 3 core rounds, 20,000 lines and 1 round for syslog-ng and rsyslog.
#
# bench/rsyslog/run.sh, when it exists, is called as
#   run.sh CORPUS WORKDIR
# (CORPUS: the first BENCH_RSYSLOG_LINES lines) with the same environment plus
# TF_BENCH_ROUNDS; its lines "result NAME
# VALUE" join the summary, and exit status 77 means "not applicable here".
#
# Writes the summary to bench/results.txt in the build tree as well.
# Exit status: 0, or 1 when a benchmark's own checks fail (the parsers
# disagree, the core allocates, a pipeline loses or misparses lines, the
# rsyslog benchmark fails; the summary is still printed after the rsyslog
# benchmark fails). Missed
# ratio targets are reported, never a failure: the machine may be noisy.
set -euo pipefail

builddir=${TF_BENCH_BUILDDIR:?run through make bench}
srcdir=${TF_BENCH_SRCDIR:?run through make bench}
export TF_BENCH_BUILDDIR TF_BENCH_SRCDIR TF_BENCH_SYSLOG_NG TF_BENCH_SYSLOG_NG_MODULEDIR

if [ -n "${BENCH_QUICK:-}" ]; then
  core_lines=${BENCH_LINES:-100000}
  core_rounds=${BENCH_ROUNDS:-3}
  pipeline_lines=${BENCH_PIPELINE_LINES:-20000}
  pipeline_rounds=${BENCH_PIPELINE_ROUNDS:-1}
  rsyslog_lines=${BENCH_RSYSLOG_LINES:-20000}
  rsyslog_rounds=${BENCH_RSYSLOG_ROUNDS:-1}
else
  core_lines=${BENCH_LINES:-1000000}
  core_rounds=${BENCH_ROUNDS:-5}
  pipeline_lines=${BENCH_PIPELINE_LINES:-300000}
  pipeline_rounds=${BENCH_PIPELINE_ROUNDS:-5}
  rsyslog_lines=${BENCH_RSYSLOG_LINES:-100000}
  rsyslog_rounds=${BENCH_RSYSLOG_ROUNDS:-3}
fi
if [ -z "${TF_BENCH_SYSLOG_NG:-}" ] || [ ! -x "$TF_BENCH_SYSLOG_NG" ]; then
  echo "make bench: no syslog-ng binary (configure found '${TF_BENCH_SYSLOG_NG:-}'):" \
    "install syslog-ng-core and rerun configure" >&2
  exit 1
fi
if [ ! -f "$builddir/modules/tlsfeat/.libs/libtlsfeat.so" ]; then
  echo "make bench: the tlsfeat module was not built in $builddir" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tf-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results"

# result - the value of one "result NAME VALUE" line, or empty
result() {
  sed -n "s/^result $1 //p" "$results" | tail -1
}

# ratio - A / B with two decimals, or "n/a" when either is missing
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a";
    else printf "%.2f", a / b }'
}

# verdict - "met" or "MISSED" for a ratio against a minimum (or a maximum with "max")
verdict() {
  awk -v r="$1" -v t="$2" -v kind="${3:-min}" 'BEGIN { if (r == "n/a") print "n/a";
    else if ((kind == "min" && r >= t) || (kind == "max" && r <= t)) print "met";
    else print "MISSED" }'
}

echo "== corpus: $core_lines lines (seed 1)"
"$builddir/bench/tf-gen-corpus" -n "$core_lines" >"$work/corpus.log"
head -n "$pipeline_lines" "$work/corpus.log" >"$work/pipeline.log"

echo "== core: tlsfeat, PCRE2-JIT, memchr"
"$builddir/bench/tf-bench-core" -r "$core_rounds" -p "$srcdir/bench/postfix-delivery.pcre" \
  "$work/corpus.log" | tee "$work/core.out"
grep '^result ' "$work/core.out" >>"$results"

echo "== delivery lines in the pipeline corpus"
"$builddir/bench/tf-bench-core" -r 1 -o memchr -p "$srcdir/bench/postfix-delivery.pcre" \
  "$work/pipeline.log" >"$work/pipeline-core.out"
pipeline_delivery=$(sed -n 's/^result core.delivery_lines //p' "$work/pipeline-core.out")
echo "$pipeline_delivery of $pipeline_lines lines"

echo "== syslog-ng pipelines"
mkdir "$work/pipeline"
bash "$srcdir/bench/pipeline.sh" "$work/pipeline" "$work/pipeline.log" "$pipeline_delivery" \
  "$pipeline_rounds" | tee "$work/pipeline.out"
grep '^result ' "$work/pipeline.out" >>"$results"

rsyslog_note="not run (bench/rsyslog/run.sh does not exist)"
rsyslog_failed=0
if [ -f "$srcdir/bench/rsyslog/run.sh" ]; then
  echo "== rsyslog (bench/rsyslog/run.sh)"
  mkdir "$work/rsyslog"
  set +e
  head -n "$rsyslog_lines" "$work/corpus.log" >"$work/rsyslog.log"
  TF_BENCH_ROUNDS=$rsyslog_rounds bash "$srcdir/bench/rsyslog/run.sh" "$work/rsyslog.log" \
    "$work/rsyslog" | tee "$work/rsyslog.out"
  status=${PIPESTATUS[0]}
  set -e
  case $status in
  0)
    grep '^result ' "$work/rsyslog.out" >>"$results" || true
    rsyslog_note="$(grep -c '^result ' "$work/rsyslog.out" || true) results"
    ;;
  77) rsyslog_note="not applicable on this machine (exit 77)" ;;
  *)
    rsyslog_note="FAILED with status $status (see its output above)"
    rsyslog_failed=1
    ;;
  esac
fi

memchr=$(result core.memchr_ns)
tlsfeat=$(result core.tlsfeat_ns)
pcre2=$(result core.pcre2_ns)
none=$(result pipe.none.msgs)
parser=$(result pipe.tlsfeat.msgs)
regexp=$(result pipe.regexp.msgs)
kv=$(result pipe.kv.msgs)
tf_json=$(result pipe.tlsfeat-format-json.msgs)
tf_tls_json=$(result pipe.tlsfeat-tls-json.msgs)
regexp_json=$(result pipe.regexp-format-json.msgs)
kv_json=$(result pipe.kv-format-json.msgs)

speedup=$(ratio "$pcre2" "$tlsfeat")
floor=$(ratio "$tlsfeat" "$memchr")
of_none=$(ratio "$parser" "$none")
of_regexp=$(ratio "$parser" "$regexp")
json_of_regexp=$(ratio "$tf_json" "$regexp_json")
tls_json_of_regexp=$(ratio "$tf_tls_json" "$regexp_json")
cpu_of_none=$(ratio "$(result pipe.none.cpu_us)" "$(result pipe.tlsfeat.cpu_us)")
cpu_of_regexp=$(ratio "$(result pipe.regexp.cpu_us)" "$(result pipe.tlsfeat.cpu_us)")
cpu_json=$(ratio "$(result pipe.regexp-format-json.cpu_us)" \
  "$(result pipe.tlsfeat-tls-json.cpu_us)")
best_json=$(awk -v a="$json_of_regexp" -v b="$tls_json_of_regexp" 'BEGIN {
  if (b != "n/a" && (a == "n/a" || b > a)) print b; else print a }')

{
  echo "tlsfeat benchmark summary ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "core, $core_lines lines, median of $core_rounds rounds" \
    "(tlsfeat rounds spread $(result core.spread_pct)% fastest to slowest):"
  echo "  memchr floor        $memchr ns/line"
  echo "  tlsfeat             $tlsfeat ns/line"
  echo "  PCRE2-JIT regex     $pcre2 ns/line"
  echo "  allocations         $(result core.allocations) in the core over the corpus"
  echo
  echo "syslog-ng pipelines, $pipeline_lines lines, median of $pipeline_rounds rounds," \
    "startup $(result pipe.startup_ms) ms included:"
  printf '  %-28s %9s %7s %8s %11s %9s %12s\n' pipeline "msg/s" "/none" "/regexp" \
    "CPU us/msg" "CPU /none" "peak RSS kB"
  for variant in none tlsfeat tlsfeat-direct regexp kv tlsfeat-format-json tlsfeat-tls-json \
    regexp-format-json kv-format-json; do
    msgs=$(result "pipe.$variant.msgs")
    cpu=$(result "pipe.$variant.cpu_us")
    case $variant in
    *json) label=$variant against=$regexp_json ;;
    *) label="$variant, \$MESSAGE" against=$regexp ;;
    esac
    printf '  %-28s %9s %7s %8s %11s %9s %12s\n' "$label" "$msgs" "$(ratio "$msgs" "$none")" \
      "$(ratio "$msgs" "$against")" "$cpu" "$(ratio "$(result pipe.none.cpu_us)" "$cpu")" \
      "$(result "pipe.$variant.rss_kb")"
  done
  echo "  (/regexp of a JSON row is against regexp-format-json; CPU /none is the CPU time"
  echo "  per message of the no-parser run over this run's: a cost ratio that a busy"
  echo "  machine disturbs less than the wall-time ratios; tlsfeat-direct has no junction"
  echo "  and writes only the delivery lines)"
  echo
  echo "rsyslog (bench/rsyslog/run.sh, $rsyslog_lines lines, $rsyslog_rounds rounds):" \
    "$rsyslog_note"
  grep '^result rsyslog' "$results" | sed 's/^result /  /' || true
  echo
  echo "targets:"
  echo "  core >= 4x faster than PCRE2-JIT           ${speedup}x  $(verdict "$speedup" 4)"
  echo "  core within 4x of the memchr floor         ${floor}x  $(verdict "$floor" 4 max)"
  echo "  no allocation per message in the core      $(result core.allocations)  $(verdict \
    "$(result core.allocations)" 0 max)"
  echo "  parser pipeline >= 75% of no parser        $(ratio "$of_none" 0.01)%  $(verdict \
    "$of_none" 0.75)  (by CPU time $(ratio "$cpu_of_none" 0.01)%)"
  echo "  parser pipeline >= 1.3x regexp-parser      ${of_regexp}x  $(verdict "$of_regexp" 1.3)" \
    " (by CPU time ${cpu_of_regexp}x)"
  echo "  JSON pipeline >= 1.3x regexp + format-json ${best_json}x  $(verdict "$best_json" 1.3)" \
    " (format-json ${json_of_regexp}x, postfix-tls-json ${tls_json_of_regexp}x;" \
    "by CPU time postfix-tls-json ${cpu_json}x)"
  echo "  kv-parser pipeline for comparison          $(ratio "$kv" "$none") of none," \
    "$(ratio "$kv_json" "$none") with format-json"
} >"$work/summary"

echo
cat "$work/summary"
cp "$work/summary" "$builddir/bench/results.txt"
if [ $rsyslog_failed -ne 0 ]; then
  echo "make bench: bench/rsyslog/run.sh failed; the summary above lacks its results" >&2
  exit 1
fi
