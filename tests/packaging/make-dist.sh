#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make-dist.sh WORK_DIR - make the tlsfeat dist tarball without building in the
# source tree, and print its path (inside WORK_DIR) on standard output.
# When the source tree has an in-tree build (a Makefile), `make dist` runs there
# and the tarball is moved to WORK_DIR; otherwise the tree is copied to
# WORK_DIR/src, autoreconf'd, configured in WORK_DIR/dist-build, and `make dist`
# runs there. Progress goes to standard error; exits non-zero when a step fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:?usage: make-dist.sh WORK_DIR}
work=$(cd "$work" && pwd)

if [ -f "$top/Makefile" ]; then
  version=$(sed -n 's/^PACKAGE_VERSION = //p' "$top/Makefile")
  tarball=tlsfeat-$version.tar.gz
  echo "make-dist: make dist in the existing build of $top" >&2
  make -C "$top" dist >&2
  mv "$top/$tarball" "$work/$tarball"
  echo "$work/$tarball"
  exit 0
fi

echo "make-dist: copying $top to $work/src" >&2
mkdir "$work/src" "$work/dist-build"
tar -C "$top" --exclude=./.git --exclude=./autom4te.cache -cf - . | tar -C "$work/src" -xf -
(cd "$work/src" && autoreconf -fi) >&2
cd "$work/dist-build"
"$work/src/configure" >&2
make dist >&2
version=$(sed -n 's/^PACKAGE_VERSION = //p' Makefile)
echo "$work/dist-build/tlsfeat-$version.tar.gz"
