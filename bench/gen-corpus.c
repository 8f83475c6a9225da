/* SPDX-License-Identifier: MIT */
/*
 * gen-corpus.c - write a deterministic corpus of Postfix log lines
 *
 * usage: tf-gen-corpus [-n LINES] [-s SEED] [-h]
 *
 * Writes LINES (default 1000000) syslog lines "Dec  4 15:37:59 mx1
 * postfix/smtp[10446]: MESSAGE" to standard output. The same LINES and SEED
 * always give the same bytes, on every platform: the generator uses its own
 * splitmix64 sequence and no locale or clock.
 *
 * The mix follows what a busy relay logs: mostly smtp deliveries whose tls=
 * values are drawn with the frequencies found in the Postfix 3.11 sample
 * logs (released and draft syntax), reused connections with undecided
 * features, lmtp over unix sockets and TCP, local and virtual deliveries,
 * the error agent, IPv6 relays, quoted local parts, orig_to, long bounce
 * responses (a few cut at the 2000-byte syslog limit), archived lines
 * without delays= and dsn=, queue manager expiry lines, other instances
 * (postfix-out/smtp) and about one line in nine that is not a delivery line.
 *
 * Exit status: 0, or 2 on a usage error, 1 when standard output fails.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX_BYTES 2048
#define SYSLOG_CUT 2000 /* Postfix's syslog client cuts records here */

typedef struct weighted {
  unsigned weight;
  const char *value;
} weighted;

typedef struct corpus_line {
  char text[LINE_MAX_BYTES + 512];
  size_t len;
} corpus_line;

/* tls= values of successful deliveries in the sample logs, with their counts; the last four
 * are rare forms the samples lack (DANE without DNSSEC, the draft "disabled:"), weight 1. */
static const weighted tls_sent[] = {
    {109, "may"},
    {25, "verify/requiretls"},
    {15, "may?"},
    {13, "dane"},
    {9, "may:none/requiretls:none"},
    {8, "verify?/requiretls?"},
    {7, "may:none"},
    {7, "may/requiretls:none"},
    {6, "may/requiretls:nocertmatch"},
    {5, "verify"},
    {5, "may/(requiretls)"},
    {5, "encrypt"},
    {5, "(may:none)/(requiretls)?"},
    {5, "(may:none)"},
    {4, "may/(requiretls:none)"},
    {4, "dane/requiretls"},
    {3, "verify/requiretls:none"},
    {3, "secure/requiretls"},
    {3, "may?/requiretls?"},
    {3, "encrypt/(requiretls)"},
    {3, "dane-only/requiretls"},
    {2, "verify/(requiretls:none)"},
    {2, "verify/(requiretls)"},
    {2, "none"},
    {2, "halfdane/requiretls"},
    {2, "halfdane"},
    {2, "fingerprint/requiretls"},
    {2, "encrypt/requiretls:nocertmatch"},
    {2, "encrypt/(requiretls:none)"},
    {2, "dane?"},
    {2, "dane:encrypt/requiretls:nocertmatch"},
    {2, "dane/(requiretls)"},
    {2, "dane-only/(requiretls)"},
    {2, "dane-only"},
    {1, "secure/(requiretls:none)"},
    {1, "none/(requiretls)?"},
    {1, "halfdane:encrypt"},
    {1, "fingerprint/requiretls:none"},
    {1, "fingerprint/(requiretls:none)"},
    {1, "fingerprint/(requiretls)"},
    {1, "fingerprint"},
    {1, "encrypt/requiretls:none"},
    {1, "dane:encrypt"},
    {1, "dane/requiretls:none"},
    {1, "dane/(requiretls:none)"},
    {1, "dane:halfdane"},
    {1, "(disabled:may)"},
    {1, "may/(disabled:requiretls)"},
    {1, "(dane:encrypt)"},
};

