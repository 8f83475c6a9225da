/* SPDX-License-Identifier: MIT */
/*
 * tlsfeat.h - scan Postfix delivery status lines and their tls= attribute
 *
 * The core of tlsfeat: plain C11, no allocation, one pass over the input.
 * Every front end (the syslog-ng parser, the rsyslog helper, the fuzzers and
 * the benchmarks) calls these functions.
 *
 * Input is a byte pointer and a length; it need not be NUL-terminated and
 * may hold any bytes. Output is spans into that input (or into static
 * storage, for values the input does not spell out) plus enums. A span
 * whose ptr is NULL is absent; a present span may be empty.
 *
 *   tf_delivery_parse()  a delivery status line body: "QUEUE_ID: to=<...>,
 *                        relay=..., delay=..., ..., status=WORD (TEXT)", or
 *                        a queue manager expiry line "QUEUE_ID: from=<...>,
 *                        status=expired, returned to sender". Returns
 *                        TF_OK, or TF_NOT_DELIVERY with error and
 *                        error_offset set. The tls= value is only located
 *                        here; it is not interpreted.
 *   tf_tls_parse()       a bare tls= value, released or draft syntax.
 *                        Returns TF_OK (anomaly may be set beside the
 *                        interpreted fields) or TF_TLS_INVALID (error and
 *                        error_offset set, features unspecified).
 *   tf_program_split()   "postfix-out/smtp" into syslog_name and service.
 *   tf_log_line_split()  a whole syslog line ("Dec  4 15:37:59 mx1
 *                        postfix/smtp[10446]: MSG") into program and message,
 *                        for logs read without header parsing.
 *   tf_describe_error()  "REASON at offset N" into a caller's buffer.
 */
#ifndef TLSFEAT_H_INCLUDED
#define TLSFEAT_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>

#define TF_FEATURES_MAX 8    /* more features than this is invalid */
#define TF_EXTRA_ATTRS_MAX 4 /* unknown attributes kept per line */

typedef struct tf_span {
  const char *ptr; /* NULL: absent */
  size_t len;
} tf_span;

enum tf_result {
  TF_OK = 0,
  TF_NOT_DELIVERY = -1, /* tf_delivery_parse: not a delivery status line */
  TF_TLS_INVALID = -2,  /* tf_tls_parse: the value breaks the grammar */
};

/* Policy status of one feature, and the overall verdict. */
enum tf_status {
  TF_STATUS_COMPLIANT = 0,
  TF_STATUS_VIOLATION,
  TF_STATUS_UNDECIDED,
};

enum tf_tristate {
  TF_ABSENT = 0,
  TF_FALSE,
  TF_TRUE,
};

enum tf_enforcement {
  TF_ENFORCEMENT_ABSENT = 0,
  TF_ENFORCEMENT_FULL,
  TF_ENFORCEMENT_RELAXED,
};

enum tf_syntax {
  TF_SYNTAX_FINAL = 0, /* released Postfix 3.11 syntax */
  TF_SYNTAX_DRAFT,     /* September 2025 snapshots: "(...)", "disabled:" */
};

/* Marks on one feature, as written. */
#define TF_MARK_VIOLATED 0x01  /* leading "!" */
#define TF_MARK_UNDECIDED 0x02 /* trailing "?" */
#define TF_MARK_PARENS 0x04    /* draft "( ... )" */
#define TF_MARK_DISABLED 0x08  /* draft "disabled:" */

typedef struct tf_feature {
  tf_span name;                    /* "dane", "requiretls", ... */
  tf_span final;                   /* ":final" as written; absent if none */
  tf_span achieved;                /* absent when undecided or not stated */
  enum tf_status status;           /* from the "!" and "?" marks */
  enum tf_tristate downgraded;     /* TF_ABSENT when undecided */
  enum tf_enforcement enforcement; /* see tf_tls_parse() */
  unsigned marks;                  /* TF_MARK_* */
} tf_feature;

typedef struct tf_tls {
  tf_span raw;
  enum tf_syntax syntax;
  enum tf_status verdict;
  size_t nfeatures; /* features[0] is the security level */
  tf_feature features[TF_FEATURES_MAX];
  const char *anomaly; /* NULL, or why Postfix would never log this */
  const char *error;   /* NULL, or why the value is invalid */
  size_t error_offset; /* byte offset of the error within raw */
} tf_tls;

typedef struct tf_attr {
  tf_span name;
  tf_span value;
} tf_attr;

typedef struct tf_delivery {
  tf_span queue_id; /* absent for a body stored without its queue id */
  tf_span to;       /* between "<" and ">", may be empty */
  tf_span orig_to;
  tf_span from;           /* expiry lines only */
  tf_span relay;          /* whole relay value */
  tf_span relay_hostname; /* "host" of host[address]:port, or the bare word */
  tf_span relay_address;  /* inside the brackets: IPv4, IPv6, socket path */
  tf_span relay_port;
  tf_span conn_use;
  tf_span delay;
  tf_span delays[4]; /* before_qmgr, in_qmgr, conn_setup, transmission */
  tf_span tls;       /* raw tls= value, not interpreted */
  tf_span dsn;
  tf_span status;
  tf_span response;        /* text inside "( ... )" after status=WORD */
  bool response_truncated; /* the line ended before the closing ")" */
  size_t nextra;           /* unknown attributes seen; first few kept */
  tf_attr extra[TF_EXTRA_ATTRS_MAX];
  const char *error;
  size_t error_offset;
} tf_delivery;

int tf_delivery_parse(tf_delivery *delivery, const char *line, size_t len);
int tf_tls_parse(tf_tls *tls, const char *value, size_t len);
bool tf_program_split(const char *program, size_t len, tf_span *syslog_name, tf_span *service);
bool tf_log_line_split(const char *line, size_t len, tf_span *program, tf_span *message);
size_t tf_describe_error(const char *reason, size_t offset, char *buf, size_t size);

/* Names of enum values as they appear in the output fields. */
const char *tf_status_name(enum tf_status status);
const char *tf_enforcement_name(enum tf_enforcement enforcement);
const char *tf_syntax_name(enum tf_syntax syntax);

#endif
