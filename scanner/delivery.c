/* SPDX-License-Identifier: MIT */
/*
 * NAME
 *   delivery.c - scan one Postfix delivery status line body
 *
 * SYNOPSIS
 *   #include "tlsfeat.h"
 *
 *   int tf_delivery_parse(tf_delivery *delivery, const char *line, size_t len);
 *
 * DESCRIPTION
 *   tf_delivery_parse() reads the message part of a syslog record (no
 *   header) in one pass and fills *delivery with spans into line:
 *
 *     [QUEUE_ID: ]to=<ADDR>[, orig_to=<ADDR>], relay=RELAY[, conn_use=N],
 *       delay=D[, delays=A/B/C/D][, tls=VALUE][, dsn=X.Y.Z],
 *       status=WORD[ (TEXT)]
 *     QUEUE_ID: from=<ADDR>, status=expired|force-expired, returned to sender
 *
 *   Known attributes must come in this order, each at most once; unknown
 *   attributes "name=value" (name [a-z][a-z0-9_]*) may stand between them.
 *   The first TF_EXTRA_ATTRS_MAX distinct names are kept in extra[] with
 *   their first value; nextra counts the unknown attributes seen, not
 *   counting repeats of a kept name. An address
 *   ends at the first ">" followed by ", " or the end of the line, not
 *   counting a ">" inside a quoted local part ("..."@domain). The response is
 *   the text after "status=WORD (" up to a ")" that ends the line; when the
 *   line does not end with ")" the response is the rest of the line and
 *   response_truncated is set. The response is never scanned byte by byte.
 *   Numbers (delay, the four delays parts, conn_use, the relay port) are
 *   decimal digits without a leading zero ("0.31", "23", "0"), delay and
 *   delays with at most one "." between digits, so they are valid JSON
 *   numbers as they stand. Trailing CR and LF bytes are ignored. The tls=
 *   value is located, not interpreted (see tf_tls_parse()).
 *
 *   The input need not be NUL-terminated and may hold any bytes; no byte
 *   outside line[0, len) is read and the time is linear in len. Each value
 *   is checked while its end is found, so every byte before the response is
 *   looked at once. Where at least eight bytes of the line are left, the
 *   scan reads eight bytes at a time (bytes.h): each known attribute is
 *   first looked for where Postfix's order puts it, with one masked word
 *   compare (any other name is recognised by its first byte and one such
 *   compare), a number and its "." are found in one word, and the searches
 *   for ">", ",", the queue id's end and the relay's delimiters test a word
 *   per step. Error paths are kept out of line.
 *
 * ERRORS
 *   TF_NOT_DELIVERY: the line is not a delivery status line; error is a
 *   static reason such as "no 'to=' or 'from=' attribute", "'relay' out of
 *   order", "line ends before 'status='", "malformed 'delay' value", and
 *   error_offset the byte offset in line where the problem was found.
 */
#include <stddef.h>
#include <string.h>

#include "bytes.h"
#include "tlsfeat.h"

/* Known attributes, in the order Postfix writes them. */
enum tf_attr_id {
  TF_ATTR_TO,
  TF_ATTR_ORIG_TO,
  TF_ATTR_RELAY,
  TF_ATTR_CONN_USE,
  TF_ATTR_DELAY,
  TF_ATTR_DELAYS,
  TF_ATTR_TLS,
  TF_ATTR_DSN,
  TF_ATTR_STATUS,
  TF_ATTR_UNKNOWN,
};

static const char *const tf_out_of_order_reasons[] = {
    [TF_ATTR_TO] = "'to' out of order",         [TF_ATTR_ORIG_TO] = "'orig_to' out of order",
    [TF_ATTR_RELAY] = "'relay' out of order",   [TF_ATTR_CONN_USE] = "'conn_use' out of order",
    [TF_ATTR_DELAY] = "'delay' out of order",   [TF_ATTR_DELAYS] = "'delays' out of order",
    [TF_ATTR_TLS] = "'tls' out of order",       [TF_ATTR_DSN] = "'dsn' out of order",
    [TF_ATTR_STATUS] = "'status' out of order",
};

