/* SPDX-License-Identifier: MIT */
/*
 * answer.h - the one-line JSON reply the helper gives rsyslog per message
 *
 * rsyslog's mmexternal merges the reply into the message's properties. The
 * reply for a delivery line nests the record's fields under "$!" "postfix",
 * splitting the relative names at ".":
 *
 *   {"$!":{"postfix":{"queue_id":"...","delay":0.27,"tls":{"level":"dane"}}}}
 *
 * and every other message gets "{}" (no change). Strings are escaped
 * directly into the buffer; numbers and booleans keep their JSON types.
 *
 *   answer_init()          an empty buffer; no allocation yet.
 *   answer_set_unchanged() the reply "{}\n".
 *   answer_set_record()    the reply for one record. Returns false when memory
 *                          runs out; the buffer then holds "{}\n".
 *   answer_free()          releases the buffer.
 *
 * Every reply ends with exactly one "\n" and holds no other line break.
 * String values must be valid UTF-8: the caller checks its input first.
 */
#ifndef TLSFEAT_RSYSLOG_ANSWER_H_INCLUDED
#define TLSFEAT_RSYSLOG_ANSWER_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

typedef struct answer {
  char *text;
  size_t len;
  size_t size;
} answer;

void answer_init(answer *reply);
void answer_set_unchanged(answer *reply);
bool answer_set_record(answer *reply, const tf_record *record);
void answer_free(answer *reply);

#endif
