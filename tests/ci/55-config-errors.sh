#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 55-config-errors.sh - every option of postfix-tls-parser() with good and bad
# values through `syslog-ng --syntax-only`: good values pass, bad ones fail
# with a message naming the option and value (or the line and column for
# what the grammar cannot read). Builds the module in a temp copy of the
# tree; driver: tests/hostile/config_errors.py.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

src=$("$top/tests/hostile/tree-build.sh" "$work" modules/tlsfeat/tlsfeat-grammar.h \
  modules/tlsfeat/libtlsfeat.la)
python3 "$top/tests/hostile/config_errors.py" "$src/modules/tlsfeat/.libs"
