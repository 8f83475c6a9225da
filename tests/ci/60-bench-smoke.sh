#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 60-bench-smoke.sh - prove that `make bench` works: build the dist tarball
# (tests/packaging/make-dist.sh), configure and build it out of tree in a
# mktemp -d work directory, run `make bench BENCH_QUICK=1`, and check what it
# printed.
#
# Fails when the harness breaks or its results are wrong: make bench exits
# non-zero (the core benchmark's parsers disagree on a line or a field, the
# core allocates, a syslog-ng pipeline loses lines or parses a different
# number of delivery lines than the core), or a timing or memory figure is
# missing or zero. Never fails on a ratio: the machine may be busy.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "60-bench-smoke: dist tarball"
tarball=$("$top/tests/packaging/make-dist.sh" "$work" 2>"$work/dist.log") || {
  tail -20 "$work/dist.log"
  echo "60-bench-smoke: make-dist.sh failed" >&2
  exit 1
}
tar -C "$work" -xzf "$tarball"
source_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'tlsfeat-*' | head -1)

echo "60-bench-smoke: build in $work/build"
mkdir "$work/build"
cd "$work/build"
"$source_dir/configure" --enable-werror >"$work/configure.log" 2>&1 || {
  tail -20 "$work/configure.log"
  exit 1
}
make -j2 >"$work/make.log" 2>&1 || {
  tail -30 "$work/make.log"
  exit 1
}

echo "60-bench-smoke: make bench BENCH_QUICK=1"
if ! make bench BENCH_QUICK=1 >"$work/bench.log" 2>&1; then
  tail -40 "$work/bench.log"
  echo "60-bench-smoke: make bench failed" >&2
  exit 1
fi
cat bench/results.txt

failed=0
# expect_line - the bench output holds a line matching the pattern
expect_line() {
  if ! grep -q -e "$1" "$work/bench.log"; then
    echo "60-bench-smoke: no line matching '$1' in the output of make bench" >&2
    failed=1
  fi
}

# expect_positive - a "result NAME VALUE" line with a value above zero
expect_positive() {
  local value
  value=$(sed -n "s/^result $1 //p" "$work/bench.log" | tail -1)
  if ! awk -v v="$value" 'BEGIN { exit !(v + 0 > 0) }'; then
    echo "60-bench-smoke: result $1 is '${value}', expected a number above zero" >&2
    failed=1
  fi
}

expect_line '^check: agreement of tlsfeat and the regex on 100000 lines .*: ok$'
expect_line '^check: allocations in the core over 100000 lines: 0 (ok)$'
expect_line '^result core.allocations 0$'
for name in core.memchr_ns core.tlsfeat_ns core.pcre2_ns core.delivery_lines pipe.startup_ms; do
  expect_positive "$name"
done
for variant in none tlsfeat tlsfeat-direct regexp kv tlsfeat-format-json tlsfeat-tls-json \
  regexp-format-json kv-format-json; do
  expect_positive "pipe.$variant.msgs"
  expect_positive "pipe.$variant.cpu_us"
  expect_positive "pipe.$variant.rss_kb"
done
if grep -q '^  .*  n/a' bench/results.txt; then
  echo "60-bench-smoke: the summary lacks a ratio (n/a)" >&2
  failed=1
fi

[ $failed -eq 0 ] && echo "60-bench-smoke: ok"
exit $failed
