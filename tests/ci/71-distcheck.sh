#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 71-distcheck.sh - `make distcheck` on the dist tarball, in a mktemp -d work
# directory: the tarball (tests/packaging/make-dist.sh) is unpacked, configured
# and distchecked there, so a file missing from the tarball breaks the build,
# the tests or the second `make dist`. distcheck builds read-only out of tree,
# runs make check, installs into a temporary prefix (the syslog-ng module and
# SCL directories follow it through DISTCHECK_CONFIGURE_FLAGS in packaging.am),
# uninstalls, and checks that distclean leaves nothing behind.
# Exits non-zero when any of that fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fail STEP LOG: print the end of LOG and stop.
fail() {
  tail -n 60 "$2" >&2
  echo "71-distcheck: FAIL: $1" >&2
  exit 1
}

echo "== 71-distcheck: dist tarball"
tarball=$("$top/tests/packaging/make-dist.sh" "$work" 2>"$work/dist.log") ||
  fail "make dist" "$work/dist.log"
echo "$tarball"

echo "== 71-distcheck: make distcheck in the unpacked tarball"
mkdir "$work/unpacked"
tar -C "$work/unpacked" -xzf "$tarball"
cd "$work/unpacked/$(basename "$tarball" .tar.gz)"
./configure >"$work/configure.log" 2>&1 || fail "configure" "$work/configure.log"
if ! make -j2 distcheck >"$work/distcheck.log" 2>&1; then
  for suite_log in "$PWD"/tlsfeat-*/_build/sub/test-suite.log; do
    [ -f "$suite_log" ] && tail -n 80 "$suite_log" >&2
  done
  fail "make distcheck" "$work/distcheck.log"
fi
grep -E 'archives? ready for distribution' "$work/distcheck.log"
echo "71-distcheck: PASS"
