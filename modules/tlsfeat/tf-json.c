/* SPDX-License-Identifier: MIT */
/*
 * tf-json.c - the postfix-tls-json, postfix-tls-ecs, postfix-tls-hec,
 * postfix-tls-sdata and postfix-tls-utf8 template functions (API and options
 * in tf-json.h).
 *
 * Fields of the fixed set are read through handles looked up when the
 * template is compiled. Fields with composed names (tls.<feature>.* of
 * extension features other than requiretls, and extra.<name>) are found by
 * one walk over the message's values, sorted by name, and written after
 * tls.requiretls.* and after every other field respectively, so each nested
 * object is written once. Types come from the output contract: relay.port,
 * conn_use, delay and delays.* are numbers, *.downgraded and
 * response_truncated booleans; a value that is not a valid number or boolean
 * is written as a string, so the output stays valid JSON whatever was set.
 */
#include "tf-json.h"
#include "tf-json-write.h"

#include "logmsg/logmsg.h"
#include "template/function.h"
#include "template/simple-function.h"
#include "template/templates.h"

#include <string.h>
#include <time.h>

#define TF_DYNAMIC_FIELDS_MAX 48
#define TF_SDATA_NAME_MAX 32
#define TF_ECS_VERSION "8.11.0"

typedef struct TfJsonState {
  gchar *prefix;
  gsize prefix_len;
  NVHandle fields[TF_FIELD_COUNT];
  gchar *sourcetype;
  gchar *source;
  gchar *index;
  gchar *sd_id;
} TfJsonState;

typedef struct TfDynamicField {
  const gchar *name; /* relative to the prefix */
  gsize name_len;
  const gchar *value;
  gssize value_len;
  gboolean extra; /* extra.<name>, else tls.<feature>.<field> */
} TfDynamicField;

typedef struct TfDynamicFields {
  const TfJsonState *state;
  gsize count;
  TfDynamicField fields[TF_DYNAMIC_FIELDS_MAX];
} TfDynamicFields;

/* One bit per tf_field_id: fixed fields the ECS document writes outside "postfix". */
typedef guint64 TfFieldMask;
#define TF_FIELD_BIT(id) ((TfFieldMask)1 << (id))
G_STATIC_ASSERT(TF_FIELD_COUNT <= 64);

static const enum tf_value_type _field_types[TF_FIELD_COUNT] = {
    [TF_FIELD_RELAY_PORT] = TF_TYPE_NUMBER,
    [TF_FIELD_CONN_USE] = TF_TYPE_NUMBER,
    [TF_FIELD_DELAY] = TF_TYPE_NUMBER,
    [TF_FIELD_DELAYS_BEFORE_QMGR] = TF_TYPE_NUMBER,
    [TF_FIELD_DELAYS_IN_QMGR] = TF_TYPE_NUMBER,
    [TF_FIELD_DELAYS_CONN_SETUP] = TF_TYPE_NUMBER,
    [TF_FIELD_DELAYS_TRANSMISSION] = TF_TYPE_NUMBER,
    [TF_FIELD_RESPONSE_TRUNCATED] = TF_TYPE_BOOLEAN,
    [TF_FIELD_TLS_DOWNGRADED] = TF_TYPE_BOOLEAN,
    [TF_FIELD_TLS_REQUIRETLS_DOWNGRADED] = TF_TYPE_BOOLEAN,
};

/* _option_value - the value of "--name VALUE" or "--name=VALUE" at argv[*i] */
static const gchar *
_option_value(gint argc, gchar *argv[], gint *i, const gchar *name, GError **error)
{
  gsize name_len = strlen(name);
  const gchar *arg = argv[*i];

  if (arg[name_len] == '=')
    return arg + name_len + 1;
  if (*i + 1 >= argc) {
    g_set_error(error, LOG_TEMPLATE_ERROR, LOG_TEMPLATE_ERROR_COMPILE,
                "%s: option %s needs a value", argv[0], name);
    return NULL;
  }
  (*i)++;
  return argv[*i];
}

/* _option_is - whether argv names the option, alone or as "--name=VALUE" */
static gboolean
_option_is(const gchar *arg, const gchar *name)
{
  gsize name_len = strlen(name);

  return strncmp(arg, name, name_len) == 0 && (arg[name_len] == '\0' || arg[name_len] == '=');
}