/* tls= values of deferred and bounced deliveries in the sample logs. */
static const weighted tls_failed[] = {
    {24, "may?/requiretls?"},
    {23, "may?"},
    {12, "encrypt?"},
    {12, "!verify"},
    {10, "may?/(requiretls)?"},
    {9, "verify?/requiretls?"},
    {9, "unknown?/requiretls?"},
    {9, "unknown?"},
    {9, "dane?/requiretls?"},
    {9, "!verify/requiretls?"},
    {9, "!verify/requiretls:nocertmatch"},
    {9, "!verify/(requiretls)?"},
    {9, "!verify/(requiretls)"},
    {9, "!secure"},
    {9, "!encrypt"},
    {9, "!dane"},
    {8, "may"},
    {6, "secure?/requiretls?"},
    {6, "secure?"},
    {6, "may?/!requiretls:nocertmatch"},
    {6, "encrypt?/(requiretls)?"},
    {6, "dane?/(requiretls)?"},
    {6, "!fingerprint"},
    {6, "!dane/requiretls:nocertmatch"},
    {6, "!dane-only"},
    {5, "verify/requiretls"},
    {5, "halfdane?"},
    {5, "dane?"},
    {5, "!halfdane"},
    {3, "verify?/(requiretls)?"},
    {3, "verify?"},
    {3, "none?/requiretls?"},
    {3, "none?/(requiretls)?"},
    {3, "none?"},
    {3, "fingerprint?/requiretls?"},
    {3, "fingerprint?"},
    {3, "encrypt"},
    {3, "dane-only?"},
    {3, "!verify/!requiretls:nostarttls"},
    {3, "!verify/!requiretls"},
    {3, "!secure/requiretls:nocertmatch"},
    {3, "!secure/(requiretls)"},
    {3, "!fingerprint/(requiretls)"},
    {3, "!encrypt/requiretls?"},
    {3, "!encrypt/(requiretls)?"},
    {3, "!dane/(requiretls)"},
    {2, "verify/!requiretls"},
    {2, "none?/!requiretls:noencryption"},
    {2, "may/(requiretls)"},
    {2, "encrypt?/!requiretls:nocertmatch"},
    {1, "none?/!requiretls:nocertmatch"},
    {1, "may?/!requiretls:nostarttls"},
    {1, "may?/!(requiretls)"},
    {1, "halfdane/!requiretls:none"},
    {1, "halfdane/!requiretls"},
    {1, "fingerprint/!requiretls:none"},
    {1, "fingerprint/!requiretls"},
    {1, "dane/!requiretls:none"},
    {1, "dane/!requiretls"},
    {1, "dane-only/!requiretls:none"},
    {1, "!verify/!requiretls:nocertmatch"},
    {1, "!verify/!(requiretls)"},
    {1, "!halfdane/!requiretls:nocertmatch"},
    {1, "!fingerprint/!requiretls"},
    {1, "!encrypt/!(requiretls)"},
};

/* On a reused connection every feature is undecided, even for status=sent. */
static const weighted tls_reused[] = {
    {60, "may?"},   {15, "may?/requiretls?"}, {10, "verify?"},
    {10, "dane?"},  {5, "encrypt?"},          {3, "verify?/requiretls?"},
    {2, "secure?"}, {1, "dane-only?"},        {1, "may?/(requiretls)?"},
};

static const char *const users[] = {
    "alice",   "bob",      "carol",    "dave",  "erin",  "frank",      "grace",        "heidi",
    "ivan",    "judy",     "mallory",  "oscar", "peggy", "postmaster", "noreply",      "billing",
    "support", "john.doe", "jane.roe", "info",  "sales", "abuse",      "list-bounces", "ops+alerts",
};

static const char *const domains[] = {
    "example.com",           "example.net",       "example.org",         "mail.example.com",
    "corp.example.net",      "lists.example.org", "eu.example.com",      "customers.example.net",
    "xn--bcher-kva.example", "sub1.example.com",  "partner.example.org", "shop.example.com",
};

static const char *const mx_hosts[] = {
    "mx1.example.net",        "mx2.example.net",
    "aspmx.l.example.com",    "mx-in.l.example.net",
    "mail.example.org",       "inbound.example.com",
    "mx.partner.example.org", "mx01.customers.example.net",
    "smtp-in.eu.example.com", "mx.lists.example.org",
};

static const char *const queued_tails[] = {
    "Ok: queued as %s",
    "OK id=1v%s-00%sQ-3h",
    "2.0.0 Ok: queued as %s",
    "Message accepted for delivery %s",
};

