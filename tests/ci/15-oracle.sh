#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 15-oracle.sh - self-test of the reference parser and of the expected records,
# and comparison of the C scanner with the reference:
#   1. the reference's table of cases (tests/tools/test_reference.py, which
#      also checks the grammars in grammar/ and the examples in
#      docs/output-fields.md);
#   2. the expected records of every sample, regenerated into a temp dir,
#      must equal tests/data/expected/ byte for byte;
#   3. tests/tools/scanner_driver.c, built with the scanner sources, must
#      give the same output as the reference on every sample line, every
#      table row and a fixed generated set (tests/tools/differential.py).
# Needs python3 and a C compiler ($CC, default cc). Exits non-zero on failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

echo "oracle: reference table of cases"
python3 "$top/tests/tools/test_reference.py" || status=1

for sample in postfix-3.11.6.maillog postfix-3.11-20250912-nonprod.maillog public-shapes.log; do
  python3 "$top/tests/tools/reference.py" generate "$top/tests/data/$sample" >"$work/$sample.jsonl"
  if diff -u "$top/tests/data/expected/$sample.jsonl" "$work/$sample.jsonl" >"$work/diff"; then
    echo "oracle: expected/$sample.jsonl up to date ($(wc -l <"$work/$sample.jsonl") records)"
  else
    echo "oracle: expected/$sample.jsonl differs from what the reference writes:"
    head -n 40 "$work/diff"
    status=1
  fi
done

echo "oracle: C scanner against the reference"
"${CC:-cc}" -std=c11 -O1 -I"$top/scanner" -o "$work/scanner_driver" \
  "$top/tests/tools/scanner_driver.c" "$top"/scanner/*.c
python3 "$top/tests/tools/differential.py" "$work/scanner_driver" || status=1
exit $status