/* _state_set_option - store one option in the state; FALSE on an unknown one */
static gboolean
_state_set_option(TfJsonState *state, gint argc, gchar *argv[], gint *i, GError **error)
{
  static const gchar *const names[] = {"--prefix", "--sourcetype", "--source", "--index",
                                       "--sd-id"};
  gchar **slots[] = {&state->prefix, &state->sourcetype, &state->source, &state->index,
                     &state->sd_id};

  for (gsize n = 0; n < G_N_ELEMENTS(names); n++) {
    if (!_option_is(argv[*i], names[n]))
      continue;

    const gchar *value = _option_value(argc, argv, i, names[n], error);
    if (!value)
      return FALSE;
    g_free(*slots[n]);
    *slots[n] = g_strdup(value);
    return TRUE;
  }

  g_set_error(error, LOG_TEMPLATE_ERROR, LOG_TEMPLATE_ERROR_COMPILE,
              "%s: unknown option %s (known: --prefix, and --sourcetype, --source, --index for "
              "postfix-tls-hec, --sd-id for postfix-tls-sdata)",
              argv[0], argv[*i]);
  return FALSE;
}

/* _option_clear_if_empty - an option given as "--name=" means: leave the member out */
static void
_option_clear_if_empty(gchar **option)
{
  if (*option && !(*option)[0]) {
    g_free(*option);
    *option = NULL;
  }
}

/* _state_lookup_fields - the handle of every fixed field under the prefix */
static void
_state_lookup_fields(TfJsonState *state)
{
  GString *name = g_string_new(state->prefix);

  for (gint id = 0; id < TF_FIELD_COUNT; id++) {
    g_string_truncate(name, state->prefix_len);
    g_string_append(name, tf_field_names[id]);
    state->fields[id] = log_msg_get_value_handle(name->str);
  }
  g_string_free(name, TRUE);
}

/* _sd_name_valid - 1 to 32 printable US-ASCII characters but '=', ' ', ']' and '"' */
static gboolean
_sd_name_valid(const gchar *name, gsize len)
{
  if (len == 0 || len > TF_SDATA_NAME_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++) {
    guchar c = name[i];

    if (c <= 32 || c >= 127 || c == '=' || c == ']' || c == '"')
      return FALSE;
  }
  return TRUE;
}

/* _prepare - parse the options and look up the field handles */
static gboolean
_prepare(LogTemplateFunction *self, gpointer s, LogTemplate *parent, gint argc, gchar *argv[],
         GError **error)
{
  TfJsonState *state = (TfJsonState *)s;

  (void)self;
  (void)parent;
  state->prefix = g_strdup(".postfix.");
  state->sourcetype = g_strdup("postfix:delivery");
  state->sd_id = g_strdup("postfix-tls@32473");
  for (gint i = 1; i < argc; i++) {
    if (!_state_set_option(state, argc, argv, &i, error))
      return FALSE;
  }

  if (!state->sd_id[0]) {
    g_free(state->sd_id);
    state->sd_id = g_strdup("postfix-tls@32473");
  }
  if (!_sd_name_valid(state->sd_id, strlen(state->sd_id))) {
    g_set_error(error, LOG_TEMPLATE_ERROR, LOG_TEMPLATE_ERROR_COMPILE,
                "%s: invalid --sd-id '%s': an SD-ID is 1 to %d printable ASCII characters "
                "without '=', ' ', ']' or '\"'",
                argv[0], state->sd_id, TF_SDATA_NAME_MAX);
    return FALSE;
  }
  _option_clear_if_empty(&state->sourcetype);
  _option_clear_if_empty(&state->source);
  _option_clear_if_empty(&state->index);
  state->prefix_len = strlen(state->prefix);

  _state_lookup_fields(state);
  return TRUE;
}

/* _free_state - release the option strings */
static void
_free_state(gpointer s)
{
  TfJsonState *state = (TfJsonState *)s;

  g_free(state->prefix);
  g_free(state->sourcetype);
  g_free(state->source);
  g_free(state->index);
  g_free(state->sd_id);
}

