/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tls.c - libFuzzer target: bare tls= values
 *
 * Each input is one tls= value. tf_tls_parse() must agree with the second
 * reading in tls_oracle.c on validity and on every interpreted field; a
 * valid value must format back to itself; the error text must fit any
 * buffer; the record built from it must be coherent. Any disagreement
 * aborts with the rule and the input.
 */
#include <stdint.h>
#include <string.h>

#include "delivery_check.h"
#include "fuzz_report.h"
#include "tls_oracle.h"

/* _error_text_check - tf_describe_error() stays inside small buffers */
static void
_error_text_check(const tf_tls *tls, const char *value, size_t len)
{
  char text[64];

  if (!tls->error)
    return;
  for (size_t size = 1; size <= sizeof(text); size *= 4) {
    memset(text, 'Z', sizeof(text));
    tf_describe_error(tls->error, tls->error_offset, text, size);
    if (memchr(text, '\0', size) == NULL)
      fuzz_report_fail("fuzz_tls", "error text not terminated", value, len);
    for (size_t i = size; i < sizeof(text); i++)
      if (text[i] != 'Z')
        fuzz_report_fail("fuzz_tls", "error text written past the buffer", value, len);
  }
}

/* _record_of_tls - build and check the record of a bare delivery with tls */
static void
_record_of_tls(const tf_tls *tls, const char *value, size_t len)
{
  static tf_record record;
  tf_delivery delivery;
  tf_span absent = {NULL, 0};

  memset(&delivery, 0, sizeof(delivery));
  delivery.tls = (tf_span){value, len};
  tf_record_build(&record, &delivery, tls, absent, absent);

  const char *broken = record_check(&record, tls);
  if (broken)
    fuzz_report_fail("fuzz_tls", broken, value, len);
}

/* LLVMFuzzerTestOneInput - check one tls= value against the oracle and the record rules */
int
LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t len)
{
  const char *value = (const char *)bytes;
  tf_tls tls;

  memset(&tls, 0xa5, sizeof(tls));
  int result = tf_tls_parse(&tls, value, len);

  const char *broken = tls_oracle_check(&tls, result, value, len);
  if (broken)
    fuzz_report_fail("fuzz_tls", broken, value, len);
  if (result == TF_OK && (!tf_status_name(tls.verdict) || !tf_syntax_name(tls.syntax)))
    fuzz_report_fail("fuzz_tls", "enum without a name", value, len);

  _error_text_check(&tls, value, len);
  _record_of_tls(&tls, value, len);
  return 0;
}
