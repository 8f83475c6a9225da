/* SPDX-License-Identifier: MIT */
/*
 * delivery_check.c - invariants of tf_delivery_parse() and tf_record_build()
 *
 * Used by the delivery fuzzer on every input. Each check returns NULL or a
 * short name of the rule that failed; the caller aborts with it.
 */
#include <string.h>

#include "delivery_check.h"

/* _span_inside - absent, or wholly inside [line, line + len) */
static bool
_span_inside(tf_span span, const char *line, size_t len)
{
  if (!span.ptr)
    return true;
  return span.ptr >= line && span.len <= len && (size_t)(span.ptr - line) <= len - span.len;
}

/* _number_valid - decimal digits with at most one "." */
static bool
_number_valid(tf_span span)
{
  size_t dots = 0;

  if (span.len == 0)
    return false;
  for (size_t i = 0; i < span.len; i++) {
    if (span.ptr[i] == '.')
      dots++;
    else if (span.ptr[i] < '0' || span.ptr[i] > '9')
      return false;
  }
  return dots <= 1 && span.ptr[0] != '.' && span.ptr[span.len - 1] != '.';
}

/* _extra_name_valid - [a-z][a-z0-9_]* */
static bool
_extra_name_valid(const char *name, size_t len)
{
  if (len == 0 || name[0] < 'a' || name[0] > 'z')
    return false;
  for (size_t i = 1; i < len; i++) {
    char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

/* _delivery_spans - every span of the delivery, in a fixed order */
static size_t
_delivery_spans(const tf_delivery *delivery, tf_span *spans)
{
  size_t n = 0;

  spans[n++] = delivery->queue_id;
  spans[n++] = delivery->to;
  spans[n++] = delivery->orig_to;
  spans[n++] = delivery->from;
  spans[n++] = delivery->relay;
  spans[n++] = delivery->relay_hostname;
  spans[n++] = delivery->relay_address;
  spans[n++] = delivery->relay_port;
  spans[n++] = delivery->conn_use;
  spans[n++] = delivery->delay;
  for (size_t i = 0; i < 4; i++)
    spans[n++] = delivery->delays[i];
  spans[n++] = delivery->tls;
  spans[n++] = delivery->dsn;
  spans[n++] = delivery->status;
  spans[n++] = delivery->response;
  for (size_t i = 0; i < TF_EXTRA_ATTRS_MAX && i < delivery->nextra; i++) {
    spans[n++] = delivery->extra[i].name;
    spans[n++] = delivery->extra[i].value;
  }
  return n;
}

/* _delivery_numbers - NULL when the numeric attributes are numbers */
static const char *
_delivery_numbers(const tf_delivery *delivery)
{
  if (delivery->relay_port.ptr && !_number_valid(delivery->relay_port))
    return "relay_port not a number";
  if (delivery->conn_use.ptr && !_number_valid(delivery->conn_use))
    return "conn_use not a number";
  if (delivery->delay.ptr && !_number_valid(delivery->delay))
    return "delay not a number";
  for (size_t i = 0; i < 4; i++)
    if (delivery->delays[i].ptr && !_number_valid(delivery->delays[i]))
      return "delays not a number";
  return NULL;
}

/* delivery_check - NULL when a parse result is coherent, else the first broken rule */
const char *
delivery_check(const tf_delivery *delivery, int result, const char *line, size_t len)
{
  tf_span spans[20 + 2 * TF_EXTRA_ATTRS_MAX];
  size_t nspans = _delivery_spans(delivery, spans);

  if (result != TF_OK && result != TF_NOT_DELIVERY)
    return "delivery result out of range";
  if (result == TF_NOT_DELIVERY)
    return !delivery->error               ? "not a delivery line without error"
           : delivery->error_offset > len ? "delivery error offset beyond the line"
                                          : NULL;
  if (delivery->error)
    return "delivery line with error";
  for (size_t i = 0; i < nspans; i++)
    if (!_span_inside(spans[i], line, len))
      return "delivery span outside the line";
  if (!delivery->status.ptr || delivery->status.len == 0)
    return "delivery line without status";
  if (delivery->from.ptr) {
    if (delivery->to.ptr || delivery->relay.ptr || delivery->delay.ptr || !delivery->queue_id.ptr)
      return "expiry line with delivery attributes";
  } else if (!delivery->to.ptr || !delivery->relay.ptr || !delivery->delay.ptr) {
    return "delivery line without to, relay or delay";
  }
  if (delivery->response_truncated && !delivery->response.ptr)
    return "truncated response without response";
  for (size_t i = 0; i < TF_EXTRA_ATTRS_MAX && i < delivery->nextra; i++)
    if (!delivery->extra[i].name.ptr || !delivery->extra[i].value.ptr)
      return "extra attribute without name or value";
  return _delivery_numbers(delivery);
}

/* _field_typed - NULL when a value fits its type */
static const char *
_field_typed(const tf_field *field)
{
  if (!field->value.ptr)
    return "field without value";
  if (field->type == TF_TYPE_NUMBER)
    return _number_valid(field->value) ? NULL : "number field not a number";
  if (field->type == TF_TYPE_BOOLEAN) {
    bool t = field->value.len == 4 && memcmp(field->value.ptr, "true", 4) == 0;
    bool f = field->value.len == 5 && memcmp(field->value.ptr, "false", 5) == 0;
    return (t || f) ? NULL : "boolean field neither true nor false";
  }
  return field->type == TF_TYPE_STRING ? NULL : "field type out of range";
}

/* _field_name - NULL when the name fits the id */
static const char *
_field_name(const tf_field *field)
{
  if (!field->name.ptr || field->name.len == 0)
    return "field without name";
  if (field->id > TF_FIELD_DYNAMIC)
    return "field id out of range";
  if (field->id == TF_FIELD_DYNAMIC) {
    bool tls = field->name.len > 4 && memcmp(field->name.ptr, "tls.", 4) == 0;
    bool extra = field->name.len > 6 && memcmp(field->name.ptr, "extra.", 6) == 0;
    if (extra && !_extra_name_valid(field->name.ptr + 6, field->name.len - 6))
      return "extra field name outside [a-z][a-z0-9_]*";
    return (tls || extra) ? NULL : "dynamic field neither tls. nor extra.";
  }

  const char *fixed = tf_field_names[field->id];
  if (strlen(fixed) != field->name.len || memcmp(fixed, field->name.ptr, field->name.len) != 0)
    return "fixed field name differs from tf_field_names";
  return NULL;
}

/* _names_nest - NULL when no two names collide or nest as value and parent */
static const char *
_names_nest(const tf_record *record)
{
  for (size_t i = 0; i < record->nfields; i++) {
    tf_span a = record->fields[i].name;

    for (size_t j = 0; j < record->nfields; j++) {
      tf_span b = record->fields[j].name;

      if (i == j)
        continue;
      if (a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0)
        return "field name twice";
      if (b.len > a.len && memcmp(a.ptr, b.ptr, a.len) == 0 && b.ptr[a.len] == '.')
        return "field name is both a value and a parent";
    }
  }
  return NULL;
}

/* _record_tls - NULL when the tls.* fields fit the tls result */
static const char *
_record_tls(const tf_record *record, const tf_tls *tls)
{
  size_t ntls = 0;
  bool raw = false;
  bool error = false;

  for (size_t i = 0; i < record->nfields; i++) {
    const tf_field *field = &record->fields[i];

    if (field->name.len < 4 || memcmp(field->name.ptr, "tls.", 4) != 0)
      continue;
    ntls++;
    raw |= field->id == TF_FIELD_TLS_RAW;
    error |= field->id == TF_FIELD_TLS_ERROR;
  }
  if (!tls)
    return ntls == 0 ? NULL : "tls fields without tls=";
  if (!raw)
    return "tls= without tls.raw";
  if (tls->error)
    return (error && ntls == 2) ? NULL : "invalid tls= not exactly tls.raw and tls.error";
  return error ? "valid tls= with tls.error" : NULL;
}

/* record_check - NULL when a record is coherent, else the first broken rule */
const char *
record_check(const tf_record *record, const tf_tls *tls)
{
  if (record->nfields > TF_RECORD_FIELDS_MAX)
    return "more fields than TF_RECORD_FIELDS_MAX";
  if (record->buffer_used > TF_RECORD_BUFFER_SIZE)
    return "record buffer overrun";
  for (size_t i = 0; i < record->nfields; i++) {
    const tf_field *field = &record->fields[i];
    const char *broken = _field_name(field);

    if (!broken)
      broken = _field_typed(field);
    if (!broken && field->id == TF_FIELD_RESPONSE_TRUNCATED &&
        !(field->value.len == 4 && memcmp(field->value.ptr, "true", 4) == 0))
      broken = "response_truncated present but not true";
    if (broken)
      return broken;
  }

  const char *broken = _names_nest(record);
  return broken ? broken : _record_tls(record, tls);
}

/* _offset_equal - both absent, or equal offset and length from their lines */
static bool
_offset_equal(tf_span a, const char *line_a, tf_span b, const char *line_b)
{
  if (!a.ptr || !b.ptr)
    return !a.ptr && !b.ptr;
  return a.len == b.len && a.ptr - line_a == b.ptr - line_b;
}

/* delivery_same - NULL when two parses agree on the result and every span offset */
const char *
delivery_same(const tf_delivery *a, int result_a, const char *line_a, const tf_delivery *b,
              int result_b, const char *line_b)
{
  tf_span spans_a[20 + 2 * TF_EXTRA_ATTRS_MAX];
  tf_span spans_b[20 + 2 * TF_EXTRA_ATTRS_MAX];

  if (result_a != result_b)
    return "trailing CR/LF changed the result";
  if (result_a != TF_OK)
    return NULL;

  size_t n = _delivery_spans(a, spans_a);
  if (_delivery_spans(b, spans_b) != n || a->response_truncated != b->response_truncated)
    return "trailing CR/LF changed the fields";
  for (size_t i = 0; i < n; i++)
    if (!_offset_equal(spans_a[i], line_a, spans_b[i], line_b))
      return "trailing CR/LF changed a field";
  return NULL;
}
