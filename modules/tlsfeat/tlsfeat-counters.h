/* SPDX-License-Identifier: MIT */
/*
 * tlsfeat-counters.h - statistics counters of one postfix-tls-parser()
 *
 * Four counters per parser instance, shown by `syslog-ng-ctl stats` as
 * parser;postfix-tls-parser;INSTANCE;a;NAME;VALUE and by
 * `syslog-ng-ctl query get 'parser.postfix-tls-parser.*'`:
 *   processed   messages the parser looked at
 *   parsed      delivery status lines among them
 *   invalid     delivery lines whose tls= value is invalid
 *   violations  delivery lines whose tls.verdict is "violation"
 *
 *   tlsfeat_counters_register()    registers the counters of INSTANCE; clones
 *                                  of one parser share them.
 *   tlsfeat_counters_unregister()  releases them; the values stay readable
 *                                  until syslog-ng drops orphaned counters.
 * Incrementing is stats_counter_inc() on the members: one atomic add, and a
 * no-op on a counter that is not registered.
 */
#ifndef TLSFEAT_COUNTERS_H_INCLUDED
#define TLSFEAT_COUNTERS_H_INCLUDED

#include "syslog-ng.h"
#include "stats/stats-registry.h"

typedef struct _TlsfeatCounters {
  gchar *instance;
  StatsCounterItem *processed;
  StatsCounterItem *parsed;
  StatsCounterItem *invalid;
  StatsCounterItem *violations;
} TlsfeatCounters;

void tlsfeat_counters_register(TlsfeatCounters *self, const gchar *instance);
void tlsfeat_counters_unregister(TlsfeatCounters *self);

#endif
