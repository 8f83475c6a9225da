/* SPDX-License-Identifier: MIT */
/*
 * NAME
 *   tls.c - interpret the value of a Postfix tls= attribute
 *
 * SYNOPSIS
 *   #include "tlsfeat.h"
 *
 *   int tf_tls_parse(tf_tls *tls, const char *value, size_t len);
 *
 * DESCRIPTION
 *   tf_tls_parse() reads both syntaxes in one pass. Features are separated
 *   by "/"; the first is the security level, the others are extension
 *   features (today only requiretls). One feature is
 *
 *     [ "!" ] [ "(" ] [ "disabled:" ] name [ ":" final ] [ ")" ] [ "?" ]
 *
 *   where "(", ")" and "disabled:" belong to the draft syntax of September
 *   2025 and set syntax TF_SYNTAX_DRAFT. Names and finals are [a-z0-9-]+.
 *   For every feature the function derives
 *
 *     status       violation with "!", undecided with "?", else compliant;
 *     achieved     the final when written ("none" for "disabled:"), else the
 *                  name when compliant; absent when undecided, and absent
 *                  for a violation without a final;
 *     downgraded   true with a final or "disabled:", else false; absent
 *                  when undecided;
 *     enforcement  compliant: relaxed when downgraded or parenthesised,
 *                  else full; violated or undecided: relaxed when
 *                  parenthesised, else absent;
 *
 *   and the verdict: violation if any feature is violated, else undecided
 *   if any is undecided, else compliant. A valid value that Postfix never
 *   writes gets anomaly, the first reason found (unknown level name or
 *   final, unknown requiretls final, "!none" or "!may", a final with "?",
 *   a final equal to the name, an extension other than requiretls).
 *
 *   The value need not be NUL-terminated; no byte outside value[0, len) is
 *   read and the time is linear in len.
 *
 * ERRORS
 *   TF_TLS_INVALID: error is a static reason ("empty value", "empty
 *   feature", "'!' and '?' on one feature", "unbalanced '('", "misplaced
 *   '!'", "duplicate feature 'requiretls'", "more than 8 features",
 *   "unexpected character '#'", "'disabled:' with ':final'", "reserved
 *   feature name 'status'", ...) and error_offset the byte offset within
 *   the value; the features are then unspecified.
 */
#include <string.h>

#include "bytes.h"
#include "tlsfeat.h"

static const char tf_none_text[] = "none";

/* A word of a fixed list, with its length. */
typedef struct tf_word {
  const char *text;
  size_t len;
} tf_word;

#define TF_WORD(literal)                                                                           \
  {                                                                                                \
    literal, sizeof(literal) - 1                                                                   \
  }

/* The known level names (as tf_level_known() tests them), indexing the duplicate reasons. */
static const tf_word tf_known_levels[] = {
    TF_WORD("none"),     TF_WORD("may"),       TF_WORD("encrypt"), TF_WORD("fingerprint"),
    TF_WORD("dane"),     TF_WORD("dane-only"), TF_WORD("verify"),  TF_WORD("secure"),
    TF_WORD("halfdane"), TF_WORD("unknown"),   TF_WORD("sts"),
};

static const tf_word tf_known_requiretls_finals[] = {
    TF_WORD("nocertmatch"),
    TF_WORD("nostarttls"),
    TF_WORD("noencryption"),
    TF_WORD("none"),
};

/* Why an extension feature may not take a field name under tls., indexed by
 * tf_reserved_index(). */
static const char *const tf_reserved_reasons[] = {
    "reserved feature name 'raw'",         "reserved feature name 'syntax'",
    "reserved feature name 'level'",       "reserved feature name 'status'",
    "reserved feature name 'achieved'",    "reserved feature name 'downgraded'",
    "reserved feature name 'enforcement'", "reserved feature name 'verdict'",
    "reserved feature name 'anomaly'",     "reserved feature name 'error'",
};

static const char *const tf_duplicate_level_reasons[] = {
    "duplicate feature 'none'",     "duplicate feature 'may'",
    "duplicate feature 'encrypt'",  "duplicate feature 'fingerprint'",
    "duplicate feature 'dane'",     "duplicate feature 'dane-only'",
    "duplicate feature 'verify'",   "duplicate feature 'secure'",
    "duplicate feature 'halfdane'", "duplicate feature 'unknown'",
    "duplicate feature 'sts'",
};

#define TF_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Reading state of one value. */
typedef struct tf_tls_scan {
  const char *value;
  size_t len;
  size_t pos;
  tf_tls *tls;
} tf_tls_scan;

