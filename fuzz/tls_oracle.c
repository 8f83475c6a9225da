/* SPDX-License-Identifier: MIT */
/*
 * tls_oracle.c - check tf_tls_parse() against a second reading of tls=
 *
 * The reading here splits the value on "/", peels the marks off each
 * feature from the outside in ("!", "(", trailing "?", ")", "disabled:"),
 * splits name and final at ":", and then applies the output rules for
 * status, achieved, downgraded, enforcement, verdict, syntax and anomaly.
 * tls_oracle_check() returns NULL when tf_tls_parse() agrees, else the name
 * of the first field that differs. It does not compare error texts or
 * offsets (only that an offset lies within the value) nor which anomaly
 * reason was chosen.
 */
#include <string.h>

#include "tls_oracle.h"

#define ORACLE_FORMAT_MAX 4096

typedef struct oracle_feature {
  tf_span name;
  tf_span final;
  unsigned marks;
} oracle_feature;

typedef struct oracle_tls {
  size_t nfeatures;
  oracle_feature features[TF_FEATURES_MAX];
} oracle_tls;

static const char *const oracle_levels[] = {
    "none",   "may",    "encrypt",  "fingerprint", "dane", "dane-only",
    "verify", "secure", "halfdane", "unknown",     "sts",  NULL,
};

static const char *const oracle_requiretls_finals[] = {
    "nocertmatch", "nostarttls", "noencryption", "none", NULL,
};

static const char *const oracle_reserved[] = {
    "raw",         "syntax",  "level",   "status", "achieved", "downgraded",
    "enforcement", "verdict", "anomaly", "error",  NULL,
};

/* _span_is - the span holds exactly the string word */
static bool
_span_is(tf_span span, const char *word)
{
  return span.ptr && span.len == strlen(word) && memcmp(span.ptr, word, span.len) == 0;
}

