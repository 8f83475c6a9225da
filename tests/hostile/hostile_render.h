/* SPDX-License-Identifier: MIT */
/*
 * hostile_render.h - run one message through the scanner as a front end does
 *
 *   hostile_render()  parses message as the body of a "postfix/smtp" line:
 *                     tf_delivery_parse(), tf_tls_parse() on the tls= value,
 *                     tf_record_build(); returns the fields in the canonical
 *                     form of hostile_cases.h (a new string), or NULL when
 *                     the message is not a delivery line. When type_error is
 *                     not NULL it receives the name of the first field whose
 *                     type differs from the product's type table, or NULL.
 */
#ifndef HOSTILE_RENDER_H_INCLUDED
#define HOSTILE_RENDER_H_INCLUDED

#include <stddef.h>

char *hostile_render(const char *message, size_t len, const char **type_error);

#endif
