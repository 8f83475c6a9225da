#!/bin/sh
# SPDX-License-Identifier: MIT
# unpack-rsyslog.sh DEST - download Debian's rsyslog and the libraries it
# needs beyond a syslog-ng host, and unpack them under DEST/root without
# installing anything (the rsyslog package would replace syslog-ng).
# Prints the unpacked root. Needs apt-get (and its package lists) and dpkg.
set -eu
dest=${1:?usage: unpack-rsyslog.sh DEST}
packages="rsyslog libestr0 libfastjson4 liblognorm5"

mkdir -p "$dest/debs" "$dest/root"
cd "$dest/debs"
if ! apt-get -q -o APT::Sandbox::User=root download $packages >/dev/null 2>&1; then
  apt-get -q update >/dev/null
  apt-get -q -o APT::Sandbox::User=root download $packages >/dev/null
fi
for deb in *.deb; do
  dpkg -x "$deb" "$dest/root"
done
test -x "$dest/root/usr/sbin/rsyslogd"
echo "$dest/root"
