#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check-records.py - compare what an installed syslog-ng wrote with the expected records.

Usage: check-records.py [--skip-unparsed] EXPECTED_JSONL OUTPUT_JSONL
       check-records.py --rsyslog-input EXPECTED_JSONL
       check-records.py --rsyslog EXPECTED_JSONL ANSWERS_JSONL

EXPECTED_JSONL is a tests/data/expected/*.jsonl file (one object per delivery line:
"message" and "fields", names relative to the prefix). OUTPUT_JSONL has one line per
message, written by syslog-ng with the template
    $(format-json --scope none --key MESSAGE --key .postfix.*)
so each line is {"MESSAGE": "...", "_postfix": {nested fields}}. syslog-ng 3.38 keeps
every value as a string, so numbers and booleans are compared by value, not by JSON type.

Without --skip-unparsed every output line must be a parsed delivery line (the log path
keeps only messages the parser accepted); with it, lines without fields are ignored
(app-parser() passes other messages through untouched).

Checks: the same number of records, in the same order, with the same message, the same
field names and the same values. Prints "N records match" and exits 0, or prints the
first differences and exits 1; exits 2 on unreadable input.

--rsyslog-input prints, for every expected record, the JSON line rsyslog's mmexternal
would hand tlsfeat-rsyslog (interface.input="fulljson": msg with its leading space,
syslogtag). --rsyslog checks the helper's answers to those lines: one per record, each
{"$!": {"postfix": {nested fields}}} with exactly the expected names, values and JSON
types.
"""

import json
import sys

MAX_REPORTED = 8


def records_load(path):
    """records_load - the JSON objects of a JSON-lines file, in order."""
    with open(path, encoding="utf-8", errors="surrogateescape") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def fields_flatten(nested, prefix=""):
    """fields_flatten - {"tls": {"level": "may"}} -> {"tls.level": "may"}."""
    flat = {}
    for name, value in nested.items():
        if isinstance(value, dict):
            flat.update(fields_flatten(value, prefix + name + "."))
        else:
            flat[prefix + name] = value
    return flat


def value_matches(expected, actual):
    """value_matches - a typed expected value against syslog-ng's string value."""
    if isinstance(expected, bool):
        return str(actual).lower() == ("true" if expected else "false")
    if isinstance(expected, (int, float)):
        try:
            return float(actual) == float(expected)
        except (TypeError, ValueError):
            return False
    return actual == expected


def record_differences(number, expected, actual):
    """record_differences - one line per difference between two records."""
    differences = []
    if actual.get("MESSAGE") != expected["message"]:
        differences.append(f"record {number}: message {actual.get('MESSAGE')!r}, "
                           f"expected {expected['message']!r}")
    fields = fields_flatten(actual.get("_postfix", {}))
    for name in sorted(set(expected["fields"]) | set(fields)):
        if name not in fields:
            differences.append(f"record {number} (line {expected['line']}): {name} missing")
        elif name not in expected["fields"]:
            differences.append(f"record {number} (line {expected['line']}): "
                               f"unexpected {name}={fields[name]!r}")
        elif not value_matches(expected["fields"][name], fields[name]):
            differences.append(f"record {number} (line {expected['line']}): {name}="
                               f"{fields[name]!r}, expected {expected['fields'][name]!r}")
    return differences


def rsyslog_input(expected):
    """rsyslog_input - the fulljson line mmexternal sends for each expected record."""
    for record in expected:
        message = {"msg": " " + record["message"]}
        if record["program"] is not None:
            message["syslogtag"] = record["program"] + "[1]:"
        print(json.dumps(message))
    return 0


def rsyslog_differences(expected, answers):
    """rsyslog_differences - the helper's typed answers against the expected fields."""
    differences = []
    if len(answers) != len(expected):
        differences.append(f"{len(answers)} answers, expected {len(expected)}")
    for want, answer in zip(expected, answers):
        fields = fields_flatten(answer.get("$!", {}).get("postfix", {}))
        if fields != want["fields"]:
            names = sorted(name for name in set(fields) | set(want["fields"])
                           if fields.get(name, "absent") != want["fields"].get(name, "absent"))
            differences.append(f"line {want['line']}: differs in {', '.join(names)}")
    return differences


def main(argv):
    if argv[:1] == ["--rsyslog-input"] and len(argv) == 2:
        return rsyslog_input(records_load(argv[1]))
    if argv[:1] == ["--rsyslog"] and len(argv) == 3:
        differences = rsyslog_differences(records_load(argv[1]), records_load(argv[2]))
        return differences_report(differences, len(records_load(argv[1])))

    skip_unparsed = "--skip-unparsed" in argv
    paths = [arg for arg in argv if arg != "--skip-unparsed"]
    if len(paths) != 2:
        print("\n".join(__doc__.splitlines()[2:5]), file=sys.stderr)
        return 2
    try:
        expected = records_load(paths[0])
        output = records_load(paths[1])
    except (OSError, ValueError) as error:
        print(f"check-records: {error}", file=sys.stderr)
        return 2

    if skip_unparsed:
        output = [record for record in output if record.get("_postfix")]

    differences = []
    if len(output) != len(expected):
        differences.append(f"{len(output)} records, expected {len(expected)}")
    for number, (want, got) in enumerate(zip(expected, output), start=1):
        differences.extend(record_differences(number, want, got))

    return differences_report(differences, len(expected))


def differences_report(differences, count):
    """differences_report - print the first differences or the match count; exit code."""
    for line in differences[:MAX_REPORTED]:
        print(f"check-records: {line}")
    if differences:
        print(f"check-records: {len(differences)} differences")
        return 1
    print(f"check-records: {count} records match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
