/* SPDX-License-Identifier: MIT */
/*
 * hostile_cases.c - rows of the hostile-input table
 *
 * Fixed rows are literal message bodies with their exact fields. Generated
 * rows cover sizes no literal should hold (10,000 features, 1 MiB values,
 * an extension name too long for the record, which the record leaves out)
 * and every prefix of three real lines: a prefix that ends before the
 * status word is not a delivery line; one that ends inside the word gives
 * that part of the word; "WORD " alone is not a delivery line; after " ("
 * the response is the rest of the line, truncated unless it ends in ")".
 * Every parsed row also carries service=smtp and syslog_name=postfix, the
 * fields of the program "postfix/smtp" that both drivers use.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile_cases.h"

#define MIB (1024 * 1024)

#define HEAD                                                                                       \
  "ABC123: to=<a@example.org>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0.1/0/0.5/0.4"
#define HEAD_FIELDS                                                                                \
  "queue_id=ABC123\nto=a@example.org\nrelay.hostname=mx.example.net\nrelay.address=192.0.2.1\n"    \
  "relay.port=25\ndelay=1\ndelays.before_qmgr=0.1\ndelays.in_qmgr=0\ndelays.conn_setup=0.5\n"      \
  "delays.transmission=0.4\n"
#define TAIL ", dsn=2.0.0, status=sent (250 ok)"
#define TAIL_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=250 ok\n"
#define PROGRAM_FIELDS "service=smtp\nsyslog_name=postfix\n"
#define TLS_ERROR(raw, error) HEAD_FIELDS TAIL_FIELDS "tls.raw=" raw "\ntls.error=" error "\n"
#define TLS_ROW(label, raw, error) ROW(label, HEAD ", tls=" raw TAIL, TLS_ERROR(raw, error))

typedef struct hostile_row {
  const char *label;
  const char *input;
  size_t len;
  const char *expected;
} hostile_row;

#define ROW(label, input, expected)                                                                \
  {                                                                                                \
    label, input, sizeof(input) - 1, expected                                                      \
  }

static const hostile_row hostile_rows[] = {
    ROW("empty message", "", NULL),
    ROW("only separators", ", , , , , ,", NULL),
    ROW("only spaces", "      ", NULL),
    ROW("only equals signs", "=====", NULL),
    ROW("only CR and LF", "\r\n\r\n", NULL),
    ROW("queue id alone", "ABC123: ", NULL),
    ROW("TLS handshake line",
        "Trusted TLS connection established to mx.example.net[192.0.2.1]:25: TLSv1.3", NULL),
    ROW("NUL before the queue id",
        "\0ABC123: to=<a@example.org>, relay=none, delay=1, "
        "status=sent (ok)",
        NULL),

    /* tls= values that break the grammar: kept, flagged with the reason. */
    TLS_ROW("tls= with nothing", "", "empty value at offset 0"),
    TLS_ROW("tls= trailing slash", "dane/", "empty feature at offset 5"),
    TLS_ROW("tls= leading slash", "/dane", "empty feature at offset 0"),
    TLS_ROW("tls= double slash", "may//requiretls", "empty feature at offset 4"),
    TLS_ROW("tls= only slashes", "///", "empty feature at offset 0"),
    TLS_ROW("tls= open parenthesis", "(may", "unbalanced '(' at offset 0"),
    TLS_ROW("tls= close parenthesis", "may)", "unbalanced ')' at offset 3"),
    TLS_ROW("tls= double parentheses", "((may))", "misplaced '(' at offset 1"),
    TLS_ROW("tls= bang inside parentheses", "(!may)", "misplaced '!' at offset 1"),
    TLS_ROW("tls= question inside parentheses", "(may?)", "misplaced '?' at offset 4"),
    TLS_ROW("tls= bang and question", "!may?", "'!' and '?' on one feature at offset 4"),
    TLS_ROW("tls= disabled with final", "(disabled:may:none)",
            "'disabled:' with ':final' at offset 13"),
    TLS_ROW("tls= duplicate level", "dane/dane", "duplicate feature 'dane' at offset 5"),
    TLS_ROW("tls= reserved extension name", "may/status",
            "reserved feature name 'status' at offset 4"),
    TLS_ROW("tls= hash", "dan#e", "unexpected character '#' at offset 3"),
    TLS_ROW("tls= upper case", "DANE", "unexpected character 'D' at offset 0"),
    TLS_ROW("tls= nine features", "a/b/c/d/e/f/g/h/i", "more than 8 features at offset 16"),
    TLS_ROW("tls= space inside", "dane /requiretls", "unexpected character ' ' at offset 4"),
    TLS_ROW("tls= empty final", "dane:", "empty final at offset 5"),
    ROW("tls= NUL byte", HEAD ", tls=da\0ne" TAIL,
        TLS_ERROR("da\\x00ne", "unexpected character '\\x5cx00' at offset 2")),
    ROW("tls= invalid UTF-8", HEAD ", tls=dan\xc3" TAIL,
        TLS_ERROR("dan\\xc3", "unexpected character '\\x5cxc3' at offset 3")),

    /* valid tls= values, with and without an anomaly */
    ROW("tls= violated may", HEAD ", tls=!may" TAIL,
        HEAD_FIELDS TAIL_FIELDS "tls.raw=!may\ntls.syntax=final\ntls.level=may\n"
                                "tls.status=violation\ntls.downgraded=false\n"
                                "tls.verdict=violation\ntls.anomaly=violated level 'may'\n"),
    ROW("tls= downgraded dane with violated requiretls",
        HEAD ", tls=dane:halfdane/!requiretls:nocertmatch" TAIL,
        HEAD_FIELDS TAIL_FIELDS
        "tls.raw=dane:halfdane/!requiretls:nocertmatch\ntls.syntax=final\ntls.level=dane\n"
        "tls.status=compliant\ntls.achieved=halfdane\ntls.downgraded=true\n"
        "tls.enforcement=relaxed\ntls.requiretls.status=violation\n"
        "tls.requiretls.achieved=nocertmatch\ntls.requiretls.downgraded=true\n"
        "tls.verdict=violation\n"),
    ROW("tls= draft disabled", HEAD ", tls=(disabled:may)" TAIL,
        HEAD_FIELDS TAIL_FIELDS "tls.raw=(disabled:may)\ntls.syntax=draft\ntls.level=may\n"
                                "tls.status=compliant\ntls.achieved=none\ntls.downgraded=true\n"
                                "tls.enforcement=relaxed\ntls.verdict=compliant\n"),
    ROW("tls= undecided", HEAD ", tls=may?" TAIL,
        HEAD_FIELDS TAIL_FIELDS "tls.raw=may?\ntls.syntax=final\ntls.level=may\n"
                                "tls.status=undecided\ntls.verdict=undecided\n"),
    ROW("tls= unknown extension", HEAD ", tls=dane/future-ext" TAIL,
        HEAD_FIELDS TAIL_FIELDS "tls.raw=dane/future-ext\ntls.syntax=final\ntls.level=dane\n"
                                "tls.status=compliant\ntls.achieved=dane\ntls.downgraded=false\n"
                                "tls.enforcement=full\ntls.future-ext.status=compliant\n"
                                "tls.future-ext.achieved=future-ext\n"
                                "tls.future-ext.downgraded=false\n"
                                "tls.future-ext.enforcement=full\ntls.verdict=compliant\n"
                                "tls.anomaly=unknown extension feature\n"),

    /* NUL bytes, invalid UTF-8, CR and LF inside values */
    ROW("NUL in response", HEAD ", dsn=2.0.0, status=sent (250 o\0k)",
        HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=250 o\\x00k\n"),
    ROW("NUL in address", "ABC123: to=<a\0b@example.org>, relay=none, delay=1, status=sent (ok)",
        "queue_id=ABC123\nto=a\\x00b@example.org\nrelay.hostname=none\ndelay=1\n"
        "status=sent\nresponse=ok\n"),
    ROW("invalid UTF-8 in address",
        "ABC123: to=<\xff\xfe@example.org>, relay=none, delay=1, status=sent (ok)",
        "queue_id=ABC123\nto=\\xff\\xfe@example.org\nrelay.hostname=none\ndelay=1\n"
        "status=sent\nresponse=ok\n"),
    ROW("invalid UTF-8 in response", HEAD ", dsn=2.0.0, status=sent (250 \xc3\x28 ok)",
        HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=250 \\xc3( ok\n"),
    ROW("CR LF at the end", HEAD TAIL "\r\n", HEAD_FIELDS TAIL_FIELDS),
    ROW("CR LF inside the response", HEAD ", dsn=2.0.0, status=sent (250\r\nok)",
        HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=250\\x0d\\x0aok\n"),
    ROW("LF inside the address",
        "ABC123: to=<a\nb@example.org>, relay=none, delay=1, "
        "status=sent (ok)",
        "queue_id=ABC123\nto=a\\x0ab@example.org\nrelay.hostname=none\ndelay=1\n"
        "status=sent\nresponse=ok\n"),
    ROW("CR instead of a separator space",
        "ABC123: to=<a@example.org>,\rrelay=none, delay=1, status=sent (ok)", NULL),

    /* addresses */
    ROW("unterminated < before the next attribute",
        "ABC123: to=<a@example.org, relay=none, delay=1, status=sent (ok)", NULL),
    ROW("unterminated < at the end", "ABC123: to=<a@example.org", NULL),
    ROW("> inside a quoted local part",
        "ABC123: to=<\"a>, b\"@example.org>, relay=none, delay=1, status=sent (ok)",
        "queue_id=ABC123\nto=\"a>, b\"@example.org\nrelay.hostname=none\ndelay=1\n"
        "status=sent\nresponse=ok\n"),
    ROW("> not followed by a separator",
        "ABC123: to=<a>b@example.org>, relay=none, delay=1, status=sent (ok)",
        "queue_id=ABC123\nto=a>b@example.org\nrelay.hostname=none\ndelay=1\n"
        "status=sent\nresponse=ok\n"),
    ROW("empty address", "ABC123: to=<>, relay=none, delay=1, status=sent (ok)",
        "queue_id=ABC123\nto=\nrelay.hostname=none\ndelay=1\nstatus=sent\nresponse=ok\n"),

    /* attributes twice, out of order, missing, malformed */
    ROW("relay twice", "ABC123: to=<a@example.org>, relay=a, relay=b, delay=1, status=sent (ok)",
        NULL),
    ROW("to twice",
        "ABC123: to=<a@example.org>, to=<b@example.org>, relay=a, delay=1, status=sent (ok)", NULL),
    ROW("tls twice", HEAD ", tls=may, tls=dane" TAIL, NULL),
    ROW("status twice is response text", HEAD TAIL ", status=sent (x)",
        HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=250 ok), status=sent (x\n"),
    ROW("delay before relay", "ABC123: to=<a@example.org>, delay=1, relay=none, status=sent (ok)",
        NULL),
    ROW("dsn before tls", HEAD ", dsn=2.0.0, tls=may, status=sent (ok)", NULL),
    ROW("orig_to after relay",
        "ABC123: to=<a@example.org>, relay=none, orig_to=<b@example.org>, delay=1, "
        "status=sent (ok)",
        NULL),
    ROW("no relay", "ABC123: to=<a@example.org>, delay=1, status=sent (ok)", NULL),
    ROW("no delay", "ABC123: to=<a@example.org>, relay=none, status=sent (ok)", NULL),
    ROW("no to", "ABC123: relay=none, delay=1, status=sent (ok)", NULL),
    ROW("status without a word", HEAD ", status= (ok)", NULL),
    ROW("status word then text", HEAD ", status=sent ok", NULL),
    ROW("delay not a number",
        "ABC123: to=<a@example.org>, relay=none, delay=abc, "
        "status=sent (ok)",
        NULL),
    ROW("delays with three parts",
        "ABC123: to=<a@example.org>, relay=none, delay=1, "
        "delays=1/2/3, status=sent (ok)",
        NULL),
    ROW("five unknown attributes", HEAD ", aa=1, bb=2, cc=3, dd=4, ee=5" TAIL,
        HEAD_FIELDS TAIL_FIELDS "extra.aa=1\nextra.bb=2\nextra.cc=3\nextra.dd=4\n"),
    ROW("unknown attribute twice keeps the first", HEAD ", foo=1, foo=2" TAIL,
        HEAD_FIELDS TAIL_FIELDS "extra.foo=1\n"),
    ROW("unknown attribute with an empty value", HEAD ", future=" TAIL,
        HEAD_FIELDS TAIL_FIELDS "extra.future=\n"),

    /* the response */
    ROW("empty response", HEAD ", dsn=2.0.0, status=sent ()",
        HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=\n"),
    ROW("no response", HEAD ", dsn=2.0.0, status=sent", HEAD_FIELDS "dsn=2.0.0\nstatus=sent\n"),
    ROW("cut right after the parenthesis", HEAD ", dsn=2.0.0, status=sent (",
        HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=\nresponse_truncated=true\n"),
    ROW("parentheses inside the response", HEAD ", dsn=2.0.0, status=sent (250 (ok) done)",
        HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=250 (ok) done\n"),
    ROW("attributes inside the response",
        HEAD ", dsn=5.1.1, status=bounced (550 to=<x>, relay=y, status=z)",
        HEAD_FIELDS "dsn=5.1.1\nstatus=bounced\nresponse=550 to=<x>, relay=y, status=z\n"),

    /* relays and other shapes */
    ROW("bare relay none",
        "ABC123: to=<a@example.org>, relay=none, delay=0.01, status=deferred (connect failed)",
        "queue_id=ABC123\nto=a@example.org\nrelay.hostname=none\ndelay=0.01\n"
        "status=deferred\nresponse=connect failed\n"),
    ROW("relay on a unix socket",
        "ABC123: to=<a@example.org>, relay=mail.example.com[private/dovecot-lmtp], delay=1, "
        "status=sent (ok)",
        "queue_id=ABC123\nto=a@example.org\nrelay.hostname=mail.example.com\n"
        "relay.address=private/dovecot-lmtp\ndelay=1\nstatus=sent\nresponse=ok\n"),
    ROW("relay on IPv6",
        "ABC123: to=<a@example.org>, relay=mx.example.net[2001:db8::1]:25, conn_use=2, "
        "delay=1, status=sent (ok)",
        "queue_id=ABC123\nto=a@example.org\nrelay.hostname=mx.example.net\n"
        "relay.address=2001:db8::1\nrelay.port=25\nconn_use=2\ndelay=1\nstatus=sent\n"
        "response=ok\n"),
    ROW("no queue id", "to=<a@example.org>, relay=none, delay=1, status=sent (ok)",
        "to=a@example.org\nrelay.hostname=none\ndelay=1\nstatus=sent\nresponse=ok\n"),
    ROW("expiry line", "ABC123: from=<s@example.org>, status=expired, returned to sender",
        "queue_id=ABC123\nfrom=s@example.org\nstatus=expired\n"),
    ROW("force-expiry line", "ABC123: from=<>, status=force-expired, returned to sender",
        "queue_id=ABC123\nfrom=\nstatus=force-expired\n"),
    ROW("expiry line without a queue id",
        "from=<s@example.org>, status=expired, returned to sender", NULL),
    ROW("expiry line with another status",
        "ABC123: from=<s@example.org>, status=sent, returned to sender", NULL),
};

/* Real lines whose every prefix is a row, with the fields of the whole line. */
static const hostile_row hostile_prefix_lines[] = {
    ROW("prefix of a released tls= line",
        "01E12901F9D: to=<postfix-users@example.org>, relay=list.example.net[192.0.2.195]:25, "
        "delay=5.4, delays=0.08/0.01/3.5/1.9, tls=dane, dsn=2.0.0, status=sent (250 2.0.0 Ok: "
        "queued as 4cbdb56t4MzPjfw)",
        "queue_id=01E12901F9D\nto=postfix-users@example.org\nrelay.hostname=list.example.net\n"
        "relay.address=192.0.2.195\nrelay.port=25\ndelay=5.4\ndelays.before_qmgr=0.08\n"
        "delays.in_qmgr=0.01\ndelays.conn_setup=3.5\ndelays.transmission=1.9\ntls.raw=dane\n"
        "tls.syntax=final\ntls.level=dane\ntls.status=compliant\ntls.achieved=dane\n"
        "tls.downgraded=false\ntls.enforcement=full\ntls.verdict=compliant\ndsn=2.0.0\n"
        "status=sent\nresponse=250 2.0.0 Ok: queued as 4cbdb56t4MzPjfw\n"),
    ROW("prefix of an IPv6 orig_to requiretls line",
        "4F2A1C0: to=<\"x y\"@example.org>, orig_to=<alias@example.org>, "
        "relay=mx.example.net[2001:db8::25]:25, conn_use=3, delay=0.31, delays=0/0/0.1/0.2, "
        "tls=may?/requiretls?, dsn=4.4.2, status=deferred (lost connection (in reply))",
        "queue_id=4F2A1C0\nto=\"x y\"@example.org\norig_to=alias@example.org\n"
        "relay.hostname=mx.example.net\nrelay.address=2001:db8::25\nrelay.port=25\n"
        "conn_use=3\ndelay=0.31\ndelays.before_qmgr=0\ndelays.in_qmgr=0\n"
        "delays.conn_setup=0.1\ndelays.transmission=0.2\ntls.raw=may?/requiretls?\n"
        "tls.syntax=final\ntls.level=may\ntls.status=undecided\n"
        "tls.requiretls.status=undecided\ntls.verdict=undecided\ndsn=4.4.2\n"
        "status=deferred\nresponse=lost connection (in reply)\n"),
    ROW("prefix of an expiry line",
        "9D3E2B1: from=<bounce@example.org>, status=expired, returned to sender",
        "queue_id=9D3E2B1\nfrom=bounce@example.org\nstatus=expired\n"),
};

/* _xalloc - malloc or exit */
static void *
_xalloc(size_t size)
{
  void *block = malloc(size ? size : 1);

  if (!block) {
    fprintf(stderr, "hostile: out of memory\n");
    exit(99);
  }
  return block;
}

/* hostile_text_append - append len bytes, keeping the text NUL-terminated */
void
hostile_text_append(hostile_text *text, const char *bytes, size_t len)
{
  if (text->len + len + 1 > text->size) {
    size_t size = text->size ? text->size : 256;
    while (size < text->len + len + 1)
      size *= 2;
    char *grown = _xalloc(size);
    if (text->ptr)
      memcpy(grown, text->ptr, text->len);
    free(text->ptr);
    text->ptr = grown;
    text->size = size;
  }
  memcpy(text->ptr + text->len, bytes, len);
  text->len += len;
  text->ptr[text->len] = '\0';
}

/* _text_str - append a NUL-terminated string */
static void
_text_str(hostile_text *text, const char *str)
{
  hostile_text_append(text, str, strlen(str));
}

/* hostile_escape - append value with bytes outside 0x20-0x7e and "\" as \xHH */
void
hostile_escape(hostile_text *text, const char *value, size_t len)
{
  size_t start = 0;

  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)value[i];
    char hex[5];

    if (c >= 0x20 && c < 0x7f && c != '\\')
      continue;
    hostile_text_append(text, value + start, i - start);
    snprintf(hex, sizeof(hex), "\\x%02x", c);
    hostile_text_append(text, hex, 4);
    start = i + 1;
  }
  hostile_text_append(text, value + start, len - start);
}

/* _line_compare - qsort order of two line pointers */
static int
_line_compare(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* hostile_canonical - "name=value" lines sorted bytewise, as a new string */
char *
hostile_canonical(const char *lines)
{
  size_t len = strlen(lines);
  char *copy = _xalloc(len + 1);
  size_t nlines = 0;
  hostile_text text = {NULL, 0, 0};

  memcpy(copy, lines, len + 1);
  for (size_t i = 0; i < len; i++)
    nlines += copy[i] == '\n';

  char **starts = _xalloc((nlines + 1) * sizeof(*starts));
  size_t n = 0;
  for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
    starts[n++] = line;
  qsort(starts, n, sizeof(*starts), _line_compare);
  hostile_text_append(&text, "", 0);
  for (size_t i = 0; i < n; i++) {
    _text_str(&text, starts[i]);
    _text_str(&text, "\n");
  }
  free(starts);
  free(copy);
  return text.ptr;
}

/* _table_add - append a row; input and expected are copied, expected made canonical */
static void
_table_add(hostile_table *table, const char *label, const char *input, size_t len,
           const char *expected)
{
  if (table->ncases == table->size) {
    table->size = table->size ? table->size * 2 : 256;
    hostile_case *grown = _xalloc(table->size * sizeof(*grown));
    if (table->cases)
      memcpy(grown, table->cases, table->ncases * sizeof(*grown));
    free(table->cases);
    table->cases = grown;
  }

  hostile_case *row = &table->cases[table->ncases++];
  row->label = strcpy(_xalloc(strlen(label) + 1), label);
  row->input = memcpy(_xalloc(len + 1), input, len);
  row->input[len] = '\0';
  row->len = len;
  row->expected = NULL;
  if (expected) {
    hostile_text fields = {NULL, 0, 0};
    _text_str(&fields, expected);
    _text_str(&fields, PROGRAM_FIELDS);
    row->expected = hostile_canonical(fields.ptr);
    free(fields.ptr);
  }
}

/* _repeat - append count copies of unit */
static void
_repeat(hostile_text *text, const char *unit, size_t count)
{
  for (size_t i = 0; i < count; i++)
    _text_str(text, unit);
}

/* _add_generated - a row built from head, a repeated unit and a tail */
static void
_add_generated(hostile_table *table, const char *label, const char *head, const char *unit,
               size_t count, const char *tail, const char *expected_head, bool value_in_fields,
               const char *expected_tail)
{
  hostile_text input = {NULL, 0, 0};
  hostile_text expected = {NULL, 0, 0};

  _text_str(&input, head);
  _repeat(&input, unit, count);
  _text_str(&input, tail);
  if (expected_head) {
    _text_str(&expected, expected_head);
    if (value_in_fields)
      _repeat(&expected, unit, count);
    _text_str(&expected, expected_tail);
  }
  _table_add(table, label, input.ptr, input.len, expected_head ? expected.ptr : NULL);
  free(input.ptr);
  free(expected.ptr);
}

/* _add_tls_row - the HEAD line with tls=raw; its fields end "tls.raw=RAW" and tls_fields */
static void
_add_tls_row(hostile_table *table, const char *label, const char *raw, const char *tls_fields)
{
  hostile_text input = {NULL, 0, 0};
  hostile_text expected = {NULL, 0, 0};

  _text_str(&input, HEAD ", tls=");
  _text_str(&input, raw);
  _text_str(&input, TAIL);
  _text_str(&expected, HEAD_FIELDS TAIL_FIELDS "tls.raw=");
  _text_str(&expected, raw);
  _text_str(&expected, tls_fields);
  _table_add(table, label, input.ptr, input.len, expected.ptr);
  free(input.ptr);
  free(expected.ptr);
}

/* _add_features - 10,000 distinct features: invalid after the eighth */
static void
_add_features(hostile_table *table)
{
  hostile_text raw = {NULL, 0, 0};
  char feature[32];

  for (int i = 0; i < 10000; i++) {
    snprintf(feature, sizeof(feature), "%sf%d", i ? "/" : "", i);
    _text_str(&raw, feature);
  }
  _add_tls_row(table, "tls= with 10,000 features", raw.ptr,
               "\ntls.error=more than 8 features at offset 24\n");
  free(raw.ptr);
}

/* _add_unknown_attributes - 10,000 distinct unknown attributes: four kept */
static void
_add_unknown_attributes(hostile_table *table)
{
  hostile_text input = {NULL, 0, 0};
  char attr[40];

  _text_str(&input, HEAD);
  for (int i = 0; i < 10000; i++) {
    snprintf(attr, sizeof(attr), ", x%d=%d", i, i);
    _text_str(&input, attr);
  }
  _text_str(&input, TAIL);
  _table_add(table, "10,000 unknown attributes", input.ptr, input.len,
             HEAD_FIELDS TAIL_FIELDS "extra.x0=0\nextra.x1=1\nextra.x2=2\nextra.x3=3\n");
  free(input.ptr);
}

/* _add_large - 1 MiB values in every position */
static void
_add_large(hostile_table *table)
{
  _add_generated(table, "1 MiB response", HEAD ", dsn=2.0.0, status=sent (", "r", MIB, ")",
                 HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=", true, "\n");
  _add_generated(table, "1 MiB address", "ABC123: to=<", "a", MIB,
                 ">, relay=none, delay=1, status=sent (ok)", "queue_id=ABC123\nto=", true,
                 "\nrelay.hostname=none\ndelay=1\nstatus=sent\nresponse=ok\n");
  _add_generated(table, "1 MiB relay", "ABC123: to=<a@example.org>, relay=", "h", MIB,
                 "[192.0.2.1]:25, delay=1, status=sent (ok)",
                 "queue_id=ABC123\nto=a@example.org\nrelay.hostname=", true,
                 "\nrelay.address=192.0.2.1\nrelay.port=25\ndelay=1\nstatus=sent\n"
                 "response=ok\n");
  _add_generated(table, "1 MiB response of parentheses", HEAD ", dsn=2.0.0, status=sent (", "(",
                 MIB, ")", HEAD_FIELDS "dsn=2.0.0\nstatus=sent\nresponse=", true, "\n");
  _add_generated(table, "1 MiB of separators", "", ", ", MIB / 2, "", NULL, false, NULL);

  hostile_text nuls = {NULL, 0, 0};
  for (size_t i = 0; i < MIB; i++)
    hostile_text_append(&nuls, "", 1);
  _table_add(table, "1 MiB of NUL bytes", nuls.ptr, nuls.len, NULL);
  free(nuls.ptr);

  /* the tls= value is one 1 MiB name: valid, with an unknown level */
  hostile_text level = {NULL, 0, 0};
  _repeat(&level, "a", MIB);
  hostile_text tls_fields = {NULL, 0, 0};
  const char *names[] = {"\ntls.level=", "\ntls.achieved="};
  for (size_t i = 0; i < 2; i++) {
    _text_str(&tls_fields, names[i]);
    _text_str(&tls_fields, level.ptr);
  }
  _text_str(&tls_fields, "\ntls.syntax=final\ntls.status=compliant\ntls.downgraded=false\n"
                         "tls.enforcement=full\ntls.verdict=compliant\n"
                         "tls.anomaly=unknown level name\n");
  _add_tls_row(table, "1 MiB tls= level name", level.ptr, tls_fields.ptr);
  free(level.ptr);
  free(tls_fields.ptr);
}

/* _add_long_extension - an extension name too long for the record is left out of it */
static void
_add_long_extension(hostile_table *table)
{
  hostile_text raw = {NULL, 0, 0};

  _text_str(&raw, "dane/");
  _repeat(&raw, "e", 300);
  _add_tls_row(table, "tls= extension name of 300 bytes left out of the record", raw.ptr,
               "\ntls.syntax=final\ntls.level=dane\ntls.status=compliant\n"
               "tls.achieved=dane\ntls.downgraded=false\ntls.enforcement=full\n"
               "tls.verdict=compliant\ntls.anomaly=unknown extension feature\n");
  free(raw.ptr);
}

/* _fields_without_outcome - the fields of a whole line minus status and response */
static void
_fields_without_outcome(hostile_text *base, const char *fields)
{
  const char *line = fields;

  while (*line) {
    const char *end = strchr(line, '\n');
    size_t len = (size_t)(end - line) + 1;

    if (strncmp(line, "status=", 7) != 0 && strncmp(line, "response=", 9) != 0)
      hostile_text_append(base, line, len);
    line += len;
  }
}

/* _prefix_expected - the fields of line[0, cut) per the rule in the file comment */
static char *
_prefix_expected(const hostile_row *whole, size_t cut)
{
  const char *line = whole->input;
  const char *status = strstr(line, ", status=");
  size_t word = (size_t)(status - line) + 9;
  size_t word_end = word;
  hostile_text fields = {NULL, 0, 0};

  if (cut == whole->len)
    return strcpy(_xalloc(strlen(whole->expected) + 1), whole->expected);
  if (strstr(line, "returned to sender") || cut <= word)
    return NULL;
  while (line[word_end] && line[word_end] != ' ')
    word_end++;
  if (cut == word_end + 1)
    return NULL;

  _fields_without_outcome(&fields, whole->expected);
  _text_str(&fields, "status=");
  hostile_escape(&fields, line + word, (cut < word_end ? cut : word_end) - word);
  _text_str(&fields, "\n");
  if (cut >= word_end + 2) {
    size_t text = word_end + 2;
    bool closed = line[cut - 1] == ')' && cut - 1 >= text;
    _text_str(&fields, "response=");
    hostile_escape(&fields, line + text, (closed ? cut - 1 : cut) - text);
    _text_str(&fields, closed ? "\n" : "\nresponse_truncated=true\n");
  }
  return fields.ptr;
}

/* _add_prefixes - every prefix of the real lines */
static void
_add_prefixes(hostile_table *table)
{
  for (size_t i = 0; i < sizeof(hostile_prefix_lines) / sizeof(hostile_prefix_lines[0]); i++) {
    const hostile_row *whole = &hostile_prefix_lines[i];

    for (size_t cut = 0; cut <= whole->len; cut++) {
      char label[160];
      char *expected = _prefix_expected(whole, cut);

      snprintf(label, sizeof(label), "%s, %zu bytes", whole->label, cut);
      _table_add(table, label, whole->input, cut, expected);
      free(expected);
    }
  }
}

/* hostile_cases_build - fixed rows, generated large rows and every prefix row */
void
hostile_cases_build(hostile_table *table)
{
  memset(table, 0, sizeof(*table));
  for (size_t i = 0; i < sizeof(hostile_rows) / sizeof(hostile_rows[0]); i++) {
    const hostile_row *row = &hostile_rows[i];
    _table_add(table, row->label, row->input, row->len, row->expected);
  }
  _add_features(table);
  _add_unknown_attributes(table);
  _add_large(table);
  _add_long_extension(table);
  _add_prefixes(table);
}

/* hostile_cases_free - release every row of the table */
void
hostile_cases_free(hostile_table *table)
{
  for (size_t i = 0; i < table->ncases; i++) {
    free(table->cases[i].label);
    free(table->cases[i].input);
    free(table->cases[i].expected);
  }
  free(table->cases);
  memset(table, 0, sizeof(*table));
}
