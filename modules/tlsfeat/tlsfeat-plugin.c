/* SPDX-License-Identifier: MIT */
/*
 * tlsfeat-plugin.c - registration of the tlsfeat syslog-ng module
 *
 * Registers the parser postfix-tls-parser() and the JSON template functions
 * of tf-json.h. module_info lists all of them, so syslog-ng loads the module
 * by itself when a configuration names any one of these plugins (a template
 * function may come before the parser), or by `@module tlsfeat`.
 *
 *   tlsfeat_module_init()  called by syslog-ng when it loads the module.
 */
#include "tlsfeat-parser.h"
#include "tf-json.h"
#include "plugin.h"
#include "plugin-types.h"

static Plugin tlsfeat_plugins[] = {
    {
        .type = LL_CONTEXT_PARSER,
        .name = "postfix-tls-parser",
        .parser = &tlsfeat_parser,
    },
    TF_JSON_PLUGINS,
};

gboolean tlsfeat_module_init(PluginContext *context, CfgArgs *args);

/* tlsfeat_module_init - register the parser and the template functions */
gboolean
tlsfeat_module_init(PluginContext *context, CfgArgs *args)
{
  (void)args;

  plugin_register(context, tlsfeat_plugins, G_N_ELEMENTS(tlsfeat_plugins));
  return TRUE;
}

const ModuleInfo module_info = {
    .canonical_name = "tlsfeat",
    .version = SYSLOG_NG_VERSION,
    .description = "Parses Postfix delivery status lines and their tls= feature status.",
    .core_revision = SYSLOG_NG_SOURCE_REVISION,
    .plugins = tlsfeat_plugins,
    .plugins_len = G_N_ELEMENTS(tlsfeat_plugins),
};
