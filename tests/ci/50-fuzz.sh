#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 50-fuzz.sh - build the libFuzzer targets, replay every seed and regression
# input, then fuzz each target for a bounded time.
#
# Replayed: fuzz/corpus/<target>/, fuzz/regressions/<target>/, and freshly
# written seeds (every line of tests/data/*, every tls= value in them, and
# fuzz/tls-values.txt). Then each target runs FUZZ_SECONDS (default 90) from
# a scratch copy of its corpus. A crash or broken invariant is copied to
# fuzz/regressions/<target>/ (commit it, and add a row to tests/hostile/)
# and fails the suite. Runs from any directory; everything else lives in a
# temp dir that is removed at exit.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-90}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$top/fuzz/build.sh" "$work/bin"
python3 "$top/fuzz/seeds.py" "$work/seeds"

declare -A max_len=([fuzz_delivery]=4096 [fuzz_tls]=512)
declare -A dict=([fuzz_delivery]=delivery.dict [fuzz_tls]=tls.dict)
failed=0

for target in fuzz_delivery fuzz_tls; do
  corpus="$top/fuzz/corpus/$target"
  regressions="$top/fuzz/regressions/$target"
  mkdir -p "$work/run/$target" "$work/crash/$target"
  replay=("$corpus" "$work/seeds/$target")
  [ -d "$regressions" ] && replay+=("$regressions")

  echo "== $target: replay of ${replay[*]}"
  if ! "$work/bin/$target" -runs=0 -rss_limit_mb=2048 "${replay[@]}" \
    >"$work/$target-replay.log" 2>&1; then
    tail -30 "$work/$target-replay.log"
    echo "FAIL: $target replay"
    failed=1
    continue
  fi
  tail -1 "$work/$target-replay.log"

  cp "$corpus"/* "$work/run/$target/"
  echo "== $target: fuzzing for ${seconds}s"
  if ! "$work/bin/$target" -max_total_time="$seconds" -max_len="${max_len[$target]}" \
    -timeout=10 -rss_limit_mb=2048 -dict="$top/fuzz/${dict[$target]}" -print_final_stats=1 \
    -artifact_prefix="$work/crash/$target/" "$work/run/$target" >"$work/$target-fuzz.log" 2>&1; then
    tail -40 "$work/$target-fuzz.log"
    mkdir -p "$regressions"
    for crash in "$work/crash/$target"/*; do
      [ -e "$crash" ] || continue
      cp "$crash" "$regressions/"
      echo "FAIL: $target: new regression input $regressions/$(basename "$crash")"
    done
    failed=1
    continue
  fi
  grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' \
    "$work/$target-fuzz.log" || true
done

[ $failed -eq 0 ] && echo "50-fuzz: all targets clean"
exit $failed