/* _span_equal - two spans are both absent, or present with equal bytes */
static bool
_span_equal(tf_span a, tf_span b)
{
  if (!a.ptr || !b.ptr)
    return !a.ptr && !b.ptr;
  return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* _span_in_list - the span is one of the words of a NULL-terminated list */
static bool
_span_in_list(tf_span span, const char *const *words)
{
  for (size_t i = 0; words[i]; i++)
    if (_span_is(span, words[i]))
      return true;
  return false;
}

/* _name_valid - a name or final: one or more of [a-z0-9-] */
static bool
_name_valid(tf_span span)
{
  if (span.len == 0)
    return false;
  for (size_t i = 0; i < span.len; i++) {
    char c = span.ptr[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
  }
  return true;
}

/* _feature_read - one feature between two "/"; false when invalid */
static bool
_feature_read(const char *text, size_t len, oracle_feature *feature)
{
  size_t start = 0;
  size_t end = len;

  memset(feature, 0, sizeof(*feature));
  if (start < end && text[start] == '!') {
    feature->marks |= TF_MARK_VIOLATED;
    start++;
  }
  if (start < end && text[end - 1] == '?') {
    feature->marks |= TF_MARK_UNDECIDED;
    end--;
  }
  if (start < end && text[start] == '(') {
    if (end - start < 2 || text[end - 1] != ')')
      return false;
    feature->marks |= TF_MARK_PARENS;
    start++;
    end--;
  }
  if (end - start >= 9 && memcmp(text + start, "disabled:", 9) == 0) {
    feature->marks |= TF_MARK_DISABLED;
    start += 9;
  }

  const char *colon = memchr(text + start, ':', end - start);
  size_t name_end = colon ? (size_t)(colon - text) : end;
  feature->name = (tf_span){text + start, name_end - start};
  if (colon)
    feature->final = (tf_span){colon + 1, end - name_end - 1};

  if (!_name_valid(feature->name))
    return false;
  if (colon && !_name_valid(feature->final))
    return false;
  if ((feature->marks & TF_MARK_VIOLATED) && (feature->marks & TF_MARK_UNDECIDED))
    return false;
  return !((feature->marks & TF_MARK_DISABLED) && colon);
}

/* _oracle_read - the whole value; false when invalid */
static bool
_oracle_read(const char *value, size_t len, oracle_tls *reading)
{
  size_t start = 0;

  reading->nfeatures = 0;
  if (len == 0)
    return false;
  for (;;) {
    const char *slash = memchr(value + start, '/', len - start);
    size_t end = slash ? (size_t)(slash - value) : len;

    if (reading->nfeatures == TF_FEATURES_MAX)
      return false;
    if (!_feature_read(value + start, end - start, &reading->features[reading->nfeatures]))
      return false;
    reading->nfeatures++;
    if (!slash)
      break;
    start = end + 1;
  }

  for (size_t i = 0; i < reading->nfeatures; i++) {
    tf_span name = reading->features[i].name;

    for (size_t j = 0; j < i; j++)
      if (_span_equal(name, reading->features[j].name))
        return false;
    if (i > 0 && _span_in_list(name, oracle_reserved))
      return false;
  }
  return true;
}

/* _oracle_anomalous - a valid value that Postfix never logs */
static bool
_oracle_anomalous(const oracle_tls *reading)
{
  const oracle_feature *level = &reading->features[0];

  if (!_span_in_list(level->name, oracle_levels))
    return true;
  if (level->final.ptr && !_span_in_list(level->final, oracle_levels))
    return true;
  if ((level->marks & TF_MARK_VIOLATED) &&
      (_span_is(level->name, "none") || _span_is(level->name, "may")))
    return true;
  for (size_t i = 0; i < reading->nfeatures; i++) {
    const oracle_feature *feature = &reading->features[i];
    bool downgraded = feature->final.ptr || (feature->marks & TF_MARK_DISABLED);

    if (downgraded && (feature->marks & TF_MARK_UNDECIDED))
      return true;
    if (feature->final.ptr && _span_equal(feature->final, feature->name))
      return true;
    if (i == 0)
      continue;
    if (!_span_is(feature->name, "requiretls"))
      return true;
    if (feature->final.ptr && !_span_in_list(feature->final, oracle_requiretls_finals))
      return true;
  }
  return false;
}

/* _feature_status - the status the marks give */
static enum tf_status
_feature_status(unsigned marks)
{
  if (marks & TF_MARK_VIOLATED)
    return TF_STATUS_VIOLATION;
  if (marks & TF_MARK_UNDECIDED)
    return TF_STATUS_UNDECIDED;
  return TF_STATUS_COMPLIANT;
}

/* _feature_compare - NULL when the scanner's feature matches the reading */
static const char *
_feature_compare(const tf_feature *got, const oracle_feature *want)
{
  enum tf_status status = _feature_status(want->marks);
  bool parens = want->marks & TF_MARK_PARENS;
  bool lowered = want->final.ptr || (want->marks & TF_MARK_DISABLED);

  if (!_span_equal(got->name, want->name))
    return "feature name";
  if (!_span_equal(got->final, want->final))
    return "feature final";
  if (got->marks != want->marks)
    return "feature marks";
  if (got->status != status)
    return "feature status";

  tf_span achieved = {NULL, 0};
  if (status != TF_STATUS_UNDECIDED) {
    if (want->final.ptr)
      achieved = want->final;
    else if (want->marks & TF_MARK_DISABLED)
      achieved = (tf_span){"none", 4};
    else if (status == TF_STATUS_COMPLIANT)
      achieved = want->name;
  }
  if (!_span_equal(got->achieved, achieved))
    return "feature achieved";

  enum tf_tristate downgraded = TF_ABSENT;
  if (status != TF_STATUS_UNDECIDED)
    downgraded = lowered ? TF_TRUE : TF_FALSE;
  if (got->downgraded != downgraded)
    return "feature downgraded";

  enum tf_enforcement enforcement = TF_ENFORCEMENT_ABSENT;
  if (status == TF_STATUS_COMPLIANT)
    enforcement = (lowered || parens) ? TF_ENFORCEMENT_RELAXED : TF_ENFORCEMENT_FULL;
  else if (parens)
    enforcement = TF_ENFORCEMENT_RELAXED;
  if (got->enforcement != enforcement)
    return "feature enforcement";
  return NULL;
}

/* _tls_compare - NULL when the whole tf_tls matches the reading */
static const char *
_tls_compare(const tf_tls *tls, const oracle_tls *reading)
{
  enum tf_status verdict = TF_STATUS_COMPLIANT;
  enum tf_syntax syntax = TF_SYNTAX_FINAL;

  if (tls->nfeatures != reading->nfeatures)
    return "nfeatures";
  for (size_t i = 0; i < reading->nfeatures; i++) {
    const char *difference = _feature_compare(&tls->features[i], &reading->features[i]);
    enum tf_status status = _feature_status(reading->features[i].marks);

    if (difference)
      return difference;
    if (status == TF_STATUS_VIOLATION)
      verdict = TF_STATUS_VIOLATION;
    else if (status == TF_STATUS_UNDECIDED && verdict == TF_STATUS_COMPLIANT)
      verdict = TF_STATUS_UNDECIDED;
    if (reading->features[i].marks & (TF_MARK_PARENS | TF_MARK_DISABLED))
      syntax = TF_SYNTAX_DRAFT;
  }
  if (tls->verdict != verdict)
    return "verdict";
  if (tls->syntax != syntax)
    return "syntax";
  if ((tls->anomaly != NULL) != _oracle_anomalous(reading))
    return "anomaly";
  return NULL;
}

/* _round_trip - NULL when the formatters give the value back */
static const char *
_round_trip(const tf_tls *tls, const char *value, size_t len)
{
  char formatted[ORACLE_FORMAT_MAX];
  size_t n;

  n = tls_format_draft(tls, formatted, sizeof(formatted));
  if (n == (size_t)-1 || n != len || memcmp(formatted, value, len) != 0)
    return "draft round trip";
  if (tls->syntax != TF_SYNTAX_FINAL)
    return NULL;
  n = tls_format_final(tls, formatted, sizeof(formatted));
  if (n == (size_t)-1 || n != len || memcmp(formatted, value, len) != 0)
    return "released round trip";
  return NULL;
}

/* tls_oracle_check - NULL when tf_tls_parse() and the oracle agree, else the disagreement */
const char *
tls_oracle_check(const tf_tls *tls, int result, const char *value, size_t len)
{
  oracle_tls reading;
  bool valid = _oracle_read(value, len, &reading);

  if (tls->raw.ptr != value || tls->raw.len != len)
    return "raw";
  if (!valid) {
    if (result != TF_TLS_INVALID)
      return "accepted an invalid value";
    if (!tls->error)
      return "invalid without error";
    return tls->error_offset <= len ? NULL : "error offset beyond the value";
  }
  if (result != TF_OK)
    return "rejected a valid value";
  if (tls->error)
    return "valid with error";

  const char *difference = _tls_compare(tls, &reading);
  return difference ? difference : _round_trip(tls, value, len);
}