static const char *const tf_twice_reasons[] = {
    [TF_ATTR_TO] = "'to' twice",         [TF_ATTR_ORIG_TO] = "'orig_to' twice",
    [TF_ATTR_RELAY] = "'relay' twice",   [TF_ATTR_CONN_USE] = "'conn_use' twice",
    [TF_ATTR_DELAY] = "'delay' twice",   [TF_ATTR_DELAYS] = "'delays' twice",
    [TF_ATTR_TLS] = "'tls' twice",       [TF_ATTR_DSN] = "'dsn' twice",
    [TF_ATTR_STATUS] = "'status' twice",
};

static const char *const tf_malformed_reasons[] = {
    [TF_ATTR_RELAY] = "malformed 'relay' value", [TF_ATTR_CONN_USE] = "malformed 'conn_use' value",
    [TF_ATTR_DELAY] = "malformed 'delay' value", [TF_ATTR_DELAYS] = "malformed 'delays' value",
    [TF_ATTR_DSN] = "malformed 'dsn' value",     [TF_ATTR_STATUS] = "malformed 'status' value",
};

/* Lengths of "name=" of the known attributes. */
static const unsigned char tf_attr_lengths[] = {
    [TF_ATTR_TO] = 3,       [TF_ATTR_ORIG_TO] = 8, [TF_ATTR_RELAY] = 6,
    [TF_ATTR_CONN_USE] = 9, [TF_ATTR_DELAY] = 6,   [TF_ATTR_DELAYS] = 7,
    [TF_ATTR_TLS] = 4,      [TF_ATTR_DSN] = 4,     [TF_ATTR_STATUS] = 7,
};

static const char tf_unterminated_quote[] = "unterminated quoted local part";

/* Scanning state: the line, its end and the result. */
typedef struct tf_scan {
  const char *line;
  const char *end;
  tf_delivery *delivery;
} tf_scan;

/* tf_scan_fail - record a reason and the offset of where, return TF_NOT_DELIVERY */
TF_COLD static int
tf_scan_fail(const tf_scan *scan, const char *reason, const char *where)
{
  scan->delivery->error = reason;
  scan->delivery->error_offset = (size_t)(where - scan->line);
  return TF_NOT_DELIVERY;
}

/* tf_span_between - the span from start up to end */
static inline tf_span
tf_span_between(const char *start, const char *end)
{
  return tf_span_make(start, (size_t)(end - start));
}

/* tf_value_ends_at - whether a value ends at p: the line end or ", " */
static inline bool
tf_value_ends_at(const tf_scan *scan, const char *p)
{
  if (scan->end - p < 2)
    return p == scan->end;
  return p[0] == ',' && p[1] == ' ';
}

/* tf_attr_known - the known attribute whose "name=" stands at p, rest bytes before the end */
static inline enum tf_attr_id
tf_attr_known(const char *p, size_t rest)
{
  uint64_t word = 0;

  if (TF_UNLIKELY(rest == 0))
    return TF_ATTR_UNKNOWN;
  if (TF_LIKELY(rest >= 8))
    word = tf_swar_load(p);
  else
    memcpy(&word, p, rest);

  switch (p[0]) {
  case 'r':
    return TF_WORD_STARTS(word, "relay=") ? TF_ATTR_RELAY : TF_ATTR_UNKNOWN;
  case 'd':
    if (TF_WORD_STARTS(word, "delay="))
      return TF_ATTR_DELAY;
    if (TF_WORD_STARTS(word, "delays="))
      return TF_ATTR_DELAYS;
    return TF_WORD_STARTS(word, "dsn=") ? TF_ATTR_DSN : TF_ATTR_UNKNOWN;
  case 't':
    if (TF_WORD_STARTS(word, "tls="))
      return TF_ATTR_TLS;
    return TF_WORD_STARTS(word, "to=") ? TF_ATTR_TO : TF_ATTR_UNKNOWN;
  case 's':
    return TF_WORD_STARTS(word, "status=") ? TF_ATTR_STATUS : TF_ATTR_UNKNOWN;
  case 'c':
    return TF_WORD_STARTS(word, "conn_use") && rest > 8 && p[8] == '=' ? TF_ATTR_CONN_USE
                                                                       : TF_ATTR_UNKNOWN;
  case 'o':
    return TF_WORD_STARTS(word, "orig_to=") ? TF_ATTR_ORIG_TO : TF_ATTR_UNKNOWN;
  default:
    return TF_ATTR_UNKNOWN;
  }
}

