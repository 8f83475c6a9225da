/* SPDX-License-Identifier: MIT */
/*
 * sample_file.c - load a sample log into memory, split in lines
 *
 * See sample_file.h. The file is read once with stdio; lines are spans into
 * that one buffer, so a test can run the scanner over them later without
 * any allocation of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample_file.h"

#ifndef TF_TEST_DATA_DIR_DEFAULT
#define TF_TEST_DATA_DIR_DEFAULT "tests/data"
#endif

const char *const sample_names[] = {
    "postfix-3.11.6.maillog",
    "postfix-3.11-20250912-nonprod.maillog",
    "public-shapes.log",
};
const size_t sample_count = sizeof(sample_names) / sizeof(sample_names[0]);

/* sample_path - the path of a file in the test data directory */
const char *
sample_path(const char *name, char *buf, size_t size)
{
  const char *dir = getenv("TF_TEST_DATA_DIR");

  if (dir == NULL || *dir == '\0')
    dir = TF_TEST_DATA_DIR_DEFAULT;
  snprintf(buf, size, "%s/%s", dir, name);
  return buf;
}

/* sample_read - the whole file into a new buffer */
static bool
sample_read(sample_file *sample, const char *path)
{
  FILE *file = fopen(path, "rb");
  if (file == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    return false;
  }

  size_t capacity = 1 << 16;
  sample->bytes = malloc(capacity);
  sample->size = 0;
  size_t got;
  while (sample->bytes != NULL &&
         (got = fread(sample->bytes + sample->size, 1, capacity - sample->size, file)) > 0) {
    sample->size += got;
    if (sample->size == capacity) {
      capacity *= 2;
      sample->bytes = realloc(sample->bytes, capacity);
    }
  }
  fclose(file);
  return sample->bytes != NULL;
}

/* sample_load - read a sample log and split it into lines */
bool
sample_load(sample_file *sample, const char *path)
{
  memset(sample, 0, sizeof(*sample));
  if (!sample_read(sample, path))
    return false;

  size_t capacity = 1024;
  sample->lines = malloc(capacity * sizeof(sample_line));
  size_t start = 0;
  while (start < sample->size && sample->lines != NULL) {
    const char *newline = memchr(sample->bytes + start, '\n', sample->size - start);
    size_t end = newline ? (size_t)(newline - sample->bytes) : sample->size;
    if (sample->nlines == capacity) {
      capacity *= 2;
      sample->lines = realloc(sample->lines, capacity * sizeof(sample_line));
      if (sample->lines == NULL)
        break;
    }
    sample->lines[sample->nlines].text = sample->bytes + start;
    sample->lines[sample->nlines].len = end - start;
    sample->nlines++;
    start = end + 1;
  }
  return sample->lines != NULL;
}

/* sample_free - release the buffer and the line list */
void
sample_free(sample_file *sample)
{
  free(sample->bytes);
  free(sample->lines);
  memset(sample, 0, sizeof(*sample));
}
