# SPDX-License-Identifier: MIT
"""checks.py - PASS/FAIL lines of the rsyslog tests, and their count of failures.

check(label, ok, detail) prints "PASS: label", or "FAIL: label: detail" and
counts one failure; failures() is the number of failed checks so far.
"""

_failed = 0


def check(label, ok, detail=""):
    """check - print PASS or FAIL for label; a failure is counted and shows detail."""
    global _failed
    print(("PASS" if ok else "FAIL") + ": " + label + ("" if ok else ": " + detail))
    if not ok:
        _failed += 1


def failures():
    """failures - the number of failed checks so far."""
    return _failed
