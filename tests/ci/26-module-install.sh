#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 26-module-install.sh - build a copy of the source tree (the tree itself may
# be configured in-tree already), `make install DESTDIR=...`, and check the
# installed files work: the module lands in syslog-ng's module
# directory, the app-parser application in its SCL directory and the man
# page in section 7; a real syslog-ng loading the module from the staged
# directory and including the staged application parses a delivery line
# through `app-parser(topic(syslog))`. Runs from any directory; exits
# non-zero on failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

moduledir=$(pkg-config --variable=moduledir syslog-ng)
scldir=$(pkg-config --variable=scldir syslog-ng)
syslog_ng=$(PATH=$PATH:/usr/sbin:/sbin command -v syslog-ng)

mkdir "$work/tree"
tar -C "$top" --exclude=.git --exclude='*.o' --exclude='*.lo' --exclude='*.la' \
  --exclude=.libs --exclude=.deps --exclude=autom4te.cache --exclude=Makefile \
  --exclude=config.status --exclude=config.log --exclude=config.h --exclude=libtool \
  --exclude=stamp-h1 -cf - . | tar -C "$work/tree" -xf -
(cd "$work/tree" && { [ -x configure ] || autoreconf -fi >/dev/null 2>&1; } &&
  ./configure --prefix=/usr >/dev/null && make -j2 >/dev/null &&
  make install DESTDIR="$work/stage" >"$work/install.log" 2>&1) || {
  echo "FAIL install: build or make install failed"
  cat "$work/install.log" 2>/dev/null
  exit 1
}

status=0
for file in "$moduledir/libtlsfeat.so" "$scldir/tlsfeat/tlsfeat.conf" \
  /usr/share/man/man7/postfix-tls-parser.7; do
  if [ -f "$work/stage$file" ]; then
    echo "PASS install: $file"
  else
    echo "FAIL install: $file is not installed"
    status=1
  fi
done

cat >"$work/syslog-ng.conf" <<CONF
@version: 3.38
@include "$work/stage$scldir/tlsfeat/tlsfeat.conf"
source s_in { stdin(); };
log {
    source(s_in);
    if { parser { app-parser(topic(syslog)); }; };
    destination { file("$work/out" template("\${.postfix.queue_id} \${.postfix.tls.verdict}\n")); };
};
CONF
line='Dec  4 15:37:59 mx1 postfix/smtp[1]: 3C772A7606D: to=<a@example.com>, '
line+='relay=mx.example.net[192.0.2.1]:25, delay=0, tls=!verify, dsn=4.7.4, '
line+='status=deferred (TLS is required)'
printf '%s\n' "$line" |
  "$syslog_ng" -F --no-caps -f "$work/syslog-ng.conf" --persist-file "$work/persist" \
    --pidfile "$work/pid" --control "$work/ctl" --module-path="$work/stage$moduledir:$moduledir"
if [ "$(cat "$work/out")" = "3C772A7606D violation" ]; then
  echo "PASS install: the staged module and application parse a delivery line"
else
  echo "FAIL install: wanted '3C772A7606D violation', got '$(cat "$work/out")'"
  status=1
fi
exit $status