/* _span_is_one_of - whether the span equals one of the NULL-terminated words */
static gboolean
_span_is_one_of(const gchar *span, gsize len, const gchar *const *words)
{
  for (; *words; words++) {
    if (strlen(*words) == len && memcmp(span, *words, len) == 0)
      return TRUE;
  }
  return FALSE;
}

/*
 * _dynamic_kind - 1 for extra.<name>, 2 for tls.<feature>.<field> of an extension
 * feature, else 0. Only the shapes the parser writes are taken, so a value set
 * under the prefix by other means cannot make an object member appear twice.
 */
static gint
_dynamic_kind(const gchar *name, gsize len)
{
  static const gchar *const feature_fields[] = {"status", "achieved", "downgraded", "enforcement",
                                                NULL};
  static const gchar *const fixed_names[] = {"raw",      "syntax",     "level",       "status",
                                             "achieved", "downgraded", "enforcement", "verdict",
                                             "anomaly",  "requiretls", "error",       NULL};

  if (len > 6 && memcmp(name, "extra.", 6) == 0)
    return memchr(name + 6, '.', len - 6) ? 0 : 1;
  if (len <= 4 || memcmp(name, "tls.", 4) != 0)
    return 0;

  const gchar *feature = name + 4;
  const gchar *dot = memchr(feature, '.', len - 4);
  if (!dot || dot == feature)
    return 0;

  const gchar *field = dot + 1;
  gsize field_len = name + len - field;
  if (_span_is_one_of(feature, dot - feature, fixed_names) ||
      !_span_is_one_of(field, field_len, feature_fields))
    return 0;
  return 2;
}

/* _dynamic_collect - foreach callback keeping values with composed names */
static gboolean
_dynamic_collect(NVHandle handle, const gchar *name, const gchar *value, gssize value_len,
                 NVType type, gpointer user_data)
{
  TfDynamicFields *dynamic = (TfDynamicFields *)user_data;
  const TfJsonState *state = dynamic->state;

  (void)handle;
  if (type == LM_VT_NULL || strncmp(name, state->prefix, state->prefix_len) != 0)
    return FALSE;

  const gchar *relative = name + state->prefix_len;
  gsize relative_len = strlen(relative);
  gint kind = _dynamic_kind(relative, relative_len);
  if (kind == 0)
    return FALSE;

  TfDynamicField *field = &dynamic->fields[dynamic->count++];
  field->name = relative;
  field->name_len = relative_len;
  field->value = value;
  field->value_len = value_len;
  field->extra = kind == 1;
  return dynamic->count == TF_DYNAMIC_FIELDS_MAX;
}

/* _dynamic_compare - order composed names so that each object stays contiguous */
static gint
_dynamic_compare(const TfDynamicField *a, const TfDynamicField *b)
{
  if (a->extra != b->extra)
    return a->extra ? 1 : -1;
  return strcmp(a->name, b->name);
}

/* _dynamic_find - every composed-name field of the message, sorted */
static void
_dynamic_find(TfDynamicFields *dynamic, const TfJsonState *state, LogMessage *msg)
{
  dynamic->state = state;
  dynamic->count = 0;
  log_msg_values_foreach(msg, _dynamic_collect, dynamic);

  for (gsize i = 1; i < dynamic->count; i++) {
    TfDynamicField moving = dynamic->fields[i];
    gsize j = i;

    while (j > 0 && _dynamic_compare(&dynamic->fields[j - 1], &moving) > 0) {
      dynamic->fields[j] = dynamic->fields[j - 1];
      j--;
    }
    dynamic->fields[j] = moving;
  }
}

/* _dynamic_type - booleans for tls.<feature>.downgraded, strings otherwise */
static enum tf_value_type
_dynamic_type(const TfDynamicField *field)
{
  static const gchar suffix[] = ".downgraded";
  gsize suffix_len = sizeof(suffix) - 1;

  if (field->extra || field->name_len < suffix_len)
    return TF_TYPE_STRING;
  if (memcmp(field->name + field->name_len - suffix_len, suffix, suffix_len) != 0)
    return TF_TYPE_STRING;
  return TF_TYPE_BOOLEAN;
}

