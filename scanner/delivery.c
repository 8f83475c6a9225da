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
 *   looked at once; addresses are searched with memchr().
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

static const char tf_unterminated_quote[] = "unterminated quoted local part";

/* Scanning state: the line, the current position and the result. */
typedef struct tf_scan {
  const char *line;
  const char *at;
  const char *end;
  tf_delivery *delivery;
} tf_scan;

/* tf_scan_fail - record a reason and the offset of where, return TF_NOT_DELIVERY */
static int
tf_scan_fail(tf_scan *scan, const char *reason, const char *where)
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
  return p == scan->end || (p[0] == ',' && p + 1 < scan->end && p[1] == ' ');
}

/* TF_ATTR_STARTS - whether the literal "name=" stands at p, with rest bytes left */
#define TF_ATTR_STARTS(p, rest, literal)                                                           \
  ((rest) >= sizeof(literal) - 1 && memcmp((p), (literal), sizeof(literal) - 1) == 0)

/* tf_attr_known - the known attribute whose "name=" stands at p, and its length */
static inline enum tf_attr_id
tf_attr_known(const char *p, size_t rest, size_t *len)
{
  static const unsigned char lengths[] = {
      [TF_ATTR_TO] = 3,       [TF_ATTR_ORIG_TO] = 8, [TF_ATTR_RELAY] = 6,
      [TF_ATTR_CONN_USE] = 9, [TF_ATTR_DELAY] = 6,   [TF_ATTR_DELAYS] = 7,
      [TF_ATTR_TLS] = 4,      [TF_ATTR_DSN] = 4,     [TF_ATTR_STATUS] = 7,
  };
  enum tf_attr_id id = TF_ATTR_UNKNOWN;

  if (rest == 0)
    return id;
  switch (p[0]) {
  case 'r':
    id = TF_ATTR_STARTS(p, rest, "relay=") ? TF_ATTR_RELAY : id;
    break;
  case 'd':
    if (TF_ATTR_STARTS(p, rest, "delay="))
      id = TF_ATTR_DELAY;
    else if (TF_ATTR_STARTS(p, rest, "delays="))
      id = TF_ATTR_DELAYS;
    else if (TF_ATTR_STARTS(p, rest, "dsn="))
      id = TF_ATTR_DSN;
    break;
  case 't':
    if (TF_ATTR_STARTS(p, rest, "tls="))
      id = TF_ATTR_TLS;
    else if (TF_ATTR_STARTS(p, rest, "to="))
      id = TF_ATTR_TO;
    break;
  case 's':
    id = TF_ATTR_STARTS(p, rest, "status=") ? TF_ATTR_STATUS : id;
    break;
  case 'c':
    id = TF_ATTR_STARTS(p, rest, "conn_use=") ? TF_ATTR_CONN_USE : id;
    break;
  case 'o':
    id = TF_ATTR_STARTS(p, rest, "orig_to=") ? TF_ATTR_ORIG_TO : id;
    break;
  }
  if (id != TF_ATTR_UNKNOWN)
    *len = lengths[id];
  return id;
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

/* tf_number_skip - the end of a number at p (no leading zero), or NULL */
static inline const char *
tf_number_skip(const char *p, const char *end, bool fraction_allowed)
{
  const char *digits = tf_digits_skip(p, end);

  if (digits == p || (*p == '0' && digits - p > 1))
    return NULL;
  if (!fraction_allowed || digits == end || *digits != '.')
    return digits;
  const char *fraction = tf_digits_skip(digits + 1, end);
  return fraction == digits + 1 ? NULL : fraction;
}

/* tf_number_read - a number value ending the attribute; NULL when malformed */
static const char *
tf_number_read(const tf_scan *scan, tf_span *number, bool fraction_allowed)
{
  const char *stop = tf_number_skip(scan->at, scan->end, fraction_allowed);

  if (stop == NULL || !tf_value_ends_at(scan, stop))
    return NULL;
  *number = tf_span_between(scan->at, stop);
  return stop;
}

/* tf_delays_read - "A/B/C/D", four numbers; NULL when malformed */
static const char *
tf_delays_read(const tf_scan *scan, tf_span delays[4])
{
  const char *p = scan->at;

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

/* tf_dsn_read - "X.Y.Z" with one or more digits in each part; NULL when malformed */
static const char *
tf_dsn_read(const tf_scan *scan, tf_span *dsn)
{
  const char *p = scan->at;

  for (int part = 0; part < 3; part++) {
    const char *stop = tf_digits_skip(p, scan->end);
    if (stop == p)
      return NULL;
    if (part == 2) {
      if (!tf_value_ends_at(scan, stop))
        return NULL;
      *dsn = tf_span_between(scan->at, stop);
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
    uint64_t word = tf_swar_load(p);
    uint64_t stops = tf_swar_equal(word, '[') | tf_swar_equal(word, ']') |
                     tf_swar_equal(word, ',') | tf_swar_equal(word, ' ');
    if (stops != 0)
      return p + tf_swar_first(stops);
    p += 8;
  }
  while (p < end && !tf_byte_is(*p, TF_BYTE_RELAY_STOP))
    p++;
  return p;
}

/* tf_relay_address_skip - the first "[", "]" or ", " at or after p */
static const char *
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
static const char *
tf_relay_read(const tf_scan *scan)
{
  tf_delivery *delivery = scan->delivery;
  const char *start = scan->at;
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
static const char *
tf_plain_value_end(const tf_scan *scan, const char *p)
{
  for (;;) {
    const char *comma = tf_byte_find(p, scan->end, ',');
    if (comma == scan->end || (comma + 1 < scan->end && comma[1] == ' '))
      return comma;
    p = comma + 1;
  }
}

/* tf_address_close - the ">" that closes the address starting at p, or NULL */
static const char *
tf_address_close(const tf_scan *scan, const char *p, const char **reason)
{
  const char *end = scan->end;

  if (p < end && *p == '"') {
    p++;
    while (p < end && *p != '"')
      p += *p == '\\' ? 2 : 1;
    if (p >= end) {
      *reason = tf_unterminated_quote;
      return NULL;
    }
  }

  *reason = "unterminated address";
  while (p < end) {
    const char *close = tf_byte_find(p, end, '>');
    if (close == end)
      return NULL;
    if (close + 1 == end || (close + 2 < end && close[1] == ',' && close[2] == ' '))
      return close;
    p = close + 1;
  }
  return NULL;
}

/* tf_address_read - "<ADDR>" at the scan position into *address */
static int
tf_address_read(tf_scan *scan, tf_span *address)
{
  const char *open = scan->at;
  const char *reason = NULL;

  if (open == scan->end || *open != '<')
    return tf_scan_fail(scan, "expected '<'", open);
  const char *close = tf_address_close(scan, open + 1, &reason);
  if (close == NULL)
    return tf_scan_fail(scan, reason, reason == tf_unterminated_quote ? open + 1 : open);
  *address = tf_span_between(open + 1, close);
  scan->at = close + 1;
  return TF_OK;
}

/* tf_queue_id_skip - take "QUEUE_ID: " at the start of the line, if present */
static void
tf_queue_id_skip(tf_scan *scan)
{
  const char *p = scan->line;

  while (p < scan->end && tf_byte_is(*p, TF_BYTE_DIGIT | TF_BYTE_LOWER | TF_BYTE_UPPER))
    p++;
  if (p == scan->line || p + 1 >= scan->end || p[0] != ':' || p[1] != ' ')
    return;
  scan->delivery->queue_id = tf_span_between(scan->line, p);
  scan->at = p + 2;
}

/* tf_attr_name_read - the name before "=" at the scan position; its end, or NULL */
static const char *
tf_attr_name_read(const tf_scan *scan)
{
  const char *p = scan->at;

  if (p == scan->end || !tf_byte_is(*p, TF_BYTE_LOWER))
    return NULL;
  p++;
  while (p < scan->end && tf_byte_is(*p, TF_BYTE_ATTR))
    p++;
  return p < scan->end && *p == '=' ? p : NULL;
}

/* tf_status_read - "WORD[ (TEXT)]" ending a "to=" line */
static int
tf_status_read(tf_scan *scan)
{
  tf_delivery *delivery = scan->delivery;
  const char *start = scan->at;
  const char *p = start;

  while (p < scan->end && tf_byte_is(*p, TF_BYTE_STATUSW))
    p++;
  if (p == start)
    return tf_scan_fail(scan, tf_malformed_reasons[TF_ATTR_STATUS], start);
  delivery->status = tf_span_between(start, p);
  if (p == scan->end)
    return TF_OK;

  if (p + 1 >= scan->end || p[0] != ' ' || p[1] != '(')
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

/* tf_expiry_read - the rest of "from=<ADDR>, status=expired, returned to sender" */
static int
tf_expiry_read(tf_scan *scan)
{
  static const char status_attr[] = ", status=";
  static const char returned[] = ", returned to sender";
  const size_t status_len = sizeof(status_attr) - 1;
  const size_t returned_len = sizeof(returned) - 1;
  tf_delivery *delivery = scan->delivery;

  if (tf_address_read(scan, &delivery->from) != TF_OK)
    return TF_NOT_DELIVERY;
  if ((size_t)(scan->end - scan->at) < status_len || memcmp(scan->at, status_attr, status_len) != 0)
    return tf_scan_fail(scan, "not an expiry line", scan->at);
  scan->at += status_len;

  size_t rest = (size_t)(scan->end - scan->at);
  if (rest < returned_len || memcmp(scan->end - returned_len, returned, returned_len) != 0)
    return tf_scan_fail(scan, "not an expiry line", scan->at);
  tf_span status = tf_span_make(scan->at, rest - returned_len);
  if (!TF_SPAN_EQUALS(status, "expired") && !TF_SPAN_EQUALS(status, "force-expired"))
    return tf_scan_fail(scan, "not an expiry line", scan->at);
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

/* tf_extra_read - an unknown attribute: the first few distinct names are kept */
static void
tf_extra_read(tf_scan *scan, tf_span name)
{
  tf_delivery *delivery = scan->delivery;
  const char *stop = tf_plain_value_end(scan, scan->at);

  if (!tf_extra_kept(delivery, name)) {
    if (delivery->nextra < TF_EXTRA_ATTRS_MAX) {
      delivery->extra[delivery->nextra].name = name;
      delivery->extra[delivery->nextra].value = tf_span_between(scan->at, stop);
    }
    delivery->nextra++;
  }
  scan->at = stop;
}

/* tf_value_read - check and store the value of a known attribute other than the addresses */
static int
tf_value_read(tf_scan *scan, enum tf_attr_id id)
{
  tf_delivery *delivery = scan->delivery;
  const char *stop = NULL;

  switch (id) {
  case TF_ATTR_RELAY:
    stop = tf_relay_read(scan);
    break;
  case TF_ATTR_CONN_USE:
    stop = tf_number_read(scan, &delivery->conn_use, false);
    break;
  case TF_ATTR_DELAY:
    stop = tf_number_read(scan, &delivery->delay, true);
    break;
  case TF_ATTR_DELAYS:
    stop = tf_delays_read(scan, delivery->delays);
    break;
  case TF_ATTR_DSN:
    stop = tf_dsn_read(scan, &delivery->dsn);
    break;
  default:
    stop = tf_plain_value_end(scan, scan->at);
    delivery->tls = tf_span_between(scan->at, stop);
    break;
  }
  if (stop == NULL)
    return tf_scan_fail(scan, tf_malformed_reasons[id], scan->at);
  scan->at = stop;
  return TF_OK;
}

/* tf_required_check - the reason a required attribute before id is missing, or NULL */
static const char *
tf_required_check(enum tf_attr_id last, enum tf_attr_id id)
{
  if (last < TF_ATTR_RELAY && TF_ATTR_RELAY < id)
    return "no 'relay=' attribute";
  if (last < TF_ATTR_DELAY && TF_ATTR_DELAY < id)
    return "no 'delay=' attribute";
  return NULL;
}

/* tf_known_order_check - a known attribute must come after the last one */
static int
tf_known_order_check(tf_scan *scan, enum tf_attr_id last, enum tf_attr_id id, const char *name)
{
  if (id == last)
    return tf_scan_fail(scan, tf_twice_reasons[id], name);
  if (id < last)
    return tf_scan_fail(scan, tf_out_of_order_reasons[id], name);
  const char *missing = tf_required_check(last, id);
  if (missing != NULL)
    return tf_scan_fail(scan, missing, name);
  return TF_OK;
}

/* tf_attrs_read - the attributes after "to=<ADDR>" up to the end of the line */
static int
tf_attrs_read(tf_scan *scan)
{
  enum tf_attr_id last = TF_ATTR_TO;

  for (;;) {
    if (scan->at == scan->end)
      return tf_scan_fail(scan, "line ends before 'status='", scan->at);
    scan->at += 2; /* the ", " every value ends with when the line goes on */

    const char *name = scan->at;
    size_t known_len = 0;
    enum tf_attr_id id = tf_attr_known(name, (size_t)(scan->end - name), &known_len);
    if (id == TF_ATTR_UNKNOWN) {
      const char *equals = tf_attr_name_read(scan);
      if (equals == NULL)
        return tf_scan_fail(scan, "expected an attribute", name);
      scan->at = equals + 1;
      tf_extra_read(scan, tf_span_between(name, equals));
      continue;
    }
    scan->at = name + known_len;

    if (tf_known_order_check(scan, last, id, name) != TF_OK)
      return TF_NOT_DELIVERY;
    last = id;

    if (id == TF_ATTR_STATUS)
      return tf_status_read(scan);
    int result = id == TF_ATTR_ORIG_TO ? tf_address_read(scan, &scan->delivery->orig_to)
                                       : tf_value_read(scan, id);
    if (result != TF_OK)
      return TF_NOT_DELIVERY;
  }
}

/* tf_delivery_reset - every field absent */
static void
tf_delivery_reset(tf_delivery *delivery)
{
  memset(delivery, 0, offsetof(tf_delivery, extra));
  delivery->error = NULL;
  delivery->error_offset = 0;
}

/* tf_delivery_parse - scan a delivery status line body into *delivery */
int
tf_delivery_parse(tf_delivery *delivery, const char *line, size_t len)
{
  tf_scan scan = {line, line, line + len, delivery};

  tf_delivery_reset(delivery);
  while (scan.end > line && (scan.end[-1] == '\n' || scan.end[-1] == '\r'))
    scan.end--;

  tf_queue_id_skip(&scan);
  size_t rest = (size_t)(scan.end - scan.at);
  if (rest >= 3 && memcmp(scan.at, "to=", 3) == 0) {
    scan.at += 3;
    if (tf_address_read(&scan, &delivery->to) != TF_OK)
      return TF_NOT_DELIVERY;
    return tf_attrs_read(&scan);
  }
  if (delivery->queue_id.ptr != NULL && rest >= 5 && memcmp(scan.at, "from=", 5) == 0) {
    scan.at += 5;
    return tf_expiry_read(&scan);
  }
  return tf_scan_fail(&scan, "no 'to=' or 'from=' attribute", scan.at);
}
