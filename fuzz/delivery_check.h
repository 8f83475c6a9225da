/* SPDX-License-Identifier: MIT */
/*
 * delivery_check.h - invariants of a parsed delivery line and its record
 *
 *   delivery_check()  NULL when a tf_delivery_parse() result is coherent:
 *                     every span lies inside the line, a delivery line has
 *                     its required attributes, numbers are numbers; else
 *                     the name of the first broken rule.
 *   record_check()    NULL when a tf_record is coherent: names unique,
 *                     fixed names match their ids, no name is the parent of
 *                     another, typed values well formed, an invalid tls=
 *                     gives only tls.raw and tls.error; else the broken rule.
 *   delivery_same()   NULL when two parses of the same line (one with CR/LF
 *                     appended) agree on the result and every span offset.
 */
#ifndef DELIVERY_CHECK_H_INCLUDED
#define DELIVERY_CHECK_H_INCLUDED

#include "record.h"

const char *delivery_check(const tf_delivery *delivery, int result, const char *line, size_t len);
const char *record_check(const tf_record *record, const tf_tls *tls);
const char *delivery_same(const tf_delivery *a, int result_a, const char *line_a,
                          const tf_delivery *b, int result_b, const char *line_b);

#endif
