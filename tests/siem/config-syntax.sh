#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# config-syntax.sh - `syslog-ng --syntax-only` accepts every block of
# scl/tlsfeat-siem with its options (postfix-tls-kafka() needs the kafka-c()
# driver of syslog-ng-mod-rdkafka), also with an empty prefix(""), and every
# example configuration of contrib/pipeline, and rejects a template function given an unknown option
# or an SD-ID that RFC 5424 does not allow.
set -u
. "$(dirname "$0")/lib.sh"
siem_setup

rc=0
syntax_check() {
  local label=$1 conf=$2
  if "$syslog_ng" --module-path="$module_path" --syntax-only -f "$conf" >"$work/out" 2>&1; then
    echo "PASS $label"
  else
    echo "FAIL $label"
    cat "$work/out"
    rc=1
  fi
}

cat >"$work/blocks.conf" <<CONF
$(siem_header)
source s_in { file("$work/in.log"); };
destination d_es {
  postfix-tls-elasticsearch(url("http://127.0.0.1:9200/_bulk") index("pf-\${YEAR}")
                            op-type("create") user("u") password("p"));
};
destination d_hec { postfix-tls-splunk-hec(token("t") index("mail")); };
destination d_kafka {
  postfix-tls-kafka(bootstrap-servers("127.0.0.1:9092") topic("postfix-tls")
                    format("json") prefix(".mail.") config("acks" => "all"));
};
destination d_pg { postfix-tls-postgresql(database("mail") table("pf_\${YEAR}")); };
destination d_relay { postfix-tls-syslog(port(6514) sd-id("postfix-tls@99999")); };
destination d_file { file("$work/alerts"); };
log {
  source(s_in);
  parser { postfix-tls-parser(prefix(".mail.")); };
  destination(d_es); destination(d_hec); destination(d_kafka); destination(d_pg);
  destination(d_relay);
  postfix-tls-alert(destination(d_file) prefix(".mail."));
  postfix-tls-requiretls-alert(destination(d_file) rate(1) rate-key("\${HOST}") prefix(".mail."));
};
log { source(s_in); filter { postfix-tls-violation(); }; destination(d_file); };
log { source(s_in); filter { postfix-tls-requiretls-violation(); }; destination(d_file); };
CONF
syntax_check "every block" "$work/blocks.conf"

cat >"$work/empty-prefix.conf" <<CONF
$(siem_header)
source s_in { file("$work/in.log"); };
destination d_es { postfix-tls-elasticsearch(url("http://127.0.0.1:9200/_bulk") prefix("")); };
destination d_hec { postfix-tls-splunk-hec(token("t") prefix("")); };
destination d_kafka {
  postfix-tls-kafka(bootstrap-servers("127.0.0.1:9092") topic("postfix-tls") prefix(""));
};
destination d_pg { postfix-tls-postgresql(database("mail") prefix("")); };
destination d_relay { postfix-tls-syslog(prefix("")); };
destination d_file { file("$work/alerts"); };
log {
  source(s_in);
  parser { postfix-tls-parser(prefix("")); };
  destination(d_es); destination(d_hec); destination(d_kafka); destination(d_pg);
  destination(d_relay);
  postfix-tls-alert(destination(d_file) prefix(""));
};
CONF
syntax_check "every block with prefix(\"\")" "$work/empty-prefix.conf"

for example in "$TF_TOP_SRCDIR"/contrib/pipeline/*.conf; do
  {
    siem_header | grep -v '^options'
    grep -v -e '^@version' -e '^@include "scl.conf"' "$example"
  } >"$work/example.conf"
  syntax_check "contrib/pipeline/$(basename "$example")" "$work/example.conf"
done

# rejected LABEL TEMPLATE TEXT: --syntax-only fails on a file() destination
# with TEMPLATE, and the error output contains TEXT.
rejected() {
  local label=$1 template=$2 text=$3
  {
    siem_header
    echo "destination d { file(\"$work/x\" template(\"$template\")); };"
  } >"$work/bad.conf"
  if "$syslog_ng" --module-path="$module_path" --syntax-only -f "$work/bad.conf" \
    >"$work/out" 2>&1; then
    echo "FAIL $label is rejected"
    rc=1
  elif grep -q -F -e "$text" "$work/out"; then
    echo "PASS $label is rejected"
  else
    echo "FAIL $label: unexpected message"
    cat "$work/out"
    rc=1
  fi
}

rejected "unknown template function option" '\$(postfix-tls-json --pretty)' \
  "unknown option --pretty"
rejected "SD-ID with a space" '\$(postfix-tls-sdata --sd-id=\x27bad id\x27)' \
  "invalid --sd-id 'bad id'"
rejected "SD-ID with a ]" '\$(postfix-tls-sdata --sd-id=a]b)' "invalid --sd-id 'a]b'"
exit $rc
