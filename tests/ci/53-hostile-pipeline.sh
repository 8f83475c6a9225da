#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 53-hostile-pipeline.sh - every row of the hostile-input table through a real
# syslog-ng with the tlsfeat module, over loopback TCP: each message must
# come out exactly once, parsed with its exact fields or failed (and with
# drop-invalid(yes), rows with an invalid tls= failed). Builds the module in
# a temp copy of the tree; see tests/hostile/pipeline.py for the driver.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

src=$("$top/tests/hostile/tree-build.sh" "$work" modules/tlsfeat/tlsfeat-grammar.h \
  modules/tlsfeat/libtlsfeat.la \
  tests/hostile/hostile-emit)
"$src/tests/hostile/hostile-emit" "$work/hostile.table"
python3 "$top/tests/hostile/pipeline.py" "$work/hostile.table" "$src/modules/tlsfeat/.libs"
