/* SPDX-License-Identifier: MIT */
/*
 * message.h - turn one message from rsyslog into the helper's reply
 *
 * Input is one line of rsyslog's interface.input="fulljson": the message
 * object with its properties. The helper reads three of them:
 *
 *   msg          the message text; rsyslog starts it with the space that
 *                followed the tag, and exactly that one space is removed.
 *   syslogtag    "postfix/smtp[10446]:"; the program is the tag without
 *                its "[pid]" and ":" ("postfix/smtp").
 *   programname  used as the program only when syslogtag is missing or
 *                empty (rsyslog cuts programname at "/" by default, which
 *                would lose the service).
 *
 * When msg is not a delivery line but a whole syslog line ("Dec  4 15:37:59
 * mx1 postfix/smtp[10446]: ..."), as imfile delivers the lines of a log
 * file, the line is split and its message part parsed, with the program
 * taken from the line.
 *
 *   message_parser_init()    false when memory runs out.
 *   message_parser_answer()  fills reply (see answer.h) and says what the
 *                            line was. Never fails: anything unexpected is
 *                            MESSAGE_MALFORMED with the reply "{}".
 *   message_parser_free()    releases the parser.
 *
 * The parser keeps nothing from one message to the next.
 */
#ifndef TLSFEAT_RSYSLOG_MESSAGE_H_INCLUDED
#define TLSFEAT_RSYSLOG_MESSAGE_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "record.h"
#include "tlsfeat.h"

enum message_kind {
  MESSAGE_MALFORMED,   /* not a JSON object with a string msg, or bad bytes */
  MESSAGE_OTHER,       /* well formed, not a Postfix delivery line */
  MESSAGE_DELIVERY,    /* a delivery line; fields in the reply */
  MESSAGE_INVALID_TLS, /* a delivery line with an invalid tls= value */
};

struct fjson_tokener;

typedef struct message_parser {
  struct fjson_tokener *tokener;
  tf_delivery delivery;
  tf_tls tls;
  tf_record record;
} message_parser;

bool message_parser_init(message_parser *parser);
enum message_kind message_parser_answer(message_parser *parser, const char *line, size_t len,
                                        answer *reply);
void message_parser_free(message_parser *parser);

#endif
