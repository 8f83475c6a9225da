/* SPDX-License-Identifier: MIT */
/*
 * line_reader.h - read "\n"-terminated lines of any bytes from a descriptor
 *
 * The helper's input is one message per line. Lines may hold any byte,
 * NUL included, and are handed out as pointer and length (without the
 * "\n"). A line longer than the reader's limit is skipped up to its "\n"
 * and reported once, as too long, so that every line still gets one reply.
 * A last line without "\n" before end of input counts as a line.
 *
 *   line_reader_init()  allocates the buffer; false when memory runs out.
 *   line_reader_next()  LINE_READY with line/len set (too_long true means
 *                       the bytes were dropped and len is 0), LINE_END at
 *                       end of input, LINE_INTERRUPTED when a signal cut a
 *                       read short (call again), LINE_FAILED on a read error
 *                       (errno set).
 *   line_reader_free()  releases the buffer.
 *
 * The returned line stays valid until the next call.
 *
 * Signals: when wait_mask is set, the reader waits for input with pselect()
 * under that mask, so a caller that keeps its signals blocked otherwise and
 * unblocks them in wait_mask sees every signal as LINE_INTERRUPTED, even one
 * that arrived while it was busy with the previous line.
 */
#ifndef TLSFEAT_RSYSLOG_LINE_READER_H_INCLUDED
#define TLSFEAT_RSYSLOG_LINE_READER_H_INCLUDED

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

enum line_status {
  LINE_READY,
  LINE_END,
  LINE_INTERRUPTED,
  LINE_FAILED,
};

typedef struct line_reader {
  int fd;
  size_t max_line; /* longest line handed out, without its "\n" */
  char *buffer;
  size_t size;
  size_t start;   /* first byte not yet handed out */
  size_t end;     /* one past the last byte read */
  size_t scanned; /* bytes after start already known to hold no "\n" */
  bool skipping;  /* inside a line that is too long */
  bool at_end;
  const sigset_t *wait_mask; /* NULL: plain blocking read() */
} line_reader;

bool line_reader_init(line_reader *reader, int fd, size_t max_line);
enum line_status line_reader_next(line_reader *reader, const char **line, size_t *len,
                                  bool *too_long);
void line_reader_free(line_reader *reader);

#endif
