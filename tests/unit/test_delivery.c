/* SPDX-License-Identifier: MIT */
/*
 * test_delivery.c - tf_delivery_parse() and the delivery fields of the record
 *
 * Rows of message bodies: delivery-line shapes with the exact fields they
 * must produce (program given when the row checks service and syslog_name),
 * and lines that are not delivery lines with the exact error text.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "record_check.h"

#define TEXT(literal) literal, sizeof(literal) - 1

/* One message body: its fields, or the error when it is no delivery line. */
typedef struct delivery_row {
  const char *label;
  const char *program;
  const char *message;
  size_t len;
  const char *error; /* NULL: the line parses into fields */
  const char *fields[RECORD_EXPECT_MAX];
} delivery_row;

/* delivery_row_check - one row; prints the difference and returns false on failure */
static bool
delivery_row_check(const delivery_row *row)
{
  static parsed_line parsed;
  char text[200];

  int result = record_of_message(&parsed, row->message, row->len, row->program);
  if (row->error == NULL && result == TF_OK)
    return record_expect(row->label, &parsed.record, row->fields);
  if (row->error == NULL) {
    tf_describe_error(parsed.delivery.error, parsed.delivery.error_offset, text, sizeof(text));
    fprintf(stderr, "FAIL %s: not parsed: %s\n", row->label, text);
    return false;
  }
  if (result == TF_OK) {
    fprintf(stderr, "FAIL %s: parsed, expected \"%s\"\n", row->label, row->error);
    return false;
  }
  tf_describe_error(parsed.delivery.error, parsed.delivery.error_offset, text, sizeof(text));
  if (strcmp(text, row->error) == 0)
    return true;
  fprintf(stderr, "FAIL %s:\n  expected: %s\n  produced: %s\n", row->label, row->error, text);
  return false;
}

/* delivery_rows_check - every row; returns the number of failures */
static size_t
delivery_rows_check(const delivery_row *rows, size_t count)
{
  size_t failures = 0;

  for (size_t i = 0; i < count; i++)
    failures += delivery_row_check(&rows[i]) ? 0 : 1;
  return failures;
}

#define ROWS_CHECK(rows) delivery_rows_check((rows), sizeof(rows) / sizeof((rows)[0]))

