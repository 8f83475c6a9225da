/* SPDX-License-Identifier: MIT */
/*
 * NAME
 *   json.c - the JSON escape of one byte, shared by every JSON writer
 *
 * SYNOPSIS
 *   #include "record.h"
 *
 *   size_t tf_json_escape_byte(unsigned char byte, char out[TF_JSON_ESCAPE_MAX]);
 *
 * DESCRIPTION
 *   tf_json_escape_byte() writes the escape of a byte that a JSON string
 *   must not hold raw: '"' and '\' and the control bytes as \" \\ \n \r \t
 *   or \u00XX, and any other byte the caller chooses to escape as \u00XX.
 *   It returns the number of bytes written (2 or 6); out is not
 *   NUL-terminated. Which bytes need escaping is the caller's decision
 *   (the rsyslog helper also escapes DEL; the template functions pass
 *   UTF-8 through), so both write the same escape for the same byte.
 */
#include "record.h"

#include <string.h>

/* tf_json_escape_byte - the JSON escape of one byte */
size_t
tf_json_escape_byte(unsigned char byte, char out[TF_JSON_ESCAPE_MAX])
{
  static const char hex[] = "0123456789abcdef";

  switch (byte) {
  case '"':
    memcpy(out, "\\\"", 2);
    return 2;
  case '\\':
    memcpy(out, "\\\\", 2);
    return 2;
  case '\n':
    memcpy(out, "\\n", 2);
    return 2;
  case '\r':
    memcpy(out, "\\r", 2);
    return 2;
  case '\t':
    memcpy(out, "\\t", 2);
    return 2;
  default:
    memcpy(out, "\\u00", 4);
    out[4] = hex[byte >> 4];
    out[5] = hex[byte & 0x0f];
    return 6;
  }
}
