/* SPDX-License-Identifier: MIT */
/*
 * tf-json-write.c - JSON and RFC 5424 structured-data writers that accept any
 * bytes and always produce valid output. See tf-json-write.h for the API.
 */
#include "tf-json-write.h"

#include <string.h>

static const gchar _hex_digits[] = "0123456789abcdef";

/* _utf8_sequence_length - length of the valid UTF-8 sequence at p, 0 if invalid */
static gsize
_utf8_sequence_length(const guchar *p, gsize avail)
{
  guchar lead = p[0];
  guchar low = 0x80, high = 0xbf;
  gsize len;

  if (lead >= 0xc2 && lead <= 0xdf)
    len = 2;
  else if (lead >= 0xe0 && lead <= 0xef)
    len = 3;
  else if (lead >= 0xf0 && lead <= 0xf4)
    len = 4;
  else
    return 0;

  if (lead == 0xe0)
    low = 0xa0;
  else if (lead == 0xed)
    high = 0x9f;
  else if (lead == 0xf0)
    low = 0x90;
  else if (lead == 0xf4)
    high = 0x8f;

  if (avail < len || p[1] < low || p[1] > high)
    return 0;
  for (gsize i = 2; i < len; i++) {
    if (p[i] < 0x80 || p[i] > 0xbf)
      return 0;
  }
  return len;
}

/* _append_hex_byte - the four characters \xHH, with the backslash given by the caller */
static void
_append_hex_byte(GString *out, const gchar *backslash, guchar byte)
{
  g_string_append(out, backslash);
  g_string_append_c(out, 'x');
  g_string_append_c(out, _hex_digits[byte >> 4]);
  g_string_append_c(out, _hex_digits[byte & 0x0f]);
}

/* _append_utf8_or_hex - the valid UTF-8 sequence at p, or its first byte as \xHH; bytes used */
static gsize
_append_utf8_or_hex(GString *out, const guchar *p, gsize avail, const gchar *backslash)
{
  gsize seq = _utf8_sequence_length(p, avail);

  if (seq > 0) {
    g_string_append_len(out, (const gchar *)p, seq);
    return seq;
  }
  _append_hex_byte(out, backslash, p[0]);
  return 1;
}

/* _json_append_escape - one byte below 0x20, or '"' or '\', as a JSON escape */
static void
_json_append_escape(GString *out, guchar byte)
{
  gchar escape[TF_JSON_ESCAPE_MAX];

  g_string_append_len(out, escape, tf_json_escape_byte(byte, escape));
}

/* tf_json_append_string - a quoted, escaped JSON string of any bytes */
void
tf_json_append_string(GString *out, const gchar *value, gssize len)
{
  const guchar *p = (const guchar *)value;
  gsize n = len < 0 ? strlen(value) : (gsize)len;
  gsize run = 0;

  g_string_append_c(out, '"');
  for (gsize i = 0; i < n;) {
    guchar byte = p[i];

    if (byte >= 0x20 && byte != '"' && byte != '\\' && byte < 0x80) {
      i++;
      continue;
    }

    g_string_append_len(out, value + run, i - run);
    if (byte < 0x80) {
      _json_append_escape(out, byte);
      i++;
    } else {
      i += _append_utf8_or_hex(out, p + i, n - i, "\\\\");
    }
    run = i;
  }
  g_string_append_len(out, value + run, n - run);
  g_string_append_c(out, '"');
}

/* _is_json_number - whether the bytes are one JSON number */
static gboolean
_is_json_number(const gchar *value, gsize len)
{
  gsize i = 0;

  if (i < len && value[i] == '-')
    i++;
  if (i >= len || !g_ascii_isdigit(value[i]))
    return FALSE;
  if (value[i] == '0')
    i++;
  else
    while (i < len && g_ascii_isdigit(value[i]))
      i++;

  if (i < len && value[i] == '.') {
    i++;
    if (i >= len || !g_ascii_isdigit(value[i]))
      return FALSE;
    while (i < len && g_ascii_isdigit(value[i]))
      i++;
  }

  if (i < len && (value[i] == 'e' || value[i] == 'E')) {
    i++;
    if (i < len && (value[i] == '+' || value[i] == '-'))
      i++;
    if (i >= len || !g_ascii_isdigit(value[i]))
      return FALSE;
    while (i < len && g_ascii_isdigit(value[i]))
      i++;
  }
  return i == len;
}

/* _is_json_boolean - whether the bytes are "true" or "false" */
static gboolean
_is_json_boolean(const gchar *value, gsize len)
{
  return (len == 4 && memcmp(value, "true", 4) == 0) ||
         (len == 5 && memcmp(value, "false", 5) == 0);
}