/* tf_digits_skip - the first non-digit at or after p */
static inline const char *
tf_digits_skip(const char *p, const char *end)
{
  while (TF_SWAR && end - p >= 8) {
    uint64_t stops = tf_swar_non_digit(tf_swar_load(p));
    if (stops != 0)
      return p + tf_swar_first(stops);
    p += 8;
  }
  while (p < end && tf_byte_is(*p, TF_BYTE_DIGIT))
    p++;
  return p;
}

/* tf_number_skip_bytes - tf_number_skip() a word or byte at a time: near the line end, or
 * for a number of eight digits or more */
static const char *
tf_number_skip_bytes(const char *p, const char *end, bool fraction_allowed)
{
  const char *digits = tf_digits_skip(p, end);

  if (digits == p || (*p == '0' && digits - p > 1))
    return NULL;
  if (!fraction_allowed || digits == end || *digits != '.')
    return digits;
  const char *fraction = tf_digits_skip(digits + 1, end);
  return fraction == digits + 1 ? NULL : fraction;
}

/* tf_number_skip - the end of a number at p (no leading zero), or NULL; one word when it fits */
static inline const char *
tf_number_skip(const char *p, const char *end, bool fraction_allowed)
{
  if (!TF_SWAR || end - p < 8)
    return tf_number_skip_bytes(p, end, fraction_allowed);

  uint64_t stops = tf_swar_non_digit(tf_swar_load(p));
  if (TF_UNLIKELY(stops == 0))
    return tf_number_skip_bytes(p, end, fraction_allowed);
  size_t ndigits = tf_swar_first(stops);
  if (TF_UNLIKELY(ndigits == 0 || (*p == '0' && ndigits > 1)))
    return NULL;
  if (!fraction_allowed || p[ndigits] != '.')
    return p + ndigits;

  uint64_t fraction_stops = tf_swar_after(stops, ndigits);
  if (fraction_stops == 0) {
    const char *fraction = tf_digits_skip(p + ndigits + 1, end);
    return fraction == p + ndigits + 1 ? NULL : fraction;
  }
  size_t nfraction = tf_swar_first(fraction_stops);
  return nfraction == 0 ? NULL : p + ndigits + 1 + nfraction;
}

/* tf_number_read - a number value at p ending the attribute; NULL when malformed */
static inline const char *
tf_number_read(const tf_scan *scan, const char *p, tf_span *number, bool fraction_allowed)
{
  const char *stop = tf_number_skip(p, scan->end, fraction_allowed);

  if (stop == NULL || !tf_value_ends_at(scan, stop))
    return NULL;
  *number = tf_span_between(p, stop);
  return stop;
}

/* tf_delays_read - "A/B/C/D" at p, four numbers; NULL when malformed */
static inline const char *
tf_delays_read(const tf_scan *scan, const char *p, tf_span delays[4])
{
  for (int part = 0; part < 4; part++) {
    const char *stop = tf_number_skip(p, scan->end, true);
    if (stop == NULL)
      return NULL;
    delays[part] = tf_span_between(p, stop);
    if (part == 3)
      return tf_value_ends_at(scan, stop) ? stop : NULL;
    if (stop == scan->end || *stop != '/')
      return NULL;
    p = stop + 1;
  }
  return NULL;
}

/* tf_dsn_read - "X.Y.Z" at p with one or more digits in each part; NULL when malformed */
static inline const char *
tf_dsn_read(const tf_scan *scan, const char *p, tf_span *dsn)
{
  const char *start = p;

  for (int part = 0; part < 3; part++) {
    const char *stop = tf_digits_skip(p, scan->end);
    if (stop == p)
      return NULL;
    if (part == 2) {
      if (!tf_value_ends_at(scan, stop))
        return NULL;
      *dsn = tf_span_between(start, stop);
      return stop;
    }
    if (stop == scan->end || *stop != '.')
      return NULL;
    p = stop + 1;
  }
  return NULL;
}

/* tf_relay_word_skip - the first "[", "]", "," or space at or after p */
static inline const char *
tf_relay_word_skip(const char *p, const char *end)
{
  while (TF_SWAR && end - p >= 8) {
    uint64_t stops = tf_swar_relay_stop(tf_swar_load(p));
    if (stops != 0)
      return p + tf_swar_first(stops);
    p += 8;
  }
  while (p < end && !tf_byte_is(*p, TF_BYTE_RELAY_STOP))
    p++;
  return p;
}

