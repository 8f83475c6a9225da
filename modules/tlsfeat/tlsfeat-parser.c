/* SPDX-License-Identifier: MIT */
/*
 * tlsfeat-parser.c - keywords of postfix-tls-parser() and its CfgParser
 *
 * Keywords are written with underscores; syslog-ng's lexer accepts them
 * with hyphens too, so the config says drop-invalid(yes).
 */
#include "tlsfeat-parser.h"
#include "tlsfeat-grammar.h"

extern int tlsfeat_debug;

int tlsfeat_parse(CfgLexer *lexer, LogParser **instance, gpointer arg);

static CfgLexerKeyword tlsfeat_keywords[] = {
    {.kw_name = "postfix_tls_parser", .kw_token = KW_POSTFIX_TLS_PARSER},
    {.kw_name = "prefix", .kw_token = KW_PREFIX},
    {.kw_name = "drop_invalid", .kw_token = KW_DROP_INVALID},
    {.kw_name = "whole_line", .kw_token = KW_WHOLE_LINE},
    {.kw_name = NULL},
};

/* _instance_free - drop the parser a failed parse left behind */
static void
_instance_free(gpointer instance)
{
  log_pipe_unref((LogPipe *)instance);
}

CfgParser tlsfeat_parser = {
#if SYSLOG_NG_ENABLE_DEBUG
    .debug_flag = &tlsfeat_debug,
#endif
    .name = "postfix-tls-parser",
    .keywords = tlsfeat_keywords,
    .parse = (gint(*)(CfgLexer *, gpointer *, gpointer))tlsfeat_parse,
    .cleanup = _instance_free,
};

CFG_PARSER_IMPLEMENT_LEXER_BINDING(tlsfeat_, TLSFEAT_, LogParser **)
