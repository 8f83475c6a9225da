/* SPDX-License-Identifier: MIT */
/*
 * test_record.c - tf_record_build(): order, ids, names, types and limits
 *
 * Whole records of full lines with every kind of field, extension features
 * composed into "tls.NAME.*" names, and the record buffer limit for
 * extension names that do not fit.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "record_check.h"

/* record_ids_check - fixed fields in enum order with their names, types by name */
static void
record_ids_check(const tf_record *record)
{
  int last = -1;

  for (size_t i = 0; i < record->nfields; i++) {
    const tf_field *field = &record->fields[i];
    cr_assert_eq(field->type, field_type_expected(field->name.ptr, field->name.len),
                 "field %zu has the wrong type", i);
    if (field->id == TF_FIELD_DYNAMIC)
      continue;
    cr_assert_gt((int)field->id, last, "field %zu out of order", i);
    last = (int)field->id;
    const char *name = tf_field_names[field->id];
    cr_assert(field->name.len == strlen(name) &&
                  memcmp(field->name.ptr, name, field->name.len) == 0,
              "field %zu is not named %s", i, name);
  }
  cr_assert_leq(record->buffer_used, TF_RECORD_BUFFER_SIZE);
}

Test(record, field_names_table)
{
  cr_assert_str_eq(tf_field_names[TF_FIELD_QUEUE_ID], "queue_id");
  cr_assert_str_eq(tf_field_names[TF_FIELD_RELAY_HOSTNAME], "relay.hostname");
  cr_assert_str_eq(tf_field_names[TF_FIELD_DELAYS_TRANSMISSION], "delays.transmission");
  cr_assert_str_eq(tf_field_names[TF_FIELD_RESPONSE_TRUNCATED], "response_truncated");
  cr_assert_str_eq(tf_field_names[TF_FIELD_TLS_REQUIRETLS_ENFORCEMENT],
                   "tls.requiretls.enforcement");
  cr_assert_str_eq(tf_field_names[TF_FIELD_TLS_ERROR], "tls.error");
  for (int id = 0; id < TF_FIELD_COUNT; id++)
    cr_assert_not_null(tf_field_names[id]);
}

Test(record, full_line_with_extensions_and_extras)
{
  static const char line[] =
      "1A2B3C: to=<a@example.com>, orig_to=<b@example.com>, relay=mx.example.net[2001:db8::1]:25, "
      "conn_use=3, delay=1.5, delays=0.5/0/0.5/0.5, tls=!dane:encrypt/(requiretls:none)?/"
      "mta-sts:none/x-new, dsn=5.7.1, size=99, status=bounced (550 no (really";
  static const char *const expected[] = {
      "queue_id=1A2B3C",
      "to=a@example.com",
      "orig_to=b@example.com",
      "relay.hostname=mx.example.net",
      "relay.address=2001:db8::1",
      "relay.port=25",
      "conn_use=3",
      "delay=1.5",
      "delays.before_qmgr=0.5",
      "delays.in_qmgr=0",
      "delays.conn_setup=0.5",
      "delays.transmission=0.5",
      "dsn=5.7.1",
      "status=bounced",
      "response=550 no (really",
      "response_truncated=true",
      "service=smtp",
      "syslog_name=postfix-out",
      "extra.size=99",
      "tls.raw=!dane:encrypt/(requiretls:none)?/mta-sts:none/x-new",
      "tls.syntax=draft",
      "tls.level=dane",
      "tls.status=violation",
      "tls.achieved=encrypt",
      "tls.downgraded=true",
      "tls.requiretls.status=undecided",
      "tls.requiretls.enforcement=relaxed",
      "tls.mta-sts.status=compliant",
      "tls.mta-sts.achieved=none",
      "tls.mta-sts.downgraded=true",
      "tls.mta-sts.enforcement=relaxed",
      "tls.x-new.status=compliant",
      "tls.x-new.achieved=x-new",
      "tls.x-new.downgraded=false",
      "tls.x-new.enforcement=full",
      "tls.verdict=violation",
      "tls.anomaly=':final' with '?'",
      NULL,
  };
  static parsed_line parsed;

  cr_assert_eq(record_of_message(&parsed, line, sizeof(line) - 1, "postfix-out/smtp"), TF_OK);
  record_ids_check(&parsed.record);
  cr_assert(record_expect("full line", &parsed.record, expected));
}

