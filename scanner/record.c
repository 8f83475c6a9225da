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

/* Every fixed field: its id, its relative name and the type of its value. */
#define TF_FIELD_LIST(X)                                                                           \
  X(TF_FIELD_QUEUE_ID, "queue_id", TF_TYPE_STRING)                                                 \
  X(TF_FIELD_TO, "to", TF_TYPE_STRING)                                                             \
  X(TF_FIELD_ORIG_TO, "orig_to", TF_TYPE_STRING)                                                   \
  X(TF_FIELD_FROM, "from", TF_TYPE_STRING)                                                         \
  X(TF_FIELD_RELAY_HOSTNAME, "relay.hostname", TF_TYPE_STRING)                                     \
  X(TF_FIELD_RELAY_ADDRESS, "relay.address", TF_TYPE_STRING)                                       \
  X(TF_FIELD_RELAY_PORT, "relay.port", TF_TYPE_NUMBER)                                             \
  X(TF_FIELD_CONN_USE, "conn_use", TF_TYPE_NUMBER)                                                 \
  X(TF_FIELD_DELAY, "delay", TF_TYPE_NUMBER)                                                       \
  X(TF_FIELD_DELAYS_BEFORE_QMGR, "delays.before_qmgr", TF_TYPE_NUMBER)                             \
  X(TF_FIELD_DELAYS_IN_QMGR, "delays.in_qmgr", TF_TYPE_NUMBER)                                     \
  X(TF_FIELD_DELAYS_CONN_SETUP, "delays.conn_setup", TF_TYPE_NUMBER)                               \
  X(TF_FIELD_DELAYS_TRANSMISSION, "delays.transmission", TF_TYPE_NUMBER)                           \
  X(TF_FIELD_DSN, "dsn", TF_TYPE_STRING)                                                           \
  X(TF_FIELD_STATUS, "status", TF_TYPE_STRING)                                                     \
  X(TF_FIELD_RESPONSE, "response", TF_TYPE_STRING)                                                 \
  X(TF_FIELD_RESPONSE_TRUNCATED, "response_truncated", TF_TYPE_BOOLEAN)                            \
  X(TF_FIELD_SERVICE, "service", TF_TYPE_STRING)                                                   \
  X(TF_FIELD_SYSLOG_NAME, "syslog_name", TF_TYPE_STRING)                                           \
  X(TF_FIELD_TLS_RAW, "tls.raw", TF_TYPE_STRING)                                                   \
  X(TF_FIELD_TLS_SYNTAX, "tls.syntax", TF_TYPE_STRING)                                             \
  X(TF_FIELD_TLS_LEVEL, "tls.level", TF_TYPE_STRING)                                               \
  X(TF_FIELD_TLS_STATUS, "tls.status", TF_TYPE_STRING)                                             \
  X(TF_FIELD_TLS_ACHIEVED, "tls.achieved", TF_TYPE_STRING)                                         \
  X(TF_FIELD_TLS_DOWNGRADED, "tls.downgraded", TF_TYPE_BOOLEAN)                                    \
  X(TF_FIELD_TLS_ENFORCEMENT, "tls.enforcement", TF_TYPE_STRING)                                   \
  X(TF_FIELD_TLS_REQUIRETLS_STATUS, "tls.requiretls.status", TF_TYPE_STRING)                       \
  X(TF_FIELD_TLS_REQUIRETLS_ACHIEVED, "tls.requiretls.achieved", TF_TYPE_STRING)                   \
  X(TF_FIELD_TLS_REQUIRETLS_DOWNGRADED, "tls.requiretls.downgraded", TF_TYPE_BOOLEAN)              \
  X(TF_FIELD_TLS_REQUIRETLS_ENFORCEMENT, "tls.requiretls.enforcement", TF_TYPE_STRING)             \
  X(TF_FIELD_TLS_VERDICT, "tls.verdict", TF_TYPE_STRING)                                           \
  X(TF_FIELD_TLS_ANOMALY, "tls.anomaly", TF_TYPE_STRING)                                           \
  X(TF_FIELD_TLS_ERROR, "tls.error", TF_TYPE_STRING)

