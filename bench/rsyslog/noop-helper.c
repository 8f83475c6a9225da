/* SPDX-License-Identifier: MIT */
/*
 * noop-helper.c - the baselines of the rsyslog benchmark: an mmexternal
 * helper that answers every input line without parsing it.
 *
 *   noop-helper             answers "{}" (no change): the cost of mmexternal
 *   noop-helper REPLY_FILE  answers the first line of REPLY_FILE, a fixed
 *                           JSON reply: the cost of rsyslog taking in that
 *                           many fields
 *
 * It reads and answers the same way tlsfeat-rsyslog does (read() into a
 * buffer, one write() per reply), so the ratios against it measure parsing
 * and building the reply, not the I/O loop. Exits at end of input or when
 * stdout fails; status 2 when REPLY_FILE cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* noop_answer - one reply per "\n" in the bytes read */
static int
noop_answer(const char *bytes, size_t len, const char *reply, size_t reply_len)
{
  const char *end = bytes + len;

  for (const char *newline = memchr(bytes, '\n', len); newline;
       newline = memchr(newline + 1, '\n', (size_t)(end - newline - 1))) {
    if (write(STDOUT_FILENO, reply, reply_len) != (ssize_t)reply_len)
      return -1;
  }
  return 0;
}

/* noop_read_reply - the first line of path, with its "\n"; NULL on error */
static char *
noop_read_reply(const char *path, size_t *reply_len)
{
  FILE *source = fopen(path, "r");
  char *reply = NULL;
  size_t size = 0;
  ssize_t len;

  if (!source)
    return NULL;
  len = getline(&reply, &size, source);
  fclose(source);
  if (len <= 0 || reply[len - 1] != '\n') {
    free(reply);
    return NULL;
  }
  *reply_len = (size_t)len;
  return reply;
}

/* main - pick the reply ("{}" or REPLY_FILE's line), then answer stdin until its end */
int
main(int argc, char **argv)
{
  static char buffer[65536];
  char unchanged[] = "{}\n";
  char *reply = unchanged;
  size_t reply_len = 3;
  ssize_t got;

  if (argc > 1 && !(reply = noop_read_reply(argv[1], &reply_len)))
    return 2;

  while ((got = read(STDIN_FILENO, buffer, sizeof(buffer))) > 0) {
    if (noop_answer(buffer, (size_t)got, reply, reply_len) != 0)
      return 1;
  }
  return 0;
}
