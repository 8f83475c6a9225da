/* SPDX-License-Identifier: MIT */
/*
 * tls_oracle.h - an independent reading of a tls= value, for the fuzzers
 *
 * A second, deliberately simple implementation of the tls= grammar and its
 * interpretation, written from the product's output rules and nothing else.
 * The fuzzers and the hostile table compare tf_tls_parse() against it.
 *
 *   tls_oracle_check()   parses value with tf_tls_parse() and with this
 *                        reading, and returns NULL when they agree on
 *                        validity, every interpreted field, the anomaly flag
 *                        and the round trip through tls_format_*(); else a
 *                        short text naming the first disagreement.
 *   tls_format_final()   writes the released syntax from the interpreted
 *                        fields (status, name, final) into buf.
 *   tls_format_draft()   writes a value from the marks as written, draft
 *                        tokens included.
 * Both formatters return the length written, or (size_t)-1 when buf is too
 * small.
 */
#ifndef TLS_ORACLE_H_INCLUDED
#define TLS_ORACLE_H_INCLUDED

#include "tlsfeat.h"

const char *tls_oracle_check(const tf_tls *tls, int result, const char *value, size_t len);
size_t tls_format_final(const tf_tls *tls, char *buf, size_t size);
size_t tls_format_draft(const tf_tls *tls, char *buf, size_t size);

#endif