/* tf_relay_address_skip - the first "[", "]" or ", " at or after p */
static inline const char *
tf_relay_address_skip(const tf_scan *scan, const char *p)
{
  for (;;) {
    p = tf_relay_word_skip(p, scan->end);
    if (p == scan->end || *p == '[' || *p == ']' || tf_value_ends_at(scan, p))
      return p;
    p++;
  }
}

/* tf_relay_read - "host[address]:port", "host[address]" or a bare word; NULL when malformed */
static inline const char *
tf_relay_read(const tf_scan *scan, const char *start)
{
  tf_delivery *delivery = scan->delivery;
  const char *open = tf_relay_word_skip(start, scan->end);

  if (open == scan->end || *open != '[') {
    if (open == start || !tf_value_ends_at(scan, open))
      return NULL;
    delivery->relay = delivery->relay_hostname = tf_span_between(start, open);
    return open;
  }

  const char *close = tf_relay_address_skip(scan, open + 1);
  if (close == scan->end || *close != ']' || close == open + 1)
    return NULL;
  delivery->relay_hostname = tf_span_between(start, open);
  delivery->relay_address = tf_span_between(open + 1, close);

  const char *stop = close + 1;
  if (stop != scan->end && *stop == ':') {
    stop = tf_number_skip(close + 2, scan->end, false);
    if (stop == NULL)
      return NULL;
    delivery->relay_port = tf_span_between(close + 2, stop);
  }
  if (!tf_value_ends_at(scan, stop))
    return NULL;
  delivery->relay = tf_span_between(start, stop);
  return stop;
}

/* tf_plain_value_end - the ", " or line end that ends a free-form value at p */
static inline const char *
tf_plain_value_end(const tf_scan *scan, const char *p)
{
  for (;;) {
    const char *comma = tf_byte_find(p, scan->end, ',');
    if (comma == scan->end || (comma + 1 < scan->end && comma[1] == ' '))
      return comma;
    p = comma + 1;
  }
}

/* tf_quote_skip - the '"' that closes a quoted local part opened before p, or NULL */
static const char *
tf_quote_skip(const char *p, const char *end)
{
  while (p < end && *p != '"') {
    if (*p == '\\' && end - p < 2)
      return NULL;
    p += *p == '\\' ? 2 : 1;
  }
  return p < end ? p : NULL;
}

/* tf_address_close - the ">" that closes the address starting at p, or NULL */
static inline const char *
tf_address_close(const tf_scan *scan, const char *p, const char **reason)
{
  const char *end = scan->end;

  if (TF_UNLIKELY(p < end && *p == '"')) {
    p = tf_quote_skip(p + 1, end);
    if (p == NULL) {
      *reason = tf_unterminated_quote;
      return NULL;
    }
  }

  while (p < end) {
    const char *close = tf_byte_find(p, end, '>');
    if (close == end)
      break;
    if (close + 1 == end || (close + 2 < end && close[1] == ',' && close[2] == ' '))
      return close;
    p = close + 1;
  }
  *reason = "unterminated address";
  return NULL;
}

/* tf_address_read - "<ADDR>" at open into *address; the byte after it, or NULL on failure */
static inline const char *
tf_address_read(const tf_scan *scan, const char *open, tf_span *address)
{
  const char *reason = NULL;

  if (TF_UNLIKELY(open == scan->end || *open != '<')) {
    tf_scan_fail(scan, "expected '<'", open);
    return NULL;
  }
  const char *close = tf_address_close(scan, open + 1, &reason);
  if (TF_UNLIKELY(close == NULL)) {
    tf_scan_fail(scan, reason, reason == tf_unterminated_quote ? open + 1 : open);
    return NULL;
  }
  *address = tf_span_between(open + 1, close);
  return close + 1;
}

/* tf_queue_id_skip - the start of the attributes: after "QUEUE_ID: " when present */
static inline const char *
tf_queue_id_skip(const tf_scan *scan)
{
  const char *p = scan->line;

  while (TF_SWAR && scan->end - p >= 8) {
    uint64_t stops = tf_swar_non_alnum(tf_swar_load(p));
    if (stops != 0) {
      p += tf_swar_first(stops);
      goto found;
    }
    p += 8;
  }
  while (p < scan->end && tf_byte_is(*p, TF_BYTE_DIGIT | TF_BYTE_LOWER | TF_BYTE_UPPER))
    p++;
found:
  if (p == scan->line || p + 1 >= scan->end || p[0] != ':' || p[1] != ' ')
    return scan->line;
  scan->delivery->queue_id = tf_span_between(scan->line, p);
  return p + 2;
}

