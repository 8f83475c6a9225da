/* SPDX-License-Identifier: MIT */
/*
 * fuzz_report.c - print a broken invariant with its input, then abort
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_report.h"

#define FUZZ_REPORT_SHOWN 600 /* input bytes printed before "..." */

/* fuzz_report_fail - print the target, the broken rule and the escaped input, then abort */
_Noreturn void
fuzz_report_fail(const char *target, const char *rule, const char *input, size_t len)
{
  fprintf(stderr, "%s: invariant broken: %s\ninput (%zu bytes): \"", target, rule, len);
  for (size_t i = 0; i < len && i < FUZZ_REPORT_SHOWN; i++) {
    unsigned char c = (unsigned char)input[i];
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"')
      fputc(c, stderr);
    else
      fprintf(stderr, "\\x%02x", c);
  }
  fprintf(stderr, "%s\"\n", len > FUZZ_REPORT_SHOWN ? "..." : "");
  abort();
}
