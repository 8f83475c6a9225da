/* SPDX-License-Identifier: MIT */
/*
 * main.c - tlsfeat-rsyslog, the rsyslog mmexternal helper
 *
 * Reads one JSON message per line on stdin (mmexternal with
 * interface.input="fulljson") and writes exactly one reply line per input
 * line on stdout, in order, each written out before the next line is read:
 * the Postfix delivery fields under $!postfix, or "{}" for anything else.
 * No input line makes it exit; it ends at end of input.
 *
 * Options (mmexternal passes the words after the path in binary="..."):
 *   -s, --stats-file=PATH  append the counters to PATH at exit and on
 *                          SIGUSR1
 *   -m, --max-line=BYTES   longest input line parsed (default 8 MiB); longer
 *                          lines are answered "{}" and counted malformed
 *   -h, --help, -V, --version
 *
 * Counters (see counters.h) go to stderr at exit and on SIGUSR1, except
 * when stderr is the same pipe as stdout: mmexternal reads the helper's
 * stderr as replies, so writing there would shift every later reply. Exit
 * status: 0 at end of input or on SIGTERM, 1 when stdin or stdout fail,
 * 2 for a bad option (with a message naming the option and the value).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answer.h"
#include "counters.h"
#include "line_reader.h"
#include "message.h"

#define HELPER_NAME "tlsfeat-rsyslog"
#define HELPER_MAX_LINE_DEFAULT ((size_t)8 << 20)
#define HELPER_MAX_LINE_LOWEST ((size_t)1024)
#define HELPER_MAX_LINE_HIGHEST ((size_t)1 << 30)

typedef struct helper_options {
  const char *stats_file;
  size_t max_line;
} helper_options;

static volatile sig_atomic_t report_requested;
static volatile sig_atomic_t stop_requested;

/* _helper_on_signal - note SIGUSR1 and SIGTERM for the main loop */
static void
_helper_on_signal(int signo)
{
  if (signo == SIGUSR1)
    report_requested = 1;
  else
    stop_requested = 1;
}

/*
 * _helper_install_signals - SIGUSR1 and SIGTERM stay blocked except while
 * the reader waits for input (wait_mask), so none is lost between lines.
 */
static void
_helper_install_signals(sigset_t *wait_mask)
{
  struct sigaction action;
  sigset_t handled;

  memset(&action, 0, sizeof(action));
  sigemptyset(&action.sa_mask);
  action.sa_handler = _helper_on_signal;
  sigaction(SIGUSR1, &action, NULL);
  sigaction(SIGTERM, &action, NULL);

  action.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &action, NULL);

  sigemptyset(&handled);
  sigaddset(&handled, SIGUSR1);
  sigaddset(&handled, SIGTERM);
  sigprocmask(SIG_BLOCK, &handled, wait_mask);
  sigdelset(wait_mask, SIGUSR1);
  sigdelset(wait_mask, SIGTERM);
}

/* _helper_usage - the option summary */
static void
_helper_usage(FILE *out)
{
  fprintf(out,
          "usage: " HELPER_NAME " [--stats-file=PATH] [--max-line=BYTES]\n"
          "Reads rsyslog messages as JSON lines (mmexternal, interface.input=\"fulljson\")\n"
          "and answers each with the Postfix delivery fields under $!postfix, or {}.\n"
          "  -s, --stats-file=PATH  append the counters to PATH at exit and on SIGUSR1\n"
          "  -m, --max-line=BYTES   longest input line parsed (default %zu)\n"
          "  -h, --help             show this help\n"
          "  -V, --version          show the version\n",
          HELPER_MAX_LINE_DEFAULT);
}

/* _helper_parse_max_line - the --max-line value, or 0 when out of range */
static size_t
_helper_parse_max_line(const char *text)
{
  char *end;
  unsigned long long bytes;

  if (text[0] < '0' || text[0] > '9')
    return 0;
  errno = 0;
  bytes = strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0')
    return 0;
  if (bytes < HELPER_MAX_LINE_LOWEST || bytes > HELPER_MAX_LINE_HIGHEST)
    return 0;
  return (size_t)bytes;
}