/* _field_value - the value of a fixed field, NULL when the message has none */
static const gchar *
_field_value(const TfJsonState *state, LogMessage *msg, enum tf_field_id id, gssize *len)
{
  LogMessageValueType type;
  const gchar *value = log_msg_get_value_if_set_with_type(msg, state->fields[id], len, &type);

  if (!value || type == LM_VT_NULL)
    return NULL;
  return value;
}

/* _nest_fixed_range - the fixed fields first..last, except those in skip */
static void
_nest_fixed_range(TfJsonNest *nest, const TfJsonState *state, LogMessage *msg, gint first,
                  gint last, TfFieldMask skip)
{
  for (gint id = first; id <= last; id++) {
    gssize len;
    const gchar *value;

    if (skip & TF_FIELD_BIT(id))
      continue;
    value = _field_value(state, msg, id, &len);
    if (!value)
      continue;
    tf_json_nest_add(nest, tf_field_names[id], strlen(tf_field_names[id]), value, len,
                     _field_types[id]);
  }
}

/* _nest_dynamic - the composed-name fields of one kind */
static void
_nest_dynamic(TfJsonNest *nest, const TfDynamicFields *dynamic, gboolean extra)
{
  for (gsize i = 0; i < dynamic->count; i++) {
    const TfDynamicField *field = &dynamic->fields[i];

    if (field->extra == extra)
      tf_json_nest_add(nest, field->name, field->name_len, field->value, field->value_len,
                       _dynamic_type(field));
  }
}

/* _append_fields - every parsed field except those in skip, as members of an open object */
static void
_append_fields(GString *result, const TfJsonState *state, LogMessage *msg, TfFieldMask skip)
{
  TfDynamicFields dynamic;
  TfJsonNest nest;

  _dynamic_find(&dynamic, state, msg);
  tf_json_nest_init(&nest, result);
  _nest_fixed_range(&nest, state, msg, 0, TF_FIELD_TLS_REQUIRETLS_ENFORCEMENT, skip);
  _nest_dynamic(&nest, &dynamic, FALSE);
  _nest_fixed_range(&nest, state, msg, TF_FIELD_TLS_VERDICT, TF_FIELD_COUNT - 1, skip);
  _nest_dynamic(&nest, &dynamic, TRUE);
  tf_json_nest_finish(&nest);
}

/* _call_json - $(postfix-tls-json): all fields as one nested object */
static void
_call_json(LogTemplateFunction *self, gpointer s, const LogTemplateInvokeArgs *args,
           GString *result, LogMessageValueType *type)
{
  LogMessage *msg = args->messages[args->num_messages - 1];

  (void)self;
  g_string_append_c(result, '{');
  _append_fields(result, (TfJsonState *)s, msg, 0);
  g_string_append_c(result, '}');
  *type = LM_VT_JSON;
}

/* _ecs_outcome - event.outcome for a delivery status word */
static const gchar *
_ecs_outcome(const gchar *status, gssize len)
{
  static const gchar *const success[] = {"sent", "deliverable"};
  static const gchar *const failure[] = {"bounced", "deferred", "expired", "force-expired",
                                         "undeliverable"};

  for (gsize i = 0; i < G_N_ELEMENTS(success); i++) {
    if ((gsize)len == strlen(success[i]) && memcmp(status, success[i], len) == 0)
      return "success";
  }
  for (gsize i = 0; i < G_N_ELEMENTS(failure); i++) {
    if ((gsize)len == strlen(failure[i]) && memcmp(status, failure[i], len) == 0)
      return "failure";
  }
  return "unknown";
}

/* _append_timestamp - the message's own time as an ISO 8601 UTC string with milliseconds */
static void
_append_timestamp(GString *result, const UnixTime *stamp)
{
  time_t seconds = (time_t)stamp->ut_sec;
  struct tm utc;

  gmtime_r(&seconds, &utc);
  g_string_append_printf(result, "\"%04d-%02d-%02dT%02d:%02d:%02d.%03uZ\"", utc.tm_year + 1900,
                         utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                         stamp->ut_usec / 1000);
}

