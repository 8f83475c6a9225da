# SPDX-License-Identifier: MIT
# lib.sh - shared steps of the SIEM tests (sourced, not run).
#
# The source tree is the one around this script (TF_TOP_SRCDIR overrides
# it); the build tree is the current directory, as under make check
# (TF_TOP_BUILDDIR or TF_BUILD override it). Gives:
#   siem_setup               temp dir $work, module path $module_path, exit trap
#   siem_free_port           prints a free TCP port of 127.0.0.1
#   siem_header              the @version/@module/@include lines of a test config
#   siem_start_syslog_ng NAME CONF   runs syslog-ng in the foreground of a
#                            background job, control files under $work/NAME
#   siem_stop NAME           stops what siem_start_* started under NAME
#   siem_wait_lines FILE N [SECONDS]  waits until FILE has N lines (default 60 s)
#   siem_wait_matches FILE REGEX N [SECONDS]  the same for lines matching REGEX
#   siem_samples             the sample logs, siem_expected their records
set -u

siem_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${TF_TOP_SRCDIR:=$(cd "$siem_here/../.." && pwd)}"
: "${TF_TOP_BUILDDIR:=${TF_BUILD:-$PWD}}"
siem_pids=()

siem_cleanup() {
  local pid
  for pid in "${siem_pids[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  if [ -n "${work:-}" ] && [ -z "${SIEM_KEEP:-}" ]; then
    rm -rf "$work"
  fi
}

siem_setup() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/tf-siem.XXXXXX")
  chmod 755 "$work"
  trap siem_cleanup EXIT
  local built="$TF_TOP_BUILDDIR/modules/tlsfeat/.libs"
  if [ ! -f "$built/libtlsfeat.so" ]; then
    echo "the tlsfeat module is not built: $built/libtlsfeat.so is missing" >&2
    exit 1
  fi
  module_path="$built:$(pkg-config --variable=moduledir syslog-ng)"
  syslog_ng=$(command -v syslog-ng || echo /usr/sbin/syslog-ng)
  export TZ=UTC
}

siem_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

siem_header() {
  local conf
  echo "@version: 3.38"
  echo "@module tlsfeat"
  for conf in "$TF_TOP_SRCDIR"/scl/tlsfeat-siem/*.conf; do
    echo "@include \"$conf\""
  done
  echo 'options { keep-hostname(yes); stats-freq(0); };'
}

siem_start_syslog_ng() {
  local name=$1 conf=$2
  mkdir -p "$work/$name"
  "$syslog_ng" -F --no-caps --module-path="$module_path" -f "$conf" \
    -R "$work/$name/persist" -p "$work/$name/pid" -c "$work/$name/ctl" \
    >"$work/$name/stdout" 2>"$work/$name/stderr" &
  siem_pids+=($!)
  eval "siem_pid_${name//-/_}=$!"
}

siem_stop() {
  local var="siem_pid_${1//-/_}"
  local pid=${!var:-}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

siem_wait_lines() {
  local file=$1 want=$2 seconds=${3:-60} i
  for ((i = 0; i < seconds * 10; i++)); do
    if [ -f "$file" ] && [ "$(wc -l <"$file")" -ge "$want" ]; then
      return 0
    fi
    sleep 0.1
  done
  local have
  have=$(wc -l <"$file" 2>/dev/null || echo 0)
  echo "timed out after $seconds s waiting for $want lines in $file (have $have)" >&2
  return 1
}

# siem_wait_matches FILE REGEX N [SECONDS] - waits until N lines of FILE match REGEX
siem_wait_matches() {
  local file=$1 regex=$2 want=$3 seconds=${4:-60} i
  for ((i = 0; i < seconds * 10; i++)); do
    if [ -f "$file" ] && [ "$(grep -c -E "$regex" "$file")" -ge "$want" ]; then
      return 0
    fi
    sleep 0.1
  done
  echo "timed out after $seconds s waiting for $want lines matching $regex in $file" >&2
  return 1
}

siem_samples() {
  echo "$TF_TOP_SRCDIR/tests/data/postfix-3.11.6.maillog" \
    "$TF_TOP_SRCDIR/tests/data/postfix-3.11-20250912-nonprod.maillog" \
    "$TF_TOP_SRCDIR/tests/data/public-shapes.log"
}

siem_expected() {
  local sample
  for sample in $(siem_samples); do
    echo "$TF_TOP_SRCDIR/tests/data/expected/$(basename "$sample").jsonl"
  done
}

# siem_expected_count - how many records the checks compare
siem_expected_count() {
  python3 "$siem_here/siem_expect.py" count $(siem_expected)
}
