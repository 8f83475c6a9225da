/* SPDX-License-Identifier: MIT */
/*
 * postfix-tls-parser.h - the postfix-tls-parser() LogParser of syslog-ng
 *
 * Parses a Postfix delivery status line (and the queue manager's expiry
 * line) with the tlsfeat scanner and sets its fields, typed, under prefix():
 * queue_id, to, relay.hostname, delay, tls.level, tls.verdict, ... The field
 * names and values come from tf_record_build(), shared with every front end.
 *
 *   postfix_tls_parser_new()               a parser with the defaults below.
 *   postfix_tls_parser_set_prefix()        prefix() (default ".postfix.").
 *   postfix_tls_parser_set_drop_invalid()  drop-invalid() (default FALSE):
 *                                          an invalid tls= value makes the
 *                                          parser fail instead of keeping
 *                                          the message with tls.error.
 *   postfix_tls_parser_set_whole_line()    whole-line() (default auto):
 *                                          whether the input is a whole log
 *                                          line "DATE HOST PROGRAM[PID]: MSG"
 *                                          (flags(no-parse) sources) or a
 *                                          message whose program is $PROGRAM.
 *   postfix_tls_parser_prefix_is_valid()   TRUE when prefix() can start a
 *                                          name-value pair name.
 *   postfix_tls_parser_whole_line_lookup() maps "auto", "yes", "no" (and
 *                                          1/0) to a mode; FALSE otherwise.
 *
 * The parser fails on a message that is not a delivery line. It logs
 * nothing per message at the default verbosity.
 */
#ifndef POSTFIX_TLS_PARSER_H_INCLUDED
#define POSTFIX_TLS_PARSER_H_INCLUDED

#include "parser/parser-expr.h"

typedef enum {
  POSTFIX_TLS_WHOLE_LINE_AUTO = 0, /* a whole line when $PROGRAM is empty */
  POSTFIX_TLS_WHOLE_LINE_YES,      /* always a whole line */
  POSTFIX_TLS_WHOLE_LINE_NO,       /* always a message body */
} PostfixTlsWholeLine;

#define POSTFIX_TLS_PARSER_DEFAULT_PREFIX ".postfix."

LogParser *postfix_tls_parser_new(GlobalConfig *cfg);
void postfix_tls_parser_set_prefix(LogParser *s, const gchar *prefix);
void postfix_tls_parser_set_drop_invalid(LogParser *s, gboolean drop_invalid);
void postfix_tls_parser_set_whole_line(LogParser *s, PostfixTlsWholeLine whole_line);

gboolean postfix_tls_parser_prefix_is_valid(const gchar *prefix);
gboolean postfix_tls_parser_whole_line_lookup(const gchar *name, PostfixTlsWholeLine *whole_line);

#endif