/* Delivery-line shapes and the exact fields they produce. */
static const delivery_row delivery_rows[] = {
    {"full line with every attribute and tls",
     "postfix/smtp",
     TEXT("E75D2A76028: to=<alice@example.com>, orig_to=<al@example.com>, "
          "relay=mx.example.net[192.0.2.25]:25, conn_use=2, delay=0.31, delays=0.01/0.02/0.1/0.18, "
          "tls=dane:halfdane/!requiretls:nocertmatch, dsn=5.7.10, status=bounced (REQUIRETLS "
          "failure)"),
     NULL,
     {"queue_id=E75D2A76028",
      "to=alice@example.com",
      "orig_to=al@example.com",
      "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25",
      "relay.port=25",
      "conn_use=2",
      "delay=0.31",
      "delays.before_qmgr=0.01",
      "delays.in_qmgr=0.02",
      "delays.conn_setup=0.1",
      "delays.transmission=0.18",
      "dsn=5.7.10",
      "status=bounced",
      "response=REQUIRETLS failure",
      "service=smtp",
      "syslog_name=postfix",
      "tls.raw=dane:halfdane/!requiretls:nocertmatch",
      "tls.syntax=final",
      "tls.level=dane",
      "tls.status=compliant",
      "tls.achieved=halfdane",
      "tls.downgraded=true",
      "tls.enforcement=relaxed",
      "tls.requiretls.status=violation",
      "tls.requiretls.achieved=nocertmatch",
      "tls.requiretls.downgraded=true",
      "tls.verdict=violation"}},
    {"quoted local part with comma, space and \">\"",
     "postfix/smtp",
     TEXT("1A2B3C: to=<\"a, b>c d\"@example.com>, relay=mx.example.net[192.0.2.25]:25, delay=0.31, "
          "delays=0.01/0.02/0.1/0.18, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XYZ)"),
     NULL,
     {"queue_id=1A2B3C", "to=\"a, b>c d\"@example.com", "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25", "relay.port=25", "delay=0.31", "delays.before_qmgr=0.01",
      "delays.in_qmgr=0.02", "delays.conn_setup=0.1", "delays.transmission=0.18", "dsn=2.0.0",
      "status=sent", "response=250 2.0.0 Ok: queued as 4XYZ", "service=smtp",
      "syslog_name=postfix"}},
    {"quoted local part with an escaped quote",
     "postfix/smtp",
     TEXT(
         "1A2B3C: to=<\"a\\\">, x\"@example.com>, relay=mx.example.net[192.0.2.25]:25, delay=0.31, "
         "delays=0.01/0.02/0.1/0.18, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XYZ)"),
     NULL,
     {"queue_id=1A2B3C", "to=\"a\\\">, x\"@example.com", "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25", "relay.port=25", "delay=0.31", "delays.before_qmgr=0.01",
      "delays.in_qmgr=0.02", "delays.conn_setup=0.1", "delays.transmission=0.18", "dsn=2.0.0",
      "status=sent", "response=250 2.0.0 Ok: queued as 4XYZ", "service=smtp",
      "syslog_name=postfix"}},
    {"\">\" inside an address not followed by \", \"",
     NULL,
     TEXT("1A2B3C: to=<a>b@example.com>, relay=mx.example.net[192.0.2.25]:25, delay=0.31, "
          "delays=0.01/0.02/0.1/0.18, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XYZ)"),
     NULL,
     {"queue_id=1A2B3C", "to=a>b@example.com", "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25", "relay.port=25", "delay=0.31", "delays.before_qmgr=0.01",
      "delays.in_qmgr=0.02", "delays.conn_setup=0.1", "delays.transmission=0.18", "dsn=2.0.0",
      "status=sent", "response=250 2.0.0 Ok: queued as 4XYZ"}},
    {"empty address",
     "postfix/smtp",
     TEXT("1A2B3C: to=<>, relay=mx.example.net[192.0.2.25]:25, delay=0.31, "
          "delays=0.01/0.02/0.1/0.18, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XYZ)"),
     NULL,
     {"queue_id=1A2B3C", "to=", "relay.hostname=mx.example.net", "relay.address=192.0.2.25",
      "relay.port=25", "delay=0.31", "delays.before_qmgr=0.01", "delays.in_qmgr=0.02",
      "delays.conn_setup=0.1", "delays.transmission=0.18", "dsn=2.0.0", "status=sent",
      "response=250 2.0.0 Ok: queued as 4XYZ", "service=smtp", "syslog_name=postfix"}},
    {"SMTPUTF8 address",
     "postfix/smtp",
     TEXT("1A2B3C: to=<j\303\274rgen@b\303\274cher.example>, "
          "orig_to=<\347\224\250\346\210\267@example.com>, relay=mx.example.net[192.0.2.25]:25, "
          "delay=0.31, delays=0.01/0.02/0.1/0.18, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as "
          "4XYZ)"),
     NULL,
     {"queue_id=1A2B3C", "to=j\\xc3\\xbcrgen@b\\xc3\\xbccher.example",
      "orig_to=\\xe7\\x94\\xa8\\xe6\\x88\\xb7@example.com", "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25", "relay.port=25", "delay=0.31", "delays.before_qmgr=0.01",
      "delays.in_qmgr=0.02", "delays.conn_setup=0.1", "delays.transmission=0.18", "dsn=2.0.0",
      "status=sent", "response=250 2.0.0 Ok: queued as 4XYZ", "service=smtp",
      "syslog_name=postfix"}},
    {"IPv6 relay",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=mx.example.net[2001:db8::25]:25, delay=1.2, "
          "delays=0/0/0.5/0.7, dsn=2.0.0, status=sent (250 ok)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=mx.example.net",
      "relay.address=2001:db8::25", "relay.port=25", "delay=1.2", "delays.before_qmgr=0",
      "delays.in_qmgr=0", "delays.conn_setup=0.5", "delays.transmission=0.7", "dsn=2.0.0",
      "status=sent", "response=250 ok", "service=smtp", "syslog_name=postfix"}},
    {"unix-socket LMTP relay",
     "postfix/lmtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=mail.example.com[private/dovecot-lmtp], delay=0.03, "
          "delays=0.02/0/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 <a@example.com> Saved)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=mail.example.com",
      "relay.address=private/dovecot-lmtp", "delay=0.03", "delays.before_qmgr=0.02",
      "delays.in_qmgr=0", "delays.conn_setup=0", "delays.transmission=0.01", "dsn=2.0.0",
      "status=sent", "response=250 2.0.0 <a@example.com> Saved", "service=lmtp",
      "syslog_name=postfix"}},
    {"relay without a host name",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=[192.0.2.7]:587, delay=1, delays=0/0/0.5/0.5, "
          "dsn=2.0.0, status=sent (250 ok)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=", "relay.address=192.0.2.7",
      "relay.port=587", "delay=1", "delays.before_qmgr=0", "delays.in_qmgr=0",
      "delays.conn_setup=0.5", "delays.transmission=0.5", "dsn=2.0.0", "status=sent",
      "response=250 ok", "service=smtp", "syslog_name=postfix"}},
    {"bare-word relay none",
     "postfix/error",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=63495, delays=63350/144/0/0, dsn=4.4.2, "
          "status=deferred (delivery temporarily suspended)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=63495",
      "delays.before_qmgr=63350", "delays.in_qmgr=144", "delays.conn_setup=0",
      "delays.transmission=0", "dsn=4.4.2", "status=deferred",
      "response=delivery temporarily suspended", "service=error", "syslog_name=postfix"}},
    {"bare-word relay local",
     "postfix/local",
     TEXT("1A2B3C: to=<a@example.com>, relay=local, delay=0.07, delays=0.04/0/0/0.03, dsn=2.0.0, "
          "status=sent (delivered to mailbox)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=local", "delay=0.07",
      "delays.before_qmgr=0.04", "delays.in_qmgr=0", "delays.conn_setup=0",
      "delays.transmission=0.03", "dsn=2.0.0", "status=sent", "response=delivered to mailbox",
      "service=local", "syslog_name=postfix"}},
    {"bare-word relay virtual",
     "postfix/virtual",
     TEXT("1A2B3C: to=<a@example.com>, relay=virtual, delay=0.1, delays=0.1/0/0/0, dsn=2.0.0, "
          "status=sent (delivered to maildir)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=virtual", "delay=0.1",
      "delays.before_qmgr=0.1", "delays.in_qmgr=0", "delays.conn_setup=0", "delays.transmission=0",
      "dsn=2.0.0", "status=sent", "response=delivered to maildir", "service=virtual",
      "syslog_name=postfix"}},
    {"transport-name relay",
     "postfix/pipe",
     TEXT("1A2B3C: to=<a@example.com>, relay=dovecot, delay=0.1, delays=0.1/0/0/0, dsn=2.0.0, "
          "status=sent (delivered via dovecot service)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=dovecot", "delay=0.1",
      "delays.before_qmgr=0.1", "delays.in_qmgr=0", "delays.conn_setup=0", "delays.transmission=0",
      "dsn=2.0.0", "status=sent", "response=delivered via dovecot service", "service=pipe",
      "syslog_name=postfix"}},
    {"no delays, dsn or tls",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=mx.example.net[192.0.2.25]:25, delay=0.5, status=sent "
          "(250 ok)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25", "relay.port=25", "delay=0.5", "status=sent", "response=250 ok",
      "service=smtp", "syslog_name=postfix"}},
    {"pre-2.3 line",
     "postfix/smtp",
     TEXT("9634B16F7F7: to=<user@example.com>, relay=none, delay=46, status=deferred (connect to "
          "198.51.100.131[198.51.100.131]: No route to host)"),
     NULL,
     {"queue_id=9634B16F7F7", "to=user@example.com", "relay.hostname=none", "delay=46",
      "status=deferred", "response=connect to 198.51.100.131[198.51.100.131]: No route to host",
      "service=smtp", "syslog_name=postfix"}},
    {"response with parentheses and key=value words",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=mx.example.net[192.0.2.25]:25, delay=2, "
          "delays=1/0/0.5/0.5, dsn=5.7.1, status=bounced (host mx said: 550 5.7.1 (policy) see "
          "https://example.net/?a=1&b=2, status=sent, relay=x (in reply to end of DATA command))"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25", "relay.port=25", "delay=2", "delays.before_qmgr=1",
      "delays.in_qmgr=0", "delays.conn_setup=0.5", "delays.transmission=0.5", "dsn=5.7.1",
      "status=bounced",
      "response=host mx said: 550 5.7.1 (policy) see https://example.net/?a=1&b=2, status=sent, "
      "relay=x (in reply to end of DATA command)",
      "service=smtp", "syslog_name=postfix"}},
    {"truncated response",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=248321, delays=248262/59/0/0, dsn=4.4.1, "
          "status=deferred (delivery temporarily suspended: connect to example.co"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=248321",
      "delays.before_qmgr=248262", "delays.in_qmgr=59", "delays.conn_setup=0",
      "delays.transmission=0", "dsn=4.4.1", "status=deferred",
      "response=delivery temporarily suspended: connect to example.co", "response_truncated=true",
      "service=smtp", "syslog_name=postfix"}},
    {"empty response",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status=deferred ()"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=deferred",
      "response=", "service=smtp", "syslog_name=postfix"}},
    {"response cut right after \"(\"",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status=deferred ("),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=deferred",
      "response=", "response_truncated=true", "service=smtp", "syslog_name=postfix"}},
    {"status without response",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status=deferred"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=deferred",
      "service=smtp", "syslog_name=postfix"}},
    {"hyphenated status word",
     "postfix/smtp",
     TEXT("3E29030F8637E: to=<user@example.com>, relay=none, delay=0.01, delays=0.01/0/0/0, "
          "dsn=5.1.1, status=undeliverable-but-not-cached (User unknown in virtual alias table)"),
     NULL,
     {"queue_id=3E29030F8637E", "to=user@example.com", "relay.hostname=none", "delay=0.01",
      "delays.before_qmgr=0.01", "delays.in_qmgr=0", "delays.conn_setup=0", "delays.transmission=0",
      "dsn=5.1.1", "status=undeliverable-but-not-cached",
      "response=User unknown in virtual alias table", "service=smtp", "syslog_name=postfix"}},
    {"unknown attributes between known ones",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=mx.example.net[192.0.2.25]:25, delay=0.5, "
          "delays=0/0/0.2/0.3, tls=may, size=1234, dsn=2.0.0, x_new=<b@example.com>, status=sent "
          "(250 ok)"),
     NULL,
     {"queue_id=1A2B3C",
      "to=a@example.com",
      "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25",
      "relay.port=25",
      "delay=0.5",
      "delays.before_qmgr=0",
      "delays.in_qmgr=0",
      "delays.conn_setup=0.2",
      "delays.transmission=0.3",
      "dsn=2.0.0",
      "status=sent",
      "response=250 ok",
      "service=smtp",
      "syslog_name=postfix",
      "extra.size=1234",
      "extra.x_new=<b@example.com>",
      "tls.raw=may",
      "tls.syntax=final",
      "tls.level=may",
      "tls.status=compliant",
      "tls.achieved=may",
      "tls.downgraded=false",
      "tls.enforcement=full",
      "tls.verdict=compliant"}},
    {"five unknown attributes, four kept",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, a1=1, relay=none, a2=2, delay=1, a3=3, a4=4, a5=5, "
          "status=sent"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "service=smtp", "syslog_name=postfix", "extra.a1=1", "extra.a2=2", "extra.a3=3",
      "extra.a4=4"}},
    {"repeated unknown attribute keeps its first value",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, x=1, relay=none, x=2, delay=1, status=sent"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "service=smtp", "syslog_name=postfix", "extra.x=1"}},
    {"four distinct unknown names, later ones read but not kept",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, a=1, a=2, b=3, c=4, relay=none, d=5, e=6, a=7, delay=1, "
          "status=sent"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "service=smtp", "syslog_name=postfix", "extra.a=1", "extra.b=3", "extra.c=4", "extra.d=5"}},
    {"unknown attribute named from",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, from=<b@example.com>, status=sent"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "extra.from=<b@example.com>"}},
    {"CR LF line end",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status=sent (ok)\015\012"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "response=ok", "service=smtp", "syslog_name=postfix"}},
    {"long queue id",
     "postfix/error",
     TEXT("4cDCnd66Hyz1XPWFF: to=<user@example.com>, relay=none, delay=1, status=deferred (x)"),
     NULL,
     {"queue_id=4cDCnd66Hyz1XPWFF", "to=user@example.com", "relay.hostname=none", "delay=1",
      "status=deferred", "response=x", "service=error", "syslog_name=postfix"}},
    {"message without queue id",
     NULL,
     TEXT("to=<mailparser@example.com>, relay=local, delay=0.02, delays=0.02/0/0/0, dsn=5.3.0, "
          "status=bounced (Command died with status 127: \"procmail -a \"$EXTENSION\"\". Command "
          "output: sh: 1: procmail: n"),
     NULL,
     {"to=mailparser@example.com", "relay.hostname=local", "delay=0.02", "delays.before_qmgr=0.02",
      "delays.in_qmgr=0", "delays.conn_setup=0", "delays.transmission=0", "dsn=5.3.0",
      "status=bounced",
      "response=Command died with status 127: \"procmail -a \"$EXTENSION\"\". Command output: sh: "
      "1: procmail: n",
      "response_truncated=true"}},
    {"multi-instance syslog name",
     "postfix-out/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, tls=may?, status=deferred (connect "
          "failed)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=deferred",
      "response=connect failed", "service=smtp", "syslog_name=postfix-out", "tls.raw=may?",
      "tls.syntax=final", "tls.level=may", "tls.status=undecided", "tls.verdict=undecided"}},
    {"submission syslog name",
     "postfix/submission/smtpd",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status=sent"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "service=smtpd", "syslog_name=postfix/submission"}},
    {"invalid tls value keeps the line",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, tls=(may, status=sent (ok)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "response=ok", "service=smtp", "syslog_name=postfix", "tls.raw=(may",
      "tls.error=unbalanced '(' at offset 0"}},
    {"empty tls value",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, tls=, status=sent (ok)"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=1", "status=sent",
      "response=ok", "service=smtp", "syslog_name=postfix",
      "tls.raw=", "tls.error=empty value at offset 0"}},
    {"expiry line",
     "postfix/qmgr",
     TEXT("9D7FE1D0051: from=<root@test.example>, status=expired, returned to sender"),
     NULL,
     {"queue_id=9D7FE1D0051", "from=root@test.example", "status=expired", "service=qmgr",
      "syslog_name=postfix"}},
    {"force-expired with the null sender",
     "postfix/qmgr",
     TEXT("BACE842E73: from=<>, status=force-expired, returned to sender"),
     NULL,
     {"queue_id=BACE842E73", "from=", "status=force-expired", "service=qmgr",
      "syslog_name=postfix"}},
    {"port and conn_use zero-free numbers",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=mx.example.net[192.0.2.25]:10025, conn_use=10, "
          "delay=10.05, status=sent"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=mx.example.net",
      "relay.address=192.0.2.25", "relay.port=10025", "conn_use=10", "delay=10.05", "status=sent",
      "service=smtp", "syslog_name=postfix"}},
    {"zero delays",
     "postfix/smtp",
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=0, delays=0/0/0/0, status=sent"),
     NULL,
     {"queue_id=1A2B3C", "to=a@example.com", "relay.hostname=none", "delay=0",
      "delays.before_qmgr=0", "delays.in_qmgr=0", "delays.conn_setup=0", "delays.transmission=0",
      "status=sent", "service=smtp", "syslog_name=postfix"}},
};

