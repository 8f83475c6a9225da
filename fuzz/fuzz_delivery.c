/* SPDX-License-Identifier: MIT */
/*
 * fuzz_delivery.c - libFuzzer target: whole log lines
 *
 * Each input is one log line, with or without a syslog header. The target
 * runs what a front end runs: tf_log_line_split(), tf_program_split(),
 * tf_delivery_parse() (on the located message, and on the whole input as a
 * message-only line), tf_tls_parse() on the located tls= value and
 * tf_record_build(). It checks the invariants in delivery_check.c and
 * tls_oracle.c, and that appending CR/LF changes nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "delivery_check.h"
#include "fuzz_report.h"
#include "tls_oracle.h"

static const char *fuzz_input;
static size_t fuzz_input_len;

/* _fail - abort with the rule and the whole fuzzer input */
static _Noreturn void
_fail(const char *rule)
{
  fuzz_report_fail("fuzz_delivery", rule, fuzz_input, fuzz_input_len);
}

/* _crlf_check - the same message with "\r\n" appended parses the same */
static void
_crlf_check(const tf_delivery *delivery, int result, const char *message, size_t len)
{
  char *copy = malloc(len + 2);
  tf_delivery again;

  if (!copy)
    return;
  memcpy(copy, message, len);
  memcpy(copy + len, "\r\n", 2);
  int again_result = tf_delivery_parse(&again, copy, len + 2);

  const char *broken = delivery_same(delivery, result, message, &again, again_result, copy);
  free(copy);
  if (broken)
    _fail(broken);
}

/* _message_check - parse one message body and check everything built from it */
static void
_message_check(const char *message, size_t len, tf_span syslog_name, tf_span service)
{
  static tf_record record;
  tf_delivery delivery;
  tf_tls tls;

  memset(&delivery, 0xa5, sizeof(delivery));
  int result = tf_delivery_parse(&delivery, message, len);

  const char *broken = delivery_check(&delivery, result, message, len);
  if (broken)
    _fail(broken);
  if (len == 0 || (message[len - 1] != '\n' && message[len - 1] != '\r'))
    _crlf_check(&delivery, result, message, len);
  if (result != TF_OK)
    return;

  const tf_tls *parsed = NULL;
  if (delivery.tls.ptr) {
    int tls_result = tf_tls_parse(&tls, delivery.tls.ptr, delivery.tls.len);
    broken = tls_oracle_check(&tls, tls_result, delivery.tls.ptr, delivery.tls.len);
    if (broken)
      _fail(broken);
    parsed = &tls;
  }

  tf_record_build(&record, &delivery, parsed, syslog_name, service);
  broken = record_check(&record, parsed);
  if (broken)
    _fail(broken);
}

/* LLVMFuzzerTestOneInput - check one log line through every step a front end runs */
int
LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
  const char *line = (const char *)bytes;
  tf_span absent = {NULL, 0};
  tf_span program, message;

  fuzz_input = line;
  fuzz_input_len = len;
  _message_check(line, len, absent, absent);
  if (!tf_log_line_split(line, len, &program, &message))
    return 0;

  tf_span syslog_name = absent;
  tf_span service = absent;
  if (program.ptr && !tf_program_split(program.ptr, program.len, &syslog_name, &service))
    syslog_name = service = absent;
  if (!message.ptr || message.ptr < line || message.ptr + message.len > line + len)
    _fail("tf_log_line_split message outside the line");
  _message_check(message.ptr, message.len, syslog_name, service);
  return 0;
}