/* _helper_parse_options - fill options; returns an exit status, or -1 to run */
static int
_helper_parse_options(int argc, char **argv, helper_options *options)
{
  static const struct option longopts[] = {
      {"stats-file", required_argument, NULL, 's'},
      {"max-line", required_argument, NULL, 'm'},
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {NULL, 0, NULL, 0},
  };
  int option;

  options->stats_file = NULL;
  options->max_line = HELPER_MAX_LINE_DEFAULT;

  while ((option = getopt_long(argc, argv, "s:m:hV", longopts, NULL)) != -1) {
    switch (option) {
    case 's':
      if (optarg[0] == '\0') {
        fprintf(stderr, HELPER_NAME ": option --stats-file: the path is empty\n");
        return 2;
      }
      options->stats_file = optarg;
      break;
    case 'm':
      options->max_line = _helper_parse_max_line(optarg);
      if (options->max_line == 0) {
        fprintf(stderr,
                HELPER_NAME ": option --max-line: value '%s' is not a number of bytes "
                            "from %zu to %zu\n",
                optarg, HELPER_MAX_LINE_LOWEST, HELPER_MAX_LINE_HIGHEST);
        return 2;
      }
      break;
    case 'h':
      _helper_usage(stdout);
      return 0;
    case 'V':
      printf(HELPER_NAME " " PACKAGE_VERSION "\n");
      return 0;
    default:
      _helper_usage(stderr);
      return 2;
    }
  }

  if (optind < argc) {
    fprintf(stderr, HELPER_NAME ": unexpected argument '%s': the helper reads stdin only\n",
            argv[optind]);
    return 2;
  }
  return -1;
}

/* _helper_stderr_is_reply_pipe - true when stderr and stdout share one pipe */
static bool
_helper_stderr_is_reply_pipe(void)
{
  struct stat out, err;

  if (fstat(STDOUT_FILENO, &out) != 0 || fstat(STDERR_FILENO, &err) != 0)
    return false;
  return S_ISFIFO(out.st_mode) && out.st_dev == err.st_dev && out.st_ino == err.st_ino;
}

/* _helper_report - the counters to stderr (when safe) and the stats file */
static void
_helper_report(const counters *seen, const helper_options *options, bool stderr_is_reply)
{
  if (!stderr_is_reply)
    counters_write(seen, STDERR_FILENO);
  if (options->stats_file && !counters_append(seen, options->stats_file) && !stderr_is_reply)
    fprintf(stderr, HELPER_NAME ": cannot append to stats file '%s': %s\n", options->stats_file,
            strerror(errno));
}

/* _helper_write_reply - the whole reply to stdout */
static bool
_helper_write_reply(const answer *reply)
{
  const char *text = reply->len ? reply->text : "{}\n";
  size_t len = reply->len ? reply->len : 3;

  while (len > 0) {
    ssize_t written = write(STDOUT_FILENO, text, len);

    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0)
      return false;
    text += written;
    len -= (size_t)written;
  }
  return true;
}

/* _helper_count - add one answered line to the counters */
static void
_helper_count(counters *seen, enum message_kind kind)
{
  seen->messages++;
  if (kind == MESSAGE_MALFORMED)
    seen->malformed++;
  if (kind == MESSAGE_DELIVERY || kind == MESSAGE_INVALID_TLS)
    seen->parsed++;
  if (kind == MESSAGE_INVALID_TLS)
    seen->invalid_tls++;
}

/* _helper_serve - answer lines until end of input; returns the exit status */
static int
_helper_serve(line_reader *reader, message_parser *parser, answer *reply,
              const helper_options *options, bool stderr_is_reply)
{
  counters seen = {0, 0, 0, 0};
  int status = 0;

  while (!stop_requested) {
    const char *line;
    size_t len;
    bool too_long;
    enum line_status got = line_reader_next(reader, &line, &len, &too_long);
    enum message_kind kind;

    if (report_requested) {
      report_requested = 0;
      _helper_report(&seen, options, stderr_is_reply);
    }
    if (got == LINE_INTERRUPTED)
      continue;
    if (got == LINE_END)
      break;
    if (got == LINE_FAILED) {
      status = 1;
      break;
    }

    if (too_long) {
      answer_set_unchanged(reply);
      kind = MESSAGE_MALFORMED;
    } else {
      kind = message_parser_answer(parser, line, len, reply);
    }
    _helper_count(&seen, kind);

    if (!_helper_write_reply(reply)) {
      status = 1;
      break;
    }
  }

  _helper_report(&seen, options, stderr_is_reply);
  return status;
}

/* main - parse the options, then answer stdin until its end */
int
main(int argc, char **argv)
{
  helper_options options;
  line_reader reader;
  message_parser parser;
  answer reply;
  sigset_t wait_mask;
  int status = _helper_parse_options(argc, argv, &options);

  if (status >= 0)
    return status;

  _helper_install_signals(&wait_mask);
  answer_init(&reply);
  if (!line_reader_init(&reader, STDIN_FILENO, options.max_line) || !message_parser_init(&parser)) {
    fprintf(stderr, HELPER_NAME ": out of memory at start\n");
    return 1;
  }
  reader.wait_mask = &wait_mask;

  status = _helper_serve(&reader, &parser, &reply, &options, _helper_stderr_is_reply_pipe());

  message_parser_free(&parser);
  line_reader_free(&reader);
  answer_free(&reply);
  return status;
}
