#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# alert.sh - the alert blocks on every parsed sample delivery line:
# postfix-tls-alert() forwards exactly the lines whose verdict is violation,
# postfix-tls-requiretls-alert() exactly those whose REQUIRETLS status is
# violation, a rate(1) alert per relay host passes only the first violation
# of each relay, and the enclosing path still delivers every line. The
# bucket of a relay refills one token per second: when the run takes S whole
# seconds (0 on an idle machine), up to S later violations of a relay may
# pass too, and the check allows exactly those.
set -u
. "$(dirname "$0")/lib.sh"
siem_setup

python3 "$siem_here/siem_expect.py" input $(siem_samples) >"$work/in.log"
want=$(siem_expected_count)
read -r violations requiretls relays < <(python3 "$siem_here/siem_expect.py" count-alerts \
  $(siem_expected))
line='$(postfix-tls-json)\n'

cat >"$work/syslog-ng.conf" <<CONF
$(siem_header)
source s_in { file("$work/in.log" follow-freq(1)); };
destination d_main { file("$work/main.out" template("$line")); };
destination d_violation { file("$work/violation.out" template("$line")); };
destination d_requiretls { file("$work/requiretls.out" template("$line")); };
destination d_limited { file("$work/limited.out" template("$line")); };
log {
  source(s_in);
  parser { postfix-tls-parser(); };
  destination(d_main);
  postfix-tls-alert(destination(d_violation) rate(1000000));
  postfix-tls-requiretls-alert(destination(d_requiretls) rate(1000000));
  postfix-tls-alert(destination(d_limited) rate(1) rate-key("\${.postfix.relay.hostname}"));
};
CONF

started=$(date +%s.%N)
siem_start_syslog_ng main "$work/syslog-ng.conf"
siem_wait_lines "$work/main.out" "$want"
siem_wait_lines "$work/violation.out" "$violations"
siem_wait_lines "$work/requiretls.out" "$requiretls"
siem_wait_lines "$work/limited.out" "$relays"
siem_stop main
seconds=$(python3 -c "import sys; print(int(float(sys.argv[2]) - float(sys.argv[1])))" \
  "$started" "$(date +%s.%N)")

python3 "$siem_here/siem_expect.py" check-alert "$work" "$seconds" $(siem_expected)
rc=$?
[ $rc -eq 0 ] || cat "$work/main/stderr" >&2
exit $rc
