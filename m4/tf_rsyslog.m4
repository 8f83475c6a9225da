dnl SPDX-License-Identifier: MIT
dnl tf_rsyslog.m4 - the rsyslog helper (tlsfeat-rsyslog) reads rsyslog's JSON
dnl messages with libfastjson, the JSON library rsyslog itself links.
PKG_CHECK_MODULES([LIBFASTJSON], [libfastjson >= 0.99.8], [],
  [AC_MSG_ERROR(m4_normalize([libfastjson not found: the rsyslog helper needs it to read
     rsyslog's JSON messages (Debian: libfastjson-dev)]))])
