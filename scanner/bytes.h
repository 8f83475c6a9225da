/* SPDX-License-Identifier: MIT */
/*
 * bytes.h - byte classes and small span helpers shared by the scanner files
 *
 * Private to scanner/. The classes are constant tables indexed by an
 * unsigned byte, so no call initialises anything and no locale is used.
 *
 *   TF_BYTE_*          class bits of tf_byte_class[]
 *   tf_byte_is()       true when byte c has one of the class bits
 *   tf_span_make()     a present span
 *   tf_span_equals()   span equal to a literal of known length (TF_SPAN_EQUALS)
 *   tf_swar_*()        eight bytes at a time: the first byte of a set, the
 *                      first non-digit, non-alphanumeric or relay delimiter
 *                      (little-endian GCC and Clang; other compilers and
 *                      byte orders use the byte loops only). Every class
 *                      test is exact for all 256 byte values.
 *   tf_word_starts()   whether a literal of at most eight bytes begins a word
 *                      loaded from the input (TF_WORD_STARTS); any byte order
 *   TF_LIKELY(), TF_UNLIKELY(), TF_COLD   branch and placement hints
 *   tf_byte_find()     the first byte c: eight at a time for 64 bytes, then
 *                      memchr(), so short values cost no call
 *   tf_tls_byte_reasons[]  "misplaced 'C'" or "unexpected character 'C'"
 */
#ifndef TLSFEAT_BYTES_H_INCLUDED
#define TLSFEAT_BYTES_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tlsfeat.h"

#define TF_BYTE_DIGIT 0x01      /* 0-9 */
#define TF_BYTE_LOWER 0x02      /* a-z */
#define TF_BYTE_UPPER 0x04      /* A-Z */
#define TF_BYTE_PROGRAM 0x08    /* program name: A-Z a-z 0-9 . _ / - */
#define TF_BYTE_FEATURE 0x10    /* tls feature name or final: a-z 0-9 - */
#define TF_BYTE_ATTR 0x20       /* attribute name after the first byte: a-z 0-9 _ */
#define TF_BYTE_STATUSW 0x40    /* status word: A-Z a-z 0-9 _ - */
#define TF_BYTE_RELAY_STOP 0x80 /* ends a relay host: [ ] , space */

extern const unsigned char tf_byte_class[256];
extern const char *const tf_tls_byte_reasons[256];

/* tf_byte_is - whether byte c belongs to one of the classes in mask */
static inline bool
tf_byte_is(char c, unsigned mask)
{
  return (tf_byte_class[(unsigned char)c] & mask) != 0;
}

/* tf_span_make - a present span of len bytes at ptr */
static inline tf_span
tf_span_make(const char *ptr, size_t len)
{
  tf_span span = {ptr, len};
  return span;
}

/* tf_span_equals - whether a present span holds exactly the literal text */
static inline bool
tf_span_equals(tf_span span, const char *text, size_t text_len)
{
  return span.ptr != NULL && span.len == text_len && memcmp(span.ptr, text, text_len) == 0;
}

#if defined(__GNUC__)
#define TF_LIKELY(condition) __builtin_expect(!!(condition), 1)
#define TF_UNLIKELY(condition) __builtin_expect(!!(condition), 0)
#define TF_COLD __attribute__((cold, noinline))
#else
#define TF_LIKELY(condition) (condition)
#define TF_UNLIKELY(condition) (condition)
#define TF_COLD
#endif

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TF_SWAR 1
#else
#define TF_SWAR 0
#endif

#define TF_SWAR_ONES 0x0101010101010101ULL
#define TF_SWAR_HIGHS 0x8080808080808080ULL

/* tf_swar_load - eight bytes at p as one word; the caller checks they exist */
static inline uint64_t
tf_swar_load(const char *p)
{
  uint64_t word;
  memcpy(&word, p, sizeof(word));
  return word;
}

/* tf_swar_equal - high bit set in the bytes equal to c; exact up to the first one */
static inline uint64_t
tf_swar_equal(uint64_t word, unsigned char c)
{
  uint64_t diff = word ^ (TF_SWAR_ONES * c);
  return (diff - TF_SWAR_ONES) & ~diff & TF_SWAR_HIGHS;
}

