/* SPDX-License-Identifier: MIT */
/*
 * NAME
 *   program.c - find the program of a syslog line and split it
 *
 * SYNOPSIS
 *   #include "tlsfeat.h"
 *
 *   bool tf_program_split(const char *program, size_t len,
 *                         tf_span *syslog_name, tf_span *service);
 *   bool tf_log_line_split(const char *line, size_t len,
 *                          tf_span *program, tf_span *message);
 *
 * DESCRIPTION
 *   tf_program_split() splits a Postfix program name at its last "/":
 *   "postfix/smtp" gives syslog_name "postfix" and service "smtp",
 *   "postfix/submission/smtpd" gives "postfix/submission" and "smtpd". It
 *   returns false, both spans absent, when there is no "/" or one side is
 *   empty.
 *
 *   tf_log_line_split() finds "PROGRAM[PID]: " or "PROGRAM: " in a whole
 *   syslog line read without header parsing, after an RFC 3164 timestamp
 *   ("Dec  4 15:37:59 HOST ": a capitalised three-letter month, a day of
 *   two characters) or an ISO 8601 one ("2026-12-04T15:37:59.123+01:00
 *   HOST ": optional fraction, "Z" or a numeric zone required); the host is
 *   one or more bytes up to a space. A line without a
 *   timestamp must start with "PROGRAM[PID]: " (so a bare "QUEUE_ID: ..."
 *   message is not mistaken for a program). Program bytes are
 *   [A-Za-z0-9._/-]. On success program and message are spans into line;
 *   otherwise it returns false with program absent and message the whole
 *   line. It reads no byte outside line[0, len).
 */
#include <string.h>

#include "bytes.h"
#include "tlsfeat.h"

/* tf_digits_at - whether line[pos, pos + count) are all digits */
static bool
tf_digits_at(const char *line, size_t len, size_t pos, size_t count)
{
  if (pos + count > len)
    return false;
  for (size_t i = pos; i < pos + count; i++) {
    if (!tf_byte_is(line[i], TF_BYTE_DIGIT))
      return false;
  }
  return true;
}

/* tf_token_end - offset of the first space at or after pos, or len */
static size_t
tf_token_end(const char *line, size_t len, size_t pos)
{
  const char *space = memchr(line + pos, ' ', len - pos);
  return space == NULL ? len : (size_t)(space - line);
}

/* tf_clock_at - whether "hh:mm:ss" stands at pos */
static bool
tf_clock_at(const char *line, size_t len, size_t pos)
{
  return pos + 8 <= len && tf_digits_at(line, len, pos, 2) && line[pos + 2] == ':' &&
         tf_digits_at(line, len, pos + 3, 2) && line[pos + 5] == ':' &&
         tf_digits_at(line, len, pos + 6, 2);
}

/* tf_rfc3164_skip - offset after "Mmm dd hh:mm:ss ", or 0 */
static size_t
tf_rfc3164_skip(const char *line, size_t len)
{
  if (len < 16 || !tf_byte_is(line[0], TF_BYTE_UPPER) || !tf_byte_is(line[1], TF_BYTE_LOWER) ||
      !tf_byte_is(line[2], TF_BYTE_LOWER) || line[3] != ' ')
    return 0;
  if ((line[4] != ' ' && !tf_byte_is(line[4], TF_BYTE_DIGIT)) ||
      !tf_byte_is(line[5], TF_BYTE_DIGIT) || line[6] != ' ')
    return 0;
  if (!tf_clock_at(line, len, 7) || line[15] != ' ')
    return 0;
  return 16;
}

/* tf_iso8601_skip - offset after "YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm) ", or 0 */
static size_t
tf_iso8601_skip(const char *line, size_t len)
{
  if (len < 20 || !tf_digits_at(line, len, 0, 4) || line[4] != '-' ||
      !tf_digits_at(line, len, 5, 2) || line[7] != '-' || !tf_digits_at(line, len, 8, 2) ||
      line[10] != 'T' || !tf_clock_at(line, len, 11))
    return 0;

  size_t pos = 19;
  if (line[pos] == '.') {
    size_t digits = ++pos;
    while (pos < len && tf_byte_is(line[pos], TF_BYTE_DIGIT))
      pos++;
    if (pos == digits)
      return 0;
  }
  if (pos < len && line[pos] == 'Z') {
    pos++;
  } else if (pos < len && (line[pos] == '+' || line[pos] == '-') &&
             tf_digits_at(line, len, pos + 1, 2)) {
    pos += 3;
    if (pos < len && line[pos] == ':')
      pos++;
    if (!tf_digits_at(line, len, pos, 2))
      return 0;
    pos += 2;
  } else {
    return 0;
  }
  return pos < len && line[pos] == ' ' ? pos + 1 : 0;
}

/* tf_program_at - "PROGRAM[PID]: " or (when allowed) "PROGRAM: " at pos */
static bool
tf_program_at(const char *line, size_t len, size_t pos, bool pid_required, tf_span *program,
              tf_span *message)
{
  size_t end = pos;

  while (end < len && tf_byte_is(line[end], TF_BYTE_PROGRAM))
    end++;
  if (end == pos || end >= len)
    return false;

  size_t colon = end;
  if (line[end] == '[') {
    size_t digits = end + 1;
    while (digits < len && tf_byte_is(line[digits], TF_BYTE_DIGIT))
      digits++;
    if (digits == end + 1 || digits >= len || line[digits] != ']')
      return false;
    colon = digits + 1;
  } else if (pid_required) {
    return false;
  }
  if (colon + 1 >= len || line[colon] != ':' || line[colon + 1] != ' ')
    return false;

  *program = tf_span_make(line + pos, end - pos);
  *message = tf_span_make(line + colon + 2, len - colon - 2);
  return true;
}

/* tf_log_line_split - a whole syslog line into program and message */
bool
tf_log_line_split(const char *line, size_t len, tf_span *program, tf_span *message)
{
  size_t host = tf_rfc3164_skip(line, len);

  if (host == 0)
    host = tf_iso8601_skip(line, len);
  if (host != 0) {
    size_t after_host = tf_token_end(line, len, host);
    if (after_host > host && after_host < len &&
        tf_program_at(line, len, after_host + 1, false, program, message))
      return true;
  } else if (tf_program_at(line, len, 0, true, program, message)) {
    return true;
  }

  *program = tf_span_make(NULL, 0);
  *message = tf_span_make(line, len);
  return false;
}

/* tf_program_split - "syslog_name/service" at the last "/" */
bool
tf_program_split(const char *program, size_t len, tf_span *syslog_name, tf_span *service)
{
  size_t slash = len;

  *syslog_name = tf_span_make(NULL, 0);
  *service = tf_span_make(NULL, 0);
  while (slash > 0 && program[slash - 1] != '/')
    slash--;
  if (slash <= 1 || slash == len)
    return false;

  *syslog_name = tf_span_make(program, slash - 1);
  *service = tf_span_make(program + slash, len - slash);
  return true;
}
