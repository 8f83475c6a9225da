/* SPDX-License-Identifier: MIT */
/*
 * tlsfeat-compat.h - the few syslog-ng SDK names that differ between 3.38 and 4.x
 *
 * The module is built against syslog-ng 3.38 and keeps building against 4.x
 * headers through these macros:
 *
 *   TF_LM_VT_INTEGER            the integer value type: LM_VT_INT64 in 3.38,
 *                               LM_VT_INTEGER from 4.0.
 *   TF_LOG_PARSER_TEMPLATE(p)   the parser's template() member: "template"
 *                               up to 4.3, "template_obj" from 4.4.
 *   tf_stats_key_set_named()    a single named counter keyed by component,
 *                               id and instance: from 4.2 the SDK calls this
 *                               a legacy key, which `syslog-ng-ctl stats`
 *                               still shows the same way.
 */
#ifndef TLSFEAT_COMPAT_H_INCLUDED
#define TLSFEAT_COMPAT_H_INCLUDED

#include "syslog-ng.h"
#include "versioning.h"
#include "logmsg/logmsg.h"
#include "parser/parser-expr.h"
#include "stats/stats-cluster-single.h"

#if VERSION_VALUE_CURRENT >= 0x0400
#define TF_LM_VT_INTEGER LM_VT_INTEGER
#else
#define TF_LM_VT_INTEGER LM_VT_INT64
#endif

#if VERSION_VALUE_CURRENT >= 0x0404
#define TF_LOG_PARSER_TEMPLATE(p) ((p)->template_obj)
#else
#define TF_LOG_PARSER_TEMPLATE(p) ((p)->template)
#endif

#if VERSION_VALUE_CURRENT >= 0x0402
#define tf_stats_key_set_named stats_cluster_single_key_legacy_set_with_name
#else
#define tf_stats_key_set_named stats_cluster_single_key_set_with_name
#endif

#endif
