/* SPDX-License-Identifier: MIT */
/*
 * tlsfeat-counters.c - register and release the counters of one parser
 *
 * See tlsfeat-counters.h for the names. Each counter is a single named
 * stats cluster keyed by (parser, "postfix-tls-parser", instance, name), so
 * clones of one parser, which register the same keys, share the values.
 * Counters are registered at level 0: visible at syslog-ng's default
 * stats-level().
 */
#include "tlsfeat-counters.h"
#include "tlsfeat-compat.h"
#include "stats/stats-cluster.h"

#define TLSFEAT_COUNTERS_ID "postfix-tls-parser"
#define TLSFEAT_COUNTERS_LEVEL 0

/* _counter_slots - the counters of self, paired with their names */
static void
_counter_slots(TlsfeatCounters *self, StatsCounterItem ***slots, const gchar **names)
{
  slots[0] = &self->processed;
  names[0] = "processed";
  slots[1] = &self->parsed;
  names[1] = "parsed";
  slots[2] = &self->invalid;
  names[2] = "invalid";
  slots[3] = &self->violations;
  names[3] = "violations";
}

/* tlsfeat_counters_register - register the four counters of instance */
void
tlsfeat_counters_register(TlsfeatCounters *self, const gchar *instance)
{
  StatsCounterItem **slots[4];
  const gchar *names[4];

  g_free(self->instance);
  self->instance = g_strdup(instance);
  _counter_slots(self, slots, names);

  stats_lock();
  for (gsize i = 0; i < G_N_ELEMENTS(slots); i++) {
    StatsClusterKey key;

    tf_stats_key_set_named(&key, SCS_PARSER, TLSFEAT_COUNTERS_ID, self->instance, names[i]);
    stats_register_counter(TLSFEAT_COUNTERS_LEVEL, &key, SC_TYPE_SINGLE_VALUE, slots[i]);
  }
  stats_unlock();
}

/* tlsfeat_counters_unregister - release the counters; safe when not registered */
void
tlsfeat_counters_unregister(TlsfeatCounters *self)
{
  StatsCounterItem **slots[4];
  const gchar *names[4];

  if (!self->instance)
    return;

  _counter_slots(self, slots, names);
  stats_lock();
  for (gsize i = 0; i < G_N_ELEMENTS(slots); i++) {
    StatsClusterKey key;

    tf_stats_key_set_named(&key, SCS_PARSER, TLSFEAT_COUNTERS_ID, self->instance, names[i]);
    stats_unregister_counter(&key, SC_TYPE_SINGLE_VALUE, slots[i]);
  }
  stats_unlock();

  g_free(self->instance);
  self->instance = NULL;
}
