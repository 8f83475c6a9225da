/* SPDX-License-Identifier: MIT */
/*
 * counters.c - format and report the helper's counters
 *
 * The line is written with a single write() so that several helper
 * processes appending to one file (rsyslog starts one per worker thread)
 * never interleave within a line.
 */
#include "counters.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define COUNTERS_LINE_MAX 256

/* counters_format - the report line, see counters.h */
size_t
counters_format(const counters *seen, char *buf, size_t size)
{
  int len =
      snprintf(buf, size,
               "tlsfeat-rsyslog[%ld]: messages=%llu parsed=%llu invalid_tls=%llu malformed=%llu\n",
               (long)getpid(), seen->messages, seen->parsed, seen->invalid_tls, seen->malformed);

  if (len < 0 || (size_t)len >= size)
    return 0;
  return (size_t)len;
}

/* counters_write - the report line to fd */
bool
counters_write(const counters *seen, int fd)
{
  char line[COUNTERS_LINE_MAX];
  size_t len = counters_format(seen, line, sizeof(line));
  ssize_t written;

  do {
    written = write(fd, line, len);
  } while (written < 0 && errno == EINTR);
  return written == (ssize_t)len;
}

/* counters_append - the report line appended to the file at path */
bool
counters_append(const counters *seen, const char *path)
{
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  bool written;
  int saved_errno;

  if (fd < 0)
    return false;

  written = counters_write(seen, fd);
  saved_errno = errno;
  close(fd);
  errno = saved_errno;
  return written;
}