/* _append_member - "key":"value" for a present value */
static void
_append_member(GString *result, gboolean *first, const gchar *key, const gchar *value, gssize len,
               enum tf_value_type type)
{
  if (!value)
    return;
  tf_json_append_key(result, first, key);
  tf_json_append_typed(result, value, len, type);
}

/* _append_ecs_event - the event object */
static void
_append_ecs_event(GString *result, const TfJsonState *state, LogMessage *msg, gboolean *first)
{
  gssize len;
  const gchar *status = _field_value(state, msg, TF_FIELD_STATUS, &len);

  tf_json_append_key(result, first, "event");
  g_string_append(result, "{\"kind\":\"event\",\"category\":[\"email\"],\"type\":[\"info\"],"
                          "\"module\":\"postfix\",\"dataset\":\"postfix.delivery\"");
  if (status) {
    g_string_append(result, ",\"action\":");
    tf_json_append_string(result, status, len);
    g_string_append(result, ",\"outcome\":\"");
    g_string_append(result, _ecs_outcome(status, len));
    g_string_append_c(result, '"');
  }
  g_string_append_c(result, '}');
}

/* _append_ecs_host - host.name, process.name and process.pid from the syslog header */
static void
_append_ecs_host(GString *result, LogMessage *msg, gboolean *first)
{
  gssize host_len, program_len, pid_len;
  const gchar *host = log_msg_get_value(msg, LM_V_HOST, &host_len);
  const gchar *program = log_msg_get_value(msg, LM_V_PROGRAM, &program_len);
  const gchar *pid = log_msg_get_value(msg, LM_V_PID, &pid_len);

  if (host_len > 0) {
    tf_json_append_key(result, first, "host");
    g_string_append(result, "{\"name\":");
    tf_json_append_string(result, host, host_len);
    g_string_append_c(result, '}');
  }
  if (program_len == 0 && pid_len == 0)
    return;

  gboolean process_first = TRUE;
  tf_json_append_key(result, first, "process");
  g_string_append_c(result, '{');
  if (program_len > 0)
    _append_member(result, &process_first, "name", program, program_len, TF_TYPE_STRING);
  if (pid_len > 0)
    _append_member(result, &process_first, "pid", pid, pid_len, TF_TYPE_NUMBER);
  g_string_append_c(result, '}');
}

/* _append_ecs_address - {"address":["..."]} under key, for a present, non-empty address */
static void
_append_ecs_address(GString *result, gboolean *first, const gchar *key, const gchar *address,
                    gssize len)
{
  if (!address || len == 0)
    return;
  tf_json_append_key(result, first, key);
  g_string_append(result, "{\"address\":[");
  tf_json_append_string(result, address, len);
  g_string_append(result, "]}");
}

/* _append_ecs_email - email.local_id, email.to.address, email.from.address */
static void
_append_ecs_email(GString *result, const TfJsonState *state, LogMessage *msg, gboolean *first)
{
  gssize queue_id_len, to_len, from_len;
  const gchar *queue_id = _field_value(state, msg, TF_FIELD_QUEUE_ID, &queue_id_len);
  const gchar *to = _field_value(state, msg, TF_FIELD_TO, &to_len);
  const gchar *from = _field_value(state, msg, TF_FIELD_FROM, &from_len);
  gboolean email_first = TRUE;

  if (!queue_id && !(to && to_len) && !(from && from_len))
    return;

  tf_json_append_key(result, first, "email");
  g_string_append_c(result, '{');
  _append_member(result, &email_first, "local_id", queue_id, queue_id_len, TF_TYPE_STRING);
  _append_ecs_address(result, &email_first, "to", to, to_len);
  _append_ecs_address(result, &email_first, "from", from, from_len);
  g_string_append_c(result, '}');
}

/* _is_ip_address - whether the relay address is an IPv4 or IPv6 literal */
static gboolean
_is_ip_address(const gchar *address, gssize len)
{
  gchar copy[64];

  if (len <= 0 || (gsize)len >= sizeof(copy))
    return FALSE;
  memcpy(copy, address, len);
  copy[len] = '\0';
  return g_hostname_is_ip_address(copy);
}

