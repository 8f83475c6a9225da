#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# dev-build.sh BUILD_DIR [configure args] - build out of tree in BUILD_DIR,
# so several builds can share one checkout. Regenerates the autotools files
# under a lock when configure.ac, m4/ or a Makefile.am changed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: dev-build.sh BUILD_DIR [configure args]}
shift

(
  flock 9
  cd "$top"
  if [ ! -x configure ] || [ -n "$(find . -name '*.am' -newer configure -o -name '*.m4' \
    -newer configure -o -name configure.ac -newer configure | head -1)" ]; then
    autoreconf -fi
  fi
) 9>"$top/.autoreconf.lock"

mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ] || [ $# -gt 0 ]; then
  "$top/configure" --enable-werror "$@" >/dev/null
fi
make -j2
