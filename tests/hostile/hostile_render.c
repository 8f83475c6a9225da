/* SPDX-License-Identifier: MIT */
/*
 * hostile_render.c - scanner output of one message, in canonical form
 *
 * Types follow the product's table: relay.port, conn_use, delay and
 * delays.* are numbers; response_truncated and every *.downgraded are
 * booleans; everything else is a string.
 */
#include <stdlib.h>
#include <string.h>

#include "hostile_cases.h"
#include "hostile_render.h"
#include "record.h"

/* _span_ends - the span ends with the literal suffix */
static bool
_span_ends(tf_span span, const char *suffix)
{
  size_t len = strlen(suffix);
  return span.len >= len && memcmp(span.ptr + span.len - len, suffix, len) == 0;
}

/* _span_starts - the span starts with the literal prefix */
static bool
_span_starts(tf_span span, const char *prefix)
{
  size_t len = strlen(prefix);
  return span.len >= len && memcmp(span.ptr, prefix, len) == 0;
}

/* _type_wanted - the type a field of this name must have */
static enum tf_value_type
_type_wanted(tf_span name)
{
  static const char *const numbers[] = {"relay.port", "conn_use", "delay", NULL};

  for (size_t i = 0; numbers[i]; i++)
    if (name.len == strlen(numbers[i]) && memcmp(name.ptr, numbers[i], name.len) == 0)
      return TF_TYPE_NUMBER;
  if (_span_starts(name, "delays."))
    return TF_TYPE_NUMBER;
  if (_span_starts(name, "tls.") && _span_ends(name, ".downgraded"))
    return TF_TYPE_BOOLEAN;
  if (name.len == 18 && memcmp(name.ptr, "response_truncated", 18) == 0)
    return TF_TYPE_BOOLEAN;
  return TF_TYPE_STRING;
}

/* hostile_render - the canonical fields of one message body, or NULL for a non-delivery */
char *
hostile_render(const char *message, size_t len, const char **type_error)
{
  static tf_record record;
  tf_delivery delivery;
  tf_tls tls;
  tf_span syslog_name, service;
  hostile_text lines = {NULL, 0, 0};

  if (type_error)
    *type_error = NULL;
  if (tf_delivery_parse(&delivery, message, len) != TF_OK)
    return NULL;
  if (delivery.tls.ptr)
    tf_tls_parse(&tls, delivery.tls.ptr, delivery.tls.len);
  if (!tf_program_split("postfix/smtp", 12, &syslog_name, &service))
    syslog_name = service = (tf_span){NULL, 0};
  tf_record_build(&record, &delivery, delivery.tls.ptr ? &tls : NULL, syslog_name, service);

  hostile_text_append(&lines, "", 0);
  for (size_t i = 0; i < record.nfields; i++) {
    const tf_field *field = &record.fields[i];

    if (type_error && !*type_error && field->type != _type_wanted(field->name))
      *type_error = field->id < TF_FIELD_COUNT ? tf_field_names[field->id] : "dynamic field";
    hostile_escape(&lines, field->name.ptr, field->name.len);
    hostile_text_append(&lines, "=", 1);
    hostile_escape(&lines, field->value.ptr, field->value.len);
    hostile_text_append(&lines, "\n", 1);
  }

  char *canonical = hostile_canonical(lines.ptr);
  free(lines.ptr);
  return canonical;
}
