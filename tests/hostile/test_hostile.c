/* SPDX-License-Identifier: MIT */
/*
 * test_hostile.c - the hostile-input table through the scanner (Criterion)
 *
 * Every row of hostile_cases.c must give exactly its expected fields, with
 * the product's types, or fail as not a delivery line. A mismatch names the
 * row and shows the first differing line of the fields (cut to 200 bytes,
 * since some values are 1 MiB).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "hostile_cases.h"
#include "hostile_render.h"

#define HOSTILE_SHOWN 200

static hostile_table table;

/* _first_difference - byte offset of the start of the first differing line */
static size_t
_first_difference(const char *a, const char *b)
{
  size_t line = 0;

  for (size_t i = 0; a[i] && a[i] == b[i]; i++)
    if (a[i] == '\n')
      line = i + 1;
  return line;
}

/* _row_check - one row; counts it as failed through cr_expect */
static void
_row_check(const hostile_case *row)
{
  const char *type_error = NULL;
  char *got = hostile_render(row->input, row->len, &type_error);

  if (!row->expected || !got) {
    cr_expect(!row->expected && !got, "%s: expected %s, got %s", row->label,
              row->expected ? "fields" : "not a delivery line",
              got ? "fields" : "not a delivery line");
    if (got && !row->expected)
      cr_log_info("%s: got %.*s", row->label, HOSTILE_SHOWN, got);
    free(got);
    return;
  }

  size_t at = _first_difference(got, row->expected);
  cr_expect(strcmp(got, row->expected) == 0, "%s:\n  want %.*s\n  got  %.*s", row->label,
            HOSTILE_SHOWN, row->expected + at, HOSTILE_SHOWN, got + at);
  cr_expect(type_error == NULL, "%s: field %s has the wrong type", row->label,
            type_error ? type_error : "");
  free(got);
}

/* _rows_check - every row whose label starts (or does not start) with "prefix of" */
static void
_rows_check(bool prefixes)
{
  size_t checked = 0;

  for (size_t i = 0; i < table.ncases; i++) {
    bool prefix = strncmp(table.cases[i].label, "prefix of", 9) == 0;

    if (prefix != prefixes)
      continue;
    _row_check(&table.cases[i]);
    checked++;
  }
  cr_assert(checked > 0, "no rows");
}

TestSuite(hostile, .init = NULL, .fini = NULL);

Test(hostile, fixed_and_large_rows)
{
  hostile_cases_build(&table);
  _rows_check(false);
  hostile_cases_free(&table);
}

Test(hostile, every_prefix_of_real_lines)
{
  hostile_cases_build(&table);
  _rows_check(true);
  hostile_cases_free(&table);
}
