#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 30-rsyslog-e2e.sh - tlsfeat-rsyslog inside a real rsyslogd: builds the
# helper in a temp dir (plain, and with AddressSanitizer and UBSan), unpacks
# Debian's rsyslog there (apt-get download and dpkg -x, nothing installed),
# runs tests/rsyslog/helper_answers.py with both builds and
# tests/rsyslog/e2e.py, and removes the temp dir. Exits non-zero on failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

version=$(sed -n 's/^AC_INIT(\[tlsfeat\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
printf '#define PACKAGE_VERSION "%s"\n' "${version:-unknown}" >"$scratch/config.h"
# build_helper OUTPUT [CFLAGS...] - the helper from its sources and the scanner's
build_helper() {
  local output=$1
  shift
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L "$@" \
    -I"$scratch" -I"$top/scanner" $(pkg-config --cflags libfastjson) \
    -o "$output" "$top"/rsyslog/*.c "$top"/scanner/*.c $(pkg-config --libs libfastjson)
}
build_helper "$scratch/tlsfeat-rsyslog" -O2
build_helper "$scratch/tlsfeat-rsyslog-asan" -O1 -g -fsanitize=address,undefined \
  -fno-sanitize-recover=all

root=$("$top/tests/rsyslog/unpack-rsyslog.sh" "$scratch/rsyslog")

echo "== helper without rsyslog"
(cd "$top" && srcdir=. python3 tests/rsyslog/helper_answers.py "$scratch/tlsfeat-rsyslog")
echo "== helper without rsyslog, built with AddressSanitizer and UBSan"
(cd "$top" && srcdir=. python3 tests/rsyslog/helper_answers.py "$scratch/tlsfeat-rsyslog-asan")
echo "== helper inside rsyslogd"
python3 "$top/tests/rsyslog/e2e.py" "$scratch/tlsfeat-rsyslog" "$root"