static const char *const deferred_responses[] = {
    "connect to %s[%s]:25: Connection refused",
    "connect to %s[%s]:25: Connection timed out",
    "Cannot start TLS: handshake failure",
    "TLS is required, but was not offered by host %s[%s]",
    "host %s[%s] said: 451 4.7.1 Greylisted, see https://greylist.example.org/?ip=%s "
    "(in reply to RCPT TO command)",
    "lost connection with %s[%s] while receiving the initial server greeting",
    "host %s[%s] said: 421 4.7.0 Try again later, closing connection. (EHLO) "
    "t3si1234567.101 - gsmtp (in reply to EHLO command)",
    "delivery temporarily suspended: connect to %s[%s]:25: Network is unreachable",
};

static const char *const bounce_lines[] = {
    "550-5.7.1 [2001:db8:fff0:4f:266:37ff:fe48:41b8      19] Our system has detected",
    "550-5.7.1 that this message is likely suspicious due to the very low reputation",
    "550-5.7.1 of the sending domain. To best protect our users from spam, the",
    "550-5.7.1 message has been blocked. Please visit",
    "550-5.7.1 https://support.example.net/mail/?p=UnsolicitedMessageError&hl=en&answer=188131",
    "550-5.7.1 for more information (policy=reject; id=8a7f2c, score=12.5).",
    "550-5.7.1 The account you tried to reach is over quota or disabled, see RFC 5321",
};

static const char *const non_delivery_formats[] = {
    "%s: from=<%s@%s>, size=%u, nrcpt=1 (queue active)",
    "%s: message-id=<%u.%s@%s>",
    "%s: removed",
    "Trusted TLS connection established to %s[%s]:25: TLSv1.3 with cipher "
    "TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature "
    "RSA-PSS (2048 bits) server-digest SHA256",
    "connect to %s[%s]:25: Connection refused",
    "%s: Sender requested REQUIRETLS, but REQUIRETLS support was not announced by %s",
    "Untrusted TLS connection established to %s[%s]:25: TLSv1.2 with cipher "
    "ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
    "warning: %s[%s]:25 offered null AUTH mechanism list",
};

static uint64_t rng_state;

