/* SPDX-License-Identifier: MIT */
/*
 * NAME
 *   record.c - the ordered output fields of one parsed delivery line
 *
 * SYNOPSIS
 *   #include "record.h"
 *
 *   extern const char *const tf_field_names[TF_FIELD_COUNT];
 *   void tf_record_build(tf_record *record, const tf_delivery *delivery,
 *                        const tf_tls *tls, tf_span syslog_name,
 *                        tf_span service);
 *
 * DESCRIPTION
 *   tf_record_build() lists the fields of the fixed set in the order of
 *   enum tf_field_id, each only when present, with two kinds of
 *   TF_FIELD_DYNAMIC fields between them: the kept unknown attributes
 *   ("extra.NAME") after syslog_name, and the fields of extension features
 *   other than requiretls ("tls.NAME.status", ...), in the order written,
 *   after the tls.requiretls.* fields and before tls.verdict.
 *   relay.port, conn_use, delay and delays.* are TF_TYPE_NUMBER;
 *   response_truncated (only when true) and every downgraded field are
 *   TF_TYPE_BOOLEAN; everything else is a string. With an invalid tls=
 *   value only tls.raw and tls.error ("REASON at offset N") are set.
 *
 *   Values point into the parsed line, to static strings, or into
 *   record->buffer (composed names and the error text). The record holds
 *   TF_RECORD_BUFFER_SIZE bytes of such text, of which unknown attribute
 *   names leave 128 bytes for the error text: an unknown attribute or an
 *   extension feature whose composed names do not fit in what is left is
 *   left out of the record. That takes names of hundreds of bytes, or
 *   several extension features with names over about 20 bytes; Postfix
 *   writes neither. No allocation.
 */
#include <string.h>

#include "bytes.h"
#include "record.h"

/* Every fixed field: its id and its relative name. */
#define TF_FIELD_LIST(X)                                                                           \
  X(TF_FIELD_QUEUE_ID, "queue_id")                                                                 \
  X(TF_FIELD_TO, "to")                                                                             \
  X(TF_FIELD_ORIG_TO, "orig_to")                                                                   \
  X(TF_FIELD_FROM, "from")                                                                         \
  X(TF_FIELD_RELAY_HOSTNAME, "relay.hostname")                                                     \
  X(TF_FIELD_RELAY_ADDRESS, "relay.address")                                                       \
  X(TF_FIELD_RELAY_PORT, "relay.port")                                                             \
  X(TF_FIELD_CONN_USE, "conn_use")                                                                 \
  X(TF_FIELD_DELAY, "delay")                                                                       \
  X(TF_FIELD_DELAYS_BEFORE_QMGR, "delays.before_qmgr")                                             \
  X(TF_FIELD_DELAYS_IN_QMGR, "delays.in_qmgr")                                                     \
  X(TF_FIELD_DELAYS_CONN_SETUP, "delays.conn_setup")                                               \
  X(TF_FIELD_DELAYS_TRANSMISSION, "delays.transmission")                                           \
  X(TF_FIELD_DSN, "dsn")                                                                           \
  X(TF_FIELD_STATUS, "status")                                                                     \
  X(TF_FIELD_RESPONSE, "response")                                                                 \
  X(TF_FIELD_RESPONSE_TRUNCATED, "response_truncated")                                             \
  X(TF_FIELD_SERVICE, "service")                                                                   \
  X(TF_FIELD_SYSLOG_NAME, "syslog_name")                                                           \
  X(TF_FIELD_TLS_RAW, "tls.raw")                                                                   \
  X(TF_FIELD_TLS_SYNTAX, "tls.syntax")                                                             \
  X(TF_FIELD_TLS_LEVEL, "tls.level")                                                               \
  X(TF_FIELD_TLS_STATUS, "tls.status")                                                             \
  X(TF_FIELD_TLS_ACHIEVED, "tls.achieved")                                                         \
  X(TF_FIELD_TLS_DOWNGRADED, "tls.downgraded")                                                     \
  X(TF_FIELD_TLS_ENFORCEMENT, "tls.enforcement")                                                   \
  X(TF_FIELD_TLS_REQUIRETLS_STATUS, "tls.requiretls.status")                                       \
  X(TF_FIELD_TLS_REQUIRETLS_ACHIEVED, "tls.requiretls.achieved")                                   \
  X(TF_FIELD_TLS_REQUIRETLS_DOWNGRADED, "tls.requiretls.downgraded")                               \
  X(TF_FIELD_TLS_REQUIRETLS_ENFORCEMENT, "tls.requiretls.enforcement")                             \
  X(TF_FIELD_TLS_VERDICT, "tls.verdict")                                                           \
  X(TF_FIELD_TLS_ANOMALY, "tls.anomaly")                                                           \
  X(TF_FIELD_TLS_ERROR, "tls.error")

#define TF_FIELD_NAME(id, name) [id] = name,
const char *const tf_field_names[TF_FIELD_COUNT] = {TF_FIELD_LIST(TF_FIELD_NAME)};

