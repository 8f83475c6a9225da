/* SPDX-License-Identifier: MIT */
/*
 * answer.c - build the JSON reply for rsyslog's mmexternal
 *
 * The record's fields arrive as a flat, ordered list of dotted relative
 * names. answer_set_record() first arranges them into a small tree (a node
 * per name segment, children in first-seen order) so that fields sharing a
 * parent end up in one JSON object even when the list interleaves them,
 * then writes the tree depth first. The tree lives on the stack: a record
 * holds at most TF_RECORD_FIELDS_MAX fields of at most three segments.
 *
 * Values: strings are escaped ('"', '\', control bytes as \uXXXX; bytes
 * from 0x80 up are copied, the caller has checked they form valid UTF-8).
 * Numbers are written in JSON's number syntax ("05" as 5, ".5" as 0.5, "5."
 * as 5). A field whose value does not fit its declared type is written as a
 * string rather than breaking the reply. A field whose name collides with
 * an earlier one (a value where an object is needed, or a repeat) is left
 * out; records built by tf_record_build() have no such collisions.
 */
#include "answer.h"

#include <stdlib.h>
#include <string.h>

#define ANSWER_SEGMENTS_MAX 4
#define ANSWER_NODES_MAX (TF_RECORD_FIELDS_MAX * 3 + 1)
#define ANSWER_NO_NODE (-1)

static const char answer_unchanged[] = "{}\n";
static const char answer_head[] = "{\"$!\":{\"postfix\":";
static const char answer_tail[] = "}}\n";

typedef struct answer_node {
  tf_span name;
  const tf_field *field; /* NULL for an object */
  int first_child;
  int last_child;
  int next_sibling;
} answer_node;

typedef struct answer_tree {
  int nnodes;
  answer_node nodes[ANSWER_NODES_MAX];
} answer_tree;

/* _answer_reserve - make room for extra more bytes */
static bool
_answer_reserve(answer *reply, size_t extra)
{
  size_t wanted;
  char *grown;

  if (reply->size - reply->len >= extra)
    return true;

  wanted = reply->size ? reply->size : 4096;
  while (wanted - reply->len < extra) {
    if (wanted > ((size_t)-1) / 2)
      return false;
    wanted *= 2;
  }

  grown = realloc(reply->text, wanted);
  if (!grown)
    return false;
  reply->text = grown;
  reply->size = wanted;
  return true;
}

/* _answer_append - copy bytes that need no escaping */
static bool
_answer_append(answer *reply, const char *bytes, size_t len)
{
  if (!_answer_reserve(reply, len))
    return false;

  memcpy(reply->text + reply->len, bytes, len);
  reply->len += len;
  return true;
}

/* _answer_needs_escape - true for bytes JSON does not allow raw in a string */
static bool
_answer_needs_escape(unsigned char byte)
{
  return byte < 0x20 || byte == '"' || byte == '\\' || byte == 0x7f;
}

/* _answer_write_string - a quoted, escaped JSON string */
static bool
_answer_write_string(answer *reply, tf_span text)
{
  const unsigned char *bytes = (const unsigned char *)text.ptr;
  size_t start = 0;

  if (!_answer_reserve(reply, text.len + 2))
    return false;
  reply->text[reply->len++] = '"';

  for (size_t i = 0; i < text.len; i++) {
    if (!_answer_needs_escape(bytes[i]))
      continue;
    if (!_answer_append(reply, text.ptr + start, i - start) ||
        !_answer_reserve(reply, TF_JSON_ESCAPE_MAX))
      return false;
    reply->len += tf_json_escape_byte(bytes[i], reply->text + reply->len);
    start = i + 1;
  }

  if (!_answer_append(reply, text.ptr + start, text.len - start))
    return false;
  return _answer_append(reply, "\"", 1);
}

/* _answer_is_number - decimal digits with at most one ".", at least one digit */
static bool
_answer_is_number(tf_span value)
{
  size_t digits = 0;
  size_t dots = 0;

  for (size_t i = 0; i < value.len; i++) {
    if (value.ptr[i] >= '0' && value.ptr[i] <= '9')
      digits++;
    else if (value.ptr[i] == '.')
      dots++;
    else
      return false;
  }
  return digits > 0 && dots <= 1;
}

/* _answer_write_number - the same value in JSON number syntax */
static bool
_answer_write_number(answer *reply, tf_span value)
{
  const char *dot = memchr(value.ptr, '.', value.len);
  size_t integer_len = dot ? (size_t)(dot - value.ptr) : value.len;
  size_t fraction_len = dot ? value.len - integer_len - 1 : 0;
  size_t skip = 0;

  while (skip + 1 < integer_len && value.ptr[skip] == '0')
    skip++;

  if (integer_len == 0) {
    if (!_answer_append(reply, "0", 1))
      return false;
  } else if (!_answer_append(reply, value.ptr + skip, integer_len - skip)) {
    return false;
  }

  if (fraction_len == 0)
    return true;
  if (!_answer_append(reply, ".", 1))
    return false;
  return _answer_append(reply, dot + 1, fraction_len);
}

/* _answer_is_boolean - exactly "true" or "false" */
static bool
_answer_is_boolean(tf_span value)
{
  return (value.len == 4 && memcmp(value.ptr, "true", 4) == 0) ||
         (value.len == 5 && memcmp(value.ptr, "false", 5) == 0);
}

