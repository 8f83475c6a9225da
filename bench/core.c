/* SPDX-License-Identifier: MIT */
/*
 * core.c - time the tlsfeat core against PCRE2-JIT and a memchr floor
 *
 * usage: tf-bench-core [-r ROUNDS] [-o PARSER] -p PATTERNS CORPUS
 *
 * Loads CORPUS (syslog lines "Dec  4 15:37:59 mx1 postfix/smtp[10446]: MSG",
 * as tf-gen-corpus writes them) into memory, splits each line into program
 * and message outside the timed code, and then:
 *
 *   1. checks that tlsfeat and the regular expressions of PATTERNS (see
 *      postfix-delivery.pcre) agree line by line: the same lines are
 *      delivery lines, and every named group equals tlsfeat's field of the
 *      same name (group "relay_hostname" is field "relay.hostname");
 *   2. counts heap allocations made by the tlsfeat calls over the whole
 *      corpus (alloc-count.c), which must be zero;
 *   3. runs one warm-up pass and ROUNDS (default 5) timed rounds; each round
 *      times, one after the other on the same bytes, a memchr pass that
 *      finds every line end, tlsfeat (tf_program_split, tf_delivery_parse,
 *      tf_tls_parse when tls= is present, tf_record_build) on every message,
 *      and the PCRE2-JIT patterns on every message (first match wins, every
 *      set group counted as an extracted field).
 *
 * With -o PARSER (memchr, tlsfeat or pcre2) step 3 runs only that parser,
 * ROUNDS times, and prints its median: a steady load for a profiler such
 * as perf record.
 *
 * Times are the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), not wall time,
 * so a process that other work keeps off the CPU is not charged for the wait.
 *
 * Prints a table of median ns/line (with the fastest and slowest round, to
 * show how noisy the machine was) and the ratios, then machine-readable
 * lines "result NAME VALUE" for the summary of `make bench`.
 *
 * Exit status: 0 when the checks pass; 1 when the parsers disagree or the
 * core allocates; 2 on a usage, file or pattern error.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "alloc-count.h"
#include "record.h"
#include "tlsfeat.h"

#define PATTERNS_MAX 8
#define ROUNDS_MAX 99
#define MISMATCHES_SHOWN 5

typedef struct bench_line {
  tf_span program; /* "postfix/smtp"; absent when the line has no header */
  tf_span message;
} bench_line;

typedef struct bench_corpus {
  char *bytes;
  size_t size;
  bench_line *lines;
  size_t nlines;
} bench_corpus;

typedef struct bench_pattern {
  pcre2_code *code;
  int field_of_group[64]; /* tf_field_id per group number, -1 if none */
  int ngroups;
} bench_pattern;

typedef struct bench_regex {
  bench_pattern patterns[PATTERNS_MAX];
  size_t npatterns;
  pcre2_match_data *match;
  bool compared[TF_FIELD_COUNT]; /* fields some pattern extracts */
} bench_regex;

typedef struct bench_timing {
  const char *name;
  double ns_per_line[ROUNDS_MAX];
  double median, fastest, slowest;
} bench_timing;

static tf_record record_scratch;
static volatile size_t checksum_sink;

/* clock_ns - CPU time of this thread in nanoseconds: time spent waiting for a busy CPU is
 * not counted, so other work on the machine disturbs the ratios less */