/* tf_tls_fail - record a reason and offset, return TF_TLS_INVALID */
static int
tf_tls_fail(tf_tls_scan *scan, const char *reason, size_t offset)
{
  scan->tls->error = reason;
  scan->tls->error_offset = offset;
  return TF_TLS_INVALID;
}

/* tf_tls_misplaced - the reason for a byte that stands where it may not */
static int
tf_tls_misplaced(tf_tls_scan *scan, size_t offset)
{
  return tf_tls_fail(scan, tf_tls_byte_reasons[(unsigned char)scan->value[offset]], offset);
}

/* tf_text_equal - whether n bytes at a and b are equal; short words, no call */
static inline bool
tf_text_equal(const char *a, const char *b, size_t n)
{
  size_t i = 0;

  while (i < n && a[i] == b[i])
    i++;
  return i == n;
}

/* tf_word_index - position of a span in a list of words, or -1 */
static int
tf_word_index(tf_span word, const tf_word *words, size_t count)
{
  for (size_t i = 0; i < count; i++) {
    if (word.len == words[i].len && tf_text_equal(word.ptr, words[i].text, word.len))
      return (int)i;
  }
  return -1;
}

/* tf_level_known - whether a name or final is one of the known level names */
static bool
tf_level_known(tf_span word)
{
  switch (word.len) {
  case 3:
    return TF_SPAN_EQUALS(word, "may") || TF_SPAN_EQUALS(word, "sts");
  case 4:
    return TF_SPAN_EQUALS(word, "none") || TF_SPAN_EQUALS(word, "dane");
  case 6:
    return TF_SPAN_EQUALS(word, "verify") || TF_SPAN_EQUALS(word, "secure");
  case 7:
    return TF_SPAN_EQUALS(word, "encrypt") || TF_SPAN_EQUALS(word, "unknown");
  case 8:
    return TF_SPAN_EQUALS(word, "halfdane");
  case 9:
    return TF_SPAN_EQUALS(word, "dane-only");
  case 11:
    return TF_SPAN_EQUALS(word, "fingerprint");
  default:
    return false;
  }
}

/* tf_reserved_index - position of a field name under tls. in tf_reserved_reasons[], or -1 */
static int
tf_reserved_index(tf_span name)
{
  switch (name.len) {
  case 3:
    return TF_SPAN_EQUALS(name, "raw") ? 0 : -1;
  case 5:
    return TF_SPAN_EQUALS(name, "level") ? 2 : TF_SPAN_EQUALS(name, "error") ? 9 : -1;
  case 6:
    return TF_SPAN_EQUALS(name, "syntax") ? 1 : TF_SPAN_EQUALS(name, "status") ? 3 : -1;
  case 7:
    return TF_SPAN_EQUALS(name, "verdict") ? 7 : TF_SPAN_EQUALS(name, "anomaly") ? 8 : -1;
  case 8:
    return TF_SPAN_EQUALS(name, "achieved") ? 4 : -1;
  case 10:
    return TF_SPAN_EQUALS(name, "downgraded") ? 5 : -1;
  case 11:
    return TF_SPAN_EQUALS(name, "enforcement") ? 6 : -1;
  default:
    return -1;
  }
}

/* tf_word_end - the end of [a-z0-9-]* at pos: the first other byte, or len */
static inline size_t
tf_word_end(const char *value, size_t len, size_t pos)
{
  while (pos < len && tf_byte_is(value[pos], TF_BYTE_FEATURE))
    pos++;
  return pos;
}

/* tf_empty_word_fail - reason for an empty name or final at pos */
static int
tf_empty_word_fail(tf_tls_scan *scan, const char *reason, size_t pos)
{
  if (pos >= scan->len)
    return tf_tls_fail(scan, reason, pos);
  switch (scan->value[pos]) {
  case '/':
  case ':':
  case ')':
  case '?':
    return tf_tls_fail(scan, reason, pos);
  default:
    return tf_tls_misplaced(scan, pos);
  }
}

/* tf_disabled_at - whether the draft mark "disabled:" stands at pos */
static inline bool
tf_disabled_at(const char *value, size_t len, size_t pos)
{
  static const char disabled[] = "disabled:";

  return value[pos] == 'd' && len - pos >= sizeof(disabled) - 1 &&
         memcmp(value + pos, disabled, sizeof(disabled) - 1) == 0;
}

