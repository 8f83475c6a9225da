#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# syslog-relay.sh - postfix-tls-syslog() relays every parsed sample delivery
# line as RFC 5424 over loopback TCP to a second syslog-ng, whose syslog()
# source parses the structured data: the SD-PARAMs of postfix-tls@32473 must
# be exactly the expected fields, and the header must carry host, program
# and pid.
set -u
. "$(dirname "$0")/lib.sh"
siem_setup

python3 "$siem_here/siem_expect.py" input $(siem_samples) >"$work/in.log"
want=$(siem_expected_count)
port=$(siem_free_port)

cat >"$work/collector.conf" <<CONF
@version: 3.38
options { keep-hostname(yes); stats-freq(0); };
source s_net { syslog(ip("127.0.0.1") port($port) transport("tcp") log-msg-size(65536)); };
destination d_sd {
  file("$work/sdata.out" template("\$(format-json --scope none
    --key .SDATA.postfix-tls@32473.* --shift-levels 2 --key-delimiter ~)\n"));
};
destination d_header {
  file("$work/header.out" template("\${HOST} \${PROGRAM} \${PID} \${MSGID}\n"));
};
log { source(s_net); destination(d_sd); destination(d_header); };
CONF
siem_start_syslog_ng collector "$work/collector.conf"
for ((i = 0; i < 100; i++)); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" \
    2>/dev/null && break
  sleep 0.1
done

cat >"$work/relay.conf" <<CONF
$(siem_header)
source s_in { file("$work/in.log" follow-freq(1)); };
destination d_relay { postfix-tls-syslog(host("127.0.0.1") port($port)); };
log { source(s_in); parser { postfix-tls-parser(); }; destination(d_relay); };
CONF
siem_start_syslog_ng relay "$work/relay.conf"

siem_wait_lines "$work/sdata.out" "$want" && siem_wait_lines "$work/header.out" "$want"
siem_stop relay
siem_stop collector

rc=0
python3 "$siem_here/siem_expect.py" check-sdata "$work/sdata.out" $(siem_expected) || rc=1
python3 "$siem_here/siem_expect.py" check-header "$work/header.out" $(siem_expected) || rc=1
[ $rc -eq 0 ] || cat "$work/relay/stderr" "$work/collector/stderr" >&2
exit $rc
