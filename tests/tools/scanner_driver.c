/* SPDX-License-Identifier: MIT */
/*
 * scanner_driver.c - run the C scanner on lines given by differential.py
 *
 * A test helper, built by tests/ci/15-oracle.sh with the scanner sources,
 * so the reference parser (tests/tools/reference.py) and the C scanner can
 * be compared on the same inputs.
 *
 * Input: one case per stdin line, "MODE HEX" where HEX is the input bytes in
 * hexadecimal (so any byte, NUL and line ends included, can be passed) and
 * MODE is "line" (a whole log line: tf_log_line_split, then the rest) or
 * "message" (a message body, no program).
 * Output: one stdout line per case, in order: "FAIL<TAB>REASON at offset N"
 * when tf_delivery_parse() rejects the message, otherwise the record's
 * fields, each "NAME<TAB>TYPE<TAB>HEXVALUE" followed by a 0x1f byte, TYPE
 * being "string", "number" or "boolean".
 * Exit status 0; 2 for a malformed input line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "tlsfeat.h"

#define CASE_BYTES_MAX (1u << 16)

static tf_record record;

/* hex_decode - "6162" into bytes; returns the length or -1 */
static long
hex_decode(const char *hex, size_t hex_len, char *bytes)
{
  if (hex_len % 2 != 0)
    return -1;

  for (size_t i = 0; i < hex_len / 2; i++) {
    char pair[3] = {hex[2 * i], hex[2 * i + 1], '\0'};
    char *end;
    bytes[i] = (char)strtol(pair, &end, 16);
    if (*end != '\0')
      return -1;
  }
  return (long)(hex_len / 2);
}

/* hex_print - bytes as lower-case hexadecimal */
static void
hex_print(tf_span value)
{
  for (size_t i = 0; i < value.len; i++)
    printf("%02x", (unsigned char)value.ptr[i]);
}

/* type_name - the TYPE column of an output field */
static const char *
type_name(enum tf_value_type type)
{
  switch (type) {
  case TF_TYPE_NUMBER:
    return "number";
  case TF_TYPE_BOOLEAN:
    return "boolean";
  default:
    return "string";
  }
}

/* record_print - one case: the parse failure or the record's fields */
static void
record_print(const char *input, size_t len, int whole_line)
{
  tf_span program = {NULL, 0};
  tf_span message = {input, len};
  tf_span syslog_name = {NULL, 0};
  tf_span service = {NULL, 0};
  tf_delivery delivery;
  tf_tls tls;
  char reason[256];

  if (whole_line && !tf_log_line_split(input, len, &program, &message)) {
    program.ptr = NULL;
    message = (tf_span){input, len};
  }
  if (program.ptr != NULL)
    tf_program_split(program.ptr, program.len, &syslog_name, &service);

  if (tf_delivery_parse(&delivery, message.ptr, message.len) != TF_OK) {
    tf_describe_error(delivery.error, delivery.error_offset, reason, sizeof(reason));
    printf("FAIL\t%s\n", reason);
    return;
  }
  if (delivery.tls.ptr != NULL)
    tf_tls_parse(&tls, delivery.tls.ptr, delivery.tls.len);
  tf_record_build(&record, &delivery, delivery.tls.ptr != NULL ? &tls : NULL, syslog_name, service);

  for (size_t i = 0; i < record.nfields; i++) {
    const tf_field *field = &record.fields[i];
    printf("%.*s\t%s\t", (int)field->name.len, field->name.ptr, type_name(field->type));
    hex_print(field->value);
    putchar(0x1f);
  }
  putchar('\n');
}

/* main - answer every case on stdin, one output line each */
int
main(void)
{
  static char text[2 * CASE_BYTES_MAX + 16];
  static char input[CASE_BYTES_MAX];

  while (fgets(text, sizeof(text), stdin) != NULL) {
    size_t text_len = strcspn(text, "\n");
    const char *hex = strchr(text, ' ');
    if (hex == NULL)
      return 2;
    hex++;

    long len = hex_decode(hex, text_len - (size_t)(hex - text), input);
    if (len < 0)
      return 2;
    record_print(input, (size_t)len, strncmp(text, "line ", 5) == 0);
  }
  return 0;
}
