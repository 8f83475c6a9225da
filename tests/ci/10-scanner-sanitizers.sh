#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 10-scanner-sanitizers.sh - the scanner's Criterion tables (test_scanner:
# tls values, delivery lines, program and log-line splitting, records, the
# sample logs) built with AddressSanitizer and UndefinedBehaviorSanitizer.
# Every row is parsed from an exact-size heap copy of its input, so a read
# past the end of a line or a value stops the run. The allocation-count test
# is left out: it replaces malloc, which the sanitizer needs.
# Needs a C compiler ($CC, default cc), pkg-config, Criterion and json-c.
# Exits non-zero on a failing row or a sanitizer report.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

flags=(-std=gnu11 -g -O1 -fno-omit-frame-pointer
  -fsanitize=address,undefined -fno-sanitize-recover=all)
unit="$top/tests/unit"
echo "scanner: building test_scanner with ASan and UBSan"
# shellcheck disable=SC2046 # pkg-config output is a list of words
"${CC:-cc}" "${flags[@]}" -I"$top/scanner" -I"$unit" $(pkg-config --cflags criterion json-c) \
  -o "$work/test_scanner" "$top"/scanner/*.c \
  "$unit/record_check.c" "$unit/sample_file.c" "$unit/test_tls.c" "$unit/test_delivery.c" \
  "$unit/test_program.c" "$unit/test_record.c" "$unit/test_samples.c" \
  $(pkg-config --libs criterion json-c)

echo "scanner: running test_scanner"
TF_TEST_DATA_DIR="$top/tests/data" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1 "$work/test_scanner" --jobs 1
