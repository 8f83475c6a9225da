#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""differential.py - compare the C scanner with the reference parser.

Usage: differential.py DRIVER
  DRIVER is tests/tools/scanner_driver.c built against scanner/*.c (see
  tests/ci/15-oracle.sh). Every case is given to both the driver and
  reference.py; the outputs must be identical: the same failure reason and
  offset for a line that is not a delivery line, otherwise the same fields
  with the same values and types, each name once.

Cases: every line of the sample logs, every row of test_reference.py, and a
fixed, seeded set of generated tls= values, delivery lines and log lines
(the same set on every run). Prints each difference (at most 25) and a
summary; exit status 0 when all agree, 1 otherwise, 2 on usage errors.
"""

import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference  # noqa: E402
import test_reference  # noqa: E402

DIFFERENCES_SHOWN = 25
GENERATED_PER_KIND = 6000
SEED = 20250916

TLS_ATOMS = [
    "!", "?", ":", "/", "(", ")", "disabled:", "may", "none", "dane", "dane-only", "requiretls",
    "nocertmatch", "encrypt", "x", "status", "-", "1", "/a", "/b", "/c", "#", " ", ",", "M",
    "\x00", "\xe9", "\\", '"',
]
ADDRESS_ATOMS = ['"', "\\", ">", ", ", "a", "@", "<", " ", ",", ">, ", "relay=none", "x=1",
                 "(", ")", "\xe9"]
BASE_LINE = ('Q1: to=<"a b">x"@e.com>, orig_to=<o@e>, relay=h[2001:db8::1]:25, conn_use=2, '
             "delay=0.5, delays=1/2/3.5/4, tls=may, dsn=2.0.0, status=sent (250 ok (x))")
INSERTED_ATTRIBUTES = ["foo=bar", "x_1=<a, b>", "Bad=1", "relay=none", "delay=1", "to=<z>",
                       "from=<q>", "foo=baz", "tls=", "delay=05", "conn_use=0"]
HEADERS = ["Dec  4 15:37:59 ", "Dec 04 15:37:59 ", "dec  4 15:37:59 ", "Dec 4 15:37:59 ",
           "2025-12-04T15:37:59.123+01:00 ", "2025-12-04T15:37:59Z ",
           "2025-12-04T15:37:59+0100 ", "2025-12-04 15:37:59 ", ""]
HOSTS = ["mx1 ", "relay1/relay1 ", "", "a b ", "[::1] "]
PROGRAMS = ["postfix/smtp", "postfix-out/lmtp", "postfix/submission/smtpd", "postfix", "/smtp",
            "postfix/", "post fix/smtp", "p.x_y/z-1", ""]
PIDS = ["[123]", "", "[]", "[12a]"]


def message_with_tls(value):
    return "A1: to=<u@example.com>, relay=none, delay=1, tls=" + value + ", status=sent (x)"


def table_cases():
    """The rows of test_reference.py as (mode, text) cases."""
    cases = []
    for _, value, _ in test_reference.VALID_TLS + test_reference.ANOMALIES:
        cases.append(("message", message_with_tls(value)))
    for _, value, _ in test_reference.INVALID_TLS:
        cases.append(("message", message_with_tls(value)))
    for _, message, _ in test_reference.DELIVERY_LINES + test_reference.NOT_DELIVERY:
        cases.append(("message", message))
    for _, line, _ in test_reference.LOG_LINES:
        cases.append(("line", line))
    return cases


def sample_cases():
    cases = []
    for sample in test_reference.SAMPLES:
        path = os.path.join(test_reference.TOP, "tests", "data", sample)
        with open(path, encoding="utf-8", errors="surrogateescape", newline="\n") as lines:
            for line in lines:
                if not line.startswith("# "):
                    cases.append(("line", line.rstrip("\n")))
    return cases


def mutated_line(rng):
    """BASE_LINE with one attribute removed, added, swapped, cut or changed."""
    parts = BASE_LINE.split(", ")
    index = rng.randrange(len(parts))
    change = rng.randrange(6)
    if change == 0:
        del parts[index]
    elif change == 1:
        parts.insert(index, rng.choice(INSERTED_ATTRIBUTES))
    elif change == 2:
        other = rng.randrange(len(parts))
        parts[index], parts[other] = parts[other], parts[index]
    elif change == 3:
        parts[index] = parts[index][:rng.randint(0, len(parts[index]))]
    elif change == 4:
        old = rng.choice("=<>[]:.0123(")
        parts[index] = parts[index].replace(old, rng.choice(["", " ", ",", "a", ">", '"', "["]), 1)
    line = ", ".join(parts)
    if change == 5:
        line = line[:rng.randint(0, len(line))]
    return line


def address_line(rng):
    address = "".join(rng.choice(ADDRESS_ATOMS) for _ in range(rng.randint(0, 8)))
    if rng.randrange(3) == 0:
        return "Q1: from=<%s>, status=%s%s" % (
            address, rng.choice(["expired", "force-expired", "sent"]),
            rng.choice([", returned to sender", ", returned to sender\r", ", returned"]))
    tail = rng.choice([", relay=none, delay=1, status=sent (ok)",
                       ", relay=none, delay=1, status=sent (ok",
                       ", relay=none, delay=1, status=sent ()",
                       ", relay=none, delay=1, status=sent x",
                       ", relay=local, delay=1, e_x=" + address + ", status=sent (a))"])
    queue_id = rng.choice(["Q1: ", "", "Q1:", "Q-1: "])
    return queue_id + "to=<" + address + rng.choice([">", ""]) + tail


def log_line(rng):
    return (rng.choice(HEADERS) + rng.choice(HOSTS) + rng.choice(PROGRAMS) + rng.choice(PIDS)
            + rng.choice([": ", ":", " ", ": : "])
            + rng.choice(["A1: to=<x>, relay=none, delay=1, status=sent", "msg", ""]))


def generated_cases():
    rng = random.Random(SEED)
    cases = []
    for _ in range(GENERATED_PER_KIND):
        value = "".join(rng.choice(TLS_ATOMS) for _ in range(rng.randint(0, 24)))
        cases.append(("message", message_with_tls(value)))
        cases.append(("message", mutated_line(rng)))
        cases.append(("message", address_line(rng)))
        cases.append(("line", log_line(rng)))
    return cases


def reference_output(mode, text):
    """What the reference says: ("FAIL", text) or ("OK", [(name, value), ...])."""
    try:
        if mode == "line":
            fields = reference.build_record(text)["fields"]
        else:
            fields = reference.build_fields(reference.parse_delivery(text), None)
    except reference.NotDelivery as not_delivery:
        return ("FAIL", not_delivery.text())
    return ("OK", list(fields.items()))


def typed_value(type_name, text):
    if type_name == "number":
        return float(text) if "." in text else int(text)
    if type_name == "boolean":
        return {"true": True, "false": False}.get(text, text)
    return text


def driver_output(row):
    """The driver's line for one case, in the form of reference_output()."""
    if row.startswith("FAIL\t"):
        return ("FAIL", row[len("FAIL\t"):])
    fields = []
    for field in row.split("\x1f"):
        if not field:
            continue
        name, type_name, hex_value = field.split("\t")
        text = bytes.fromhex(hex_value).decode("utf-8", "surrogateescape")
        fields.append((name, typed_value(type_name, text)))
    return ("OK", fields)


def difference(expected, actual):
    """A one-line description of how actual differs from expected, or None."""
    if expected[0] != actual[0] or expected[0] == "FAIL":
        if expected == actual:
            return None
        return "reference %s | scanner %s" % (describe(expected), describe(actual))
    names = [name for name, _ in actual[1]]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        return "scanner writes %s more than once" % ", ".join(repeated)
    wanted, got = dict(expected[1]), dict(actual[1])
    if wanted == got:
        return None
    changed = sorted(set(wanted) | set(got), key=lambda name: (name not in wanted, name))
    return "; ".join("%s: reference %r, scanner %r" % (name, wanted.get(name), got.get(name))
                     for name in changed if wanted.get(name) != got.get(name))


def describe(output):
    return output[1] if output[0] == "FAIL" else "parses"


def main(argv):
    if len(argv) != 2:
        print("usage: differential.py DRIVER", file=sys.stderr)
        return 2
    cases = sample_cases() + table_cases() + generated_cases()
    feed = "".join("%s %s\n" % (mode, text.encode("utf-8", "surrogateescape").hex())
                   for mode, text in cases)
    run = subprocess.run([argv[1]], input=feed.encode("ascii"), stdout=subprocess.PIPE,
                         check=True)
    rows = run.stdout.decode("utf-8", "surrogateescape").split("\n")
    if len(rows) != len(cases) + 1:
        print("differential: the driver answered %d of %d cases" % (len(rows) - 1, len(cases)))
        return 1

    differing = 0
    for (mode, text), row in zip(cases, rows):
        problem = difference(reference_output(mode, text), driver_output(row))
        if problem is None:
            continue
        differing += 1
        if differing <= DIFFERENCES_SHOWN:
            print("differential: %s %r: %s" % (mode, text[:120], problem))
    print("differential: %d cases, %d differ" % (len(cases), differing))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
