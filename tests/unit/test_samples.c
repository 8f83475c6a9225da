/* SPDX-License-Identifier: MIT */
/*
 * test_samples.c - the sample logs against their expected records
 *
 * For every line of each sample log: tf_log_line_split() (or the whole
 * line as the message when it finds no program), tf_delivery_parse(),
 * tf_tls_parse() and tf_record_build(). A line listed in
 * tests/data/expected/<sample>.jsonl must give exactly that program,
 * message and set of fields, with the same JSON types (number, boolean,
 * string) and values; every other line must fail tf_delivery_parse().
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "record_check.h"
#include "sample_file.h"

/* expected_load - the expected records of a sample, indexed by line number */
static json_object **
expected_load(const char *name, size_t nlines, size_t *nexpected)
{
  char file_name[256];
  char path[1024];
  sample_file expected_file;

  snprintf(file_name, sizeof(file_name), "expected/%s.jsonl", name);
  cr_assert(sample_load(&expected_file, sample_path(file_name, path, sizeof(path))),
            "cannot read %s", path);

  json_object **by_line = calloc(nlines + 1, sizeof(json_object *));
  *nexpected = 0;
  for (size_t i = 0; i < expected_file.nlines; i++) {
    if (expected_file.lines[i].len == 0)
      continue;
    json_object *record =
        json_tokener_parse_verbose(expected_file.lines[i].text, &(enum json_tokener_error){0});
    json_object *line = NULL;
    cr_assert(record != NULL && json_object_object_get_ex(record, "line", &line),
              "%s line %zu: not an expected record", file_name, i + 1);
    int64_t number = json_object_get_int64(line);
    cr_assert(number >= 1 && (size_t)number <= nlines, "%s: line %lld outside the sample",
              file_name, (long long)number);
    by_line[number] = record;
    (*nexpected)++;
  }
  sample_free(&expected_file);
  return by_line;
}

/* json_string_is - a JSON value is a string (or null) equal to the span */
static bool
json_string_is(json_object *value, tf_span span)
{
  if (value == NULL || json_object_get_type(value) == json_type_null)
    return span.ptr == NULL;
  if (json_object_get_type(value) != json_type_string || span.ptr == NULL)
    return false;
  return (size_t)json_object_get_string_len(value) == span.len &&
         memcmp(json_object_get_string(value), span.ptr, span.len) == 0;
}

/* field_value_is - a record field equals its JSON value, type included */
static bool
field_value_is(const tf_field *field, json_object *value)
{
  char text[64];

  switch (field->type) {
  case TF_TYPE_STRING:
    return json_string_is(value, field->value);
  case TF_TYPE_BOOLEAN:
    return json_object_get_type(value) == json_type_boolean &&
           (json_object_get_boolean(value) ? 4u : 5u) == field->value.len &&
           memcmp(field->value.ptr, json_object_get_boolean(value) ? "true" : "false",
                  field->value.len) == 0;
  case TF_TYPE_NUMBER:
    if (field->value.len >= sizeof(text))
      return false;
    memcpy(text, field->value.ptr, field->value.len);
    text[field->value.len] = '\0';
    if (memchr(text, '.', field->value.len) != NULL)
      return json_object_get_type(value) == json_type_double &&
             strtod(text, NULL) == json_object_get_double(value);
    return json_object_get_type(value) == json_type_int &&
           strtoll(text, NULL, 10) == json_object_get_int64(value);
  }
  return false;
}

/* fields_match - the record holds exactly the expected fields */
static bool
fields_match(const char *where, const tf_record *record, json_object *fields)
{
  char name[512];
  bool same = (size_t)json_object_object_length(fields) == record->nfields;

  for (size_t i = 0; i < record->nfields; i++) {
    const tf_field *field = &record->fields[i];
    json_object *value = NULL;
    snprintf(name, sizeof(name), "%.*s", (int)field->name.len, field->name.ptr);
    if (json_object_object_get_ex(fields, name, &value) && field_value_is(field, value))
      continue;
    fprintf(stderr, "FAIL %s: field %s = '%.*s' (expected %s)\n", where, name,
            (int)field->value.len, field->value.ptr,
            value ? json_object_to_json_string(value) : "no such field");
    same = false;
  }
  if (!same)
    fprintf(stderr, "FAIL %s: %zu fields, expected %s\n", where, record->nfields,
            json_object_to_json_string(fields));
  return same;
}

/* line_check - one sample line against its expected record (or none) */
static bool
line_check(const char *where, const sample_line *line, json_object *expected)
{
  static parsed_line parsed;
  tf_span program, message;
  char program_text[256] = "";

  bool found = tf_log_line_split(line->text, line->len, &program, &message);
  if (found)
    snprintf(program_text, sizeof(program_text), "%.*s", (int)program.len, program.ptr);
  int result = record_of_message(&parsed, message.ptr, message.len, found ? program_text : NULL);

  if (expected == NULL) {
    if (result == TF_OK)
      fprintf(stderr, "FAIL %s: parsed, but it is not a delivery line\n", where);
    return result != TF_OK;
  }
  if (result != TF_OK) {
    fprintf(stderr, "FAIL %s: not parsed: %s at offset %zu\n", where, parsed.delivery.error,
            parsed.delivery.error_offset);
    return false;
  }

  json_object *value = NULL;
  json_object_object_get_ex(expected, "program", &value);
  bool same = json_string_is(value, found ? program : (tf_span){NULL, 0});
  json_object_object_get_ex(expected, "message", &value);
  same = same && json_string_is(value, message);
  if (!same)
    fprintf(stderr, "FAIL %s: program or message differ\n", where);
  json_object_object_get_ex(expected, "fields", &value);
  return fields_match(where, &parsed.record, value) && same;
}

/* sample_check - every line of one sample; returns the number of failures */
static size_t
sample_check(const char *name)
{
  char path[1024];
  char where[300];
  sample_file sample;
  size_t nexpected = 0;
  size_t failures = 0;

  cr_assert(sample_load(&sample, sample_path(name, path, sizeof(path))), "cannot read %s", path);
  json_object **expected = expected_load(name, sample.nlines, &nexpected);
  cr_assert_gt(nexpected, 0, "%s: no expected records", name);

  for (size_t i = 0; i < sample.nlines; i++) {
    snprintf(where, sizeof(where), "%s line %zu", name, i + 1);
    failures += line_check(where, &sample.lines[i], expected[i + 1]) ? 0 : 1;
  }

  for (size_t i = 0; i <= sample.nlines; i++)
    json_object_put(expected[i]);
  free(expected);
  sample_free(&sample);
  return failures;
}

Test(samples, postfix_3_11_6)
{
  cr_assert_eq(sample_check("postfix-3.11.6.maillog"), 0, "lines differ (see stderr)");
}

Test(samples, postfix_3_11_nonprod_draft_syntax)
{
  cr_assert_eq(sample_check("postfix-3.11-20250912-nonprod.maillog"), 0,
               "lines differ (see stderr)");
}

Test(samples, public_shapes)
{
  cr_assert_eq(sample_check("public-shapes.log"), 0, "lines differ (see stderr)");
}