static uint64_t
clock_ns(void)
{
  struct timespec now;

  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* file_read - the whole file into one heap buffer */
static char *
file_read(const char *path, size_t *size)
{
  FILE *file = fopen(path, "rb");
  char *bytes = NULL;
  size_t used = 0, room = 0;

  if (file == NULL)
    return NULL;
  for (;;) {
    if (used == room) {
      room = room ? room * 2 : 1 << 20;
      char *grown = realloc(bytes, room);
      if (grown == NULL)
        break;
      bytes = grown;
    }
    size_t got = fread(bytes + used, 1, room - used, file);
    used += got;
    if (got == 0)
      break;
  }
  bool failed = ferror(file) || used == room;
  fclose(file);
  if (failed) {
    free(bytes);
    return NULL;
  }
  *size = used;
  return bytes;
}

/* line_split - program and message of "Mmm dd hh:mm:ss host program[pid]: message" */
static bench_line
line_split(const char *text, size_t len)
{
  bench_line line = {{NULL, 0}, {text, len}};
  const char *end = text + len;

  if (len < 16 || text[3] != ' ' || text[15] != ' ')
    return line;
  const char *host_end = memchr(text + 16, ' ', (size_t)(end - text - 16));
  if (host_end == NULL)
    return line;
  const char *program = host_end + 1;
  const char *colon = memchr(program, ':', (size_t)(end - program));
  if (colon == NULL || colon + 1 >= end || colon[1] != ' ')
    return line;
  const char *program_end = colon;
  if (colon[-1] == ']') {
    program_end = memchr(program, '[', (size_t)(colon - program));
    if (program_end == NULL)
      return line;
  }

  line.program = (tf_span){program, (size_t)(program_end - program)};
  line.message = (tf_span){colon + 2, (size_t)(end - colon - 2)};
  return line;
}

/* corpus_load - read the corpus and split it into lines */
static bool
corpus_load(bench_corpus *corpus, const char *path)
{
  corpus->bytes = file_read(path, &corpus->size);
  if (corpus->bytes == NULL)
    return false;

  size_t room = 1024;
  corpus->lines = malloc(room * sizeof(corpus->lines[0]));
  corpus->nlines = 0;
  const char *cursor = corpus->bytes, *end = corpus->bytes + corpus->size;
  while (cursor < end && corpus->lines != NULL) {
    const char *newline = memchr(cursor, '\n', (size_t)(end - cursor));
    const char *line_end = newline ? newline : end;
    if (corpus->nlines == room) {
      room *= 2;
      bench_line *grown = realloc(corpus->lines, room * sizeof(corpus->lines[0]));
      if (grown == NULL)
        break;
      corpus->lines = grown;
    }
    corpus->lines[corpus->nlines++] = line_split(cursor, (size_t)(line_end - cursor));
    cursor = line_end + 1;
  }
  return corpus->lines != NULL && cursor >= end;
}

/* name_matches - a group name equals a field name when "_" may stand for "." */
static bool
name_matches(const char *group_name, const char *field_name)
{
  for (; *group_name != '\0' && *field_name != '\0'; group_name++, field_name++) {
    bool same = *group_name == *field_name || (*group_name == '_' && *field_name == '.');
    if (!same)
      return false;
  }
  return *group_name == *field_name;
}

/* field_find - the tf_field_id a group name stands for, or -1 */
static int
field_find(const char *group_name)
{
  for (int id = 0; id < TF_FIELD_COUNT; id++)
    if (name_matches(group_name, tf_field_names[id]))
      return id;
  return -1;
}

/* pattern_compile - compile one pattern with JIT and map its named groups */
static bool
pattern_compile(bench_regex *regex, const char *source, size_t len)
{
  bench_pattern *pattern = &regex->patterns[regex->npatterns];
  int error;
  PCRE2_SIZE error_offset;

  pattern->code = pcre2_compile((PCRE2_SPTR)source, len, 0, &error, &error_offset, NULL);
  if (pattern->code == NULL) {
    PCRE2_UCHAR reason[160];
    pcre2_get_error_message(error, reason, sizeof(reason));
    fprintf(stderr, "tf-bench-core: pattern %zu: %s at offset %zu\n", regex->npatterns + 1,
            (char *)reason, (size_t)error_offset);
    return false;
  }
  if (pcre2_jit_compile(pattern->code, PCRE2_JIT_COMPLETE) != 0) {
    fprintf(stderr, "tf-bench-core: pattern %zu: PCRE2 has no JIT on this platform\n",
            regex->npatterns + 1);
    return false;
  }

  uint32_t count, entry_size;
  PCRE2_SPTR table;
  pcre2_pattern_info(pattern->code, PCRE2_INFO_CAPTURECOUNT, &count);
  pattern->ngroups = (int)count;
  for (size_t i = 0; i < sizeof(pattern->field_of_group) / sizeof(int); i++)
    pattern->field_of_group[i] = -1;
  pcre2_pattern_info(pattern->code, PCRE2_INFO_NAMECOUNT, &count);
  pcre2_pattern_info(pattern->code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(pattern->code, PCRE2_INFO_NAMETABLE, &table);
  for (uint32_t i = 0; i < count; i++) {
    PCRE2_SPTR entry = table + i * entry_size;
    int group = (entry[0] << 8) | entry[1];
    int id = field_find((const char *)entry + 2);
    if (id < 0 || group >= 64) {
      fprintf(stderr, "tf-bench-core: pattern %zu: group '%s' names no tlsfeat field\n",
              regex->npatterns + 1, (const char *)entry + 2);
      return false;
    }
    pattern->field_of_group[group] = id;
    regex->compared[id] = true;
  }
  regex->npatterns++;
  return true;
}

/* patterns_join - rewrite the file text in place as one pattern per line: comments and blank
 * lines dropped, continuation lines (starting with a space or tab) appended to the pattern
 * above without their leading blanks; returns the new length */
static size_t
patterns_join(char *text, size_t size)
{
  size_t read = 0, written = 0;

  while (read < size) {
    const char *newline = memchr(text + read, '\n', size - read);
    size_t line_end = newline ? (size_t)(newline - text) : size;
    size_t start = read;
    bool continued = text[start] == ' ' || text[start] == '\t';

    read = line_end + 1;
    while (start < line_end && (text[start] == ' ' || text[start] == '\t'))
      start++;
    if (start == line_end || (!continued && text[start] == '#'))
      continue;
    if (!continued && written > 0)
      text[written++] = '\n';
    memmove(text + written, text + start, line_end - start);
    written += line_end - start;
  }
  return written;
}

/* regex_load - compile every pattern of the file */
static bool
regex_load(bench_regex *regex, const char *path)
{
  size_t size;
  char *text = file_read(path, &size);

  if (text == NULL) {
    fprintf(stderr, "tf-bench-core: %s: %s\n", path, strerror(errno));
    return false;
  }
  size = patterns_join(text, size);

  const char *cursor = text, *end = text + size;
  bool compiled = true;
  while (cursor < end && compiled) {
    const char *newline = memchr(cursor, '\n', (size_t)(end - cursor));
    const char *line_end = newline ? newline : end;
    if (regex->npatterns == PATTERNS_MAX) {
      fprintf(stderr, "tf-bench-core: %s: more than %d patterns\n", path, PATTERNS_MAX);
      compiled = false;
      break;
    }
    compiled = pattern_compile(regex, cursor, (size_t)(line_end - cursor));
    cursor = line_end + 1;
  }
  free(text);
  if (compiled && regex->npatterns == 0)
    fprintf(stderr, "tf-bench-core: %s: no pattern\n", path);
  regex->match = pcre2_match_data_create(64, NULL);
  return compiled && regex->npatterns > 0 && regex->match != NULL;
}

/* tlsfeat_parse - the work a front end does per message; returns the field count */
static size_t
tlsfeat_parse(const bench_line *line, tf_record *record)
{
  tf_delivery delivery;
  tf_tls tls;
  tf_span syslog_name = {NULL, 0}, service = {NULL, 0};

  if (line->program.ptr != NULL)
    tf_program_split(line->program.ptr, line->program.len, &syslog_name, &service);
  if (tf_delivery_parse(&delivery, line->message.ptr, line->message.len) != TF_OK)
    return 0;
  if (delivery.tls.ptr != NULL)
    tf_tls_parse(&tls, delivery.tls.ptr, delivery.tls.len);
  tf_record_build(record, &delivery, delivery.tls.ptr != NULL ? &tls : NULL, syslog_name, service);
  return record->nfields;
}

/* regex_parse - the first matching pattern's index, or -1; ngroups set */
static int
regex_parse(bench_regex *regex, const bench_line *line, size_t *nfields)
{
  *nfields = 0;
  for (size_t i = 0; i < regex->npatterns; i++) {
    int rc = pcre2_jit_match(regex->patterns[i].code, (PCRE2_SPTR)line->message.ptr,
                             line->message.len, 0, 0, regex->match, NULL);
    if (rc <= 0)
      continue;

    PCRE2_SIZE *offsets = pcre2_get_ovector_pointer(regex->match);
    for (int group = 1; group < rc; group++)
      if (offsets[2 * group] != PCRE2_UNSET)
        (*nfields)++;
    return (int)i;
  }
  return -1;
}

/* span_show - print a span for a mismatch report, or "(absent)" */
static void
span_show(const char *label, tf_span span)
{
  if (span.ptr == NULL)
    fprintf(stderr, "    %s: (absent)\n", label);
  else
    fprintf(stderr, "    %s: '%.*s'\n", label, (int)span.len, span.ptr);
}

/* line_compare - compare both parsers on one line; returns the mismatches found */
static size_t
line_compare(bench_regex *regex, const bench_line *line, size_t number, bool *is_delivery,
             size_t *compared)
{
  tf_span by_tlsfeat[TF_FIELD_COUNT] = {{NULL, 0}};
  tf_span by_regex[TF_FIELD_COUNT] = {{NULL, 0}};
  size_t regex_fields, mismatches = 0;

  *is_delivery = tlsfeat_parse(line, &record_scratch) > 0;
  for (size_t i = 0; *is_delivery && i < record_scratch.nfields; i++)
    if (record_scratch.fields[i].id < TF_FIELD_COUNT)
      by_tlsfeat[record_scratch.fields[i].id] = record_scratch.fields[i].value;

  int matched = regex_parse(regex, line, &regex_fields);
  if (matched >= 0) {
    const bench_pattern *pattern = &regex->patterns[matched];
    PCRE2_SIZE *offsets = pcre2_get_ovector_pointer(regex->match);
    for (int group = 1; group <= pattern->ngroups; group++)
      if (pattern->field_of_group[group] >= 0 && offsets[2 * group] != PCRE2_UNSET)
        by_regex[pattern->field_of_group[group]] = (tf_span){
            line->message.ptr + offsets[2 * group], offsets[2 * group + 1] - offsets[2 * group]};
  }

  if (*is_delivery != (matched >= 0)) {
    fprintf(stderr, "line %zu: tlsfeat %s it a delivery line, the regex %s\n  %.*s\n", number,
            *is_delivery ? "finds" : "does not find", matched >= 0 ? "does" : "does not",
            (int)line->message.len, line->message.ptr);
    return 1;
  }
  for (int id = 0; id < TF_FIELD_COUNT; id++) {
    if (!regex->compared[id])
      continue;
    (*compared)++;
    tf_span mine = by_tlsfeat[id], theirs = by_regex[id];
    bool same = (mine.ptr == NULL) == (theirs.ptr == NULL) &&
                (mine.ptr == NULL ||
                 (mine.len == theirs.len && memcmp(mine.ptr, theirs.ptr, mine.len) == 0));
    if (same)
      continue;
    if (mismatches++ == 0)
      fprintf(stderr, "line %zu: field %s differs\n  %.*s\n", number, tf_field_names[id],
              (int)line->message.len, line->message.ptr);
    span_show("tlsfeat", mine);
    span_show("regex", theirs);
  }
  return mismatches;
}

/* parsers_compare - step 1: both parsers agree on every line */
static bool
parsers_compare(bench_regex *regex, const bench_corpus *corpus, size_t *delivery_lines)
{
  size_t bad_lines = 0, compared = 0;
  bool is_delivery;

  *delivery_lines = 0;
  for (size_t i = 0; i < corpus->nlines && bad_lines < MISMATCHES_SHOWN; i++) {
    if (line_compare(regex, &corpus->lines[i], i + 1, &is_delivery, &compared) > 0)
      bad_lines++;
    if (is_delivery)
      (*delivery_lines)++;
  }

  printf("check: agreement of tlsfeat and the regex on %zu lines (%zu field values): %s\n",
         corpus->nlines, compared, bad_lines == 0 ? "ok" : "FAILED");
  printf("result core.delivery_lines %zu\n", *delivery_lines);
  return bad_lines == 0;
}

/* allocations_check - step 2: tlsfeat allocates nothing per message */
static bool
allocations_check(const bench_corpus *corpus)
{
  size_t fields = 0;

  if (!alloc_count_available()) {
    printf("check: allocations in the core: skipped (no glibc allocator to interpose)\n");
    return true;
  }
  alloc_count_reset();
  alloc_count_arm(true);
  for (size_t i = 0; i < corpus->nlines; i++)
    fields += tlsfeat_parse(&corpus->lines[i], &record_scratch);
  alloc_count_arm(false);
  checksum_sink += fields;

  unsigned long calls = alloc_count_read();
  printf("check: allocations in the core over %zu lines: %lu (%s)\n", corpus->nlines, calls,
         calls == 0 ? "ok" : "FAILED");
  printf("result core.allocations %lu\n", calls);
  return calls == 0;
}

/* memchr_pass - the floor: find every line end of the corpus */
static size_t
memchr_pass(const bench_corpus *corpus)
{
  const char *cursor = corpus->bytes, *end = corpus->bytes + corpus->size;
  size_t lines = 0;

  while (cursor < end) {
    const char *newline = memchr(cursor, '\n', (size_t)(end - cursor));
    if (newline == NULL)
      newline = end;
    lines++;
    cursor = newline + 1;
  }
  return lines;
}

/* tlsfeat_pass - tlsfeat on every message; returns the fields found */
static size_t
tlsfeat_pass(const bench_corpus *corpus)
{
  size_t fields = 0;

  for (size_t i = 0; i < corpus->nlines; i++)
    fields += tlsfeat_parse(&corpus->lines[i], &record_scratch);
  return fields;
}

/* regex_pass - the patterns on every message; returns the groups found */
static size_t
regex_pass(bench_regex *regex, const bench_corpus *corpus)
{
  size_t fields = 0, found;

  for (size_t i = 0; i < corpus->nlines; i++) {
    regex_parse(regex, &corpus->lines[i], &found);
    fields += found;
  }
  return fields;
}

/* value_compare - qsort order of doubles */
static int
value_compare(const void *left, const void *right)
{
  double a = *(const double *)left, b = *(const double *)right;

  return (a > b) - (a < b);
}

/* timing_summarise - median, fastest and slowest round */
static void
timing_summarise(bench_timing *timing, int rounds)
{
  double sorted[ROUNDS_MAX];

  memcpy(sorted, timing->ns_per_line, (size_t)rounds * sizeof(double));
  qsort(sorted, (size_t)rounds, sizeof(double), value_compare);
  timing->fastest = sorted[0];
  timing->slowest = sorted[rounds - 1];
  timing->median =
      rounds % 2 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
}

/* rounds_run - step 3: warm-up, then the timed rounds, interleaved */
static void
rounds_run(bench_regex *regex, const bench_corpus *corpus, int rounds, bench_timing timings[3])
{
  double lines = (double)corpus->nlines;

  checksum_sink += memchr_pass(corpus) + tlsfeat_pass(corpus) + regex_pass(regex, corpus);
  for (int round = 0; round < rounds; round++) {
    uint64_t start = clock_ns();
    checksum_sink += memchr_pass(corpus);
    uint64_t after_memchr = clock_ns();
    checksum_sink += tlsfeat_pass(corpus);
    uint64_t after_tlsfeat = clock_ns();
    checksum_sink += regex_pass(regex, corpus);
    uint64_t after_regex = clock_ns();

    timings[0].ns_per_line[round] = (double)(after_memchr - start) / lines;
    timings[1].ns_per_line[round] = (double)(after_tlsfeat - after_memchr) / lines;
    timings[2].ns_per_line[round] = (double)(after_regex - after_tlsfeat) / lines;
  }
  for (int i = 0; i < 3; i++)
    timing_summarise(&timings[i], rounds);
}

/* profile_run - -o PARSER: only that parser, ROUNDS times; false for an unknown name */
static bool
profile_run(bench_regex *regex, const bench_corpus *corpus, int rounds, const char *parser)
{
  bench_timing timing = {.name = parser};

  if (strcmp(parser, "memchr") != 0 && strcmp(parser, "tlsfeat") != 0 &&
      strcmp(parser, "pcre2") != 0) {
    fprintf(stderr, "tf-bench-core: option -o: '%s' is not memchr, tlsfeat or pcre2\n", parser);
    return false;
  }
  for (int round = 0; round < rounds; round++) {
    uint64_t start = clock_ns();
    if (strcmp(parser, "memchr") == 0)
      checksum_sink += memchr_pass(corpus);
    else if (strcmp(parser, "tlsfeat") == 0)
      checksum_sink += tlsfeat_pass(corpus);
    else
      checksum_sink += regex_pass(regex, corpus);
    timing.ns_per_line[round] = (double)(clock_ns() - start) / (double)corpus->nlines;
  }
  timing_summarise(&timing, rounds);
  printf("profile: %s %.1f ns/line (median of %d rounds)\n", parser, timing.median, rounds);
  return true;
}

/* results_print - the table and the machine-readable result lines */
static void
results_print(const bench_timing timings[3], const bench_corpus *corpus, size_t delivery_lines,
              int rounds)
{
  const bench_timing *floor = &timings[0], *tlsfeat = &timings[1], *regex = &timings[2];

  printf("core: %zu lines (%zu delivery lines), %zu bytes, %d rounds after one warm-up\n",
         corpus->nlines, delivery_lines, corpus->size, rounds);
  printf("  %-28s %12s %12s %12s\n", "parser", "ns/line", "fastest", "slowest");
  for (int i = 0; i < 3; i++)
    printf("  %-28s %12.1f %12.1f %12.1f\n", timings[i].name, timings[i].median, timings[i].fastest,
           timings[i].slowest);
  printf("  tlsfeat speed-up over PCRE2-JIT: %.2fx (target >= 4)\n",
         regex->median / tlsfeat->median);
  printf("  tlsfeat cost over the memchr floor: %.2fx (target <= 4)\n",
         tlsfeat->median / floor->median);

  printf("result core.lines %zu\n", corpus->nlines);
  printf("result core.memchr_ns %.1f\n", floor->median);
  printf("result core.tlsfeat_ns %.1f\n", tlsfeat->median);
  printf("result core.pcre2_ns %.1f\n", regex->median);
  printf("result core.spread_pct %.0f\n",
         100.0 * (tlsfeat->slowest - tlsfeat->fastest) / tlsfeat->median);
}

/* usage - print how to call the program */
static int
usage(void)
{
  fprintf(stderr, "usage: tf-bench-core [-r ROUNDS] [-o PARSER] -p PATTERNS CORPUS\n");
  return 2;
}

/* main - load the corpus and patterns, check agreement and allocations, time the rounds */
int
main(int argc, char **argv)
{
  static bench_corpus corpus;
  static bench_regex regex;
  const char *patterns_path = NULL, *only = NULL;
  int rounds = 5, option;

  while ((option = getopt(argc, argv, "r:p:o:")) != -1) {
    if (option == 'r')
      rounds = atoi(optarg);
    else if (option == 'p')
      patterns_path = optarg;
    else if (option == 'o')
      only = optarg;
    else
      return usage();
  }
  if (optind + 1 != argc || patterns_path == NULL)
    return usage();
  if (rounds < 1 || rounds > ROUNDS_MAX) {
    fprintf(stderr, "tf-bench-core: option -r: %d rounds is outside 1..%d\n", rounds, ROUNDS_MAX);
    return 2;
  }
  if (!corpus_load(&corpus, argv[optind])) {
    fprintf(stderr, "tf-bench-core: %s: %s\n", argv[optind], strerror(errno));
    return 2;
  }
  if (!regex_load(&regex, patterns_path))
    return 2;

  size_t delivery_lines;
  bool agreed = parsers_compare(&regex, &corpus, &delivery_lines);
  bool allocation_free = allocations_check(&corpus);
  if (!agreed || !allocation_free)
    return 1;

  if (only != NULL)
    return profile_run(&regex, &corpus, rounds, only) ? 0 : 2;

  bench_timing timings[3] = {{.name = "memchr line split (floor)"},
                             {.name = "tlsfeat core"},
                             {.name = "PCRE2-JIT whole-line regex"}};
  rounds_run(&regex, &corpus, rounds, timings);
  results_print(timings, &corpus, delivery_lines, rounds);
  return 0;
}
