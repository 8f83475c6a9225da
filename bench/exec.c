/* SPDX-License-Identifier: MIT */
/*
 * exec.c - run one command and report its wall time and peak memory
 *
 * usage: tf-bench-exec [-t SECONDS] [-o REPORT] -- COMMAND [ARGUMENT...]
 *
 * Runs COMMAND with this process's standard input, output and error, waits
 * for it, and writes one line to the file REPORT (default: standard error):
 *
 *   exec elapsed_ns=N cpu_ns=N maxrss_kb=N status=N
 *
 * elapsed_ns is the wall time from just before the fork to the end of
 * wait4(), cpu_ns the user plus system CPU time of the command (all its
 * threads), maxrss_kb the command's peak resident set size (VmHWM) as the
 * kernel reports it in the rusage of wait4(), status the command's exit
 * status (128 + the signal number when a signal ended it). A command still
 * running after SECONDS (default 600) is killed with SIGKILL, so no run of
 * the benchmarks outlives its budget.
 *
 * Exit status: the command's status as above; 2 on a usage error or when
 * REPORT cannot be written; 127 when the command cannot be started.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t command_pid;

/* deadline_reached - SIGALRM handler: kill the command that overran */
static void
deadline_reached(int signal_number)
{
  (void)signal_number;
  if (command_pid > 0)
    kill((pid_t)command_pid, SIGKILL);
}

/* clock_ns - monotonic time in nanoseconds */
static uint64_t
clock_ns(void)
{
  struct timespec now;

  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* command_wait - wait for the command, retrying on interruption */
static int
command_wait(pid_t pid, int *status, struct rusage *usage)
{
  for (;;) {
    pid_t done = wait4(pid, status, 0, usage);
    if (done == pid)
      return 0;
    if (done < 0 && errno != EINTR)
      return -1;
  }
}

/* main - run the command with a time limit and write its report line */
int
main(int argc, char **argv)
{
  unsigned seconds = 600;
  const char *report_path = NULL;
  int option;

  while ((option = getopt(argc, argv, "+t:o:")) != -1) {
    if (option == 't')
      seconds = (unsigned)strtoul(optarg, NULL, 10);
    else if (option == 'o')
      report_path = optarg;
    else
      return 2;
  }
  if (optind >= argc || seconds == 0) {
    fprintf(stderr, "usage: tf-bench-exec [-t SECONDS] [-o REPORT] -- COMMAND [ARGUMENT...]\n");
    return 2;
  }
  FILE *report = report_path != NULL ? fopen(report_path, "we") : stderr;
  if (report == NULL) {
    fprintf(stderr, "tf-bench-exec: option -o: %s: %s\n", report_path, strerror(errno));
    return 2;
  }

  struct sigaction on_alarm;
  memset(&on_alarm, 0, sizeof(on_alarm));
  on_alarm.sa_handler = deadline_reached;
  sigaction(SIGALRM, &on_alarm, NULL);

  uint64_t start = clock_ns();
  pid_t pid = fork();
  if (pid < 0) {
    perror("tf-bench-exec: fork");
    return 127;
  }
  if (pid == 0) {
    execvp(argv[optind], argv + optind);
    fprintf(stderr, "tf-bench-exec: %s: %s\n", argv[optind], strerror(errno));
    _exit(127);
  }
  command_pid = pid;
  alarm(seconds);

  int status;
  struct rusage usage;
  if (command_wait(pid, &status, &usage) != 0) {
    perror("tf-bench-exec: wait4");
    return 127;
  }
  uint64_t elapsed = clock_ns() - start;
  alarm(0);

  int exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  unsigned long long cpu_ns =
      ((unsigned long long)usage.ru_utime.tv_sec + (unsigned long long)usage.ru_stime.tv_sec) *
          1000000000ull +
      ((unsigned long long)usage.ru_utime.tv_usec + (unsigned long long)usage.ru_stime.tv_usec) *
          1000ull;
  fprintf(report, "exec elapsed_ns=%llu cpu_ns=%llu maxrss_kb=%ld status=%d\n",
          (unsigned long long)elapsed, cpu_ns, usage.ru_maxrss, exit_status);
  if (report != stderr && fclose(report) != 0) {
    perror("tf-bench-exec: report");
    return 2;
  }
  return exit_status;
}
