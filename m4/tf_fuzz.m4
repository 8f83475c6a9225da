dnl SPDX-License-Identifier: MIT
dnl tf_fuzz.m4 - what the reliability tests need from configure: Criterion for
dnl the hostile-input table. The fuzzers and sanitizer suites build with their
dnl own scripts (fuzz/build.sh, tests/ci/5*.sh) and need nothing here.
PKG_CHECK_MODULES([HOSTILE_CRITERION], [criterion])
