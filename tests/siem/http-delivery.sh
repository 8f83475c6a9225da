#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# http-delivery.sh - postfix-tls-elasticsearch() and postfix-tls-splunk-hec()
# deliver every parsed sample delivery line through syslog-ng's http() driver
# to mock_bulk_receiver.py on 127.0.0.1, which checks the bulk NDJSON and HEC
# framing; each received document must equal the expected ECS document, and
# contrib/siem/elasticsearch-index-template.json must map each of its fields.
# The HEC path runs the parser and the block with prefix(""), which must
# give the same events.
set -u
. "$(dirname "$0")/lib.sh"
siem_setup

python3 "$siem_here/siem_expect.py" input $(siem_samples) >"$work/in.log"
want=$(siem_expected_count)
token="0b6c5f1e-test-token"
index="postfix-tls-test"

python3 "$siem_here/mock_bulk_receiver.py" --port-file "$work/port" --out "$work/received" \
  --token "$token" --lifetime 120 &
siem_pids+=($!)
siem_wait_lines "$work/port" 1 10 || exit 1
port=$(cat "$work/port")

cat >"$work/syslog-ng.conf" <<CONF
$(siem_header)
source s_in { file("$work/in.log" follow-freq(1)); };
destination d_es {
  postfix-tls-elasticsearch(url("http://127.0.0.1:$port/_bulk") index("$index")
                            batch-lines(100) batch-timeout(200));
};
destination d_hec {
  postfix-tls-splunk-hec(url("http://127.0.0.1:$port/services/collector/event")
                         token("$token") index("$index") batch-lines(100) batch-timeout(200)
                         prefix(""));
};
log { source(s_in); parser { postfix-tls-parser(); }; destination(d_es); };
log { source(s_in); parser { postfix-tls-parser(prefix("")); }; destination(d_hec); };
CONF

siem_start_syslog_ng main "$work/syslog-ng.conf"
siem_wait_matches "$work/received" '"api": "bulk", "doc"' "$want" &&
  siem_wait_matches "$work/received" '^\{"api": "hec", "event"' "$want"
siem_stop main

rc=0
python3 "$siem_here/siem_expect.py" check-http "$work/received" "$token" "$index" \
  $(siem_expected) || rc=1
python3 "$siem_here/siem_expect.py" check-mapping \
  "$TF_TOP_SRCDIR/contrib/siem/elasticsearch-index-template.json" $(siem_expected) || rc=1
[ $rc -eq 0 ] || cat "$work/main/stderr" >&2
exit $rc
