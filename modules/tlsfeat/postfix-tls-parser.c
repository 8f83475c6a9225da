/* SPDX-License-Identifier: MIT */
/*
 * postfix-tls-parser.c - the postfix-tls-parser() LogParser
 *
 * API and options: see postfix-tls-parser.h. What happens per message:
 *
 *   1. The input is the template() result, or $MESSAGE read in place when
 *      no template() (or the plain "$MESSAGE") is configured. With
 *      whole-line(yes), or whole-line(auto) and an empty $PROGRAM, the input
 *      is split into program and message by tf_log_line_split().
 *   2. tf_delivery_parse() decides whether this is a delivery line; if not,
 *      the parser fails. A tls= value goes through tf_tls_parse(); an
 *      invalid one fails the parser only with drop-invalid(yes). The
 *      counters processed, parsed, invalid and violations follow these
 *      outcomes.
 *   3. tf_record_build() lists the fields; each is set under prefix() with
 *      its type (integer, double, boolean or string). Handles of the fixed
 *      fields are looked up once at init; the names of extension features
 *      and unknown attributes, which are rare, are looked up when seen.
 *      Values that are bytes of $MESSAGE or $PROGRAM (within their first
 *      64 KiB) are stored as references into them instead of copies.
 *
 * Errors: none at run time beyond the parser failing; configuration values
 * are checked by the grammar with the helpers at the end of this file.
 */
#include "postfix-tls-parser.h"
#include "tlsfeat-compat.h"
#include "tlsfeat-counters.h"

#include "tlsfeat.h"
#include "record.h"

#include <string.h>

typedef struct _PostfixTlsParser {
  LogParser super;
  gchar *prefix;
  gboolean drop_invalid;
  PostfixTlsWholeLine whole_line;
  NVHandle field_handles[TF_FIELD_COUNT];
  TlsfeatCounters counters;
} PostfixTlsParser;

/* Where a field value may point: a span of a message value it can reference. */
typedef struct _PostfixTlsOrigin {
  const gchar *ptr;
  gsize len;
  NVHandle handle; /* LM_V_NONE: the bytes are not a message value */
} PostfixTlsOrigin;

/* The input of one message, split into the parts the scanner needs. */
typedef struct _PostfixTlsInput {
  tf_span body;
  tf_span program;
  PostfixTlsOrigin origins[2];
} PostfixTlsInput;

/* Indirect values address their slice of the referenced value with 16 bits. */
#define POSTFIX_TLS_INDIRECT_MAX G_MAXUINT16

/* postfix_tls_parser_set_prefix - prefix(): put in front of every field name */
void
postfix_tls_parser_set_prefix(LogParser *s, const gchar *prefix)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;

  g_free(self->prefix);
  self->prefix = g_strdup(prefix);
}

/* postfix_tls_parser_set_drop_invalid - drop-invalid(): fail on an invalid tls= value */
void
postfix_tls_parser_set_drop_invalid(LogParser *s, gboolean drop_invalid)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;

  self->drop_invalid = drop_invalid;
}

/* postfix_tls_parser_set_whole_line - whole-line(): how to find the program */
void
postfix_tls_parser_set_whole_line(LogParser *s, PostfixTlsWholeLine whole_line)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;

  self->whole_line = whole_line;
}

/* _value_type - the syslog-ng type of a field value */
static LogMessageValueType
_value_type(const tf_field *field)
{
  switch (field->type) {
  case TF_TYPE_NUMBER:
    if (memchr(field->value.ptr, '.', field->value.len))
      return LM_VT_DOUBLE;
    return TF_LM_VT_INTEGER;
  case TF_TYPE_BOOLEAN:
    return LM_VT_BOOLEAN;
  default:
    return LM_VT_STRING;
  }
}

/* _field_handle - the handle of a field: looked up at init, or now for a dynamic name */
static NVHandle
_field_handle(PostfixTlsParser *self, const tf_field *field)
{
  if (field->id < TF_FIELD_DYNAMIC)
    return self->field_handles[field->id];

  gchar *name = g_strdup_printf("%s%.*s", self->prefix, (int)field->name.len, field->name.ptr);
  NVHandle handle = log_msg_get_value_handle(name);

  g_free(name);
  return handle;
}

/* _origin_find - the message value that holds the bytes of span, or NULL */
static const PostfixTlsOrigin *
_origin_find(const PostfixTlsInput *input, tf_span span)
{
  for (gsize i = 0; i < G_N_ELEMENTS(input->origins); i++) {
    const PostfixTlsOrigin *origin = &input->origins[i];

    if (origin->handle == LM_V_NONE || span.ptr < origin->ptr)
      continue;
    if ((gsize)(span.ptr - origin->ptr) + span.len > origin->len)
      continue;
    if ((gsize)(span.ptr - origin->ptr) > POSTFIX_TLS_INDIRECT_MAX ||
        span.len > POSTFIX_TLS_INDIRECT_MAX)
      continue;
    return origin;
  }
  return NULL;
}