/* tf_json_append_typed - a number or boolean bare when it is one, else a string */
void
tf_json_append_typed(GString *out, const gchar *value, gssize len, enum tf_value_type type)
{
  gsize n = len < 0 ? strlen(value) : (gsize)len;

  if ((type == TF_TYPE_NUMBER && _is_json_number(value, n)) ||
      (type == TF_TYPE_BOOLEAN && _is_json_boolean(value, n))) {
    g_string_append_len(out, value, n);
    return;
  }
  tf_json_append_string(out, value, n);
}

/* tf_json_append_key - separator, quoted key and colon of one object member */
void
tf_json_append_key(GString *out, gboolean *first, const gchar *key)
{
  if (!*first)
    g_string_append_c(out, ',');
  *first = FALSE;
  tf_json_append_string(out, key, -1);
  g_string_append_c(out, ':');
}

/* tf_json_nest_init - an empty nesting writer inside an object the caller opened */
void
tf_json_nest_init(TfJsonNest *nest, GString *out)
{
  nest->out = out;
  nest->first = TRUE;
  nest->depth = 0;
}

/* _nest_close_to - close open objects until depth levels remain */
static void
_nest_close_to(TfJsonNest *nest, gint depth)
{
  while (nest->depth > depth) {
    g_string_append_c(nest->out, '}');
    nest->depth--;
    nest->first = FALSE;
  }
}

/* _nest_open - open one object member named by the span */
static void
_nest_open(TfJsonNest *nest, const gchar *name, gsize len)
{
  if (!nest->first)
    g_string_append_c(nest->out, ',');
  tf_json_append_string(nest->out, name, len);
  g_string_append(nest->out, ":{");
  nest->path[nest->depth] = name;
  nest->path_len[nest->depth] = len;
  nest->depth++;
  nest->first = TRUE;
}

/* tf_json_nest_add - one dotted name and its value, opening and closing objects */
void
tf_json_nest_add(TfJsonNest *nest, const gchar *name, gsize name_len, const gchar *value,
                 gssize value_len, enum tf_value_type type)
{
  const gchar *component = name;
  const gchar *end = name + name_len;
  gint level = 0;

  while (TRUE) {
    const gchar *dot = memchr(component, '.', end - component);

    if (!dot || level == TF_JSON_NEST_DEPTH)
      break;

    gsize len = dot - component;
    if (level < nest->depth &&
        (nest->path_len[level] != len || memcmp(nest->path[level], component, len) != 0))
      _nest_close_to(nest, level);
    if (level >= nest->depth)
      _nest_open(nest, component, len);
    level++;
    component = dot + 1;
  }
  _nest_close_to(nest, level);

  if (!nest->first)
    g_string_append_c(nest->out, ',');
  nest->first = FALSE;
  tf_json_append_string(nest->out, component, end - component);
  g_string_append_c(nest->out, ':');
  tf_json_append_typed(nest->out, value, value_len, type);
}

/* tf_json_nest_finish - close every object the writer opened */
void
tf_json_nest_finish(TfJsonNest *nest)
{
  _nest_close_to(nest, 0);
}

/* tf_sdata_append_value - an RFC 5424 PARAM-VALUE of any bytes, without quotes */
void
tf_sdata_append_value(GString *out, const gchar *value, gssize len)
{
  const guchar *p = (const guchar *)value;
  gsize n = len < 0 ? strlen(value) : (gsize)len;

  for (gsize i = 0; i < n;) {
    guchar byte = p[i];

    if (byte == '"' || byte == '\\' || byte == ']') {
      g_string_append_c(out, '\\');
      g_string_append_c(out, byte);
      i++;
    } else if (byte < 0x20 || byte == 0x7f) {
      _append_hex_byte(out, "\\", byte);
      i++;
    } else if (byte < 0x80) {
      g_string_append_c(out, byte);
      i++;
    } else {
      i += _append_utf8_or_hex(out, p + i, n - i, "\\");
    }
  }
}

/* tf_utf8_append - any bytes as valid UTF-8 text without NUL */
void
tf_utf8_append(GString *out, const gchar *value, gssize len)
{
  const guchar *p = (const guchar *)value;
  gsize n = len < 0 ? strlen(value) : (gsize)len;
  gsize run = 0;

  for (gsize i = 0; i < n;) {
    guchar byte = p[i];

    if (byte != 0 && byte < 0x80) {
      i++;
      continue;
    }

    gsize seq = byte ? _utf8_sequence_length(p + i, n - i) : 0;
    if (seq > 0) {
      i += seq;
      continue;
    }
    g_string_append_len(out, value + run, i - run);
    _append_hex_byte(out, "\\", byte);
    i++;
    run = i;
  }
  g_string_append_len(out, value + run, n - run);
}