Test(record, invalid_tls_sets_raw_and_error_only)
{
  static const char line[] =
      "1A: to=<a@example.com>, relay=none, delay=1, tls=may/may, status=sent";
  static const char *const expected[] = {
      "queue_id=1A",
      "to=a@example.com",
      "relay.hostname=none",
      "delay=1",
      "status=sent",
      "tls.raw=may/may",
      "tls.error=duplicate feature 'may' at offset 4",
      NULL,
  };
  static parsed_line parsed;

  cr_assert_eq(record_of_message(&parsed, line, sizeof(line) - 1, NULL), TF_OK);
  record_ids_check(&parsed.record);
  cr_assert(record_expect("invalid tls", &parsed.record, expected));
}

Test(record, extension_names_that_do_not_fit_are_left_out)
{
  char value[8 * 121];
  size_t len = 0;
  static parsed_line parsed;

  len += (size_t)snprintf(value, sizeof(value), "may");
  for (int feature = 1; feature < TF_FEATURES_MAX; feature++) {
    value[len++] = '/';
    memset(value + len, 'a' + feature, 119);
    len += 119;
  }
  record_of_tls(&parsed, value, len);
  record_ids_check(&parsed.record);

  size_t extension_fields = 0;
  for (size_t i = 0; i < parsed.record.nfields; i++)
    extension_fields += parsed.record.fields[i].id == TF_FIELD_DYNAMIC;
  /* Each feature needs 4 names of 4 + 119 + suffix bytes: 531 bytes; one fits in 1024. */
  cr_assert_eq(extension_fields, 4);
  cr_assert_eq(parsed.record.fields[7].id, TF_FIELD_DYNAMIC);
  cr_assert_eq(parsed.record.fields[7].name.len, 4 + 119 + 7);
  cr_assert_eq(parsed.record.fields[11].id, TF_FIELD_TLS_VERDICT);
  cr_assert_str_eq(parsed.tls.anomaly, "unknown extension feature");
}

Test(record, long_unknown_attribute_names_leave_room_for_the_error)
{
  char line[2400];
  static parsed_line parsed;
  size_t len = (size_t)snprintf(line, sizeof(line), "1A: to=<a@example.com>, ");

  for (char letter = 'a'; letter <= 'c'; letter++) {
    memset(line + len, letter, 300);
    len += 300;
    len += (size_t)snprintf(line + len, sizeof(line) - len, "=1, ");
  }
  len += (size_t)snprintf(line + len, sizeof(line) - len,
                          "relay=none, delay=1, tls=may#, status=sent");
  cr_assert_eq(record_of_message(&parsed, line, len, NULL), TF_OK);
  record_ids_check(&parsed.record);
  cr_assert_eq(parsed.delivery.nextra, 3);

  size_t extras = 0;
  for (size_t i = 0; i < parsed.record.nfields; i++)
    extras += parsed.record.fields[i].id == TF_FIELD_DYNAMIC;
  cr_assert_eq(extras, 2, "two names of 306 bytes fit in 1024 - 128 bytes");
  const tf_field *error = &parsed.record.fields[parsed.record.nfields - 1];
  cr_assert_eq(error->id, TF_FIELD_TLS_ERROR);
  cr_assert(error->value.len == 36 &&
            memcmp(error->value.ptr, "unexpected character '#' at offset 3", 36) == 0);
}

Test(record, eight_features_fill_the_record)
{
  static const char value[] = "dane/requiretls/a/b/c/d/e/f";
  static parsed_line parsed;

  record_of_tls(&parsed, value, sizeof(value) - 1);
  record_ids_check(&parsed.record);
  /* raw, syntax, level, 4 level fields, 4 requiretls fields, verdict, anomaly, 6 x 4 */
  cr_assert_eq(parsed.record.nfields, 3 + 4 + 4 + 2 + 24);
}
