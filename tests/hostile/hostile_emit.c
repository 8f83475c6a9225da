/* SPDX-License-Identifier: MIT */
/*
 * hostile_emit.c - write the hostile table for the syslog-ng pipeline driver
 *
 * Usage: hostile-emit FILE. Writes every row of hostile_cases.c as a header
 * line "LABEL_LEN INPUT_LEN EXPECTED_LEN\n" (EXPECTED_LEN is -1 for a row
 * that is not a delivery line) followed by the label, input and expected
 * bytes. Exits 1 when FILE cannot be written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile_cases.h"

/* main - write every row of the table to FILE */
int
main(int argc, char **argv)
{
  hostile_table table;

  if (argc != 2) {
    fprintf(stderr, "usage: hostile-emit FILE\n");
    return 2;
  }
  FILE *out = fopen(argv[1], "wb");
  if (!out) {
    perror(argv[1]);
    return 1;
  }

  hostile_cases_build(&table);
  for (size_t i = 0; i < table.ncases; i++) {
    const hostile_case *row = &table.cases[i];
    long expected_len = row->expected ? (long)strlen(row->expected) : -1;

    fprintf(out, "%zu %zu %ld\n", strlen(row->label), row->len, expected_len);
    fwrite(row->label, 1, strlen(row->label), out);
    fwrite(row->input, 1, row->len, out);
    if (row->expected)
      fwrite(row->expected, 1, (size_t)expected_len, out);
  }
  hostile_cases_free(&table);
  if (fclose(out) != 0) {
    perror(argv[1]);
    return 1;
  }
  return 0;
}
