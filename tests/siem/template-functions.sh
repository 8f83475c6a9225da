#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# template-functions.sh - $(postfix-tls-json) and $(postfix-tls-ecs) on every
# delivery line of the sample logs, parsed by postfix-tls-parser() in a real
# syslog-ng, compared field by field with the expected records.
set -u
. "$(dirname "$0")/lib.sh"
siem_setup

python3 "$siem_here/siem_expect.py" input $(siem_samples) >"$work/in.log"
want=$(siem_expected_count)

cat >"$work/syslog-ng.conf" <<CONF
$(siem_header)
source s_in { file("$work/in.log" follow-freq(1)); };
destination d_json { file("$work/json.out" template("\$(postfix-tls-json)\n")); };
destination d_ecs { file("$work/ecs.out" template("\$(postfix-tls-ecs --prefix .pf.)\n")); };
log { source(s_in); parser { postfix-tls-parser(); }; destination(d_json); };
log { source(s_in); parser { postfix-tls-parser(prefix(".pf.")); }; destination(d_ecs); };
CONF

siem_start_syslog_ng main "$work/syslog-ng.conf"
siem_wait_lines "$work/json.out" "$want" && siem_wait_lines "$work/ecs.out" "$want"
siem_stop main

rc=0
python3 "$siem_here/siem_expect.py" check-json "$work/json.out" $(siem_expected) || rc=1
python3 "$siem_here/siem_expect.py" check-ecs "$work/ecs.out" $(siem_expected) || rc=1
[ $rc -eq 0 ] || cat "$work/main/stderr" >&2
exit $rc
