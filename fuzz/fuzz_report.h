/* SPDX-License-Identifier: MIT */
/*
 * fuzz_report.h - stop a fuzzer on a broken invariant
 *
 *   fuzz_report_fail()  prints the rule that broke and the input (printable
 *                       ASCII as is, other bytes as \xHH) to stderr, then
 *                       aborts so libFuzzer saves the input as a crash file.
 */
#ifndef FUZZ_REPORT_H_INCLUDED
#define FUZZ_REPORT_H_INCLUDED

#include <stddef.h>

_Noreturn void fuzz_report_fail(const char *target, const char *rule, const char *input,
                                size_t len);

#endif
