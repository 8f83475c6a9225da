#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tree-build.sh DIR [MAKE_TARGET...] - build a private copy of the tree for the
# reliability suites: copy the source files (git's tracked and untracked,
# not ignored, and every file under tests/data; every file when git is
# missing) to DIR/src, regenerate the
# autotools files, configure with --enable-werror and the caller's CFLAGS /
# LDFLAGS, and make the given targets one after the other (default: all)
# with -j2, so a generated header can be named before its users. A copy, not a
# VPATH build, so it works whether or not the checkout is configured in place.
# Prints DIR/src on success; exits non-zero on any failure (the log is shown).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:?usage: tree-build.sh DIR [MAKE_TARGET...]}
shift
src="$dir/src"
log="$dir/build.log"
mkdir -p "$src"

if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$top" && { git ls-files -z --cached --others --exclude-standard &&
    git ls-files -z --others --ignored --exclude-standard -- tests/data; } |
    while IFS= read -r -d '' file; do [ -f "$file" ] && printf '%s\0' "$file"; done |
    xargs -0 cp --parents -t "$src")
else
  cp -a "$top/." "$src/"
  rm -f "$src/config.status" "$src/Makefile" "$src/config.h"
fi

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(all)
if ! (cd "$src" && autoreconf -fi && ./configure --enable-werror &&
  for target in "${targets[@]}"; do make -j2 "$target" || exit 1; done) >"$log" 2>&1; then
  tail -40 "$log" >&2
  echo "tree-build: building in $src failed" >&2
  exit 1
fi
echo "$src"