/* _append_ecs_destination - the relay as destination.*; returns the fields it covered */
static TfFieldMask
_append_ecs_destination(GString *result, const TfJsonState *state, LogMessage *msg, gboolean *first)
{
  gssize host_len, address_len, port_len;
  const gchar *host = _field_value(state, msg, TF_FIELD_RELAY_HOSTNAME, &host_len);
  const gchar *address = _field_value(state, msg, TF_FIELD_RELAY_ADDRESS, &address_len);
  const gchar *port = _field_value(state, msg, TF_FIELD_RELAY_PORT, &port_len);
  gboolean destination_first = TRUE;

  if (!address)
    return 0;

  tf_json_append_key(result, first, "destination");
  g_string_append_c(result, '{');
  _append_member(result, &destination_first, "domain", host, host_len, TF_TYPE_STRING);
  _append_member(result, &destination_first, "address", address, address_len, TF_TYPE_STRING);
  if (_is_ip_address(address, address_len))
    _append_member(result, &destination_first, "ip", address, address_len, TF_TYPE_STRING);
  _append_member(result, &destination_first, "port", port, port_len, TF_TYPE_NUMBER);
  g_string_append_c(result, '}');

  return TF_FIELD_BIT(TF_FIELD_RELAY_HOSTNAME) | TF_FIELD_BIT(TF_FIELD_RELAY_ADDRESS) |
         TF_FIELD_BIT(TF_FIELD_RELAY_PORT);
}

/* _append_ecs - the whole ECS document */
static void
_append_ecs(GString *result, const TfJsonState *state, LogMessage *msg)
{
  gboolean first = TRUE;
  gssize message_len;
  const gchar *message = log_msg_get_value(msg, LM_V_MESSAGE, &message_len);
  TfFieldMask skip =
      TF_FIELD_BIT(TF_FIELD_QUEUE_ID) | TF_FIELD_BIT(TF_FIELD_TO) | TF_FIELD_BIT(TF_FIELD_FROM);

  g_string_append_c(result, '{');
  tf_json_append_key(result, &first, "@timestamp");
  _append_timestamp(result, &msg->timestamps[LM_TS_STAMP]);
  g_string_append(result, ",\"ecs\":{\"version\":\"" TF_ECS_VERSION "\"}");
  _append_ecs_event(result, state, msg, &first);
  _append_member(result, &first, "message", message, message_len, TF_TYPE_STRING);
  _append_ecs_host(result, msg, &first);
  _append_ecs_email(result, state, msg, &first);
  skip |= _append_ecs_destination(result, state, msg, &first);

  tf_json_append_key(result, &first, "postfix");
  g_string_append_c(result, '{');
  _append_fields(result, state, msg, skip);
  g_string_append(result, "}}");
}

/* _call_ecs - $(postfix-tls-ecs): the ECS document */
static void
_call_ecs(LogTemplateFunction *self, gpointer s, const LogTemplateInvokeArgs *args, GString *result,
          LogMessageValueType *type)
{
  (void)self;
  _append_ecs(result, (TfJsonState *)s, args->messages[args->num_messages - 1]);
  *type = LM_VT_JSON;
}

/* _append_hec_fields - the indexed fields of a HEC event: strings only */
static void
_append_hec_fields(GString *result, const TfJsonState *state, LogMessage *msg)
{
  static const struct {
    const gchar *key;
    enum tf_field_id id;
  } indexed[] = {
      {"postfix_status", TF_FIELD_STATUS},
      {"postfix_relay", TF_FIELD_RELAY_HOSTNAME},
      {"postfix_tls_level", TF_FIELD_TLS_LEVEL},
      {"postfix_tls_verdict", TF_FIELD_TLS_VERDICT},
  };
  gboolean first = TRUE;

  g_string_append(result, ",\"fields\":{");
  for (gsize i = 0; i < G_N_ELEMENTS(indexed); i++) {
    gssize len;
    const gchar *value = _field_value(state, msg, indexed[i].id, &len);

    _append_member(result, &first, indexed[i].key, value, len, TF_TYPE_STRING);
  }
  g_string_append_c(result, '}');
}

