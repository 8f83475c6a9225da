#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install-deps.sh [LIST...] - install the Debian packages of
# scripts/deps/LIST.list (of every list when none is named) that are
# missing. Needs root (or sudo); does nothing when all are present. apt's
# output goes to standard error, so callers can keep standard output clean.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

lists=()
if [ $# -eq 0 ]; then
  lists=("$here"/deps/*.list)
else
  for name in "$@"; do
    [ -r "$here/deps/$name.list" ] || {
      echo "install-deps: no package list '$name' in $here/deps" >&2
      exit 2
    }
    lists+=("$here/deps/$name.list")
  done
fi

wanted=$(sed -e 's/#.*//' "${lists[@]}" | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
missing=()
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
