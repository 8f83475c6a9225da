/* SPDX-License-Identifier: MIT */
/*
 * sample_file.h - load a sample log of tests/data into memory, split in lines
 *
 *   sample_path()   TF_TEST_DATA_DIR (set by `make check`) or the source
 *                   tree's tests/data, joined with a file name
 *   sample_load()   reads the whole file; lines without their "\n"; false
 *                   (and a message on stderr) when the file cannot be read
 *   sample_free()   releases what sample_load() allocated
 */
#ifndef TF_SAMPLE_FILE_H_INCLUDED
#define TF_SAMPLE_FILE_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>

typedef struct sample_line {
  const char *text;
  size_t len;
} sample_line;

typedef struct sample_file {
  char *bytes;
  size_t size;
  sample_line *lines;
  size_t nlines;
} sample_file;

/* The sample logs of tests/data and their expected records. */
extern const char *const sample_names[];
extern const size_t sample_count;

const char *sample_path(const char *name, char *buf, size_t size);
bool sample_load(sample_file *sample, const char *path);
void sample_free(sample_file *sample);

#endif
