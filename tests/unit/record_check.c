/* SPDX-License-Identifier: MIT */
/*
 * record_check.c - build records and compare them with expected field lists
 *
 * See record_check.h. A difference is printed as the row label, then the
 * expected and the produced "name=value" lists with the first differing
 * position marked, so a failing row shows what to fix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record_check.h"

/* input_copy - an exact-size heap copy of the input, replacing the previous one */
static const char *
input_copy(parsed_line *parsed, const char *input, size_t len)
{
  free(parsed->input);
  parsed->input = malloc(len > 0 ? len : 1);
  if (parsed->input == NULL) {
    fprintf(stderr, "out of memory\n");
    abort();
  }
  if (len > 0)
    memcpy(parsed->input, input, len);
  return parsed->input;
}

/* record_of_message - parse a message body and build its record */
int
record_of_message(parsed_line *parsed, const char *message, size_t len, const char *program)
{
  tf_span syslog_name = {NULL, 0};
  tf_span service = {NULL, 0};

  if (program != NULL)
    tf_program_split(program, strlen(program), &syslog_name, &service);
  message = input_copy(parsed, message, len);
  int result = tf_delivery_parse(&parsed->delivery, message, len);
  if (result != TF_OK)
    return result;

  const tf_tls *tls = NULL;
  if (parsed->delivery.tls.ptr != NULL) {
    tf_tls_parse(&parsed->tls, parsed->delivery.tls.ptr, parsed->delivery.tls.len);
    tls = &parsed->tls;
  }
  tf_record_build(&parsed->record, &parsed->delivery, tls, syslog_name, service);
  return TF_OK;
}

/* record_of_tls - the record of a delivery that carries only this tls= value */
void
record_of_tls(parsed_line *parsed, const char *value, size_t len)
{
  tf_span absent = {NULL, 0};

  value = input_copy(parsed, value, len);
  memset(&parsed->delivery, 0, sizeof(parsed->delivery));
  parsed->delivery.tls.ptr = value;
  parsed->delivery.tls.len = len;
  tf_tls_parse(&parsed->tls, value, len);
  tf_record_build(&parsed->record, &parsed->delivery, &parsed->tls, absent, absent);
}

/* text_show - printable form of a span for messages */
const char *
text_show(const char *text, size_t len, char *buf, size_t size)
{
  size_t used = 0;

  for (size_t i = 0; i < len && used + 5 < size; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c < 0x7f)
      buf[used++] = (char)c;
    else
      used += (size_t)snprintf(buf + used, size - used, "\\x%02x", c);
  }
  buf[used] = '\0';
  return buf;
}

/* name_ends_with - whether a field name ends with the suffix */
static bool
name_ends_with(const char *name, size_t len, const char *suffix)
{
  size_t suffix_len = strlen(suffix);
  return len >= suffix_len && memcmp(name + len - suffix_len, suffix, suffix_len) == 0;
}

/* field_type_expected - number, boolean or string, from the field name */
enum tf_value_type
field_type_expected(const char *name, size_t len)
{
  static const char *const numbers[] = {
      "relay.port",          "conn_use",           "delay", "delays.in_qmgr", "delays.conn_setup",
      "delays.transmission", "delays.before_qmgr",
  };

  if (len > 6 && memcmp(name, "extra.", 6) == 0)
    return TF_TYPE_STRING;
  for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
    if (strlen(numbers[i]) == len && memcmp(name, numbers[i], len) == 0)
      return TF_TYPE_NUMBER;
  }
  if (name_ends_with(name, len, "downgraded") || name_ends_with(name, len, "response_truncated"))
    return TF_TYPE_BOOLEAN;
  return TF_TYPE_STRING;
}

/* field_render - "name=value" of one field */
static void
field_render(const tf_field *field, char *buf, size_t size)
{
  char name[512];
  char value[4096];

  snprintf(buf, size, "%s=%s", text_show(field->name.ptr, field->name.len, name, sizeof(name)),
           text_show(field->value.ptr, field->value.len, value, sizeof(value)));
}

/* lists_print - both lists, the first difference marked */
static void
lists_print(const char *label, const tf_record *record, const char *const *expected, size_t differs)
{
  char rendered[4700];

  fprintf(stderr, "FAIL %s: first difference at field %zu\n  expected:\n", label, differs);
  for (size_t i = 0; expected[i] != NULL; i++)
    fprintf(stderr, "   %c %s\n", i == differs ? '>' : ' ', expected[i]);
  fprintf(stderr, "  produced:\n");
  for (size_t i = 0; i < record->nfields; i++) {
    field_render(&record->fields[i], rendered, sizeof(rendered));
    fprintf(stderr, "   %c %s\n", i == differs ? '>' : ' ', rendered);
  }
}

/* record_expect - the record holds exactly the expected fields, in order */
bool
record_expect(const char *label, const tf_record *record, const char *const *expected)
{
  char rendered[4700];
  size_t i = 0;

  for (; expected[i] != NULL; i++) {
    if (i >= record->nfields)
      break;
    const tf_field *field = &record->fields[i];
    field_render(field, rendered, sizeof(rendered));
    if (strcmp(rendered, expected[i]) != 0)
      break;
    if (field->type != field_type_expected(field->name.ptr, field->name.len)) {
      fprintf(stderr, "FAIL %s: field %s has type %d\n", label, rendered, (int)field->type);
      return false;
    }
  }
  if (expected[i] == NULL && i == record->nfields)
    return true;
  lists_print(label, record, expected, i);
  return false;
}
