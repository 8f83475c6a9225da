dnl SPDX-License-Identifier: MIT
dnl tf_packaging.m4 - the Debian and RPM packaging add no configure checks: they
dnl install into the moduledir and scldir that tf_syslog_ng.m4 takes from
dnl pkg-config, and `make distcheck` overrides both (packaging.am).
