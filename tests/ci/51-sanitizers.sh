#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 51-sanitizers.sh - the whole `make check` (unit, hostile, end-to-end tests)
# from a build with AddressSanitizer and UndefinedBehaviorSanitizer, halting
# on the first error; then the hostile table through the ASan-built module.
#
# syslog-ng itself is not instrumented, so every syslog-ng the tests start
# runs through a wrapper placed first on PATH: it preloads the compiler's
# libasan (the runtime must come first in the process) and writes sanitizer
# reports to files this suite checks. Under a preloaded ASan runtime, a
# later dlopen() of a syslog-ng module that links GnuTLS (libhttp.so, which
# syslog-ng loads while discovering plugins) deadlocks in GnuTLS's gettext
# constructor; the wrapper therefore preloads GnuTLS too, so its constructor
# runs at startup. CC overrides the compiler.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # tests that start PostgreSQL read the tree as another user
cc=${CC:-gcc}
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"

src=$(CC="$cc" CFLAGS="-g -O1 -fno-omit-frame-pointer $sanitize" LDFLAGS="$sanitize" \
  "$top/tests/hostile/tree-build.sh" "$work" all tests/hostile/hostile-emit)

libasan=$("$cc" -print-file-name=libasan.so)
preload=$libasan
for module in "$(pkg-config --variable=moduledir syslog-ng)"/*.so; do
  gnutls=$(ldd "$module" | awk '/libgnutls/ { print $3; exit }')
  if [ -n "$gnutls" ]; then
    preload="$libasan $gnutls"
    break
  fi
done
syslog_ng=$(command -v syslog-ng || echo /usr/sbin/syslog-ng)
mkdir -p "$work/bin" "$work/reports"
cat >"$work/bin/syslog-ng" <<WRAPPER
#!/bin/sh
# syslog-ng with the ASan runtime preloaded; see tests/ci/51-sanitizers.sh.
LD_PRELOAD="$preload" \\
ASAN_OPTIONS=halt_on_error=1:detect_leaks=0:log_path=$work/reports/asan \\
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$work/reports/ubsan \\
exec $syslog_ng "\$@"
WRAPPER
chmod +x "$work/bin/syslog-ng"

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
failed=0
# Left out, both run in the plain `make check`: tests/unit/test_alloc
# replaces malloc() and free() to count allocations, which AddressSanitizer
# replaces too; tests/siem/postgresql.sh makes syslog-ng's sql() driver open
# libpq, whose first connection calls bindtextdomain() and deadlocks on
# glibc's gettext lock under a preloaded ASan runtime (syslog-ng then never
# stops).
tests=$(cd "$src" && printf 'print-tests:\n\t@echo $(TESTS)\n' |
  make -s -f Makefile -f - print-tests | tr ' ' '\n' |
  grep -v -x -e tests/unit/test_alloc -e tests/siem/postgresql.sh | tr '\n' ' ')
echo "== make check with ASan + UBSan"
if ! (cd "$src" && PATH="$work/bin:$PATH" timeout 2400 make -j2 check TESTS="$tests"); then
  for log in $(find "$src" -name '*.log' -newer "$src/config.status"); do
    grep -q -E ':test-result: (FAIL|ERROR)' "${log%.log}.trs" 2>/dev/null && tail -40 "$log"
  done
  failed=1
fi

echo "== hostile table through the ASan-built module"
"$src/tests/hostile/hostile-emit" "$work/hostile.table"
python3 "$top/tests/hostile/pipeline.py" "$work/hostile.table" "$src/modules/tlsfeat/.libs" \
  --syslog-ng "$work/bin/syslog-ng" || failed=1

for report in "$work"/reports/*; do
  [ -e "$report" ] || continue
  echo "== sanitizer report $(basename "$report")"
  cat "$report"
  failed=1
done
[ $failed -eq 0 ] && echo "51-sanitizers: clean"
exit $failed