/* tf_feature_close - the ")" and "?" after the name and final, up to the "/" or the end */
static int
tf_feature_close(tf_tls_scan *scan, tf_feature *feature, size_t pos, size_t open_offset)
{
  const char *value = scan->value;
  size_t len = scan->len;

  if (pos < len && value[pos] == ')') {
    if (!(feature->marks & TF_MARK_PARENS))
      return tf_tls_fail(scan, "unbalanced ')'", pos);
    pos++;
  } else if (feature->marks & TF_MARK_PARENS) {
    if (pos < len && value[pos] != '/')
      return tf_tls_misplaced(scan, pos);
    return tf_tls_fail(scan, "unbalanced '('", open_offset);
  }

  if (pos < len && value[pos] == '?') {
    if (feature->marks & TF_MARK_VIOLATED)
      return tf_tls_fail(scan, "'!' and '?' on one feature", pos);
    feature->marks |= TF_MARK_UNDECIDED;
    pos++;
  }

  if (pos < len && value[pos] != '/')
    return tf_tls_misplaced(scan, pos);
  scan->pos = pos;
  return TF_OK;
}

/* tf_feature_read - one feature at pos, up to the "/" or the end; pos < len */
static int
tf_feature_read(tf_tls_scan *scan, tf_feature *feature)
{
  const char *value = scan->value;
  size_t len = scan->len;
  size_t pos = scan->pos;
  unsigned marks = 0;

  if (value[pos] == '!') {
    marks |= TF_MARK_VIOLATED;
    pos++;
  }
  size_t open_offset = pos;
  if (pos < len && value[pos] == '(') {
    marks |= TF_MARK_PARENS;
    pos++;
  }
  if (pos < len && tf_disabled_at(value, len, pos)) {
    marks |= TF_MARK_DISABLED;
    pos += sizeof("disabled:") - 1;
  }

  size_t name_end = tf_word_end(value, len, pos);
  feature->name = tf_span_make(value + pos, name_end - pos);
  feature->final = tf_span_make(NULL, 0);
  feature->achieved = tf_span_make(NULL, 0);
  feature->status = TF_STATUS_COMPLIANT;
  feature->downgraded = TF_ABSENT;
  feature->enforcement = TF_ENFORCEMENT_ABSENT;
  feature->marks = marks;
  if (name_end == pos)
    return tf_empty_word_fail(scan, "empty name", pos);
  pos = name_end;

  if (pos < len && value[pos] == ':') {
    size_t colon = pos++;
    if (marks & TF_MARK_DISABLED)
      return tf_tls_fail(scan, "'disabled:' with ':final'", colon);
    size_t final_end = tf_word_end(value, len, pos);
    feature->final = tf_span_make(value + pos, final_end - pos);
    if (final_end == pos)
      return tf_empty_word_fail(scan, "empty final", pos);
    pos = final_end;
  }
  return tf_feature_close(scan, feature, pos, open_offset);
}

/* tf_feature_derive - status, achieved, downgraded, enforcement from the marks */
static void
tf_feature_derive(tf_feature *feature)
{
  unsigned marks = feature->marks;
  bool stated_final = feature->final.ptr != NULL || (marks & TF_MARK_DISABLED);
  bool parens = (marks & TF_MARK_PARENS) != 0;

  if (marks & TF_MARK_VIOLATED)
    feature->status = TF_STATUS_VIOLATION;
  else if (marks & TF_MARK_UNDECIDED)
    feature->status = TF_STATUS_UNDECIDED;
  else
    feature->status = TF_STATUS_COMPLIANT;

  if (feature->status == TF_STATUS_UNDECIDED) {
    feature->enforcement = parens ? TF_ENFORCEMENT_RELAXED : TF_ENFORCEMENT_ABSENT;
    return;
  }

  feature->downgraded = stated_final ? TF_TRUE : TF_FALSE;
  if (feature->final.ptr != NULL)
    feature->achieved = feature->final;
  else if (marks & TF_MARK_DISABLED)
    feature->achieved = tf_span_make(tf_none_text, sizeof(tf_none_text) - 1);
  else if (feature->status == TF_STATUS_COMPLIANT)
    feature->achieved = feature->name;

  if (feature->status == TF_STATUS_COMPLIANT)
    feature->enforcement = (stated_final || parens) ? TF_ENFORCEMENT_RELAXED : TF_ENFORCEMENT_FULL;
  else
    feature->enforcement = parens ? TF_ENFORCEMENT_RELAXED : TF_ENFORCEMENT_ABSENT;
}

