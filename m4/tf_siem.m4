dnl SPDX-License-Identifier: MIT
dnl tf_siem.m4 - the SIEM blocks need no configure checks: their drivers
dnl (http(), sql(), kafka-c()) are syslog-ng modules loaded at run time,
dnl listed in scripts/deps/siem.list and exercised by tests/siem/.