/* tf_attr_name_end - the "=" after an unknown attribute name at p, or NULL */
static const char *
tf_attr_name_end(const tf_scan *scan, const char *p)
{
  if (p == scan->end || !tf_byte_is(*p, TF_BYTE_LOWER))
    return NULL;
  p++;
  while (p < scan->end && tf_byte_is(*p, TF_BYTE_ATTR))
    p++;
  return p < scan->end && *p == '=' ? p : NULL;
}

/* tf_status_read - "WORD[ (TEXT)]" at start, ending a "to=" line */
static inline int
tf_status_read(const tf_scan *scan, const char *start)
{
  tf_delivery *delivery = scan->delivery;
  const char *p = start;

  while (p < scan->end && tf_byte_is(*p, TF_BYTE_STATUSW))
    p++;
  if (TF_UNLIKELY(p == start))
    return tf_scan_fail(scan, tf_malformed_reasons[TF_ATTR_STATUS], start);
  delivery->status = tf_span_between(start, p);
  if (p == scan->end)
    return TF_OK;

  if (TF_UNLIKELY(p + 1 >= scan->end || p[0] != ' ' || p[1] != '('))
    return tf_scan_fail(scan, tf_malformed_reasons[TF_ATTR_STATUS], p);
  const char *text = p + 2;
  if (scan->end[-1] == ')' && scan->end - 1 >= text) {
    delivery->response = tf_span_between(text, scan->end - 1);
    return TF_OK;
  }
  delivery->response = tf_span_between(text, scan->end);
  delivery->response_truncated = true;
  return TF_OK;
}

/* tf_expiry_read - the rest of "from=<ADDR>, status=expired, returned to sender" at p */
static int
tf_expiry_read(const tf_scan *scan, const char *p)
{
  static const char status_attr[] = ", status=";
  static const char returned[] = ", returned to sender";
  const size_t status_len = sizeof(status_attr) - 1;
  const size_t returned_len = sizeof(returned) - 1;
  tf_delivery *delivery = scan->delivery;

  p = tf_address_read(scan, p, &delivery->from);
  if (p == NULL)
    return TF_NOT_DELIVERY;
  if ((size_t)(scan->end - p) < status_len || memcmp(p, status_attr, status_len) != 0)
    return tf_scan_fail(scan, "not an expiry line", p);
  p += status_len;

  size_t rest = (size_t)(scan->end - p);
  if (rest < returned_len || memcmp(scan->end - returned_len, returned, returned_len) != 0)
    return tf_scan_fail(scan, "not an expiry line", p);
  tf_span status = tf_span_make(p, rest - returned_len);
  if (!TF_SPAN_EQUALS(status, "expired") && !TF_SPAN_EQUALS(status, "force-expired"))
    return tf_scan_fail(scan, "not an expiry line", p);
  delivery->status = status;
  return TF_OK;
}

/* tf_extra_kept - whether an unknown attribute of this name is already kept */
static bool
tf_extra_kept(const tf_delivery *delivery, tf_span name)
{
  size_t kept = delivery->nextra < TF_EXTRA_ATTRS_MAX ? delivery->nextra : TF_EXTRA_ATTRS_MAX;

  for (size_t i = 0; i < kept; i++) {
    tf_span seen = delivery->extra[i].name;
    if (seen.len == name.len && memcmp(seen.ptr, name.ptr, name.len) == 0)
      return true;
  }
  return false;
}

/* tf_extra_read - an unknown attribute "name=value" at name; the value's end, or NULL */
static const char *
tf_extra_read(const tf_scan *scan, const char *name)
{
  tf_delivery *delivery = scan->delivery;
  const char *equals = tf_attr_name_end(scan, name);

  if (equals == NULL) {
    tf_scan_fail(scan, "expected an attribute", name);
    return NULL;
  }
  const char *value = equals + 1;
  const char *stop = tf_plain_value_end(scan, value);
  tf_span attr = tf_span_between(name, equals);
  if (!tf_extra_kept(delivery, attr)) {
    if (delivery->nextra < TF_EXTRA_ATTRS_MAX) {
      delivery->extra[delivery->nextra].name = attr;
      delivery->extra[delivery->nextra].value = tf_span_between(value, stop);
    }
    delivery->nextra++;
  }
  return stop;
}

