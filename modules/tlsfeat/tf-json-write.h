/* SPDX-License-Identifier: MIT */
/*
 * tf-json-write.h - append JSON and RFC 5424 structured data to a GString
 *
 * The building blocks of the postfix-tls-* template functions. Every
 * function appends to the caller's GString and never fails: any byte
 * sequence becomes valid output.
 *
 *   tf_json_append_string()  a JSON string literal with its quotes.
 *                            '"', '\' and control bytes are escaped; valid
 *                            UTF-8 is copied; each byte of an invalid UTF-8
 *                            sequence becomes the four characters \xHH.
 *   tf_json_append_typed()   a value of the given tf_value_type: a number or
 *                            boolean is written bare when it is a valid JSON
 *                            number or "true"/"false", else as a string.
 *   tf_json_nest_*()         writes a flat list of dotted names as nested
 *                            objects ("relay.port" -> {"relay":{"port":..}}).
 *                            Names must come grouped: all names under one
 *                            parent must be contiguous.
 *   tf_sdata_append_value()  an RFC 5424 PARAM-VALUE body (without quotes):
 *                            '"', '\' and ']' escaped with '\'; invalid
 *                            UTF-8 and control bytes as \xHH text.
 *   tf_utf8_append()         the bytes as valid UTF-8 text: valid sequences
 *                            copied, NUL and each byte of an invalid sequence
 *                            as the four characters \xHH.
 */
#ifndef TF_JSON_WRITE_H_INCLUDED
#define TF_JSON_WRITE_H_INCLUDED

#include <glib.h>

#include "record.h"

#define TF_JSON_NEST_DEPTH 6

typedef struct TfJsonNest {
  GString *out;
  gboolean first;                        /* no member written yet at this level */
  gint depth;                            /* open objects below the root */
  const gchar *path[TF_JSON_NEST_DEPTH]; /* open object names, not NUL-terminated */
  gsize path_len[TF_JSON_NEST_DEPTH];
} TfJsonNest;

void tf_json_append_string(GString *out, const gchar *value, gssize len);
void tf_json_append_typed(GString *out, const gchar *value, gssize len, enum tf_value_type type);

/* Starts after the caller wrote "{" (or a member key); ends before "}". */
void tf_json_nest_init(TfJsonNest *nest, GString *out);
void tf_json_nest_add(TfJsonNest *nest, const gchar *name, gsize name_len, const gchar *value,
                      gssize value_len, enum tf_value_type type);
void tf_json_nest_finish(TfJsonNest *nest);

/* The key and ":" of a member of an object the caller writes itself. */
void tf_json_append_key(GString *out, gboolean *first, const gchar *key);

void tf_sdata_append_value(GString *out, const gchar *value, gssize len);
void tf_utf8_append(GString *out, const gchar *value, gssize len);

#endif