/* rng_next - next value of the splitmix64 sequence */
static uint64_t
rng_next(void)
{
  uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* rng_below - uniform value in [0, bound) */
static unsigned
rng_below(unsigned bound)
{
  return (unsigned)(rng_next() % bound);
}

#define PICK(array) ((array)[rng_below(sizeof(array) / sizeof((array)[0]))])

/* weighted_pick - draw one value with the table's weights */
static const char *
weighted_pick(const weighted *table, size_t count)
{
  unsigned total = 0;

  for (size_t i = 0; i < count; i++)
    total += table[i].weight;

  unsigned ticket = rng_below(total);
  for (size_t i = 0; i < count; i++) {
    if (ticket < table[i].weight)
      return table[i].value;
    ticket -= table[i].weight;
  }
  return table[0].value;
}

#define WEIGHTED(table) weighted_pick((table), sizeof(table) / sizeof((table)[0]))

/* line_append - append formatted text, silently stopping at the buffer end */
static void
line_append(corpus_line *line, const char *format, ...)
{
  size_t room = sizeof(line->text) - line->len;
  va_list args;

  va_start(args, format);
  int written = vsnprintf(line->text + line->len, room, format, args);
  va_end(args);

  if (written < 0)
    return;
  line->len += (size_t)written < room ? (size_t)written : room - 1;
}

/* queue_id_make - a short (hex) or long (base 52) Postfix queue id */
static void
queue_id_make(char *queue_id, size_t size)
{
  static const char hex[] = "0123456789ABCDEF";
  static const char long_alphabet[] = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjkmnpqrstvwxyz";
  bool long_form = rng_below(10) == 0;
  size_t len = long_form ? 15 + rng_below(3) : 10 + rng_below(2);

  if (len >= size)
    len = size - 1;
  for (size_t i = 0; i < len; i++)
    queue_id[i] =
        long_form ? long_alphabet[rng_below(sizeof(long_alphabet) - 1)] : hex[rng_below(16)];
  queue_id[len] = '\0';
}

/* delay_format - a delay with Postfix's two significant digits */
static void
delay_format(char *out, size_t size, double seconds)
{
  if (seconds < 0.005)
    snprintf(out, size, "0");
  else if (seconds < 0.1)
    snprintf(out, size, "%.2g", seconds);
  else if (seconds < 10)
    snprintf(out, size, "%.2g", seconds);
  else
    snprintf(out, size, "%.0f", seconds);
}

/* delay_draw - a delay in seconds, mostly short with a long tail */
static double
delay_draw(void)
{
  unsigned bucket = rng_below(100);

  if (bucket < 40)
    return rng_below(100) / 1000.0;
  if (bucket < 85)
    return rng_below(3000) / 1000.0;
  if (bucket < 97)
    return rng_below(600);
  return rng_below(400000);
}

/* address_make - a recipient, sometimes with a quoted local part */
static void
address_make(char *out, size_t size)
{
  unsigned shape = rng_below(200);

  if (shape == 0)
    snprintf(out, size, "\"%s, %s\"@%s", PICK(users), PICK(users), PICK(domains));
  else if (shape == 1)
    snprintf(out, size, "\"%s>x %u\"@%s", PICK(users), rng_below(100), PICK(domains));
  else if (shape < 5)
    snprintf(out, size, "\"%s %u with space\"@%s", PICK(users), rng_below(10000), PICK(domains));
  else
    snprintf(out, size, "%s%u@%s", PICK(users), rng_below(1000), PICK(domains));
}

/* ipv4_make - an address from the documentation ranges */
static void
ipv4_make(char *out, size_t size)
{
  static const char *const nets[] = {"192.0.2", "198.51.100", "203.0.113"};

  snprintf(out, size, "%s.%u", PICK(nets), 1 + rng_below(254));
}

/* ipv6_make - an address from the documentation range */
static void
ipv6_make(char *out, size_t size)
{
  snprintf(out, size, "2001:db8:%x:%x::%x", rng_below(0x10000), rng_below(0x1000),
           1 + rng_below(0x100));
}

/* header_add - the syslog header and program; the clock ticks every few lines */
static void
header_add(corpus_line *line, uint64_t number, const char *program)
{
  uint64_t second = 13 * 3600 + number / 7;

  line_append(line, "Dec %2u %02u:%02u:%02u mx1 %s[%u]: ", (unsigned)(4 + second / 86400 % 20),
              (unsigned)(second / 3600 % 24), (unsigned)(second / 60 % 60), (unsigned)(second % 60),
              program, 1000 + rng_below(60000));
}

/* recipient_add - the header, then "QUEUE_ID: to=<TO>" for a recipient already drawn */
static void
recipient_add(corpus_line *line, uint64_t number, const char *program, const char *queue_id,
              const char *to)
{
  header_add(line, number, program);
  line_append(line, "%s: to=<%s>", queue_id, to);
}

/* delays_add - delay= and (except for archived lines) delays= */
static void
delays_add(corpus_line *line, bool legacy)
{
  double before = delay_draw(), in_qmgr = rng_below(20) / 1000.0;
  double setup = rng_below(2000) / 1000.0, transmission = rng_below(1000) / 1000.0;
  char total[32], d[4][32];

  delay_format(total, sizeof(total), before + in_qmgr + setup + transmission);
  line_append(line, ", delay=%s", total);
  if (legacy)
    return;

  delay_format(d[0], sizeof(d[0]), before);
  delay_format(d[1], sizeof(d[1]), in_qmgr);
  delay_format(d[2], sizeof(d[2]), setup);
  delay_format(d[3], sizeof(d[3]), transmission);
  line_append(line, ", delays=%s/%s/%s/%s", d[0], d[1], d[2], d[3]);
}

/* bounce_response_add - a long multi-line 550 reply, flattened */
static void
bounce_response_add(corpus_line *line, const char *host, const char *address, bool cut)
{
  unsigned count = sizeof(bounce_lines) / sizeof(bounce_lines[0]);
  unsigned first = rng_below(count), repeats = cut ? 40 : 1 + rng_below(2 * count);

  line_append(line, "host %s[%s] said:", host, address);
  for (unsigned i = 0; i < repeats && line->len < SYSLOG_CUT + 100; i++)
    line_append(line, " %s", bounce_lines[(first + i) % count]);
  line_append(line, " 550 5.7.1 t%u.%u - gsmtp (in reply to end of DATA command))",
              rng_below(100000), rng_below(1000));
  if (cut && line->len > SYSLOG_CUT)
    line->len = SYSLOG_CUT;
}

/* smtp_line_make - an smtp or lmtp delivery over TCP, IPv4 or IPv6 */
static void
smtp_line_make(corpus_line *line, uint64_t number, const char *queue_id)
{
  bool reused = rng_below(100) < 8;
  unsigned outcome = rng_below(100);
  bool sent = reused || outcome < 80, bounced = !sent && outcome >= 95;
  const char *program = rng_below(20) == 0 ? "postfix-out/smtp" : "postfix/smtp";
  const char *host = PICK(mx_hosts);
  char to[160], orig_to[160], address[64], queue_tail[32];

  if (rng_below(25) == 0)
    program = "postfix/lmtp";
  if (rng_below(12) == 0)
    ipv6_make(address, sizeof(address));
  else
    ipv4_make(address, sizeof(address));
  address_make(to, sizeof(to));

  recipient_add(line, number, program, queue_id, to);
  if (rng_below(20) == 0) {
    address_make(orig_to, sizeof(orig_to));
    line_append(line, ", orig_to=<%s>", orig_to);
  }
  if (!sent && !bounced && rng_below(4) == 0)
    line_append(line, ", relay=none");
  else
    line_append(line, ", relay=%s[%s]:%u", host, address, rng_below(10) == 0 ? 587 : 25);
  if (reused)
    line_append(line, ", conn_use=%u", 2 + rng_below(20));
  delays_add(line, false);

  const char *tls = reused ? WEIGHTED(tls_reused)
                    : sent ? WEIGHTED(tls_sent)
                           : WEIGHTED(tls_failed);
  if (rng_below(50) != 0)
    line_append(line, ", tls=%s", tls);

  if (sent) {
    queue_id_make(queue_tail, sizeof(queue_tail));
    line_append(line, ", dsn=2.0.0, status=sent (250 ");
    line_append(line, PICK(queued_tails), queue_tail, queue_tail);
    line_append(line, ")");
    return;
  }
  if (bounced) {
    line_append(line, ", dsn=5.7.1, status=bounced (");
    bounce_response_add(line, host, address, rng_below(20) == 0);
    return;
  }
  line_append(line, ", dsn=4.%u.%u, status=deferred (", 4 + rng_below(4), rng_below(8));
  line_append(line, PICK(deferred_responses), host, address, address);
  line_append(line, ")");
}

/* lmtp_line_make - lmtp to a local store over a unix socket */
static void
lmtp_line_make(corpus_line *line, uint64_t number, const char *queue_id)
{
  char to[160], session[24];

  address_make(to, sizeof(to));
  queue_id_make(session, sizeof(session));
  recipient_add(line, number, "postfix/lmtp", queue_id, to);
  line_append(line, ", relay=store%u.example.com[private/dovecot-lmtp]", 1 + rng_below(4));
  delays_add(line, false);
  line_append(line, ", dsn=2.0.0, status=sent (250 2.0.0 <%s> %sAAA15QOA Saved)", to, session);
}

/* local_line_make - local(8) or virtual(8) delivery */
static void
local_line_make(corpus_line *line, uint64_t number, const char *queue_id)
{
  bool is_virtual = rng_below(4) == 0;
  char to[160], orig_to[160];

  address_make(to, sizeof(to));
  recipient_add(line, number, is_virtual ? "postfix/virtual" : "postfix/local", queue_id, to);
  if (!is_virtual && rng_below(3) == 0) {
    snprintf(orig_to, sizeof(orig_to), "%s@localhost", PICK(users));
    line_append(line, ", orig_to=<%s>", orig_to);
  }
  line_append(line, ", relay=%s", is_virtual ? "virtual" : "local");
  delays_add(line, false);

  if (is_virtual)
    line_append(line, ", dsn=2.0.0, status=sent (delivered to maildir)");
  else if (rng_below(2) == 0)
    line_append(line, ", dsn=2.0.0, status=sent (delivered to command: procmail -a "
                      "\"$EXTENSION\" DEFAULT=$HOME/Maildir/)");
  else
    line_append(line, ", dsn=2.0.0, status=sent (delivered to mailbox)");
}

/* error_line_make - the error agent: relay=none, no tls= */
static void
error_line_make(corpus_line *line, uint64_t number, const char *queue_id)
{
  char to[160], address[64];

  address_make(to, sizeof(to));
  ipv4_make(address, sizeof(address));
  recipient_add(line, number, "postfix/error", queue_id, to);
  line_append(line, ", relay=none");
  delays_add(line, false);
  line_append(line,
              ", dsn=4.4.2, status=deferred (delivery temporarily suspended: lost connection "
              "with %s[%s] while sending RCPT TO)",
              PICK(mx_hosts), address);
}

/* legacy_line_make - a pre-2.3 line: no delays=, no dsn= */
static void
legacy_line_make(corpus_line *line, uint64_t number, const char *queue_id)
{
  char to[160], address[64];

  address_make(to, sizeof(to));
  ipv4_make(address, sizeof(address));
  recipient_add(line, number, "postfix/smtp", queue_id, to);
  line_append(line, ", relay=none");
  delays_add(line, true);
  line_append(line, ", status=deferred (connect to %s[%s]: No route to host)", address, address);
}

/* expiry_line_make - the queue manager returns expired mail */
static void
expiry_line_make(corpus_line *line, uint64_t number, const char *queue_id)
{
  header_add(line, number, "postfix/qmgr");
  if (rng_below(5) == 0)
    line_append(line, "%s: from=<>, status=force-expired, returned to sender", queue_id);
  else
    line_append(line, "%s: from=<%s@%s>, status=expired, returned to sender", queue_id, PICK(users),
                PICK(domains));
}

/* other_line_make - a line from the same programs that is not a delivery */
static void
other_line_make(corpus_line *line, uint64_t number, const char *queue_id)
{
  unsigned shape = rng_below(sizeof(non_delivery_formats) / sizeof(non_delivery_formats[0]));
  const char *program =
      shape < 3 ? (shape == 1 ? "postfix/cleanup" : "postfix/qmgr") : "postfix/smtp";
  char address[64];

  ipv4_make(address, sizeof(address));
  header_add(line, number, program);
  switch (shape) {
  case 0:
    line_append(line, non_delivery_formats[shape], queue_id, PICK(users), PICK(domains),
                300 + rng_below(90000));
    break;
  case 1:
    line_append(line, non_delivery_formats[shape], queue_id, rng_below(100000), PICK(users),
                PICK(domains));
    break;
  case 2:
  case 5:
    line_append(line, non_delivery_formats[shape], queue_id, PICK(mx_hosts));
    break;
  default:
    line_append(line, non_delivery_formats[shape], PICK(mx_hosts), address);
    break;
  }
}

/* corpus_line_make - one line of the mix */
static void
corpus_line_make(corpus_line *line, uint64_t number)
{
  unsigned kind = rng_below(1000);
  char queue_id[24];

  line->len = 0;
  queue_id_make(queue_id, sizeof(queue_id));
  if (kind < 700)
    smtp_line_make(line, number, queue_id);
  else if (kind < 770)
    lmtp_line_make(line, number, queue_id);
  else if (kind < 830)
    local_line_make(line, number, queue_id);
  else if (kind < 860)
    error_line_make(line, number, queue_id);
  else if (kind < 865)
    legacy_line_make(line, number, queue_id);
  else if (kind < 870)
    expiry_line_make(line, number, queue_id);
  else
    other_line_make(line, number, queue_id);
}

/* usage - print how to call the program */
static int
usage(FILE *out, int status)
{
  fprintf(out, "usage: tf-gen-corpus [-n LINES] [-s SEED]\n"
               "  -n LINES  number of lines to write (default 1000000)\n"
               "  -s SEED   seed of the sequence (default 1)\n");
  return status;
}

/* main - parse -n and -s, then write the corpus to standard output */
int
main(int argc, char **argv)
{
  uint64_t lines = 1000000;
  uint64_t seed = 1;
  corpus_line line;
  int option;

  while ((option = getopt(argc, argv, "n:s:h")) != -1) {
    char *end = NULL;
    switch (option) {
    case 'n':
      lines = strtoull(optarg, &end, 10);
      break;
    case 's':
      seed = strtoull(optarg, &end, 10);
      break;
    case 'h':
      return usage(stdout, 0);
    default:
      return usage(stderr, 2);
    }
    if (end == optarg || *end != '\0') {
      fprintf(stderr, "tf-gen-corpus: option -%c: '%s' is not a decimal number\n", option, optarg);
      return 2;
    }
  }
  if (optind != argc)
    return usage(stderr, 2);

  rng_state = seed;
  for (uint64_t number = 0; number < lines; number++) {
    corpus_line_make(&line, number);
    line.text[line.len++] = '\n';
    fwrite(line.text, 1, line.len, stdout);
  }

  if (fflush(stdout) != 0 || ferror(stdout)) {
    perror("tf-gen-corpus: standard output");
    return 1;
  }
  return 0;
}