/* tf_value_read - check and store the value at p of a known attribute; its end, or NULL */
static inline const char *
tf_value_read(const tf_scan *scan, enum tf_attr_id id, const char *p)
{
  tf_delivery *delivery = scan->delivery;
  const char *stop = NULL;

  switch (id) {
  case TF_ATTR_ORIG_TO:
    return tf_address_read(scan, p, &delivery->orig_to);
  case TF_ATTR_RELAY:
    stop = tf_relay_read(scan, p);
    break;
  case TF_ATTR_CONN_USE:
    stop = tf_number_read(scan, p, &delivery->conn_use, false);
    break;
  case TF_ATTR_DELAY:
    stop = tf_number_read(scan, p, &delivery->delay, true);
    break;
  case TF_ATTR_DELAYS:
    stop = tf_delays_read(scan, p, delivery->delays);
    break;
  case TF_ATTR_DSN:
    stop = tf_dsn_read(scan, p, &delivery->dsn);
    break;
  default:
    stop = tf_plain_value_end(scan, p);
    delivery->tls = tf_span_between(p, stop);
    break;
  }
  if (TF_UNLIKELY(stop == NULL))
    tf_scan_fail(scan, tf_malformed_reasons[id], p);
  return stop;
}

/* tf_order_fail - the reason a known attribute may not stand after the last one */
TF_COLD static int
tf_order_fail(const tf_scan *scan, enum tf_attr_id last, enum tf_attr_id id, const char *name)
{
  if (id == last)
    return tf_scan_fail(scan, tf_twice_reasons[id], name);
  if (id < last)
    return tf_scan_fail(scan, tf_out_of_order_reasons[id], name);
  if (last < TF_ATTR_RELAY)
    return tf_scan_fail(scan, "no 'relay=' attribute", name);
  return tf_scan_fail(scan, "no 'delay=' attribute", name);
}

/* tf_order_allowed - whether id may follow last: later, and no required attribute between */
static inline bool
tf_order_allowed(enum tf_attr_id last, enum tf_attr_id id)
{
  return id > last && (last >= TF_ATTR_RELAY || id <= TF_ATTR_RELAY) &&
         (last >= TF_ATTR_DELAY || id <= TF_ATTR_DELAY);
}

/* tf_attrs_read_any - the attributes from at, after last, in any order, up to the line end */
static int
tf_attrs_read_any(const tf_scan *scan, const char *at, enum tf_attr_id last)
{
  for (;;) {
    if (TF_UNLIKELY(at == scan->end))
      return tf_scan_fail(scan, "line ends before 'status='", at);
    at += 2; /* the ", " every value ends with when the line goes on */

    const char *name = at;
    enum tf_attr_id id = tf_attr_known(name, (size_t)(scan->end - name));
    if (id == TF_ATTR_UNKNOWN) {
      at = tf_extra_read(scan, name);
      if (at == NULL)
        return TF_NOT_DELIVERY;
      continue;
    }
    if (TF_UNLIKELY(!tf_order_allowed(last, id)))
      return tf_order_fail(scan, last, id, name);
    last = id;
    at = name + tf_attr_lengths[id];

    if (id == TF_ATTR_STATUS)
      return tf_status_read(scan, at);
    at = tf_value_read(scan, id, at);
    if (TF_UNLIKELY(at == NULL))
      return TF_NOT_DELIVERY;
  }
}

/* tf_attr_next - whether ", name=" follows at p, where name= is a literal of len <= 8 bytes */
static inline bool
tf_attr_next(const tf_scan *scan, const char *p, const char *name, size_t len)
{
  return scan->end - p >= 10 && tf_word_starts(tf_swar_load(p + 2), name, len);
}

#define TF_ATTR_NEXT(scan, p, literal) tf_attr_next((scan), (p), (literal), sizeof(literal) - 1)

/* tf_conn_use_next - whether ", conn_use=" follows at p */
static inline bool
tf_conn_use_next(const tf_scan *scan, const char *p)
{
  return scan->end - p >= 11 && TF_WORD_STARTS(tf_swar_load(p + 2), "conn_use") && p[10] == '=';
}

/*
 * tf_attrs_read - the attributes from at, after "to=<ADDR>", up to the end of the line
 *
 * Postfix writes the known attributes in one order, so each is first looked for where it
 * would stand (one word compare); the first attribute that is not the expected one hands
 * over to tf_attrs_read_any(), which accepts the same lines one name at a time.
 */
