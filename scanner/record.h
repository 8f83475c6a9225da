/* SPDX-License-Identifier: MIT */
/*
 * record.h - the output fields of one parsed delivery line
 *
 * Turns a parsed tf_delivery (and its interpreted tf_tls, when the line had
 * tls=) into the ordered list of name-value pairs every front end emits, so
 * that the syslog-ng parser and the rsyslog helper agree on names, values
 * and types. Names are relative to the front end's prefix (".postfix." in
 * syslog-ng) and use "." between levels; no name is both a value and the
 * parent of another name.
 *
 *   tf_record_build()  fills a tf_record; no allocation. Values are spans
 *                      into the parsed line, static strings, or the record's
 *                      own buffer (names of extension features, the error
 *                      text). Fields of the fixed set carry their
 *                      tf_field_id so a front end can look up its handles
 *                      once; fields of extension features and unknown
 *                      attributes carry TF_FIELD_DYNAMIC and a composed name.
 */
#ifndef TLSFEAT_RECORD_H_INCLUDED
#define TLSFEAT_RECORD_H_INCLUDED

#include "tlsfeat.h"

enum tf_field_id {
  TF_FIELD_QUEUE_ID,
  TF_FIELD_TO,
  TF_FIELD_ORIG_TO,
  TF_FIELD_FROM,
  TF_FIELD_RELAY_HOSTNAME,
  TF_FIELD_RELAY_ADDRESS,
  TF_FIELD_RELAY_PORT,
  TF_FIELD_CONN_USE,
  TF_FIELD_DELAY,
  TF_FIELD_DELAYS_BEFORE_QMGR,
  TF_FIELD_DELAYS_IN_QMGR,
  TF_FIELD_DELAYS_CONN_SETUP,
  TF_FIELD_DELAYS_TRANSMISSION,
  TF_FIELD_DSN,
  TF_FIELD_STATUS,
  TF_FIELD_RESPONSE,
  TF_FIELD_RESPONSE_TRUNCATED,
  TF_FIELD_SERVICE,
  TF_FIELD_SYSLOG_NAME,
  TF_FIELD_TLS_RAW,
  TF_FIELD_TLS_SYNTAX,
  TF_FIELD_TLS_LEVEL,
  TF_FIELD_TLS_STATUS,
  TF_FIELD_TLS_ACHIEVED,
  TF_FIELD_TLS_DOWNGRADED,
  TF_FIELD_TLS_ENFORCEMENT,
  TF_FIELD_TLS_REQUIRETLS_STATUS,
  TF_FIELD_TLS_REQUIRETLS_ACHIEVED,
  TF_FIELD_TLS_REQUIRETLS_DOWNGRADED,
  TF_FIELD_TLS_REQUIRETLS_ENFORCEMENT,
  TF_FIELD_TLS_VERDICT,
  TF_FIELD_TLS_ANOMALY,
  TF_FIELD_TLS_ERROR,
  TF_FIELD_COUNT,
  TF_FIELD_DYNAMIC = TF_FIELD_COUNT, /* extension feature or extra attribute */
};

enum tf_value_type {
  TF_TYPE_STRING,
  TF_TYPE_NUMBER,  /* decimal digits with at most one "." */
  TF_TYPE_BOOLEAN, /* "true" or "false" */
};

#define TF_RECORD_FIELDS_MAX 96
#define TF_RECORD_BUFFER_SIZE 1024

typedef struct tf_field {
  enum tf_field_id id;
  tf_span name; /* relative name, e.g. "tls.requiretls.status" */
  tf_span value;
  enum tf_value_type type;
} tf_field;

typedef struct tf_record {
  size_t nfields;
  tf_field fields[TF_RECORD_FIELDS_MAX];
  size_t buffer_used;
  char buffer[TF_RECORD_BUFFER_SIZE];
} tf_record;

/* Relative names of the fixed fields, indexed by tf_field_id. */
extern const char *const tf_field_names[TF_FIELD_COUNT];

/*
 * tls is NULL when the line had no tls= attribute; otherwise it is the
 * result of tf_tls_parse() on delivery->tls, valid or not. syslog_name and
 * service come from tf_program_split() and may be absent.
 */
/* Longest JSON escape of one byte: \u00XX. */
#define TF_JSON_ESCAPE_MAX 6

size_t tf_json_escape_byte(unsigned char byte, char out[TF_JSON_ESCAPE_MAX]);

void tf_record_build(tf_record *record, const tf_delivery *delivery, const tf_tls *tls,
                     tf_span syslog_name, tf_span service);

#endif