/* _field_set - set one field, as a reference into the input when possible */
static void
_field_set(PostfixTlsParser *self, LogMessage *msg, const PostfixTlsInput *input,
           const tf_field *field)
{
  NVHandle handle = _field_handle(self, field);
  LogMessageValueType type = _value_type(field);
  const PostfixTlsOrigin *origin = _origin_find(input, field->value);

  if (origin && log_msg_is_handle_settable_with_an_indirect_value(handle)) {
    log_msg_set_value_indirect_with_type(msg, handle, origin->handle,
                                         (guint16)(field->value.ptr - origin->ptr),
                                         (guint16)field->value.len, type);
    return;
  }
  log_msg_set_value_with_type(msg, handle, field->value.ptr, field->value.len, type);
}

/* _input_wants_whole_line - whether the input should be split as a whole log line */
static gboolean
_input_wants_whole_line(PostfixTlsParser *self, gssize program_len)
{
  if (self->whole_line == POSTFIX_TLS_WHOLE_LINE_AUTO)
    return program_len == 0;
  return self->whole_line == POSTFIX_TLS_WHOLE_LINE_YES;
}

/* _input_prepare - find the body and the program of this message; FALSE: not usable */
static gboolean
_input_prepare(PostfixTlsParser *self, LogMessage *msg, const gchar *text, gsize text_len,
               PostfixTlsInput *input)
{
  gssize program_len = 0;
  const gchar *program = log_msg_get_value(msg, LM_V_PROGRAM, &program_len);
  gboolean text_is_message = TF_LOG_PARSER_TEMPLATE(&self->super) == NULL;

  input->origins[0] =
      (PostfixTlsOrigin){text, text_len, text_is_message ? LM_V_MESSAGE : LM_V_NONE};
  input->origins[1] = (PostfixTlsOrigin){program, (gsize)program_len, LM_V_PROGRAM};
  input->body = (tf_span){text, text_len};
  input->program = (tf_span){program, (gsize)program_len};

  if (!_input_wants_whole_line(self, program_len))
    return TRUE;

  tf_span line_program, line_message;

  if (tf_log_line_split(text, text_len, &line_program, &line_message)) {
    input->program = line_program;
    input->body = line_message;
    return TRUE;
  }
  return self->whole_line != POSTFIX_TLS_WHOLE_LINE_YES;
}

/* _record_set - set every field of the record on the message */
static void
_record_set(PostfixTlsParser *self, LogMessage *msg, const PostfixTlsInput *input,
            const tf_record *record)
{
  for (gsize i = 0; i < record->nfields; i++)
    _field_set(self, msg, input, &record->fields[i]);
}

/* _message_parse - parse one message and set its fields; FALSE: the parser fails */
static gboolean
_message_parse(PostfixTlsParser *self, LogMessage **pmsg, const LogPathOptions *path_options,
               const gchar *text, gsize text_len)
{
  PostfixTlsInput input;
  tf_delivery delivery;
  tf_tls tls;
  const tf_tls *tls_parsed = NULL;
  gboolean tls_invalid = FALSE;

  if (!_input_prepare(self, *pmsg, text, text_len, &input))
    return FALSE;
  if (tf_delivery_parse(&delivery, input.body.ptr, input.body.len) != TF_OK)
    return FALSE;

  stats_counter_inc(self->counters.parsed);
  if (delivery.tls.ptr) {
    tls_invalid = tf_tls_parse(&tls, delivery.tls.ptr, delivery.tls.len) != TF_OK;
    tls_parsed = &tls;
  }
  if (tls_invalid) {
    stats_counter_inc(self->counters.invalid);
    if (self->drop_invalid)
      return FALSE;
  } else if (tls_parsed && tls.verdict == TF_STATUS_VIOLATION) {
    stats_counter_inc(self->counters.violations);
  }

  tf_span syslog_name = {NULL, 0}, service = {NULL, 0};
  tf_record record;

  if (input.program.len > 0 &&
      !tf_program_split(input.program.ptr, input.program.len, &syslog_name, &service)) {
    syslog_name = (tf_span){NULL, 0};
    service = (tf_span){NULL, 0};
  }
  tf_record_build(&record, &delivery, tls_parsed, syslog_name, service);

  _record_set(self, log_msg_make_writable(pmsg, path_options), &input, &record);
  return TRUE;
}

