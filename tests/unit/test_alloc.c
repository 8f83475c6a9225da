/* SPDX-License-Identifier: MIT */
/*
 * test_alloc.c - the scanner allocates nothing
 *
 * This test program defines malloc, calloc, realloc and free itself,
 * forwarding to glibc's allocator and counting the calls made by the test
 * thread while counting is on. It parses every line of every sample log
 * (split, delivery, tls, record) with counting on and asserts that the
 * count is exactly 0; a first test shows the counter does see a malloc.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stddef.h>

#include "record_check.h"
#include "sample_file.h"

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *ptr, size_t size);
void __libc_free(void *ptr);

static _Thread_local bool counting;
static _Thread_local size_t allocator_calls;

/* malloc - count, then forward to glibc */
void *
malloc(size_t size)
{
  allocator_calls += counting;
  return __libc_malloc(size);
}

/* calloc - count, then forward to glibc */
void *
calloc(size_t count, size_t size)
{
  allocator_calls += counting;
  return __libc_calloc(count, size);
}

/* realloc - count, then forward to glibc */
void *
realloc(void *ptr, size_t size)
{
  allocator_calls += counting;
  return __libc_realloc(ptr, size);
}

/* free - count, then forward to glibc */
void
free(void *ptr)
{
  allocator_calls += counting;
  __libc_free(ptr);
}

/* lines_parse - the whole pipeline over every line, counting on */
static size_t
lines_parse(const sample_file *sample, size_t *parsed_count)
{
  static parsed_line parsed;

  counting = true;
  allocator_calls = 0;
  for (size_t i = 0; i < sample->nlines; i++) {
    tf_span program, message, syslog_name = {NULL, 0}, service = {NULL, 0};
    if (tf_log_line_split(sample->lines[i].text, sample->lines[i].len, &program, &message))
      tf_program_split(program.ptr, program.len, &syslog_name, &service);
    if (tf_delivery_parse(&parsed.delivery, message.ptr, message.len) != TF_OK)
      continue;
    const tf_tls *tls = NULL;
    if (parsed.delivery.tls.ptr != NULL) {
      tf_tls_parse(&parsed.tls, parsed.delivery.tls.ptr, parsed.delivery.tls.len);
      tls = &parsed.tls;
    }
    tf_record_build(&parsed.record, &parsed.delivery, tls, syslog_name, service);
    (*parsed_count)++;
  }
  counting = false;
  return allocator_calls;
}

Test(alloc, counter_sees_allocations)
{
  void *(*volatile allocate)(size_t) = malloc;
  void (*volatile release)(void *) = free;

  counting = true;
  allocator_calls = 0;
  release(allocate(32));
  counting = false;
  cr_assert_eq(allocator_calls, 2);
}

Test(alloc, scanner_allocates_nothing)
{
  char path[1024];
  size_t parsed_count = 0;

  for (size_t i = 0; i < sample_count; i++) {
    sample_file sample;
    cr_assert(sample_load(&sample, sample_path(sample_names[i], path, sizeof(path))),
              "cannot read %s", path);
    size_t calls = lines_parse(&sample, &parsed_count);
    sample_free(&sample);
    cr_assert_eq(calls, 0, "%zu allocator calls while parsing %s", calls, sample_names[i]);
  }
  cr_assert_gt(parsed_count, 600, "only %zu delivery lines parsed", parsed_count);
}