/* Lines that are not delivery lines, with the exact reason and offset. */
static const delivery_row not_delivery_rows[] = {
    {"queue manager active line",
     NULL,
     TEXT("C2DBDA78367: from=<sender@example.org>, size=373, nrcpt=1 (queue active)"),
     "not an expiry line at offset 38",
     {NULL}},
    {"TLS handshake line",
     NULL,
     TEXT("Trusted TLS connection established to mx.example.net[192.0.2.25]:25: TLSv1.3 with "
          "cipher TLS_AES_256_GCM_SHA384"),
     "no 'to=' or 'from=' attribute at offset 0",
     {NULL}},
    {"connect failure line",
     NULL,
     TEXT("connect to aspmx.l.example.com[2001:db8:400b:c02::1a]:25: Network is unreachable"),
     "no 'to=' or 'from=' attribute at offset 0",
     {NULL}},
    {"empty message", NULL, TEXT(""), "no 'to=' or 'from=' attribute at offset 0", {NULL}},
    {"queue id only", NULL, TEXT("1A2B3C: "), "no 'to=' or 'from=' attribute at offset 8", {NULL}},
    {"expiry line without queue id",
     NULL,
     TEXT("from=<>, status=expired, returned to sender"),
     "no 'to=' or 'from=' attribute at offset 0",
     {NULL}},
    {"expiry line with another status",
     NULL,
     TEXT("1A2B3C: from=<a@example.com>, status=sent, returned to sender"),
     "not an expiry line at offset 37",
     {NULL}},
    {"expiry line with more text",
     NULL,
     TEXT("1A2B3C: from=<a@example.com>, status=expired, returned to sender now"),
     "not an expiry line at offset 37",
     {NULL}},
    {"no relay",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, delay=1, status=sent"),
     "no 'relay=' attribute at offset 28",
     {NULL}},
    {"no delay",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, status=sent"),
     "no 'delay=' attribute at offset 40",
     {NULL}},
    {"relay twice",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, relay=local, delay=1, status=sent"),
     "'relay' twice at offset 40",
     {NULL}},
    {"relay out of order",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, relay=local, status=sent"),
     "'relay' out of order at offset 49",
     {NULL}},
    {"orig_to after relay",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, orig_to=<b@example.com>, delay=1, status=sent"),
     "'orig_to' out of order at offset 40",
     {NULL}},
    {"to twice",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, to=<b@example.com>, relay=none, delay=1, status=sent"),
     "'to' twice at offset 28",
     {NULL}},
    {"second status after a comma",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status=sent, status=sent"),
     "malformed 'status' value at offset 60",
     {NULL}},
    {"line ends before status",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, dsn=2.0.0"),
     "line ends before 'status=' at offset 58",
     {NULL}},
    {"line cut inside an attribute name",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, dsn=2.0.0, sta"),
     "expected an attribute at offset 60",
     {NULL}},
    {"line cut after a separator",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, "),
     "expected an attribute at offset 49",
     {NULL}},
    {"upper-case attribute name",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, Relay=none, delay=1, status=sent"),
     "expected an attribute at offset 28",
     {NULL}},
    {"delay with letters",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=abc, status=sent"),
     "malformed 'delay' value at offset 46",
     {NULL}},
    {"delay with two dots",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1.2.3, status=sent"),
     "malformed 'delay' value at offset 46",
     {NULL}},
    {"delay ending in a dot",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1., status=sent"),
     "malformed 'delay' value at offset 46",
     {NULL}},
    {"delay with a leading zero",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=00.01, status=sent"),
     "malformed 'delay' value at offset 46",
     {NULL}},
    {"port with a leading zero",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=mx[192.0.2.1]:025, delay=1, status=sent"),
     "malformed 'relay' value at offset 34",
     {NULL}},
    {"conn_use with a leading zero",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, conn_use=02, delay=1, status=sent"),
     "malformed 'conn_use' value at offset 49",
     {NULL}},
    {"delays part with a leading zero",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, delays=0/00/0/0, status=sent"),
     "malformed 'delays' value at offset 56",
     {NULL}},
    {"empty delay",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=, status=sent"),
     "malformed 'delay' value at offset 46",
     {NULL}},
    {"delays with three parts",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, delays=1/2/3, status=sent"),
     "malformed 'delays' value at offset 56",
     {NULL}},
    {"delays with five parts",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, delays=1/2/3/4/5, status=sent"),
     "malformed 'delays' value at offset 56",
     {NULL}},
    {"conn_use with a fraction",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, conn_use=2.0, delay=1, status=sent"),
     "malformed 'conn_use' value at offset 49",
     {NULL}},
    {"relay with an unclosed bracket",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=mx[192.0.2.1, delay=1, status=sent"),
     "malformed 'relay' value at offset 34",
     {NULL}},
    {"relay with text after the bracket",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=mx[192.0.2.1]x, delay=1, status=sent"),
     "malformed 'relay' value at offset 34",
     {NULL}},
    {"relay port with letters",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=mx[192.0.2.1]:smtp, delay=1, status=sent"),
     "malformed 'relay' value at offset 34",
     {NULL}},
    {"relay with empty brackets",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=mx[], delay=1, status=sent"),
     "malformed 'relay' value at offset 34",
     {NULL}},
    {"empty relay",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=, delay=1, status=sent"),
     "malformed 'relay' value at offset 34",
     {NULL}},
    {"dsn with two parts",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, dsn=2.0, status=sent"),
     "malformed 'dsn' value at offset 53",
     {NULL}},
    {"empty status word",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status= (x)"),
     "malformed 'status' value at offset 56",
     {NULL}},
    {"text after the status word",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none, delay=1, status=sent, more"),
     "malformed 'status' value at offset 60",
     {NULL}},
    {"address without \"<\"",
     NULL,
     TEXT("1A2B3C: to=a@example.com, relay=none, delay=1, status=sent"),
     "expected '<' at offset 11",
     {NULL}},
    {"unterminated address",
     NULL,
     TEXT("1A2B3C: to=<a@example.com"),
     "unterminated address at offset 11",
     {NULL}},
    {"unterminated quoted local part",
     NULL,
     TEXT("1A2B3C: to=<\"a@example.com>, relay=none, delay=1, status=sent"),
     "unterminated quoted local part at offset 12",
     {NULL}},
    {"line ends right after a backslash in a quoted local part",
     NULL,
     TEXT("1A2B3C: to=<\"a\\"),
     "unterminated quoted local part at offset 12",
     {NULL}},
    {"NUL byte in the attributes",
     NULL,
     TEXT("1A2B3C: to=<a@example.com>, relay=none\000, delay=1\000, status=sent"),
     "malformed 'delay' value at offset 47",
     {NULL}},
    {"queue id with a dash",
     NULL,
     TEXT("1A2-B3C: to=<a@example.com>, relay=none, delay=1, status=sent"),
     "no 'to=' or 'from=' attribute at offset 0",
     {NULL}},
};

Test(delivery, shapes)
{
  cr_assert_eq(ROWS_CHECK(delivery_rows), 0, "delivery lines differ (see stderr)");
}

Test(delivery, not_delivery_lines)
{
  cr_assert_eq(ROWS_CHECK(not_delivery_rows), 0, "non-delivery lines differ (see stderr)");
}

Test(delivery, spans_point_into_the_line)
{
  static const char line[] = "1A2B3C: to=<a@example.com>, relay=mx[192.0.2.1]:25, delay=1, "
                             "delays=0/0/0.5/0.5, tls=may, status=sent (250 ok)";
  tf_delivery delivery;

  cr_assert_eq(tf_delivery_parse(&delivery, line, sizeof(line) - 1), TF_OK);
  cr_assert_eq(delivery.queue_id.ptr, line);
  cr_assert_eq(delivery.to.ptr, line + 12);
  cr_assert_eq(delivery.relay.ptr, line + 34);
  cr_assert_eq(delivery.relay.len, 16);
  cr_assert_eq(delivery.tls.ptr, line + 85);
  cr_assert_eq(delivery.tls.len, 3);
  cr_assert_eq(delivery.response.ptr, line + 103);
  cr_assert_eq(delivery.response.len, 6);
  cr_assert_not(delivery.response_truncated);
  cr_assert_eq(delivery.nextra, 0);
  cr_assert_null(delivery.error);
}

Test(delivery, line_is_not_read_past_its_length)
{
  static const char line[] = "1A2B3C: to=<a@example.com>, relay=none, delay=1, status=sent (ok)";
  tf_delivery delivery;

  cr_assert_eq(tf_delivery_parse(&delivery, line, sizeof(line) - 2), TF_OK);
  cr_assert(delivery.response_truncated);
  cr_assert_eq(delivery.response.len, 2);
  cr_assert_eq(tf_delivery_parse(&delivery, line, 40), TF_NOT_DELIVERY);
  cr_assert_str_eq(delivery.error, "expected an attribute");
  cr_assert_eq(delivery.error_offset, 40);
}

Test(delivery, unknown_attributes_are_counted)
{
  static const char line[] =
      "1A2B3C: to=<a@example.com>, a1=1, a2=2, relay=none, a3=3, a4=4, a5=5, a6=6, delay=1, "
      "status=sent";
  tf_delivery delivery;

  cr_assert_eq(tf_delivery_parse(&delivery, line, sizeof(line) - 1), TF_OK);
  cr_assert_eq(delivery.nextra, 6);
  cr_assert_eq(delivery.extra[3].name.len, 2);
  cr_assert(memcmp(delivery.extra[3].name.ptr, "a4", 2) == 0);
}

Test(delivery, describe_error_fits_the_buffer)
{
  char text[16];

  cr_assert_eq(tf_describe_error("empty feature", 4, text, sizeof(text)), 15);
  cr_assert_str_eq(text, "empty feature a");
  cr_assert_eq(tf_describe_error("x", 1234567, text, sizeof(text)), 15);
  cr_assert_str_eq(text, "x at offset 123");
  cr_assert_eq(tf_describe_error("x", 0, text, 0), 0);
  char wide[64];
  cr_assert_eq(tf_describe_error("unbalanced '('", 0, wide, sizeof(wide)), 26);
  cr_assert_str_eq(wide, "unbalanced '(' at offset 0");
}
