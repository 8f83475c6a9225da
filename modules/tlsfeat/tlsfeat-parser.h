/* SPDX-License-Identifier: MIT */
/*
 * tlsfeat-parser.h - the config parser of the tlsfeat module
 *
 *   tlsfeat_parser   the CfgParser syslog-ng calls for postfix-tls-parser(),
 *                    built from tlsfeat-grammar.ym and the keyword table in
 *                    tlsfeat-parser.c.
 */
#ifndef TLSFEAT_PARSER_H_INCLUDED
#define TLSFEAT_PARSER_H_INCLUDED

#include "cfg-parser.h"
#include "parser/parser-expr.h"

extern CfgParser tlsfeat_parser;

CFG_PARSER_DECLARE_LEXER_BINDING(tlsfeat_, TLSFEAT_, LogParser **)

#endif