/* _process - LogParser entry point: keeps the payload alive while spans point into it */
static gboolean
_process(LogParser *s, LogMessage **pmsg, const LogPathOptions *path_options, const gchar *input,
         gsize input_len)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;
  NVTable *payload = nv_table_ref((*pmsg)->payload);

  stats_counter_inc(self->counters.processed);
  gboolean parsed = _message_parse(self, pmsg, path_options, input, input_len);

  nv_table_unref(payload);
  return parsed;
}

/* _template_drop_if_message - a template() of plain $MESSAGE is read in place instead */
static void
_template_drop_if_message(PostfixTlsParser *self)
{
  LogTemplate *template = TF_LOG_PARSER_TEMPLATE(&self->super);

  if (!template || !log_template_is_trivial(template))
    return;
  if (log_template_get_trivial_value_handle(template) != LM_V_MESSAGE)
    return;
  log_parser_set_template(&self->super, NULL);
}

/* _field_handles_lookup - look up the handle of every fixed field under prefix() */
static void
_field_handles_lookup(PostfixTlsParser *self)
{
  GString *name = g_string_sized_new(64);

  for (gsize id = 0; id < TF_FIELD_COUNT; id++) {
    g_string_assign(name, self->prefix);
    g_string_append(name, tf_field_names[id]);
    self->field_handles[id] = log_msg_get_value_handle(name->str);
  }
  g_string_free(name, TRUE);
}

/* _init - look up the field handles and register the counters */
static gboolean
_init(LogPipe *s)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;

  if (!log_parser_init_method(s))
    return FALSE;

  _template_drop_if_message(self);
  _field_handles_lookup(self);
  tlsfeat_counters_register(&self->counters, self->super.name ? self->super.name : "default");
  return TRUE;
}

/* _deinit - release the counters */
static gboolean
_deinit(LogPipe *s)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;

  tlsfeat_counters_unregister(&self->counters);
  return log_parser_deinit_method(s);
}

/* _clone - a new parser with every option of this one */
static LogPipe *
_clone(LogPipe *s)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;
  LogParser *cloned = postfix_tls_parser_new(s->cfg);
  LogTemplate *template = TF_LOG_PARSER_TEMPLATE(&self->super);

  log_parser_set_template(cloned, log_template_ref(template));
  postfix_tls_parser_set_prefix(cloned, self->prefix);
  postfix_tls_parser_set_drop_invalid(cloned, self->drop_invalid);
  postfix_tls_parser_set_whole_line(cloned, self->whole_line);
  return &cloned->super;
}

/* _free - release what the parser owns */
static void
_free(LogPipe *s)
{
  PostfixTlsParser *self = (PostfixTlsParser *)s;

  tlsfeat_counters_unregister(&self->counters);
  g_free(self->prefix);
  log_parser_free_method(s);
}

/* postfix_tls_parser_new - a parser with the default options */
LogParser *
postfix_tls_parser_new(GlobalConfig *cfg)
{
  PostfixTlsParser *self = g_new0(PostfixTlsParser, 1);

  log_parser_init_instance(&self->super, cfg);
  self->super.super.init = _init;
  self->super.super.deinit = _deinit;
  self->super.super.clone = _clone;
  self->super.super.free_fn = _free;
  self->super.process = _process;

  self->prefix = g_strdup(POSTFIX_TLS_PARSER_DEFAULT_PREFIX);
  self->drop_invalid = FALSE;
  self->whole_line = POSTFIX_TLS_WHOLE_LINE_AUTO;
  return &self->super;
}

/* postfix_tls_parser_prefix_is_valid - letters, digits, '_', '-' and '.' only */
gboolean
postfix_tls_parser_prefix_is_valid(const gchar *prefix)
{
  for (const gchar *c = prefix; *c; c++) {
    if (!g_ascii_isalnum(*c) && *c != '_' && *c != '-' && *c != '.')
      return FALSE;
  }
  return TRUE;
}

/* postfix_tls_parser_whole_line_lookup - the mode named by a whole-line() value */
gboolean
postfix_tls_parser_whole_line_lookup(const gchar *name, PostfixTlsWholeLine *whole_line)
{
  static const struct {
    const gchar *name;
    PostfixTlsWholeLine mode;
  } modes[] = {
      {"auto", POSTFIX_TLS_WHOLE_LINE_AUTO},
      {"yes", POSTFIX_TLS_WHOLE_LINE_YES},
      {"no", POSTFIX_TLS_WHOLE_LINE_NO},
  };

  for (gsize i = 0; i < G_N_ELEMENTS(modes); i++) {
    if (g_ascii_strcasecmp(name, modes[i].name) == 0) {
      *whole_line = modes[i].mode;
      return TRUE;
    }
  }
  return FALSE;
}
