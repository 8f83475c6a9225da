dnl SPDX-License-Identifier: MIT
dnl tf_scanner.m4 - what the scanner's unit tests need: Criterion for the
dnl test tables and json-c to read the expected records of the sample logs.
dnl The scanner library itself needs nothing beyond a C11 compiler.
PKG_CHECK_MODULES([CRITERION], [criterion])
PKG_CHECK_MODULES([JSONC], [json-c])