/* Lengths of tf_field_names[], so no call measures a string. */
#define TF_FIELD_NAME_LENGTH(id, name) [id] = sizeof(name) - 1,
static const unsigned char tf_field_name_lengths[TF_FIELD_COUNT] = {
    TF_FIELD_LIST(TF_FIELD_NAME_LENGTH)};

/* Room kept in the record buffer for the tls.error text ("REASON at offset N"). */
#define TF_ERROR_TEXT_RESERVE 128

#define TF_STATIC_SPAN(literal) tf_span_make((literal), sizeof(literal) - 1)

/* tf_field_add - append one field; fields beyond the maximum are dropped */
static void
tf_field_add(tf_record *record, enum tf_field_id id, tf_span name, tf_span value,
             enum tf_value_type type)
{
  if (record->nfields >= TF_RECORD_FIELDS_MAX || value.ptr == NULL)
    return;
  tf_field *field = &record->fields[record->nfields++];
  field->id = id;
  field->name = name;
  field->value = value;
  field->type = type;
}

/* tf_fixed_add - append a field of the fixed set when value is present */
static void
tf_fixed_add(tf_record *record, enum tf_field_id id, tf_span value, enum tf_value_type type)
{
  tf_field_add(record, id, tf_span_make(tf_field_names[id], tf_field_name_lengths[id]), value,
               type);
}

/* tf_status_span - the output value of a status */
static tf_span
tf_status_span(enum tf_status status)
{
  switch (status) {
  case TF_STATUS_VIOLATION:
    return TF_STATIC_SPAN("violation");
  case TF_STATUS_UNDECIDED:
    return TF_STATIC_SPAN("undecided");
  default:
    return TF_STATIC_SPAN("compliant");
  }
}

/* tf_tristate_span - "true", "false", or absent */
static tf_span
tf_tristate_span(enum tf_tristate value)
{
  if (value == TF_TRUE)
    return TF_STATIC_SPAN("true");
  if (value == TF_FALSE)
    return TF_STATIC_SPAN("false");
  return tf_span_make(NULL, 0);
}

/* tf_enforcement_span - "full", "relaxed", or absent */
static tf_span
tf_enforcement_span(enum tf_enforcement enforcement)
{
  if (enforcement == TF_ENFORCEMENT_FULL)
    return TF_STATIC_SPAN("full");
  if (enforcement == TF_ENFORCEMENT_RELAXED)
    return TF_STATIC_SPAN("relaxed");
  return tf_span_make(NULL, 0);
}

/* tf_buffer_compose - "first second third" joined into the record buffer */
static tf_span
tf_buffer_compose(tf_record *record, tf_span first, tf_span second, tf_span third)
{
  size_t need = first.len + second.len + third.len;
  if (need > TF_RECORD_BUFFER_SIZE - record->buffer_used)
    return tf_span_make(NULL, 0);

  char *start = record->buffer + record->buffer_used;
  memcpy(start, first.ptr, first.len);
  memcpy(start + first.len, second.ptr, second.len);
  memcpy(start + first.len + second.len, third.ptr, third.len);
  record->buffer_used += need;
  return tf_span_make(start, need);
}

/* tf_delivery_add - the delivery fields, from queue_id to response_truncated */
static void
tf_delivery_add(tf_record *record, const tf_delivery *delivery)
{
  tf_fixed_add(record, TF_FIELD_QUEUE_ID, delivery->queue_id, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_TO, delivery->to, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_ORIG_TO, delivery->orig_to, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_FROM, delivery->from, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_RELAY_HOSTNAME, delivery->relay_hostname, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_RELAY_ADDRESS, delivery->relay_address, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_RELAY_PORT, delivery->relay_port, TF_TYPE_NUMBER);
  tf_fixed_add(record, TF_FIELD_CONN_USE, delivery->conn_use, TF_TYPE_NUMBER);
  tf_fixed_add(record, TF_FIELD_DELAY, delivery->delay, TF_TYPE_NUMBER);
  for (int part = 0; part < 4; part++)
    tf_fixed_add(record, TF_FIELD_DELAYS_BEFORE_QMGR + part, delivery->delays[part],
                 TF_TYPE_NUMBER);
  tf_fixed_add(record, TF_FIELD_DSN, delivery->dsn, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_STATUS, delivery->status, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_RESPONSE, delivery->response, TF_TYPE_STRING);
  if (delivery->response_truncated)
    tf_fixed_add(record, TF_FIELD_RESPONSE_TRUNCATED, TF_STATIC_SPAN("true"), TF_TYPE_BOOLEAN);
}

/* tf_requiretls_find - the requiretls extension feature, or NULL */
static const tf_feature *
tf_requiretls_find(const tf_tls *tls)
{
  for (size_t i = 1; i < tls->nfeatures; i++) {
    if (TF_SPAN_EQUALS(tls->features[i].name, "requiretls"))
      return &tls->features[i];
  }
  return NULL;
}

