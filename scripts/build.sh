#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# build.sh - configure (once) and build tlsfeat in the source tree with
# warnings as errors. Extra arguments go to configure.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ ! -x configure ] || [ configure.ac -nt configure ]; then
  autoreconf -fi >/dev/null
fi
if [ ! -f Makefile ] || [ configure -nt config.status ] || [ $# -gt 0 ]; then
  ./configure --enable-werror "$@" >/dev/null
fi
make -j"$(nproc)" >/dev/null
