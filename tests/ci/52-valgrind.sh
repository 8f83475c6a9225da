#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 52-valgrind.sh - the hostile-input table through a real syslog-ng running
# under valgrind's memcheck with the tlsfeat module loaded: any invalid read
# or write, use of uninitialised memory or definite leak that is not one of
# syslog-ng's own (tests/hostile/syslog-ng.supp) makes syslog-ng exit 42 and
# the suite fail, with valgrind's log printed. Builds the module in a temp
# copy of the tree; driver: tests/hostile/pipeline.py.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

src=$(CFLAGS="-g -O1" "$top/tests/hostile/tree-build.sh" "$work" \
  modules/tlsfeat/tlsfeat-grammar.h modules/tlsfeat/libtlsfeat.la tests/hostile/hostile-emit)
"$src/tests/hostile/hostile-emit" "$work/hostile.table"
mkdir -p "$work/valgrind"

export SYSLOG_NG_TIMEOUT=900
export SYSLOG_NG_WRAPPER="valgrind --tool=memcheck --error-exitcode=42 --leak-check=full \
--show-leak-kinds=definite --errors-for-leak-kinds=definite --track-origins=yes \
--num-callers=30 --suppressions=$top/tests/hostile/syslog-ng.supp \
--log-file=$work/valgrind/memcheck.%p.log"
status=0
python3 "$top/tests/hostile/pipeline.py" "$work/hostile.table" "$src/modules/tlsfeat/.libs" ||
  status=1

for log in "$work"/valgrind/*.log; do
  grep -E 'ERROR SUMMARY|definitely lost:' "$log"
  if ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
    cat "$log"
    status=1
  fi
done
[ $status -eq 0 ] && echo "52-valgrind: no memcheck error attributable to the module"
exit $status
