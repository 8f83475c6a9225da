/* SPDX-License-Identifier: MIT */
/*
 * message.c - read rsyslog's JSON message, parse the delivery line, reply
 *
 * Reading uses libfastjson in strict mode (rsyslog links it, so it is
 * present wherever rsyslog runs); the parsed object is kept until the reply
 * is written, because the record's values point into its strings. A raw
 * NUL byte, a syntax error, trailing bytes other than blanks, a non-object
 * or a missing or non-string msg make the line malformed, and so does
 * invalid UTF-8 in msg or the program name, since the reply could not
 * carry it as JSON text.
 */
#include "message.h"

#include <string.h>

#include <json.h>

/* _message_utf8_tail - how many continuation bytes follow lead, 0 if invalid */
static size_t
_message_utf8_tail(unsigned char lead, unsigned char *low, unsigned char *high)
{
  *low = 0x80;
  *high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf)
    return 1;
  if (lead == 0xe0)
    *low = 0xa0;
  if (lead == 0xed)
    *high = 0x9f;
  if (lead >= 0xe0 && lead <= 0xef)
    return 2;
  if (lead == 0xf0)
    *low = 0x90;
  if (lead == 0xf4)
    *high = 0x8f;
  if (lead >= 0xf0 && lead <= 0xf4)
    return 3;
  return 0;
}

/* _message_is_utf8 - well-formed UTF-8: no overlong forms, no surrogates */
static bool
_message_is_utf8(tf_span text)
{
  const unsigned char *bytes = (const unsigned char *)text.ptr;
  size_t i = 0;

  while (i < text.len) {
    unsigned char low, high;
    size_t tail;

    if (bytes[i] < 0x80) {
      i++;
      continue;
    }

    tail = _message_utf8_tail(bytes[i], &low, &high);
    if (tail == 0 || text.len - i - 1 < tail)
      return false;
    if (bytes[i + 1] < low || bytes[i + 1] > high)
      return false;
    for (size_t k = 2; k <= tail; k++) {
      if ((bytes[i + k] & 0xc0) != 0x80)
        return false;
    }
    i += tail + 1;
  }
  return true;
}

/* _message_string - a string property of the message; absent if missing */
static bool
_message_string(struct fjson_object *message, const char *key, tf_span *value)
{
  struct fjson_object *property;

  *value = (tf_span){NULL, 0};
  if (!fjson_object_object_get_ex(message, key, &property) || property == NULL)
    return false;
  if (fjson_object_get_type(property) != fjson_type_string)
    return false;

  value->ptr = fjson_object_get_string(property);
  value->len = (size_t)fjson_object_get_string_len(property);
  return value->ptr != NULL;
}

/* _message_program_from_tag - "postfix/smtp[10446]:" as "postfix/smtp" */
static tf_span
_message_program_from_tag(tf_span tag)
{
  if (tag.len > 0 && tag.ptr[tag.len - 1] == ':')
    tag.len--;
  if (tag.len > 0 && tag.ptr[tag.len - 1] == ']') {
    const char *open = memchr(tag.ptr, '[', tag.len);

    if (open)
      tag.len = (size_t)(open - tag.ptr);
  }
  return tag;
}

/* _message_parse_json - the message object, or NULL when malformed */
static struct fjson_object *
_message_parse_json(message_parser *parser, const char *line, size_t len)
{
  struct fjson_object *message;

  if (memchr(line, '\0', len) || len > (size_t)0x7fffffff)
    return NULL;

  fjson_tokener_reset(parser->tokener);
  message = fjson_tokener_parse_ex(parser->tokener, line, (int)len);
  if (!message)
    return NULL;

  for (size_t i = (size_t)parser->tokener->char_offset; i < len; i++) {
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
      fjson_object_put(message);
      return NULL;
    }
  }
  if (fjson_object_get_type(message) != fjson_type_object) {
    fjson_object_put(message);
    return NULL;
  }
  return message;
}

/* _message_parse_delivery - the delivery line in text, with its program */
static bool
_message_parse_delivery(message_parser *parser, tf_span text, tf_span *program)
{
  tf_span line_program, body;

  if (tf_delivery_parse(&parser->delivery, text.ptr, text.len) == TF_OK)
    return true;

  if (!tf_log_line_split(text.ptr, text.len, &line_program, &body))
    return false;
  if (tf_delivery_parse(&parser->delivery, body.ptr, body.len) != TF_OK)
    return false;

  *program = line_program;
  return true;
}

/* _message_answer_delivery - the reply for a parsed delivery line */
static enum message_kind
_message_answer_delivery(message_parser *parser, tf_span program, answer *reply)
{
  tf_span syslog_name = {NULL, 0};
  tf_span service = {NULL, 0};
  const tf_tls *tls = NULL;
  enum message_kind kind = MESSAGE_DELIVERY;

  if (program.ptr && !tf_program_split(program.ptr, program.len, &syslog_name, &service)) {
    syslog_name = (tf_span){NULL, 0};
    service = (tf_span){NULL, 0};
  }

  if (parser->delivery.tls.ptr) {
    if (tf_tls_parse(&parser->tls, parser->delivery.tls.ptr, parser->delivery.tls.len) != TF_OK)
      kind = MESSAGE_INVALID_TLS;
    tls = &parser->tls;
  }

  tf_record_build(&parser->record, &parser->delivery, tls, syslog_name, service);
  answer_set_record(reply, &parser->record);
  return kind;
}

/* message_parser_init - a parser with its own JSON tokener */
bool
message_parser_init(message_parser *parser)
{
  parser->tokener = fjson_tokener_new();
  if (!parser->tokener)
    return false;

  fjson_tokener_set_flags(parser->tokener, FJSON_TOKENER_STRICT);
  return true;
}

/* message_parser_answer - the reply for one input line, see message.h */
enum message_kind
message_parser_answer(message_parser *parser, const char *line, size_t len, answer *reply)
{
  struct fjson_object *message = _message_parse_json(parser, line, len);
  tf_span text, tag, program;
  enum message_kind kind;

  answer_set_unchanged(reply);
  if (!message)
    return MESSAGE_MALFORMED;

  if (!_message_string(message, "msg", &text) || !_message_is_utf8(text)) {
    fjson_object_put(message);
    return MESSAGE_MALFORMED;
  }
  if (text.len > 0 && text.ptr[0] == ' ') {
    text.ptr++;
    text.len--;
  }

  _message_string(message, "syslogtag", &tag);
  program = _message_program_from_tag(tag);
  if (program.len == 0)
    _message_string(message, "programname", &program);
  if (program.ptr && !_message_is_utf8(program)) {
    fjson_object_put(message);
    return MESSAGE_MALFORMED;
  }

  kind = MESSAGE_OTHER;
  if (_message_parse_delivery(parser, text, &program))
    kind = _message_answer_delivery(parser, program, reply);

  fjson_object_put(message);
  return kind;
}

/* message_parser_free - release the tokener */
void
message_parser_free(message_parser *parser)
{
  if (parser->tokener)
    fjson_tokener_free(parser->tokener);
  parser->tokener = NULL;
}
