#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# hostile-values.sh - the five template functions on field values made of
# quotes, backslashes, control bytes, invalid UTF-8 and look-alike numbers:
# every output must be valid JSON, RFC 5424 structured data or UTF-8 text
# carrying the exact value (rows and rules in hostile_values.py).
set -u
. "$(dirname "$0")/lib.sh"
siem_setup

python3 "$siem_here/hostile_values.py" input "$work/in.log"
rows=$(wc -l <"$work/in.log")

fields="queue_id to orig_to from relay.hostname relay.address relay.port conn_use delay
  delays.before_qmgr delays.in_qmgr delays.conn_setup delays.transmission dsn status response
  response_truncated service syslog_name tls.raw tls.syntax tls.level tls.status tls.achieved
  tls.downgraded tls.enforcement tls.requiretls.status tls.requiretls.achieved
  tls.requiretls.downgraded tls.requiretls.enforcement tls.verdict tls.anomaly tls.error
  tls.zz-ext.status tls.zz-ext.achieved tls.zz-ext.downgraded tls.zz-ext.enforcement extra.note"
{
  siem_header
  echo "source s_in { file(\"$work/in.log\" flags(no-parse) follow-freq(1) log-msg-size(65536)); };"
  echo 'rewrite r_hostile {'
  echo '  set("$MSG" value("HOST")); set("$MSG" value("PID"));'
  for field in $fields; do
    echo "  set(\"\$MSG\" value(\".postfix.$field\"));"
  done
  # Names the parser never writes, which would put a member twice into an
  # object if they were taken: they must be left out.
  for field in tls.raw.status tls.zz-ext.status.deeper extra.note.deeper tls.requiretls.x; do
    echo "  set(\"\$MSG\" value(\".postfix.$field\"));"
  done
  echo '};'
  for kind in json ecs hec sdata; do
    echo "destination d_$kind {"
    echo "  file(\"$work/$kind.out\" template(\"\$(postfix-tls-$kind)\\n\"));"
    echo "};"
  done
  echo "destination d_utf8 {"
  echo "  file(\"$work/utf8.out\" template(\"\$(postfix-tls-utf8 \$MSG)\\n\"));"
  echo "};"
  echo 'log { source(s_in); rewrite(r_hostile); destination(d_json); destination(d_ecs);'
  echo '  destination(d_hec); destination(d_sdata); destination(d_utf8); };'
} >"$work/syslog-ng.conf"

siem_start_syslog_ng main "$work/syslog-ng.conf"
for kind in json ecs hec sdata utf8; do
  siem_wait_lines "$work/$kind.out" "$rows" || break
done
siem_stop main

python3 "$siem_here/hostile_values.py" check "$work"
rc=$?
[ $rc -eq 0 ] || cat "$work/main/stderr" >&2
exit $rc
