/* SPDX-License-Identifier: MIT */
/*
 * tls_format.c - write a tls= value back from a parsed tf_tls
 *
 * tls_format_final() uses only the interpreted fields: "!" for a violation,
 * the name, ":final" when one was written, "?" for an undecided feature,
 * features joined by "/". For a valid value in the released syntax it gives
 * back the input byte for byte. tls_format_draft() also writes the draft
 * marks "(", ")" and "disabled:" as recorded, so it gives back any valid
 * value. Both return the length, or (size_t)-1 when buf is too small.
 */
#include <string.h>

#include "tls_oracle.h"

typedef struct tls_writer {
  char *buf;
  size_t size;
  size_t used;
  bool overflow;
} tls_writer;

/* _writer_put - append n bytes, remembering an overflow */
static void
_writer_put(tls_writer *writer, const char *bytes, size_t n)
{
  if (writer->overflow || n > writer->size - writer->used) {
    writer->overflow = true;
    return;
  }
  memcpy(writer->buf + writer->used, bytes, n);
  writer->used += n;
}

/* _writer_span - append a span */
static void
_writer_span(tls_writer *writer, tf_span span)
{
  _writer_put(writer, span.ptr, span.len);
}

/* _writer_result - the length written, or (size_t)-1 on overflow */
static size_t
_writer_result(const tls_writer *writer)
{
  return writer->overflow ? (size_t)-1 : writer->used;
}

/* _feature_name_final - the name, then ":final" when one was written */
static void
_feature_name_final(tls_writer *writer, const tf_feature *feature)
{
  _writer_span(writer, feature->name);
  if (feature->final.ptr) {
    _writer_put(writer, ":", 1);
    _writer_span(writer, feature->final);
  }
}

/* _feature_final - one feature from its status: "!" or "?" around name[:final] */
static void
_feature_final(tls_writer *writer, const tf_feature *feature)
{
  if (feature->status == TF_STATUS_VIOLATION)
    _writer_put(writer, "!", 1);
  _feature_name_final(writer, feature);
  if (feature->status == TF_STATUS_UNDECIDED)
    _writer_put(writer, "?", 1);
}

/* _feature_draft - one feature from its marks, "(", ")" and "disabled:" included */
static void
_feature_draft(tls_writer *writer, const tf_feature *feature)
{
  if (feature->marks & TF_MARK_VIOLATED)
    _writer_put(writer, "!", 1);
  if (feature->marks & TF_MARK_PARENS)
    _writer_put(writer, "(", 1);
  if (feature->marks & TF_MARK_DISABLED)
    _writer_put(writer, "disabled:", 9);
  _feature_name_final(writer, feature);
  if (feature->marks & TF_MARK_PARENS)
    _writer_put(writer, ")", 1);
  if (feature->marks & TF_MARK_UNDECIDED)
    _writer_put(writer, "?", 1);
}

/* _tls_format - every feature written by feature_write, joined by "/" */
static size_t
_tls_format(const tf_tls *tls, char *buf, size_t size,
            void (*feature_write)(tls_writer *, const tf_feature *))
{
  tls_writer writer = {buf, size, 0, false};

  for (size_t i = 0; i < tls->nfeatures; i++) {
    if (i > 0)
      _writer_put(&writer, "/", 1);
    feature_write(&writer, &tls->features[i]);
  }
  return _writer_result(&writer);
}

/* tls_format_final - the value in the released syntax, from the interpreted fields */
size_t
tls_format_final(const tf_tls *tls, char *buf, size_t size)
{
  return _tls_format(tls, buf, size, _feature_final);
}

/* tls_format_draft - the value with every mark as written, draft tokens included */
size_t
tls_format_draft(const tf_tls *tls, char *buf, size_t size)
{
  return _tls_format(tls, buf, size, _feature_draft);
}
