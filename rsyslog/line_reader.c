/* SPDX-License-Identifier: MIT */
/*
 * line_reader.c - buffered, NUL-safe line reading with a length limit
 *
 * One buffer, grown by doubling up to max_line + 1 bytes. Complete lines are
 * handed out in place; the unfinished rest is moved to the front only when
 * no complete line is left. A line that fills the whole buffer without a
 * "\n" switches the reader to skipping: bytes are dropped until the next
 * "\n", and that line is reported once as too long.
 */
#include "line_reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#define LINE_READER_FIRST_SIZE 65536

/* _line_reader_hand_out - give the caller bytes [start, start + len) */
static enum line_status
_line_reader_hand_out(line_reader *reader, size_t len, size_t consumed, const char **line,
                      size_t *line_len, bool *too_long)
{
  *line = reader->buffer + reader->start;
  *line_len = len;
  *too_long = false;
  reader->start += consumed;
  reader->scanned = 0;
  return LINE_READY;
}

/* _line_reader_report_skipped - the end of a line that was too long */
static enum line_status
_line_reader_report_skipped(line_reader *reader, const char **line, size_t *line_len,
                            bool *too_long)
{
  reader->skipping = false;
  *line = reader->buffer + reader->start;
  *line_len = 0;
  *too_long = true;
  return LINE_READY;
}

/* _line_reader_make_room - free space at the end of the buffer */
static bool
_line_reader_make_room(line_reader *reader)
{
  size_t wanted;
  char *grown;

  if (reader->start > 0) {
    memmove(reader->buffer, reader->buffer + reader->start, reader->end - reader->start);
    reader->end -= reader->start;
    reader->start = 0;
  }
  if (reader->end < reader->size)
    return true;

  wanted = reader->size * 2;
  if (wanted > reader->max_line + 1)
    wanted = reader->max_line + 1;
  grown = realloc(reader->buffer, wanted);
  if (!grown)
    return false;
  reader->buffer = grown;
  reader->size = wanted;
  return true;
}

/* _line_reader_wait - wait for input with the caller's signals let through */
static enum line_status
_line_reader_wait(line_reader *reader)
{
  fd_set readable;

  if (!reader->wait_mask || reader->fd >= FD_SETSIZE)
    return LINE_READY;

  FD_ZERO(&readable);
  FD_SET(reader->fd, &readable);
  if (pselect(reader->fd + 1, &readable, NULL, NULL, NULL, reader->wait_mask) < 0)
    return errno == EINTR ? LINE_INTERRUPTED : LINE_FAILED;
  return LINE_READY;
}

/* _line_reader_fill - read more input; LINE_READY when something came */
static enum line_status
_line_reader_fill(line_reader *reader)
{
  enum line_status waited;
  ssize_t got;

  if (!_line_reader_make_room(reader)) {
    errno = ENOMEM;
    return LINE_FAILED;
  }

  waited = _line_reader_wait(reader);
  if (waited != LINE_READY)
    return waited;

  got = read(reader->fd, reader->buffer + reader->end, reader->size - reader->end);
  if (got < 0)
    return errno == EINTR ? LINE_INTERRUPTED : LINE_FAILED;
  if (got == 0)
    reader->at_end = true;
  reader->end += (size_t)got;
  return LINE_READY;
}

/* line_reader_init - a reader of fd with lines of at most max_line bytes */
bool
line_reader_init(line_reader *reader, int fd, size_t max_line)
{
  memset(reader, 0, sizeof(*reader));
  reader->fd = fd;
  reader->max_line = max_line;
  reader->size = max_line + 1 < LINE_READER_FIRST_SIZE ? max_line + 1 : LINE_READER_FIRST_SIZE;
  reader->buffer = malloc(reader->size);
  return reader->buffer != NULL;
}

/* line_reader_next - the next line, see line_reader.h */
enum line_status
line_reader_next(line_reader *reader, const char **line, size_t *len, bool *too_long)
{
  for (;;) {
    size_t pending = reader->end - reader->start;
    const char *from = reader->buffer + reader->start + reader->scanned;
    const char *newline = memchr(from, '\n', pending - reader->scanned);
    enum line_status status;

    if (newline) {
      size_t line_len = (size_t)(newline - (reader->buffer + reader->start));

      if (reader->skipping) {
        reader->start += line_len + 1;
        reader->scanned = 0;
        return _line_reader_report_skipped(reader, line, len, too_long);
      }
      return _line_reader_hand_out(reader, line_len, line_len + 1, line, len, too_long);
    }

    reader->scanned = pending;
    if (!reader->skipping && pending > reader->max_line)
      reader->skipping = true;
    if (reader->skipping)
      reader->start = reader->end = reader->scanned = 0;

    if (reader->at_end) {
      if (reader->skipping)
        return _line_reader_report_skipped(reader, line, len, too_long);
      if (pending > 0)
        return _line_reader_hand_out(reader, pending, pending, line, len, too_long);
      return LINE_END;
    }

    status = _line_reader_fill(reader);
    if (status != LINE_READY)
      return status;
  }
}

/* line_reader_free - release the buffer */
void
line_reader_free(line_reader *reader)
{
  free(reader->buffer);
  reader->buffer = NULL;
}