/* The name texts, shared by tf_field_names[] and the templates. */
#define TF_FIELD_NAME_TEXT(id, name, type) static const char tf_name_##id[] = name;
TF_FIELD_LIST(TF_FIELD_NAME_TEXT)

#define TF_FIELD_NAME(id, name, type) [id] = tf_name_##id,
const char *const tf_field_names[TF_FIELD_COUNT] = {TF_FIELD_LIST(TF_FIELD_NAME)};

/* Every fixed field as it is emitted, its value left absent. */
#define TF_FIELD_TEMPLATE(id, name, type)                                                          \
  [id] = {id, {tf_name_##id, sizeof(name) - 1}, {NULL, 0}, type},
static const tf_field tf_field_templates[TF_FIELD_COUNT] = {TF_FIELD_LIST(TF_FIELD_TEMPLATE)};

/* The most fields one record can hold: the fixed set, the kept unknown attributes and the
 * four fields of each extension feature; one more slot is written and not counted. */
_Static_assert(TF_RECORD_FIELDS_MAX >=
                   TF_FIELD_COUNT + TF_EXTRA_ATTRS_MAX + 4 * (TF_FEATURES_MAX - 1) + 1,
               "a record must hold every field a line can give");

/* Room kept in the record buffer for the tls.error text ("REASON at offset N"). */
#define TF_ERROR_TEXT_RESERVE 128

#define TF_STATIC_SPAN(literal)                                                                    \
  {                                                                                                \
    (literal), sizeof(literal) - 1                                                                 \
  }

/* Output values of the enums, indexed by their value; absent where no field is written. */
static const tf_span tf_status_spans[] = {
    [TF_STATUS_COMPLIANT] = TF_STATIC_SPAN("compliant"),
    [TF_STATUS_VIOLATION] = TF_STATIC_SPAN("violation"),
    [TF_STATUS_UNDECIDED] = TF_STATIC_SPAN("undecided"),
};
static const tf_span tf_tristate_spans[] = {
    [TF_ABSENT] = {NULL, 0},
    [TF_FALSE] = TF_STATIC_SPAN("false"),
    [TF_TRUE] = TF_STATIC_SPAN("true"),
};
static const tf_span tf_enforcement_spans[] = {
    [TF_ENFORCEMENT_ABSENT] = {NULL, 0},
    [TF_ENFORCEMENT_FULL] = TF_STATIC_SPAN("full"),
    [TF_ENFORCEMENT_RELAXED] = TF_STATIC_SPAN("relaxed"),
};
static const tf_span tf_syntax_spans[] = {
    [TF_SYNTAX_FINAL] = TF_STATIC_SPAN("final"),
    [TF_SYNTAX_DRAFT] = TF_STATIC_SPAN("draft"),
};
static const tf_span tf_true_span = TF_STATIC_SPAN("true");
static const tf_span tf_tls_prefix = TF_STATIC_SPAN("tls.");
static const tf_span tf_extra_prefix = TF_STATIC_SPAN("extra.");
static const tf_span tf_no_suffix = {"", 0};

/* tf_field_add - append one field when its value is present */
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

/* tf_fixed_add - append a field of the fixed set when value is present, without a branch:
 * the slot after the last field is written either way and counted only when present */
static inline void
tf_fixed_add(tf_record *record, enum tf_field_id id, tf_span value)
{
  tf_field *field = &record->fields[record->nfields];

  field->id = id;
  field->name = tf_field_templates[id].name;
  field->value = value;
  field->type = tf_field_templates[id].type;
  record->nfields += value.ptr != NULL;
}

/* tf_status_span - the output value of a status; any other value reads as compliant */
static inline tf_span
tf_status_span(enum tf_status status)
{
  return tf_status_spans[(unsigned)status <= TF_STATUS_UNDECIDED ? status : TF_STATUS_COMPLIANT];
}

/* tf_tristate_span - "true", "false", or absent */
static inline tf_span
tf_tristate_span(enum tf_tristate value)
{
  return tf_tristate_spans[(unsigned)value <= TF_TRUE ? value : TF_ABSENT];
}

/* tf_enforcement_span - "full", "relaxed", or absent */
static inline tf_span
tf_enforcement_span(enum tf_enforcement enforcement)
{
  return tf_enforcement_spans[(unsigned)enforcement <= TF_ENFORCEMENT_RELAXED
                                  ? enforcement
                                  : TF_ENFORCEMENT_ABSENT];
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
static inline void
tf_delivery_add(tf_record *record, const tf_delivery *delivery)
{
  tf_fixed_add(record, TF_FIELD_QUEUE_ID, delivery->queue_id);
  tf_fixed_add(record, TF_FIELD_TO, delivery->to);
  tf_fixed_add(record, TF_FIELD_ORIG_TO, delivery->orig_to);
  tf_fixed_add(record, TF_FIELD_FROM, delivery->from);
  tf_fixed_add(record, TF_FIELD_RELAY_HOSTNAME, delivery->relay_hostname);
  tf_fixed_add(record, TF_FIELD_RELAY_ADDRESS, delivery->relay_address);
  tf_fixed_add(record, TF_FIELD_RELAY_PORT, delivery->relay_port);
  tf_fixed_add(record, TF_FIELD_CONN_USE, delivery->conn_use);
  tf_fixed_add(record, TF_FIELD_DELAY, delivery->delay);
  tf_fixed_add(record, TF_FIELD_DELAYS_BEFORE_QMGR, delivery->delays[0]);
  tf_fixed_add(record, TF_FIELD_DELAYS_IN_QMGR, delivery->delays[1]);
  tf_fixed_add(record, TF_FIELD_DELAYS_CONN_SETUP, delivery->delays[2]);
  tf_fixed_add(record, TF_FIELD_DELAYS_TRANSMISSION, delivery->delays[3]);
  tf_fixed_add(record, TF_FIELD_DSN, delivery->dsn);
  tf_fixed_add(record, TF_FIELD_STATUS, delivery->status);
  tf_fixed_add(record, TF_FIELD_RESPONSE, delivery->response);
  if (delivery->response_truncated)
    tf_fixed_add(record, TF_FIELD_RESPONSE_TRUNCATED, tf_true_span);
}

/* tf_requiretls_find - the requiretls extension feature, or NULL */
static inline const tf_feature *
tf_requiretls_find(const tf_tls *tls)
{
  for (size_t i = 1; i < tls->nfeatures; i++) {
    if (TF_SPAN_EQUALS(tls->features[i].name, "requiretls"))
      return &tls->features[i];
  }
  return NULL;
}

/* tf_feature_add - status, achieved, downgraded, enforcement of one feature */
static inline void
tf_feature_add(tf_record *record, const tf_feature *feature, enum tf_field_id first)
{
  tf_fixed_add(record, first, tf_status_span(feature->status));
  tf_fixed_add(record, first + 1, feature->achieved);
  tf_fixed_add(record, first + 2, tf_tristate_span(feature->downgraded));
  tf_fixed_add(record, first + 3, tf_enforcement_span(feature->enforcement));
}

/* tf_extension_add - the tls.NAME.* fields of one extension feature */
static void
tf_extension_add(tf_record *record, const tf_feature *feature)
{
  static const tf_span suffixes[] = {
      TF_STATIC_SPAN(".status"),
      TF_STATIC_SPAN(".achieved"),
      TF_STATIC_SPAN(".downgraded"),
      TF_STATIC_SPAN(".enforcement"),
  };
  tf_span values[4] = {
      tf_status_span(feature->status),
      feature->achieved,
      tf_tristate_span(feature->downgraded),
      tf_enforcement_span(feature->enforcement),
  };
  size_t need = 0;

  for (int i = 0; i < 4; i++)
    need += values[i].ptr != NULL ? tf_tls_prefix.len + feature->name.len + suffixes[i].len : 0;
  if (need > TF_RECORD_BUFFER_SIZE - record->buffer_used)
    return;

  for (int i = 0; i < 4; i++) {
    if (values[i].ptr == NULL)
      continue;
    tf_span name = tf_buffer_compose(record, tf_tls_prefix, feature->name, suffixes[i]);
    tf_field_add(record, TF_FIELD_DYNAMIC, name, values[i],
                 i == 2 ? TF_TYPE_BOOLEAN : TF_TYPE_STRING);
  }
}

/* tf_tls_error_add - tls.error: "REASON at offset N" written into the record buffer */
static void
tf_tls_error_add(tf_record *record, const tf_tls *tls)
{
  char *text = record->buffer + record->buffer_used;
  size_t len = tf_describe_error(tls->error, tls->error_offset, text,
                                 TF_RECORD_BUFFER_SIZE - record->buffer_used);

  record->buffer_used += len;
  tf_fixed_add(record, TF_FIELD_TLS_ERROR, tf_span_make(text, len));
}

/* tf_tls_add - the tls.* fields of the fixed set, and the extension features between them */
static inline void
tf_tls_add(tf_record *record, const tf_tls *tls)
{
  tf_fixed_add(record, TF_FIELD_TLS_RAW, tls->raw);
  if (TF_UNLIKELY(tls->error != NULL)) {
    tf_tls_error_add(record, tls);
    return;
  }
  if (tls->nfeatures == 0)
    return;

  const tf_feature *level = &tls->features[0];
  tf_fixed_add(record, TF_FIELD_TLS_SYNTAX,
               tf_syntax_spans[tls->syntax == TF_SYNTAX_DRAFT ? TF_SYNTAX_DRAFT : TF_SYNTAX_FINAL]);
  tf_fixed_add(record, TF_FIELD_TLS_LEVEL, level->name);
  tf_feature_add(record, level, TF_FIELD_TLS_STATUS);

  if (tls->nfeatures > 1) {
    const tf_feature *requiretls = tf_requiretls_find(tls);
    if (requiretls != NULL)
      tf_feature_add(record, requiretls, TF_FIELD_TLS_REQUIRETLS_STATUS);
    for (size_t i = 1; i < tls->nfeatures; i++) {
      if (&tls->features[i] != requiretls)
        tf_extension_add(record, &tls->features[i]);
    }
  }

  tf_fixed_add(record, TF_FIELD_TLS_VERDICT, tf_status_span(tls->verdict));
  if (tls->anomaly != NULL)
    tf_fixed_add(record, TF_FIELD_TLS_ANOMALY, tf_span_make(tls->anomaly, strlen(tls->anomaly)));
}

/* tf_extras_add - the kept unknown attributes as "extra.NAME" */
static void
tf_extras_add(tf_record *record, const tf_delivery *delivery)
{
  size_t kept = delivery->nextra < TF_EXTRA_ATTRS_MAX ? delivery->nextra : TF_EXTRA_ATTRS_MAX;

  for (size_t i = 0; i < kept; i++) {
    tf_span attr = delivery->extra[i].name;
    if (attr.len + tf_extra_prefix.len >
        TF_RECORD_BUFFER_SIZE - TF_ERROR_TEXT_RESERVE - record->buffer_used)
      continue;
    tf_span name = tf_buffer_compose(record, tf_extra_prefix, attr, tf_no_suffix);
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
  tf_fixed_add(record, TF_FIELD_SERVICE, service);
  tf_fixed_add(record, TF_FIELD_SYSLOG_NAME, syslog_name);
  if (TF_UNLIKELY(delivery->nextra > 0))
    tf_extras_add(record, delivery);
  if (tls != NULL)
    tf_tls_add(record, tls);
}
