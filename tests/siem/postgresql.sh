#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# postgresql.sh - postfix-tls-postgresql() writes every parsed sample
# delivery line through syslog-ng's sql() driver into a real PostgreSQL
# server started here (own data directory, 127.0.0.1 on a free port), into
# the table of contrib/siem/postgresql.sql and into a table sql() creates
# itself; every row of both is compared column by column (the second table
# has no id, so its rows are compared in any order), and the
# "violations per relay per day" report of contrib/siem/postgresql-queries.sql
# must give the expected counts.
set -u
. "$(dirname "$0")/lib.sh"
siem_setup

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
  echo "PostgreSQL server binaries are missing (Debian package postgresql)" >&2
  exit 1
fi

# postgres refuses to run as root: run it as the postgres account then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# initdb runs shell commands that write to /dev/null as the server account.
if ! as_owner sh -c ': >/dev/null' 2>/dev/null; then
  echo "/dev/null is not writable for $(as_owner id -un) ($(ls -l /dev/null)):" \
    "this machine's /dev/null is broken, and initdb cannot run" >&2
  exit 1
fi

pg_port=$(siem_free_port)
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work/pg"
as_owner "$pg_bin/initdb" -D "$work/pg/data" -U tfsiem --auth=trust -E UTF8 --locale=C \
  >"$work/pg/initdb.log" 2>&1 || {
  cat "$work/pg/initdb.log" >&2
  exit 1
}
as_owner "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $pg_port -k $work/pg -c fsync=off" start >/dev/null || {
  cat "$work/pg/server.log" >&2
  exit 1
}
pg_stop() {
  as_owner "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1
}
trap 'pg_stop; siem_cleanup' EXIT

export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=tfsiem PGTZ=UTC
psql_q() {
  "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"
}
psql_q -d postgres -c "CREATE DATABASE mail" || exit 1
psql_q -d mail -f "$TF_TOP_SRCDIR/contrib/siem/postgresql.sql" || exit 1

python3 "$siem_here/siem_expect.py" input $(siem_samples) >"$work/in.log"
# One more line, from host mx9, with bytes that are not UTF-8 in the
# recipient and the response: the row must still be stored, with \xHH text.
printf '%s\n' "2025-12-04T16:00:00+00:00 mx9 postfix/smtp[1]: 4ABCDEF0123: \
to=<b$(printf '\xff')ad@example.com>, relay=none, delay=0.1, delays=0/0/0/0.1, tls=may?, \
dsn=4.4.1, status=deferred (caf$(printf '\xc3') $(printf '\xe6\x97') $(printf '\x80'))" \
  >>"$work/in.log"
want=$(($(siem_expected_count) + 1))

cat >"$work/syslog-ng.conf" <<CONF
$(siem_header)
source s_in { file("$work/in.log" follow-freq(1)); };
destination d_pg {
  postfix-tls-postgresql(host("127.0.0.1") port("$pg_port") username("tfsiem")
                         database("mail"));
};
destination d_pg_auto {
  postfix-tls-postgresql(host("127.0.0.1") port("$pg_port") username("tfsiem")
                         database("mail") table("postfix_tls_auto"));
};
log { source(s_in); parser { postfix-tls-parser(); }; destination(d_pg); destination(d_pg_auto); };
CONF

siem_start_syslog_ng main "$work/syslog-ng.conf"
count_rows() {
  psql_q -d mail -c "SELECT (SELECT count(*) FROM postfix_tls_delivery)
    + (SELECT count(*) FROM postfix_tls_auto)" 2>/dev/null || echo 0
}
for ((i = 0; i < 600; i++)); do
  [ "$(count_rows)" -ge $((2 * want)) ] && break
  sleep 0.1
done
siem_stop main

psql_q -d mail -c "SELECT row_to_json(t) FROM postfix_tls_delivery t WHERE host <> 'mx9'
  ORDER BY id" >"$work/rows.out"
psql_q -d mail -c "SELECT row_to_json(t) FROM postfix_tls_auto t WHERE host <> 'mx9'" \
  >"$work/auto-rows.out"
hostile=$(psql_q -d mail -F '|' -c "SELECT recipient, response, fields->>'to'
  FROM postfix_tls_delivery WHERE host = 'mx9'")
query=$(python3 "$siem_here/siem_expect.py" pg-query \
  "$TF_TOP_SRCDIR/contrib/siem/postgresql-queries.sql" 1)
psql_q -d mail -c "SELECT row_to_json(v) FROM ($query) v" >"$work/violations.out"

rc=0
python3 "$siem_here/siem_expect.py" check-pg "$work/rows.out" $(siem_expected) || rc=1
python3 "$siem_here/siem_expect.py" check-pg-unordered "$work/auto-rows.out" \
  $(siem_expected) || rc=1
python3 "$siem_here/siem_expect.py" check-pg-violations "$work/violations.out" \
  $(siem_expected) || rc=1
want_hostile='b\xffad@example.com|caf\xc3 \xe6\x97 \x80|b\xffad@example.com'
if [ "$hostile" = "$want_hostile" ]; then
  echo "PASS bytes that are not UTF-8 stored as \\xHH text"
else
  echo "FAIL bytes that are not UTF-8: got '$hostile', want '$want_hostile'"
  rc=1
fi
[ $rc -eq 0 ] || cat "$work/main/stderr" >&2
exit $rc
