/* SPDX-License-Identifier: MIT */
/*
 * counters.h - what one helper process has seen, and where it says so
 *
 *   messages     input lines answered (every line, whatever it held)
 *   parsed       Postfix delivery lines answered with fields
 *   invalid_tls  of those, lines whose tls= value is invalid (tls.error set)
 *   malformed    lines that were not a JSON object with a string "msg", held
 *                a NUL byte or invalid UTF-8, or were longer than the limit
 *
 *   counters_format()  one line "tlsfeat-rsyslog[PID]: messages=N parsed=N
 *                      invalid_tls=N malformed=N\n" into buf; returns its
 *                      length (0 if buf is too small).
 *   counters_write()   that line to a descriptor in one write(); false on
 *                      error.
 *   counters_append()  that line appended to the file at path (created with
 *                      mode 0640 if missing); false on error, errno set.
 */
#ifndef TLSFEAT_RSYSLOG_COUNTERS_H_INCLUDED
#define TLSFEAT_RSYSLOG_COUNTERS_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>

typedef struct counters {
  unsigned long long messages;
  unsigned long long parsed;
  unsigned long long invalid_tls;
  unsigned long long malformed;
} counters;

size_t counters_format(const counters *seen, char *buf, size_t size);
bool counters_write(const counters *seen, int fd);
bool counters_append(const counters *seen, const char *path);

#endif
