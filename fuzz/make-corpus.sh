#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make-corpus.sh FUZZ_BIN_DIR [HOSTILE_FILE] - refresh the committed seed
# corpora fuzz/corpus/<target>/: write every seed (seeds.py) to a temp dir,
# then let libFuzzer's -merge=1 add only the seeds that reach new coverage.
# FUZZ_BIN_DIR holds the targets built by fuzz/build.sh; HOSTILE_FILE is the
# output of tests/hostile/hostile-emit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: make-corpus.sh FUZZ_BIN_DIR [HOSTILE_FILE]}
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT

python3 "$here/seeds.py" "$seeds" ${2:+"$2"}
for target in fuzz_delivery fuzz_tls; do
  mkdir -p "$here/corpus/$target"
  "$bin/$target" -merge=1 "$here/corpus/$target" "$seeds/$target" 2>&1 | tail -1
done
