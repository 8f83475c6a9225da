dnl SPDX-License-Identifier: MIT
dnl tf_bench.m4 - what `make bench` needs beyond the build: PCRE2 for the
dnl regular-expression baseline of the core benchmark, and glibc's allocator
dnl entry points for the allocation count. Neither is needed by the build
dnl itself: without PCRE2, `make bench` stops with a message naming the
dnl package; without the glibc entry points the allocation check is skipped.
PKG_CHECK_MODULES([TF_BENCH_PCRE2], [libpcre2-8], [tf_bench_pcre2=yes], [tf_bench_pcre2=no])
AM_CONDITIONAL([TF_BENCH_PCRE2], [test "x$tf_bench_pcre2" = xyes])

AC_MSG_CHECKING([whether glibc's allocator can be interposed (__libc_malloc)])
AC_LINK_IFELSE(
  [AC_LANG_PROGRAM([[#include <stddef.h>
void *__libc_malloc(size_t size);
void __libc_free(void *block);]],
    [[__libc_free(__libc_malloc(1));]])],
  [AC_MSG_RESULT([yes])
   AC_DEFINE([TF_HAVE_LIBC_MALLOC], [1],
     [Define to 1 if glibc's __libc_malloc family can back an interposed malloc.])],
  [AC_MSG_RESULT([no])])