static int
tf_attrs_read(const tf_scan *scan, const char *at)
{
  tf_delivery *delivery = scan->delivery;

  if (TF_ATTR_NEXT(scan, at, "orig_to=")) {
    at = tf_value_read(scan, TF_ATTR_ORIG_TO, at + 10);
    if (at == NULL)
      return TF_NOT_DELIVERY;
  }
  enum tf_attr_id last = delivery->orig_to.ptr != NULL ? TF_ATTR_ORIG_TO : TF_ATTR_TO;
  if (TF_UNLIKELY(!TF_ATTR_NEXT(scan, at, "relay=")))
    return tf_attrs_read_any(scan, at, last);
  at = tf_value_read(scan, TF_ATTR_RELAY, at + 8);
  if (at == NULL)
    return TF_NOT_DELIVERY;

  last = TF_ATTR_RELAY;
  if (tf_conn_use_next(scan, at)) {
    at = tf_value_read(scan, TF_ATTR_CONN_USE, at + 11);
    if (at == NULL)
      return TF_NOT_DELIVERY;
    last = TF_ATTR_CONN_USE;
  }
  if (TF_UNLIKELY(!TF_ATTR_NEXT(scan, at, "delay=")))
    return tf_attrs_read_any(scan, at, last);
  at = tf_value_read(scan, TF_ATTR_DELAY, at + 8);
  if (at == NULL)
    return TF_NOT_DELIVERY;

  last = TF_ATTR_DELAY;
  if (TF_ATTR_NEXT(scan, at, "delays=")) {
    at = tf_value_read(scan, TF_ATTR_DELAYS, at + 9);
    if (at == NULL)
      return TF_NOT_DELIVERY;
    last = TF_ATTR_DELAYS;
  }
  if (TF_ATTR_NEXT(scan, at, "tls=")) {
    at = tf_value_read(scan, TF_ATTR_TLS, at + 6);
    last = TF_ATTR_TLS;
  }
  if (TF_ATTR_NEXT(scan, at, "dsn=")) {
    at = tf_value_read(scan, TF_ATTR_DSN, at + 6);
    if (at == NULL)
      return TF_NOT_DELIVERY;
    last = TF_ATTR_DSN;
  }
  if (TF_UNLIKELY(!TF_ATTR_NEXT(scan, at, "status=")))
    return tf_attrs_read_any(scan, at, last);
  return tf_status_read(scan, at + 9);
}

/* tf_delivery_reset - every field absent */
static inline void
tf_delivery_reset(tf_delivery *delivery)
{
  const tf_span absent = {NULL, 0};

  delivery->queue_id = absent;
  delivery->to = absent;
  delivery->orig_to = absent;
  delivery->from = absent;
  delivery->relay = absent;
  delivery->relay_hostname = absent;
  delivery->relay_address = absent;
  delivery->relay_port = absent;
  delivery->conn_use = absent;
  delivery->delay = absent;
  for (int part = 0; part < 4; part++)
    delivery->delays[part] = absent;
  delivery->tls = absent;
  delivery->dsn = absent;
  delivery->status = absent;
  delivery->response = absent;
  delivery->response_truncated = false;
  delivery->nextra = 0;
  delivery->error = NULL;
  delivery->error_offset = 0;
}

/* tf_delivery_parse - scan a delivery status line body into *delivery */
int
tf_delivery_parse(tf_delivery *delivery, const char *line, size_t len)
{
  tf_scan scan = {line, line + len, delivery};

  tf_delivery_reset(delivery);
  while (scan.end > line && (scan.end[-1] == '\n' || scan.end[-1] == '\r'))
    scan.end--;

  const char *at = tf_queue_id_skip(&scan);
  size_t rest = (size_t)(scan.end - at);
  if (TF_LIKELY(rest >= 3 && memcmp(at, "to=", 3) == 0)) {
    at = tf_address_read(&scan, at + 3, &delivery->to);
    if (at == NULL)
      return TF_NOT_DELIVERY;
    return tf_attrs_read(&scan, at);
  }
  if (delivery->queue_id.ptr != NULL && rest >= 5 && memcmp(at, "from=", 5) == 0)
    return tf_expiry_read(&scan, at + 5);
  return tf_scan_fail(&scan, "no 'to=' or 'from=' attribute", at);
}
