dnl SPDX-License-Identifier: MIT
dnl tf_syslog_ng.m4 - the syslog-ng module SDK and where its files install.
PKG_CHECK_MODULES([SYSLOG_NG], [syslog-ng >= 3.38])
PKG_CHECK_MODULES([GLIB], [glib-2.0])
AC_ARG_WITH([moduledir],
  [AS_HELP_STRING([--with-moduledir=DIR], [syslog-ng module directory (default: from pkg-config)])],
  [moduledir=$withval],
  [moduledir=$($PKG_CONFIG --variable=moduledir syslog-ng)])
AC_ARG_WITH([scldir],
  [AS_HELP_STRING([--with-scldir=DIR], [syslog-ng SCL directory (default: from pkg-config)])],
  [scldir=$withval],
  [scldir=$($PKG_CONFIG --variable=scldir syslog-ng)])
AC_SUBST([moduledir])
AC_SUBST([scldir])
syslog_ng_tools=$($PKG_CONFIG --variable=toolsdir syslog-ng)
AC_SUBST([syslog_ng_tools])