/* _answer_write_value - one field's value with its JSON type */
static bool
_answer_write_value(answer *reply, const tf_field *field)
{
  tf_span value = field->value;

  if (!value.ptr)
    value = (tf_span){"", 0};

  if (field->type == TF_TYPE_NUMBER && _answer_is_number(value))
    return _answer_write_number(reply, value);
  if (field->type == TF_TYPE_BOOLEAN && _answer_is_boolean(value))
    return _answer_append(reply, value.ptr, value.len);
  return _answer_write_string(reply, value);
}

/* _answer_tree_add_node - a new child of parent; ANSWER_NO_NODE when full */
static int
_answer_tree_add_node(answer_tree *tree, int parent, tf_span name, const tf_field *field)
{
  answer_node *node;
  int index;

  if (tree->nnodes >= ANSWER_NODES_MAX)
    return ANSWER_NO_NODE;

  index = tree->nnodes++;
  node = &tree->nodes[index];
  node->name = name;
  node->field = field;
  node->first_child = ANSWER_NO_NODE;
  node->last_child = ANSWER_NO_NODE;
  node->next_sibling = ANSWER_NO_NODE;

  if (tree->nodes[parent].last_child == ANSWER_NO_NODE)
    tree->nodes[parent].first_child = index;
  else
    tree->nodes[tree->nodes[parent].last_child].next_sibling = index;
  tree->nodes[parent].last_child = index;
  return index;
}

/* _answer_tree_find_child - parent's child called name, or ANSWER_NO_NODE */
static int
_answer_tree_find_child(const answer_tree *tree, int parent, tf_span name)
{
  for (int child = tree->nodes[parent].first_child; child != ANSWER_NO_NODE;
       child = tree->nodes[child].next_sibling) {
    const answer_node *node = &tree->nodes[child];

    if (node->name.len == name.len && memcmp(node->name.ptr, name.ptr, name.len) == 0)
      return child;
  }
  return ANSWER_NO_NODE;
}

/* _answer_split_name - cut a dotted name into segments; 0 if any is empty */
static size_t
_answer_split_name(tf_span name, tf_span segments[ANSWER_SEGMENTS_MAX])
{
  size_t count = 0;
  size_t start = 0;

  for (size_t i = 0; i <= name.len; i++) {
    if (i < name.len && name.ptr[i] != '.')
      continue;
    if (i == start || count == ANSWER_SEGMENTS_MAX)
      return 0;
    segments[count++] = (tf_span){name.ptr + start, i - start};
    start = i + 1;
  }
  return count;
}

/* _answer_tree_add_field - place one field; false when it collides */
static bool
_answer_tree_add_field(answer_tree *tree, const tf_field *field)
{
  tf_span segments[ANSWER_SEGMENTS_MAX];
  size_t nsegments = field->name.ptr ? _answer_split_name(field->name, segments) : 0;
  int parent = 0;

  if (nsegments == 0)
    return false;

  for (size_t i = 0; i + 1 < nsegments; i++) {
    int child = _answer_tree_find_child(tree, parent, segments[i]);

    if (child == ANSWER_NO_NODE)
      child = _answer_tree_add_node(tree, parent, segments[i], NULL);
    if (child == ANSWER_NO_NODE || tree->nodes[child].field)
      return false;
    parent = child;
  }

  if (_answer_tree_find_child(tree, parent, segments[nsegments - 1]) != ANSWER_NO_NODE)
    return false;
  return _answer_tree_add_node(tree, parent, segments[nsegments - 1], field) != ANSWER_NO_NODE;
}

/* _answer_write_object - a node's children as one JSON object */
static bool
_answer_write_object(answer *reply, const answer_tree *tree, int parent)
{
  bool first = true;

  if (!_answer_append(reply, "{", 1))
    return false;

  for (int child = tree->nodes[parent].first_child; child != ANSWER_NO_NODE;
       child = tree->nodes[child].next_sibling) {
    const answer_node *node = &tree->nodes[child];

    if (!first && !_answer_append(reply, ",", 1))
      return false;
    first = false;

    if (!_answer_write_string(reply, node->name) || !_answer_append(reply, ":", 1))
      return false;
    if (node->field ? !_answer_write_value(reply, node->field)
                    : !_answer_write_object(reply, tree, child))
      return false;
  }

  return _answer_append(reply, "}", 1);
}

/* answer_init - an empty reply buffer */
void
answer_init(answer *reply)
{
  reply->text = NULL;
  reply->len = 0;
  reply->size = 0;
}

/* answer_set_unchanged - the reply that leaves the message as it is */
void
answer_set_unchanged(answer *reply)
{
  reply->len = 0;
  if (!_answer_append(reply, answer_unchanged, sizeof(answer_unchanged) - 1)) {
    /* Not even four bytes: the caller sees an empty reply and writes its own. */
    reply->len = 0;
  }
}

/* answer_set_record - the reply that sets the record's fields under $!postfix */
bool
answer_set_record(answer *reply, const tf_record *record)
{
  answer_tree tree;

  tree.nnodes = 1;
  tree.nodes[0] = (answer_node){{"", 0}, NULL, ANSWER_NO_NODE, ANSWER_NO_NODE, ANSWER_NO_NODE};
  for (size_t i = 0; i < record->nfields; i++)
    _answer_tree_add_field(&tree, &record->fields[i]);

  reply->len = 0;
  if (_answer_append(reply, answer_head, sizeof(answer_head) - 1) &&
      _answer_write_object(reply, &tree, 0) &&
      _answer_append(reply, answer_tail, sizeof(answer_tail) - 1))
    return true;

  answer_set_unchanged(reply);
  return false;
}

/* answer_free - release the buffer */
void
answer_free(answer *reply)
{
  free(reply->text);
  answer_init(reply);
}