/* tf_feature_anomaly - why Postfix would never write this feature, or NULL */
static const char *
tf_feature_anomaly(const tf_feature *feature, bool level)
{
  bool has_final = feature->final.ptr != NULL;
  bool requiretls = TF_SPAN_EQUALS(feature->name, "requiretls");

  if (level && !tf_level_known(feature->name))
    return "unknown level name";
  if (level && has_final && !tf_level_known(feature->final))
    return "unknown level final";
  if (requiretls && has_final &&
      tf_word_index(feature->final, tf_known_requiretls_finals,
                    TF_COUNT(tf_known_requiretls_finals)) < 0)
    return "unknown requiretls final";
  if (level && (feature->marks & TF_MARK_VIOLATED) && TF_SPAN_EQUALS(feature->name, "none"))
    return "violated level 'none'";
  if (level && (feature->marks & TF_MARK_VIOLATED) && TF_SPAN_EQUALS(feature->name, "may"))
    return "violated level 'may'";
  if (has_final && (feature->marks & TF_MARK_UNDECIDED))
    return "':final' with '?'";
  if ((feature->marks & TF_MARK_DISABLED) && (feature->marks & TF_MARK_UNDECIDED))
    return "'disabled:' with '?'";
  if (has_final && feature->final.len == feature->name.len &&
      tf_text_equal(feature->final.ptr, feature->name.ptr, feature->name.len))
    return "':final' equal to the name";
  if (!level && !requiretls)
    return "unknown extension feature";
  return NULL;
}

/* tf_feature_name_check - reserved or duplicate names among the features read */
static int
tf_feature_name_check(tf_tls_scan *scan, size_t index)
{
  tf_tls *tls = scan->tls;
  tf_span name = tls->features[index].name;
  size_t offset = (size_t)(name.ptr - scan->value);

  if (index > 0) {
    int reserved = tf_reserved_index(name);
    if (reserved >= 0)
      return tf_tls_fail(scan, tf_reserved_reasons[reserved], offset);
  }
  for (size_t i = 0; i < index; i++) {
    tf_span seen = tls->features[i].name;
    if (seen.len != name.len || !tf_text_equal(seen.ptr, name.ptr, name.len))
      continue;
    if (TF_SPAN_EQUALS(name, "requiretls"))
      return tf_tls_fail(scan, "duplicate feature 'requiretls'", offset);
    int level = tf_word_index(name, tf_known_levels, TF_COUNT(tf_known_levels));
    if (level >= 0)
      return tf_tls_fail(scan, tf_duplicate_level_reasons[level], offset);
    return tf_tls_fail(scan, "duplicate feature", offset);
  }
  return TF_OK;
}

/* tf_tls_summarise - syntax, verdict and anomaly over all features */
static void
tf_tls_summarise(tf_tls *tls)
{
  bool violated = false;
  bool undecided = false;

  for (size_t i = 0; i < tls->nfeatures; i++) {
    tf_feature *feature = &tls->features[i];
    tf_feature_derive(feature);
    if (feature->marks & (TF_MARK_PARENS | TF_MARK_DISABLED))
      tls->syntax = TF_SYNTAX_DRAFT;
    violated |= feature->status == TF_STATUS_VIOLATION;
    undecided |= feature->status == TF_STATUS_UNDECIDED;
    if (tls->anomaly == NULL)
      tls->anomaly = tf_feature_anomaly(feature, i == 0);
  }
  tls->verdict =
      violated ? TF_STATUS_VIOLATION : (undecided ? TF_STATUS_UNDECIDED : TF_STATUS_COMPLIANT);
}

/* tf_tls_parse - interpret a tls= value into *tls */
int
tf_tls_parse(tf_tls *tls, const char *value, size_t len)
{
  tf_tls_scan scan = {value, len, 0, tls};

  tls->raw = tf_span_make(value, len);
  tls->syntax = TF_SYNTAX_FINAL;
  tls->verdict = TF_STATUS_COMPLIANT;
  tls->nfeatures = 0;
  tls->anomaly = NULL;
  tls->error = NULL;
  tls->error_offset = 0;
  if (len == 0)
    return tf_tls_fail(&scan, "empty value", 0);

  for (;;) {
    if (scan.pos >= len || value[scan.pos] == '/')
      return tf_tls_fail(&scan, "empty feature", scan.pos);
    if (tls->nfeatures == TF_FEATURES_MAX)
      return tf_tls_fail(&scan, "more than 8 features", scan.pos);

    size_t index = tls->nfeatures++;
    if (tf_feature_read(&scan, &tls->features[index]) != TF_OK)
      return TF_TLS_INVALID;
    if (tf_feature_name_check(&scan, index) != TF_OK)
      return TF_TLS_INVALID;

    if (scan.pos >= len)
      break;
    scan.pos++;
  }

  tf_tls_summarise(tls);
  return TF_OK;
}
