#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# build.sh OUT_DIR - build the libFuzzer targets fuzz_delivery and fuzz_tls
# into OUT_DIR with clang (-fsanitize=fuzzer,address,undefined, halting on
# the first error). Each target links the scanner sources directly, so no
# configured build tree is needed. CC overrides the compiler (default clang).
# Exits non-zero when clang or its libFuzzer runtime is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
out=${1:?usage: build.sh OUT_DIR}
cc=${CC:-clang}

mkdir -p "$out"
flags=(-std=c11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  -I"$top/scanner" -I"$here")
scanner=("$top"/scanner/*.c)
support=("$here/tls_oracle.c" "$here/tls_format.c" "$here/delivery_check.c"
  "$here/fuzz_report.c")

for target in fuzz_delivery fuzz_tls; do
  "$cc" "${flags[@]}" -o "$out/$target" "$here/$target.c" "${support[@]}" "${scanner[@]}"
done