/* _call_hec - $(postfix-tls-hec): a Splunk HEC event around the ECS document */
static void
_call_hec(LogTemplateFunction *self, gpointer s, const LogTemplateInvokeArgs *args, GString *result,
          LogMessageValueType *type)
{
  const TfJsonState *state = (TfJsonState *)s;
  LogMessage *msg = args->messages[args->num_messages - 1];
  const UnixTime *stamp = &msg->timestamps[LM_TS_STAMP];
  gboolean first = FALSE;
  gssize host_len;
  const gchar *host = log_msg_get_value(msg, LM_V_HOST, &host_len);

  (void)self;
  g_string_append_printf(result, "{\"time\":%" G_GINT64_FORMAT ".%03u", stamp->ut_sec,
                         stamp->ut_usec / 1000);
  if (host_len > 0)
    _append_member(result, &first, "host", host, host_len, TF_TYPE_STRING);
  _append_member(result, &first, "source", state->source, -1, TF_TYPE_STRING);
  _append_member(result, &first, "sourcetype", state->sourcetype, -1, TF_TYPE_STRING);
  _append_member(result, &first, "index", state->index, -1, TF_TYPE_STRING);
  g_string_append(result, ",\"event\":");
  _append_ecs(result, state, msg);
  _append_hec_fields(result, state, msg);
  g_string_append_c(result, '}');
  *type = LM_VT_JSON;
}

/* _append_sdata_param - one SD-PARAM; names too long for RFC 5424 are left out */
static void
_append_sdata_param(GString *result, const gchar *name, gsize name_len, const gchar *value,
                    gssize value_len)
{
  if (!_sd_name_valid(name, name_len))
    return;
  g_string_append_c(result, ' ');
  g_string_append_len(result, name, name_len);
  g_string_append(result, "=\"");
  tf_sdata_append_value(result, value, value_len);
  g_string_append_c(result, '"');
}

/* _call_sdata - $(postfix-tls-sdata): one SD-ELEMENT with every field */
static void
_call_sdata(LogTemplateFunction *self, gpointer s, const LogTemplateInvokeArgs *args,
            GString *result, LogMessageValueType *type)
{
  const TfJsonState *state = (TfJsonState *)s;
  LogMessage *msg = args->messages[args->num_messages - 1];
  TfDynamicFields dynamic;

  (void)self;
  _dynamic_find(&dynamic, state, msg);
  g_string_append_c(result, '[');
  g_string_append(result, state->sd_id);
  for (gint id = 0; id < TF_FIELD_COUNT; id++) {
    gssize len;
    const gchar *value = _field_value(state, msg, id, &len);

    if (value)
      _append_sdata_param(result, tf_field_names[id], strlen(tf_field_names[id]), value, len);
  }
  for (gsize i = 0; i < dynamic.count; i++) {
    const TfDynamicField *field = &dynamic.fields[i];

    _append_sdata_param(result, field->name, field->name_len, field->value, field->value_len);
  }
  g_string_append_c(result, ']');
  *type = LM_VT_STRING;
}

/* tf_postfix_tls_utf8 - $(postfix-tls-utf8 ARG...): the arguments, joined by spaces, as UTF-8 */
static void
tf_postfix_tls_utf8(LogMessage *msg, gint argc, GString *argv[], GString *result,
                    LogMessageValueType *type)
{
  (void)msg;
  for (gint i = 0; i < argc; i++) {
    if (i > 0)
      g_string_append_c(result, ' ');
    tf_utf8_append(result, argv[i]->str, argv[i]->len);
  }
  *type = LM_VT_STRING;
}

TEMPLATE_FUNCTION_SIMPLE(tf_postfix_tls_utf8);
TEMPLATE_FUNCTION(TfJsonState, tf_postfix_tls_json, _prepare, NULL, _call_json, _free_state, NULL);
TEMPLATE_FUNCTION(TfJsonState, tf_postfix_tls_ecs, _prepare, NULL, _call_ecs, _free_state, NULL);
TEMPLATE_FUNCTION(TfJsonState, tf_postfix_tls_hec, _prepare, NULL, _call_hec, _free_state, NULL);
TEMPLATE_FUNCTION(TfJsonState, tf_postfix_tls_sdata, _prepare, NULL, _call_sdata, _free_state,
                  NULL);
