/* SPDX-License-Identifier: MIT */
/*
 * tf-json.h - template functions that format parsed Postfix delivery fields
 *
 * The plugins below are registered by the tlsfeat module. Each reads the
 * fields the postfix-tls-parser() set under a prefix (default ".postfix.",
 * option --prefix), through name-value handles looked up once when the
 * template is compiled, and writes straight into the template's output:
 *
 *   $(postfix-tls-json [--prefix P])   all fields as one typed, nested JSON
 *                                      object ({"relay":{"port":25},...}).
 *   $(postfix-tls-ecs [--prefix P])    an Elastic Common Schema document.
 *   $(postfix-tls-hec [--prefix P] [--sourcetype S] [--source S]
 *                     [--index I])     a Splunk HTTP Event Collector event
 *                                      whose "event" is the ECS document.
 *   $(postfix-tls-sdata [--prefix P] [--sd-id ID])
 *                                      one RFC 5424 SD-ELEMENT with every
 *                                      field as an SD-PARAM.
 *   $(postfix-tls-utf8 ARG...)         the arguments joined by spaces, as
 *                                      valid UTF-8 text without NUL (each
 *                                      offending byte as \xHH): for
 *                                      destinations that refuse other bytes,
 *                                      such as PostgreSQL text columns.
 *
 * An unknown option, a missing option value or an SD-ID that RFC 5424
 * does not allow is a configuration error naming the option. Output is
 * valid JSON (or structured data) for any bytes in the values.
 */
#ifndef TF_JSON_H_INCLUDED
#define TF_JSON_H_INCLUDED

#include "plugin.h"
#include "template/function.h"

TEMPLATE_FUNCTION_DECLARE(tf_postfix_tls_json)
TEMPLATE_FUNCTION_DECLARE(tf_postfix_tls_ecs)
TEMPLATE_FUNCTION_DECLARE(tf_postfix_tls_hec)
TEMPLATE_FUNCTION_DECLARE(tf_postfix_tls_sdata)
TEMPLATE_FUNCTION_DECLARE(tf_postfix_tls_utf8)

/*
 * The plugin entries, for the Plugin array of tlsfeat-plugin.c: module_info
 * lists them there, so that syslog-ng loads the module by itself for a
 * configuration that names a template function before (or without) the
 * parser.
 */
#define TF_JSON_PLUGINS                                                                            \
  TEMPLATE_FUNCTION_PLUGIN(tf_postfix_tls_json, "postfix-tls-json"),                               \
      TEMPLATE_FUNCTION_PLUGIN(tf_postfix_tls_ecs, "postfix-tls-ecs"),                             \
      TEMPLATE_FUNCTION_PLUGIN(tf_postfix_tls_hec, "postfix-tls-hec"),                             \
      TEMPLATE_FUNCTION_PLUGIN(tf_postfix_tls_sdata, "postfix-tls-sdata"),                         \
      TEMPLATE_FUNCTION_PLUGIN(tf_postfix_tls_utf8, "postfix-tls-utf8")

#endif
