/* SPDX-License-Identifier: MIT */
/*
 * alloc-count.c - count heap allocations made while a check is armed
 *
 * Linked into the core benchmark, this file replaces malloc(), calloc(),
 * realloc() and free() for the whole process (the dynamic linker binds
 * every caller, libc included, to the executable's definitions) and
 * forwards them to glibc's own allocator. While alloc_count_arm(true) is in
 * effect, each malloc, calloc and realloc call adds one to the counter.
 *
 *   alloc_count_arm(on)     start (true) or stop (false) counting.
 *   alloc_count_read()      allocations counted since the last reset.
 *   alloc_count_reset()     set the counter to zero.
 *   alloc_count_available() false when the platform has no glibc entry
 *                           points to forward to; then nothing is counted
 *                           and the benchmark reports the check as skipped.
 *
 * The counter is a plain variable: the benchmark is single-threaded.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "alloc-count.h"

static bool alloc_armed;
static unsigned long alloc_calls;

#if defined(TF_HAVE_LIBC_MALLOC)

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *block, size_t size);
void __libc_free(void *block);

/* malloc - count the call when armed, then allocate with glibc */
void *
malloc(size_t size)
{
  if (alloc_armed)
    alloc_calls++;
  return __libc_malloc(size);
}

/* calloc - count the call when armed, then allocate zeroed memory with glibc */
void *
calloc(size_t count, size_t size)
{
  if (alloc_armed)
    alloc_calls++;
  return __libc_calloc(count, size);
}

/* realloc - count the call when armed, then resize with glibc */
void *
realloc(void *block, size_t size)
{
  if (alloc_armed)
    alloc_calls++;
  return __libc_realloc(block, size);
}

/* free - release a block through glibc; frees are not counted */
void
free(void *block)
{
  __libc_free(block);
}

/* alloc_count_available - true: glibc's entry points are there to forward to */
bool
alloc_count_available(void)
{
  return true;
}

#else

/* alloc_count_available - false: no glibc entry points, nothing is counted */
bool
alloc_count_available(void)
{
  return false;
}

#endif

/* alloc_count_arm - start (true) or stop (false) counting */
void
alloc_count_arm(bool on)
{
  alloc_armed = on;
}

/* alloc_count_reset - set the counter to zero */
void
alloc_count_reset(void)
{
  alloc_calls = 0;
}

/* alloc_count_read - allocations counted since the last reset */
unsigned long
alloc_count_read(void)
{
  return alloc_calls;
}
