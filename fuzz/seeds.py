#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""seeds.py OUT_DIR [HOSTILE_FILE] - write fuzzer seed inputs, one file each.

OUT_DIR/fuzz_delivery/ gets every non-empty line of tests/data/* (sample
logs, with and without syslog headers) and every hostile-table input of at
most 4 KiB (HOSTILE_FILE is the output of tests/hostile/hostile-emit).
OUT_DIR/fuzz_tls/ gets every line of fuzz/tls-values.txt and every tls=
value found in those lines. Files are named by the SHA-1 of their content,
as libFuzzer names corpus files.
"""
import hashlib
import os
import re
import sys

MAX_SEED = 4096


def write_seed(directory, content):
    """Write one seed into directory, named by the SHA-1 of its content."""
    name = hashlib.sha1(content).hexdigest()
    with open(os.path.join(directory, name), "wb") as seed:
        seed.write(content)


def hostile_inputs(path):
    """The inputs of a hostile-emit file."""
    with open(path, "rb") as table:
        data = table.read()
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        label_len, input_len, expected_len = (int(x) for x in data[pos:end].split())
        start = end + 1 + label_len
        yield data[start:start + input_len]
        pos = start + input_len + max(expected_len, 0)


def main():
    """Write the seeds of both targets: sample lines, hostile inputs and tls= values."""
    out = sys.argv[1]
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    delivery_dir = os.path.join(out, "fuzz_delivery")
    tls_dir = os.path.join(out, "fuzz_tls")
    os.makedirs(delivery_dir, exist_ok=True)
    os.makedirs(tls_dir, exist_ok=True)

    lines = []
    data_dir = os.path.join(top, "tests", "data")
    for name in sorted(os.listdir(data_dir)):
        path = os.path.join(data_dir, name)
        if os.path.isfile(path):
            with open(path, "rb") as log:
                lines += [line for line in log.read().split(b"\n") if line.strip()]
    if len(sys.argv) > 2:
        lines += [line for line in hostile_inputs(sys.argv[2]) if len(line) <= MAX_SEED]

    values = set()
    with open(os.path.join(top, "fuzz", "tls-values.txt"), "rb") as listed:
        values.update(line for line in listed.read().split(b"\n") if line)
    for line in lines:
        write_seed(delivery_dir, line)
        values.update(match.group(1) for match in re.finditer(rb"tls=([^,]*)", line))
    for value in values:
        write_seed(tls_dir, value)
    print("seeds: %d lines, %d tls= values" % (len(lines), len(values)))


if __name__ == "__main__":
    main()
