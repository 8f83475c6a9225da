/* SPDX-License-Identifier: MIT */
/*
 * record_check.h - helpers shared by the scanner's unit tests
 *
 *   record_of_message()   tf_delivery_parse + tf_tls_parse + tf_record_build
 *                         on one message body; returns the parse result
 *   record_of_tls()       the record of a bare tls= value (tls.* fields only)
 *                         Both parse a heap copy of exactly the input bytes,
 *                         so a sanitizer build catches any read past the end;
 *                         the copy lives until the next call on parsed.
 *   record_expect()       compares a record with a NULL-terminated list of
 *                         "name=value" strings, in order, and checks every
 *                         field's type against its name; prints the label
 *                         and both lists to stderr on a difference
 *   field_type_expected() the type a field name must carry
 *   text_show()           a span with bytes outside printable ASCII as \xHH
 */
#ifndef TF_RECORD_CHECK_H_INCLUDED
#define TF_RECORD_CHECK_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "tlsfeat.h"

#define RECORD_EXPECT_MAX 48 /* "name=value" entries in one test row */

/* Everything one parsed line needs, kept together for the tests. */
typedef struct parsed_line {
  char *input; /* the copy the spans point into */
  tf_delivery delivery;
  tf_tls tls;
  tf_record record;
} parsed_line;

int record_of_message(parsed_line *parsed, const char *message, size_t len, const char *program);
void record_of_tls(parsed_line *parsed, const char *value, size_t len);
bool record_expect(const char *label, const tf_record *record, const char *const *expected);
enum tf_value_type field_type_expected(const char *name, size_t len);
const char *text_show(const char *text, size_t len, char *buf, size_t size);

#endif