/* tf_feature_add - status, achieved, downgraded, enforcement of one feature */
static void
tf_feature_add(tf_record *record, const tf_feature *feature, enum tf_field_id first)
{
  tf_fixed_add(record, first, tf_status_span(feature->status), TF_TYPE_STRING);
  tf_fixed_add(record, first + 1, feature->achieved, TF_TYPE_STRING);
  tf_fixed_add(record, first + 2, tf_tristate_span(feature->downgraded), TF_TYPE_BOOLEAN);
  tf_fixed_add(record, first + 3, tf_enforcement_span(feature->enforcement), TF_TYPE_STRING);
}

/* tf_extension_add - the tls.NAME.* fields of one extension feature */
static void
tf_extension_add(tf_record *record, const tf_feature *feature)
{
  static const char *const suffixes[] = {".status", ".achieved", ".downgraded", ".enforcement"};
  static const unsigned char suffix_lengths[] = {7, 9, 11, 12};
  tf_span values[4] = {
      tf_status_span(feature->status),
      feature->achieved,
      tf_tristate_span(feature->downgraded),
      tf_enforcement_span(feature->enforcement),
  };
  size_t need = 0;

  for (int i = 0; i < 4; i++)
    need += values[i].ptr != NULL ? 4 + feature->name.len + suffix_lengths[i] : 0;
  if (need > TF_RECORD_BUFFER_SIZE - record->buffer_used)
    return;

  for (int i = 0; i < 4; i++) {
    if (values[i].ptr == NULL)
      continue;
    tf_span name = tf_buffer_compose(record, TF_STATIC_SPAN("tls."), feature->name,
                                     tf_span_make(suffixes[i], suffix_lengths[i]));
    tf_field_add(record, TF_FIELD_DYNAMIC, name, values[i],
                 i == 2 ? TF_TYPE_BOOLEAN : TF_TYPE_STRING);
  }
}

/* tf_tls_add - the tls.* fields of the fixed set */
static void
tf_tls_add(tf_record *record, const tf_tls *tls)
{
  tf_fixed_add(record, TF_FIELD_TLS_RAW, tls->raw, TF_TYPE_STRING);
  if (tls->error != NULL) {
    char *text = record->buffer + record->buffer_used;
    size_t len = tf_describe_error(tls->error, tls->error_offset, text,
                                   TF_RECORD_BUFFER_SIZE - record->buffer_used);
    record->buffer_used += len;
    tf_fixed_add(record, TF_FIELD_TLS_ERROR, tf_span_make(text, len), TF_TYPE_STRING);
    return;
  }
  if (tls->nfeatures == 0)
    return;

  const tf_feature *level = &tls->features[0];
  tf_fixed_add(record, TF_FIELD_TLS_SYNTAX,
               tls->syntax == TF_SYNTAX_DRAFT ? TF_STATIC_SPAN("draft") : TF_STATIC_SPAN("final"),
               TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_TLS_LEVEL, level->name, TF_TYPE_STRING);
  tf_feature_add(record, level, TF_FIELD_TLS_STATUS);

  const tf_feature *requiretls = tf_requiretls_find(tls);
  if (requiretls != NULL)
    tf_feature_add(record, requiretls, TF_FIELD_TLS_REQUIRETLS_STATUS);
  for (size_t i = 1; i < tls->nfeatures; i++) {
    if (&tls->features[i] != requiretls)
      tf_extension_add(record, &tls->features[i]);
  }

  tf_fixed_add(record, TF_FIELD_TLS_VERDICT, tf_status_span(tls->verdict), TF_TYPE_STRING);
  if (tls->anomaly != NULL)
    tf_fixed_add(record, TF_FIELD_TLS_ANOMALY, tf_span_make(tls->anomaly, strlen(tls->anomaly)),
                 TF_TYPE_STRING);
}

/* tf_extras_add - the kept unknown attributes as "extra.NAME" */
static void
tf_extras_add(tf_record *record, const tf_delivery *delivery)
{
  size_t kept = delivery->nextra < TF_EXTRA_ATTRS_MAX ? delivery->nextra : TF_EXTRA_ATTRS_MAX;

  for (size_t i = 0; i < kept; i++) {
    tf_span attr = delivery->extra[i].name;
    if (attr.len + 6 > TF_RECORD_BUFFER_SIZE - TF_ERROR_TEXT_RESERVE - record->buffer_used)
      continue;
    tf_span name = tf_buffer_compose(record, TF_STATIC_SPAN("extra."), attr, TF_STATIC_SPAN(""));
    tf_field_add(record, TF_FIELD_DYNAMIC, name, delivery->extra[i].value, TF_TYPE_STRING);
  }
}

/* tf_record_build - the ordered output fields of a parsed line */
void
tf_record_build(tf_record *record, const tf_delivery *delivery, const tf_tls *tls,
                tf_span syslog_name, tf_span service)
{
  record->nfields = 0;
  record->buffer_used = 0;

  tf_delivery_add(record, delivery);
  tf_fixed_add(record, TF_FIELD_SERVICE, service, TF_TYPE_STRING);
  tf_fixed_add(record, TF_FIELD_SYSLOG_NAME, syslog_name, TF_TYPE_STRING);
  tf_extras_add(record, delivery);
  if (tls != NULL)
    tf_tls_add(record, tls);
}
