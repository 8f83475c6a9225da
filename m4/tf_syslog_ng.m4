dnl SPDX-License-Identifier: MIT
dnl tf_syslog_ng.m4 - the syslog-ng module SDK, the tools that turn the module's
dnl config grammar into C (python3 for merge-grammar.py, bison 3.7.6 or newer),
dnl and where the module and its SCL files install.
PKG_CHECK_MODULES([SYSLOG_NG], [syslog-ng >= 3.38])
PKG_CHECK_MODULES([GLIB], [glib-2.0])
dnl The SDK headers are not -Wextra clean: include them as system headers so
dnl the module itself builds with warnings as errors.
SYSLOG_NG_ISYSTEM_CFLAGS=$(echo " $SYSLOG_NG_CFLAGS" | sed -e 's/ -I/ -isystem /g')
AC_SUBST([SYSLOG_NG_ISYSTEM_CFLAGS])
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
AS_IF([test ! -f "$syslog_ng_tools/merge-grammar.py" || test ! -f "$syslog_ng_tools/cfg-grammar.y"],
  [AC_MSG_ERROR([syslog-ng toolsdir '$syslog_ng_tools' lacks merge-grammar.py or cfg-grammar.y:
    install syslog-ng-dev])])

AC_PATH_PROG([PYTHON3], [python3])
AS_IF([test -z "$PYTHON3"],
  [AC_MSG_ERROR([python3 is needed to merge the module's config grammar])])

AC_PATH_PROG([BISON], [bison])
AS_IF([test -z "$BISON"],
  [AC_MSG_ERROR([bison 3.7.6 or newer is needed for the module's config grammar])])
AC_MSG_CHECKING([whether bison is 3.7.6 or newer])
tf_bison_version=$($BISON --version | sed -n '1s/.* \([[0-9.]]*\)$/\1/p')
AS_VERSION_COMPARE([$tf_bison_version], [3.7.6],
  [AC_MSG_RESULT([no, $tf_bison_version])
   AC_MSG_ERROR([bison $tf_bison_version is too old for syslog-ng's grammar: 3.7.6 or newer])],
  [AC_MSG_RESULT([yes, $tf_bison_version])],
  [AC_MSG_RESULT([yes, $tf_bison_version])])

dnl The syslog-ng binary, for the tools and tests that run one.
AC_PATH_PROG([SYSLOG_NG_BIN], [syslog-ng], [], [$PATH:/usr/sbin:/sbin])
AC_SUBST([SYSLOG_NG_BIN])
