#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test-config-errors.py - wrong option values are configuration errors.

Each row is a parser declaration and the texts syslog-ng's error output
must contain (the option and the offending value). `syslog-ng
--syntax-only` must fail on every wrong row and pass on every good one, and
a real start with a wrong row must fail too.
"""

import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tfe2e  # noqa: E402

# declaration, wanted texts in the error output (None: the row is valid)
ROWS = [
    ('postfix-tls-parser(prefix("bad prefix"))', ["prefix", "bad prefix"]),
    ('postfix-tls-parser(prefix(".postfix.${HOST}."))', ["prefix", ".postfix.${HOST}."]),
    ("postfix-tls-parser(drop-invalid(maybe))", ["drop-invalid", "maybe"]),
    ("postfix-tls-parser(whole-line(sometimes))", ["whole-line", "sometimes"]),
    ("postfix-tls-parser(no-such-option(1))", ["no-such-option"]),
    ('postfix-tls-parser(template("$(no-such-function)"))', ["template", "no-such-function"]),
    ("postfix-tls-parser()", None),
    ('postfix-tls-parser(prefix("") drop-invalid(yes) whole-line(auto))', None),
    ('postfix-tls-parser(prefix("mail.pf-1_x.") whole-line(no) template("$MSG"))', None),
    ("postfix-tls-parser(whole-line(yes) drop-invalid(no))", None),
]


def config(declaration):
    return "source s_in { stdin(); };\nlog { source(s_in); parser { %s; }; };\n" % declaration


def main():
    tfe2e.PATHS.check()
    checks = tfe2e.Checks("test-config-errors")
    for declaration, wanted in ROWS:
        syslog_ng = tfe2e.SyslogNg(config(declaration))
        try:
            status, stderr = syslog_ng.syntax_check()
            if wanted is None:
                checks.check("valid: %s" % declaration, status == 0, stderr)
                continue
            missing = [text for text in wanted if text not in stderr]
            checks.check("--syntax-only fails: %s" % declaration, status != 0 and not missing,
                         "status %d, missing %r in:\n%s" % (status, missing, stderr))
            start_status = syslog_ng.run_stdin(b"")
            checks.check("start fails: %s" % declaration, start_status != 0,
                         "status %d" % start_status)
        finally:
            syslog_ng.cleanup()
    checks.exit()


if __name__ == "__main__":
    sys.exit(main())
