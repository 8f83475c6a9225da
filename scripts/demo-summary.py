#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""demo-summary.py - one-screen summary of postfix-tls-parser() JSON records.

usage: demo-summary.py [--log LOG] [--all] RECORDS

RECORDS holds one JSON object per delivery line, nested as format-json
writes the parser's fields ({"queue_id": ..., "relay": {"hostname": ...},
"tls": {"verdict": ...}}). Prints the deliveries by tls.verdict and by
tls.level, and the violations (queue id, recipient, relay, tls.raw): the
first 15, or all of them with --all. --log names the log the records came
from, to report how many of its lines were delivery lines. Exit status 1
when RECORDS cannot be read or holds a line that is not JSON.
"""

import argparse
import collections
import json
import sys

VIOLATIONS_SHOWN = 15


def records_read(path):
    """The records of a JSON-lines file."""
    with open(path, encoding="utf-8", errors="replace") as records:
        return [json.loads(line) for line in records if line.strip()]


def field(record, name):
    """A dotted field of a nested record, or None."""
    value = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def counts_line(title, counter):
    """"title  a 3  b 2" with the most frequent first."""
    cells = ["%s %d" % (name, count) for name, count in counter.most_common()]
    return "%-12s %s" % (title, "  ".join(cells) if cells else "-")


def relay_text(record):
    hostname = field(record, "relay.hostname") or "-"
    address = field(record, "relay.address")
    port = field(record, "relay.port")
    if address is None:
        return hostname
    return "%s[%s]%s" % (hostname, address, ":%d" % port if port is not None else "")


def summary_print(records, log_lines, show_all):
    verdicts = collections.Counter(field(r, "tls.verdict") or
                                   ("invalid tls=" if field(r, "tls.error") else "no tls=")
                                   for r in records)
    levels = collections.Counter(field(r, "tls.level") for r in records
                                 if field(r, "tls.level"))
    violations = [r for r in records if field(r, "tls.verdict") == "violation"]

    head = "%d delivery lines" % len(records)
    if log_lines is not None:
        head += " out of %d log lines" % log_lines
    print(head)
    print(counts_line("by verdict:", verdicts))
    print(counts_line("by level:", levels))
    print("violations: %d" % len(violations))
    shown = violations if show_all else violations[:VIOLATIONS_SHOWN]
    rows = [(field(r, "queue_id") or "-", field(r, "to") or "-", relay_text(r),
             field(r, "tls.raw") or "-") for r in shown]
    if rows:
        rows.insert(0, ("queue id", "recipient", "relay", "tls="))
    widths = [max(len(row[column]) for row in rows) for column in range(3)] if rows else []
    for row in rows:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
              + "  " + row[3])
    if len(shown) < len(violations):
        print("  ... and %d more (--all lists them)" % (len(violations) - len(shown)))


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("records")
    arguments.add_argument("--log")
    arguments.add_argument("--all", action="store_true")
    options = arguments.parse_args()
    try:
        records = records_read(options.records)
        log_lines = None
        if options.log:
            with open(options.log, "rb") as log:
                log_lines = sum(1 for _ in log)
    except (OSError, ValueError) as error:
        print("demo-summary: %s" % error, file=sys.stderr)
        return 1
    summary_print(records, log_lines, options.all)
    return 0


if __name__ == "__main__":
    sys.exit(main())
