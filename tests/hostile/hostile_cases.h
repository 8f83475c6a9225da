/* SPDX-License-Identifier: MIT */
/*
 * hostile_cases.h - the hostile-input table shared by its two drivers
 *
 * Every row is a message body (what follows "postfix/smtp[PID]: ") with the
 * exact outcome the product must give: the output fields, one
 * "name=value" line each in canonical form (see hostile_canonical()), or
 * NULL when the message is not a delivery line and the parser must fail.
 * test_hostile.c runs the rows through the scanner; hostile-emit writes
 * them for the syslog-ng pipeline driver.
 *
 *   hostile_cases_build()  the whole table: fixed rows, generated large
 *                          rows, and every prefix of three real lines.
 *                          Allocates; exits on allocation failure.
 *   hostile_cases_free()   releases what hostile_cases_build() allocated.
 *   hostile_canonical()    the canonical text of a list of "name=value"
 *                          lines: lines sorted bytewise. Values are already
 *                          escaped: bytes outside 0x20-0x7e and "\" are
 *                          written \xHH. Returns a new string.
 *   hostile_escape()       appends an escaped value to a growing string.
 */
#ifndef HOSTILE_CASES_H_INCLUDED
#define HOSTILE_CASES_H_INCLUDED

#include <stddef.h>

typedef struct hostile_text {
  char *ptr;
  size_t len;
  size_t size;
} hostile_text;

typedef struct hostile_case {
  char *label;
  char *input;
  size_t len;
  char *expected; /* canonical fields, or NULL: not a delivery line */
} hostile_case;

typedef struct hostile_table {
  hostile_case *cases;
  size_t ncases;
  size_t size;
} hostile_table;

void hostile_cases_build(hostile_table *table);
void hostile_cases_free(hostile_table *table);
char *hostile_canonical(const char *lines);
void hostile_text_append(hostile_text *text, const char *bytes, size_t len);
void hostile_escape(hostile_text *text, const char *value, size_t len);

#endif
