#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 54-noloss.sh - 200,000 mixed messages through a real syslog-ng with the
# tlsfeat parser in an if/else path, over loopback TCP with flow control:
# every message comes out exactly once and in its class (parsed, flagged,
# failed), first steadily, then across three configuration reloads with a
# reliable disk-buffer. NOLOSS_COUNT overrides the number of messages.
# Builds the module in a temp copy of the tree; driver: tests/noloss/noloss.py.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

src=$("$top/tests/hostile/tree-build.sh" "$work" modules/tlsfeat/tlsfeat-grammar.h \
  modules/tlsfeat/libtlsfeat.la tests/hostile/hostile-emit)
"$src/tests/hostile/hostile-emit" "$work/hostile.table"
python3 "$top/tests/noloss/noloss.py" "$work/hostile.table" "$src/modules/tlsfeat/.libs" \
  "${NOLOSS_COUNT:-200000}"
