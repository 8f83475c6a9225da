#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""config_errors.py MODULE_DIR - every option of postfix-tls-parser(), good and bad.

For each option (prefix, drop-invalid, whole-line, template, and an unknown
one) the table lists good values, which `syslog-ng --syntax-only` must
accept, and bad values, which it must reject with an error that points at
the mistake:

- "value": a value the parser checks itself; the message must name the
  option and the value ("postfix-tls-parser(): invalid OPTION(VALUE)...")
  or, for template(), say "Error compiling template";
- "syntax": a value the grammar cannot read (a number where a string goes,
  nothing, an unknown option); the message must give the line and column
  of the offending token, which is all syslog-ng's parser can say.

Prints PASS/FAIL per row; exits 1 when any row fails.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import syslog_ng_run  # noqa: E402

LONG_PREFIX = "p" * 300 + "."

# (options inside postfix-tls-parser(...), outcome, option, value or token)
ROWS = [
    ("", "valid", None, None),
    ('prefix("")', "valid", None, None),
    ('prefix("tf.")', "valid", None, None),
    ('prefix(".postfix.")', "valid", None, None),
    ('prefix("mail.pf-1_x.")', "valid", None, None),
    ('prefix("%s")' % LONG_PREFIX, "valid", None, None),
    ('prefix("bad prefix")', "value", "prefix", "bad prefix"),
    ('prefix("a$b.")', "value", "prefix", "a$b."),
    ('prefix(".postfix.${HOST}.")', "value", "prefix", ".postfix.${HOST}."),
    ('prefix("\u00e9.")', "value", "prefix", "\u00e9."),
    ('prefix("a/b.")', "value", "prefix", "a/b."),
    ('prefix("a,b.")', "value", "prefix", "a,b."),
    ('prefix("a\\"b.")', "value", "prefix", 'a"b.'),
    ("prefix(123)", "syntax", "prefix", "123"),
    ("prefix()", "syntax", "prefix", ")"),
    ("drop-invalid(yes)", "valid", None, None),
    ("drop-invalid(no)", "valid", None, None),
    ("drop-invalid(1)", "valid", None, None),
    ("drop-invalid(0)", "valid", None, None),
    ('drop-invalid("yes")', "valid", None, None),
    ('drop-invalid("no")', "valid", None, None),
    ("drop-invalid(maybe)", "value", "drop-invalid", "maybe"),
    ('drop-invalid("")', "value", "drop-invalid", ""),
    ("drop-invalid(sometimes)", "value", "drop-invalid", "sometimes"),
    ("drop-invalid()", "syntax", "drop-invalid", ")"),
    ("whole-line(auto)", "valid", None, None),
    ("whole-line(yes)", "valid", None, None),
    ("whole-line(no)", "valid", None, None),
    ('whole-line("yes")', "valid", None, None),
    ("whole-line(sometimes)", "value", "whole-line", "sometimes"),
    ('whole-line("")', "value", "whole-line", ""),
    ("whole-line(automatic)", "value", "whole-line", "automatic"),
    ("whole-line()", "syntax", "whole-line", ")"),
    ('template("$MSG")', "valid", None, None),
    ('template("${MESSAGE}")', "valid", None, None),
    ('template("$(no-such-function)")', "value", "template", "$(no-such-function)"),
    ('template("${")', "value", "template", "${"),
    ("template()", "syntax", "template", ")"),
    ("no-such-option(1)", "syntax", "no-such-option", "no-such-option"),
    ('prefix("tf.") drop-invalid(yes) whole-line(no) template("$MSG")', "valid", None, None),
]

LINE = 3


def config(options):
    """A configuration whose parser line (line LINE) carries options."""
    return ("@version: 3.38\nsource s_in { stdin(); };\n"
            "log { source(s_in); parser { postfix-tls-parser(%s); }; };\n" % options)


def row_problem(options, outcome, option, token, status, stderr):
    """None when syslog-ng answered as the row wants, else what is wrong."""
    if outcome == "valid":
        return None if status == 0 else "rejected a valid value: %s" % stderr.strip()
    if status == 0:
        return "accepted a bad value"
    if outcome == "syntax":
        line = config(options).split("\n")[LINE - 1]
        start = line.index(option) + (0 if token == option else len(option))
        column = line.index(token, start) + 1
        where = "syslog-ng.conf:%d:%d" % (LINE, column)
        return None if where in stderr else "no %s in: %s" % (where, stderr.strip())
    if option == "template":
        wanted = ["Error compiling template"]
    else:
        wanted = ["postfix-tls-parser(): invalid %s(" % option, token]
    missing = [text for text in wanted if text not in stderr]
    return None if not missing else "missing %r in: %s" % (missing, stderr.strip())


def main():
    """Check every row with syslog-ng --syntax-only; exit status 1 on any failure."""
    failed = 0
    for options, outcome, option, token in ROWS:
        syslog_ng = syslog_ng_run.SyslogNg(config(options), sys.argv[1])
        try:
            status, stderr = syslog_ng.syntax_check()
        finally:
            syslog_ng.cleanup()
        problem = row_problem(options, outcome, option, token, status, stderr)
        label = "postfix-tls-parser(%s)" % (options if len(options) < 80 else options[:77] + "...")
        if problem:
            failed += 1
            print("FAIL: %s: %s" % (label, problem))
        else:
            print("PASS: %s" % label)
    print("config errors: %d rows, %d failed" % (len(ROWS), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
