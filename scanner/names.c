/* SPDX-License-Identifier: MIT */
/*
 * NAME
 *   names.c - output names of the scanner's enums, and error text
 *
 * SYNOPSIS
 *   #include "tlsfeat.h"
 *
 *   size_t tf_describe_error(const char *reason, size_t offset,
 *                            char *buf, size_t size);
 *   const char *tf_status_name(enum tf_status status);
 *   const char *tf_enforcement_name(enum tf_enforcement enforcement);
 *   const char *tf_syntax_name(enum tf_syntax syntax);
 *
 * DESCRIPTION
 *   tf_describe_error() writes "REASON at offset N" into buf, cut to fit
 *   and always NUL-terminated when size > 0, and returns the number of
 *   bytes written before the NUL. It calls no stdio function.
 *
 *   The *_name() functions return static strings as they appear in the
 *   output fields: "compliant", "violation", "undecided"; "full",
 *   "relaxed" (NULL for TF_ENFORCEMENT_ABSENT); "final", "draft". An
 *   out-of-range value gives NULL.
 */
#include "tlsfeat.h"

/* tf_text_append - copy len bytes of text into buf while room is left */
static size_t
tf_text_append(char *buf, size_t size, size_t used, const char *text, size_t len)
{
  for (size_t i = 0; i < len && used + 1 < size; i++)
    buf[used++] = text[i];
  return used;
}

/* tf_describe_error - "REASON at offset N" into buf */
size_t
tf_describe_error(const char *reason, size_t offset, char *buf, size_t size)
{
  static const char at_offset[] = " at offset ";
  char digits[24];
  size_t ndigits = 0;
  size_t used = 0;

  if (size == 0)
    return 0;
  for (const char *c = reason; c != NULL && *c != '\0' && used + 1 < size; c++)
    buf[used++] = *c;
  used = tf_text_append(buf, size, used, at_offset, sizeof(at_offset) - 1);

  do {
    digits[ndigits++] = (char)('0' + offset % 10);
    offset /= 10;
  } while (offset > 0);
  while (ndigits > 0 && used + 1 < size)
    buf[used++] = digits[--ndigits];

  buf[used] = '\0';
  return used;
}

/* tf_status_name - "compliant", "violation" or "undecided" */
const char *
tf_status_name(enum tf_status status)
{
  switch (status) {
  case TF_STATUS_COMPLIANT:
    return "compliant";
  case TF_STATUS_VIOLATION:
    return "violation";
  case TF_STATUS_UNDECIDED:
    return "undecided";
  }
  return NULL;
}

/* tf_enforcement_name - "full", "relaxed", or NULL when absent */
const char *
tf_enforcement_name(enum tf_enforcement enforcement)
{
  switch (enforcement) {
  case TF_ENFORCEMENT_FULL:
    return "full";
  case TF_ENFORCEMENT_RELAXED:
    return "relaxed";
  case TF_ENFORCEMENT_ABSENT:
    return NULL;
  }
  return NULL;
}

/* tf_syntax_name - "final" or "draft" */
const char *
tf_syntax_name(enum tf_syntax syntax)
{
  switch (syntax) {
  case TF_SYNTAX_FINAL:
    return "final";
  case TF_SYNTAX_DRAFT:
    return "draft";
  }
  return NULL;
}
