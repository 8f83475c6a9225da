/* SPDX-License-Identifier: MIT */
/*
 * test_program.c - tf_program_split() and tf_log_line_split()
 *
 * Rows of program names with the syslog_name and service they split into,
 * and rows of whole syslog lines with the program and message found (or
 * none, when the whole line is the message).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "record_check.h"

/* One program name and its parts; NULL parts: the split fails. */
typedef struct program_row {
  const char *program;
  const char *syslog_name;
  const char *service;
} program_row;

/* One whole syslog line and what tf_log_line_split() finds in it. */
typedef struct log_line_row {
  const char *label;
  const char *line;
  const char *program; /* NULL: no program found, message is the whole line */
  const char *message;
} log_line_row;

static const program_row program_rows[] = {
    {"postfix/smtp", "postfix", "smtp"},
    {"postfix/lmtp", "postfix", "lmtp"},
    {"postfix-out/smtp", "postfix-out", "smtp"},
    {"postfix/submission/smtpd", "postfix/submission", "smtpd"},
    {"postfix/qmgr", "postfix", "qmgr"},
    {"postfix", NULL, NULL},
    {"/smtp", NULL, NULL},
    {"postfix/", NULL, NULL},
    {"", NULL, NULL},
    {"a/b", "a", "b"},
};

static const log_line_row log_line_rows[] = {
    {"RFC 3164, two-digit day", "Dec 04 15:37:59 mx1 postfix/smtp[10446]: E75D2A76028: to=<a>",
     "postfix/smtp", "E75D2A76028: to=<a>"},
    {"RFC 3164, space-padded day", "Feb  5 17:24:35 mail postfix/smtp[9635]: D298: to=<a>",
     "postfix/smtp", "D298: to=<a>"},
    {"host with a slash", "Jan 25 21:25:22 relay1/relay1 postfix/smtp[558]: DBF82E05E7: x",
     "postfix/smtp", "DBF82E05E7: x"},
    {"program without pid after a header", "Dec  4 15:37:59 mx1 postfix/smtp: msg", "postfix/smtp",
     "msg"},
    {"multi-instance program", "Dec  4 15:37:59 mx1 postfix-out/lmtp[7]: 1A: to=<a>",
     "postfix-out/lmtp", "1A: to=<a>"},
    {"ISO 8601 with zone", "2026-12-04T15:37:59+01:00 mx1 postfix/smtp[1]: msg here",
     "postfix/smtp", "msg here"},
    {"ISO 8601 with fraction and Z", "2026-12-04T15:37:59.123456Z mx1 postfix/qmgr[2]: m",
     "postfix/qmgr", "m"},
    {"ISO 8601 with compact zone", "2026-12-04T15:37:59-0500 mx1 postfix/smtp[1]: m",
     "postfix/smtp", "m"},
    {"bare program with pid", "postfix/local[18897]: 16E94B1D012: to=<a>", "postfix/local",
     "16E94B1D012: to=<a>"},
    {"message-only line with a queue id", "6BEA81CDC0AB: to=<a@example.com>, relay=x", NULL,
     "6BEA81CDC0AB: to=<a@example.com>, relay=x"},
    {"bare program without pid is not a program", "postfix/smtp: msg", NULL, "postfix/smtp: msg"},
    {"comment line", "# a comment", NULL, "# a comment"},
    {"empty line", "", NULL, ""},
    {"header without program", "Dec  4 15:37:59 mx1", NULL, "Dec  4 15:37:59 mx1"},
    {"header then a non-program token", "Dec  4 15:37:59 mx1 kernel: [12.5] x", "kernel",
     "[12.5] x"},
    {"bad clock", "Dec  4 15:37 mx1 postfix/smtp[1]: m", NULL,
     "Dec  4 15:37 mx1 postfix/smtp[1]: m"},
    {"clock followed by other bytes", "Dec 04 15:45:48> mx1 postfix/smtp[1]: m", NULL,
     "Dec 04 15:45:48> mx1 postfix/smtp[1]: m"},
    {"ISO without zone", "2026-12-04T15:37:59 mx1 postfix/smtp[1]: m", NULL,
     "2026-12-04T15:37:59 mx1 postfix/smtp[1]: m"},
    {"pid not closed", "postfix/smtp[12: m", NULL, "postfix/smtp[12: m"},
    {"empty pid", "postfix/smtp[]: m", NULL, "postfix/smtp[]: m"},
    {"no space after the colon", "postfix/smtp[1]:m", NULL, "postfix/smtp[1]:m"},
    {"message may be empty", "postfix/smtp[1]: ", "postfix/smtp", ""},
};

/* span_is - a span equals the C string, or is absent when text is NULL */
static bool
span_is(tf_span span, const char *text)
{
  if (text == NULL)
    return span.ptr == NULL;
  return span.ptr != NULL && span.len == strlen(text) && memcmp(span.ptr, text, span.len) == 0;
}

Test(program, split)
{
  size_t failures = 0;

  for (size_t i = 0; i < sizeof(program_rows) / sizeof(program_rows[0]); i++) {
    const program_row *row = &program_rows[i];
    tf_span syslog_name, service;
    bool found = tf_program_split(row->program, strlen(row->program), &syslog_name, &service);
    if (found != (row->service != NULL) || !span_is(syslog_name, row->syslog_name) ||
        !span_is(service, row->service)) {
      fprintf(stderr, "FAIL program split '%s'\n", row->program);
      failures++;
    }
  }
  cr_assert_eq(failures, 0, "program rows differ (see stderr)");
}

Test(program, log_line_split)
{
  size_t failures = 0;
  char shown_program[512];
  char shown_message[512];

  for (size_t i = 0; i < sizeof(log_line_rows) / sizeof(log_line_rows[0]); i++) {
    const log_line_row *row = &log_line_rows[i];
    tf_span program, message;
    bool found = tf_log_line_split(row->line, strlen(row->line), &program, &message);
    if (found != (row->program != NULL) || !span_is(program, row->program) ||
        !span_is(message, row->message)) {
      fprintf(stderr, "FAIL %s: program '%s' message '%s'\n", row->label,
              program.ptr
                  ? text_show(program.ptr, program.len, shown_program, sizeof(shown_program))
                  : "(none)",
              text_show(message.ptr, message.len, shown_message, sizeof(shown_message)));
      failures++;
    }
  }
  cr_assert_eq(failures, 0, "log line rows differ (see stderr)");
}