/* tf_swar_non_digit - high bit set in every byte that is not 0-9 */
static inline uint64_t
tf_swar_non_digit(uint64_t word)
{
  uint64_t offset = word ^ (TF_SWAR_ONES * '0');
  return (((offset & ~TF_SWAR_HIGHS) + TF_SWAR_ONES * 0x76) | offset) & TF_SWAR_HIGHS;
}

/* tf_swar_non_alnum - high bit set in every byte that is not 0-9, A-Z or a-z */
static inline uint64_t
tf_swar_non_alnum(uint64_t word)
{
  uint64_t low = word & ~TF_SWAR_HIGHS;
  uint64_t digit = (low + TF_SWAR_ONES * (0x80 - '0')) & ~(low + TF_SWAR_ONES * (0x7f - '9'));
  uint64_t folded = low | TF_SWAR_ONES * 0x20; /* A-Z onto a-z */
  uint64_t letter =
      (folded + TF_SWAR_ONES * (0x80 - 'a')) & ~(folded + TF_SWAR_ONES * (0x7f - 'z'));
  return (~(digit | letter) | word) & TF_SWAR_HIGHS;
}

/* tf_swar_zero_clear - high bit clear in the bytes of a word below 0x80 that are zero */
static inline uint64_t
tf_swar_zero_clear(uint64_t low)
{
  return low + TF_SWAR_ONES * 0x7f;
}

/* tf_swar_relay_stop - high bit set in the bytes "[", "]", "," and space */
static inline uint64_t
tf_swar_relay_stop(uint64_t word)
{
  uint64_t low = word & ~TF_SWAR_HIGHS;
  uint64_t other = tf_swar_zero_clear(low ^ (TF_SWAR_ONES * '[')) &
                   tf_swar_zero_clear(low ^ (TF_SWAR_ONES * ']')) &
                   tf_swar_zero_clear(low ^ (TF_SWAR_ONES * ',')) &
                   tf_swar_zero_clear(low ^ (TF_SWAR_ONES * ' '));
  return ~(other | word) & TF_SWAR_HIGHS;
}

/* tf_swar_after - the marks of the bytes after byte index, moved down to byte 0 */
static inline uint64_t
tf_swar_after(uint64_t mask, size_t index)
{
  return (mask >> (8 * index)) >> 8;
}

/* tf_word_starts - whether text (len <= 8 bytes) begins word, both in memory order */
static inline bool
tf_word_starts(uint64_t word, const char *text, size_t len)
{
  uint64_t want = 0;
  uint64_t mask = 0;

  memcpy(&want, text, len);
  memset(&mask, 0xff, len);
  return ((word ^ want) & mask) == 0;
}

#define TF_WORD_STARTS(word, literal) tf_word_starts((word), (literal), sizeof(literal) - 1)

/* tf_swar_first - index of the first byte whose high bit is set in a non-zero mask */
static inline size_t
tf_swar_first(uint64_t mask)
{
#if TF_SWAR
  return (size_t)__builtin_ctzll(mask) >> 3;
#else
  size_t index = 0;
  while (!(mask & 0x80))
    mask >>= 8, index++;
  return index;
#endif
}

/* tf_byte_find - the first byte c in [p, end), or end; short spans without a call */
static inline const char *
tf_byte_find(const char *p, const char *end, unsigned char c)
{
  const char *swar_end = end - p > 64 ? p + 64 : end;

  while (TF_SWAR && swar_end - p >= 8) {
    uint64_t found = tf_swar_equal(tf_swar_load(p), c);
    if (found != 0)
      return p + tf_swar_first(found);
    p += 8;
  }
  if (end - p > 16) {
    const char *hit = memchr(p, c, (size_t)(end - p));
    return hit != NULL ? hit : end;
  }
  while (p < end && (unsigned char)*p != c)
    p++;
  return p;
}

#define TF_SPAN_EQUALS(span, literal) tf_span_equals((span), (literal), sizeof(literal) - 1)

#endif
