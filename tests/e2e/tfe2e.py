# SPDX-License-Identifier: MIT
"""tfe2e - helpers shared by the end-to-end tests of postfix-tls-parser().

Each test starts a real syslog-ng in the foreground, in a private mktemp
directory (persist, pid and control files, configuration, output), with the
module from the build tree, feeds it Postfix log lines and reads back the
JSON it wrote.

  Paths          where the source tree, the built module and syslog-ng are.
  SyslogNg       one syslog-ng instance: syntax_check(), run_stdin() (feed a
                 pipe, wait for the exit at end of input), start() / ctl() /
                 stop() for long-running sources.
  read_records() the JSON lines a destination wrote, flattened.
  record_problems()  how records differ from the fields wanted per line.
  FALLBACK_LOG_PATH  the parser with a fallback marker into one JSON file.
  Checks         PASS/FAIL per label, exit status for the test driver.

The build tree is the current directory (automake runs tests there) or
$TF_BUILDDIR. Nothing here talks to anything but 127.0.0.1.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP_SRCDIR = os.path.dirname(os.path.dirname(HERE))
SAMPLES = ("postfix-3.11.6.maillog", "postfix-3.11-20250912-nonprod.maillog", "public-shapes.log")

# Output template: fields of the parser and the markers tests set, typed.
JSON_TEMPLATE = "$(format-json --no-cast --scope none --key .postfix.* --key .e2e.*)\\n"

# A log path (source s_in) that runs the parser with its defaults and marks
# the messages it fails on, so that every message reaches the JSON output.
FALLBACK_LOG_PATH = """
log {
    source(s_in);
    if { parser { postfix-tls-parser(); }; }
    else { rewrite { set("1" value(".e2e.fallback")); }; };
    destination { file("@OUT@" template("@JSON@")); };
    flags(flow-control);
};
"""

# A syslog header "Mmm dd hh:mm:ss HOST ", as syslog-ng's default parser reads it.
HEADER_RE = re.compile(rb"^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} \S+ ")

# Bounds on waiting for a real syslog-ng; no test depends on speed.
WAIT_SECONDS = 120


class Paths:
    """Locations of the source tree, the build tree and syslog-ng."""

    def __init__(self):
        self.top_srcdir = TOP_SRCDIR
        self.builddir = os.environ.get("TF_BUILDDIR", os.getcwd())
        self.module_dir = os.path.join(self.builddir, "modules", "tlsfeat", ".libs")
        self.syslog_ng = shutil.which("syslog-ng") or "/usr/sbin/syslog-ng"
        self.syslog_ng_ctl = shutil.which("syslog-ng-ctl") or "/usr/sbin/syslog-ng-ctl"
        system_dir = subprocess.run(
            ["pkg-config", "--variable=moduledir", "syslog-ng"],
            capture_output=True, text=True, check=False).stdout.strip()
        self.module_path = self.module_dir + ":" + (system_dir or "/usr/lib/syslog-ng/3.38")

    def data(self, name):
        return os.path.join(self.top_srcdir, "tests", "data", name)

    def check(self):
        """Exit non-zero with a reason when the module or syslog-ng is missing."""
        if not os.path.exists(os.path.join(self.module_dir, "libtlsfeat.so")):
            sys.exit("e2e: %s/libtlsfeat.so not built (run the tests from the build tree "
                     "or set TF_BUILDDIR)" % self.module_dir)
        if not os.access(self.syslog_ng, os.X_OK):
            sys.exit("e2e: syslog-ng not found")


PATHS = Paths()


def free_tcp_port():
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SyslogNg:
    """One syslog-ng process with a private directory and configuration."""

    def __init__(self, config_body, options="", version="3.38"):
        self.dir = tempfile.mkdtemp(prefix="tf-e2e-")
        self.out = os.path.join(self.dir, "out.json")
        self.conf = os.path.join(self.dir, "syslog-ng.conf")
        self.control = os.path.join(self.dir, "syslog-ng.ctl")
        self.process = None
        self.stderr_path = os.path.join(self.dir, "stderr")
        body = config_body.replace("@OUT@", self.out).replace("@DIR@", self.dir)
        body = body.replace("@JSON@", JSON_TEMPLATE).replace("@TOP_SRCDIR@", TOP_SRCDIR)
        with open(self.conf, "w", encoding="utf-8") as conf:
            conf.write("@version: %s\noptions { %s };\n%s\n" % (version, options, body))

    def _argv(self, *extra):
        return [PATHS.syslog_ng, "-F", "-e", "--no-caps", "-f", self.conf,
                "--persist-file", os.path.join(self.dir, "syslog-ng.persist"),
                "--pidfile", os.path.join(self.dir, "syslog-ng.pid"),
                "--control", self.control,
                "--module-path=" + PATHS.module_path] + list(extra)

    def syntax_check(self):
        """(exit status, stderr) of syslog-ng --syntax-only on the configuration."""
        done = subprocess.run(self._argv("--syntax-only"), capture_output=True,
                              timeout=WAIT_SECONDS, check=False)
        return done.returncode, done.stderr.decode("utf-8", "replace")

    def run_stdin(self, data):
        """Feed data through a pipe to a stdin() source; syslog-ng exits at its end."""
        done = subprocess.run(self._argv(), input=data, capture_output=True,
                              timeout=WAIT_SECONDS, check=False)
        self.stderr = done.stderr.decode("utf-8", "replace")
        return done.returncode

    def start(self):
        """Start syslog-ng and wait until its control socket answers."""
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(self._argv(), stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("syslog-ng exited at start:\n" + self.read_stderr())
            if os.path.exists(self.control) and self.ctl("stats")[0] == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("syslog-ng did not open its control socket")

    def ctl(self, *args):
        """(exit status, stdout) of syslog-ng-ctl on this instance."""
        done = subprocess.run([PATHS.syslog_ng_ctl] + list(args) + ["--control", self.control],
                              capture_output=True, text=True, timeout=WAIT_SECONDS,
                              check=False)
        return done.returncode, done.stdout

    def wait_records(self, count):
        """Wait until the output holds count lines (or the bound passes)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if os.path.exists(self.out):
                with open(self.out, "rb") as out:
                    if out.read().count(b"\n") >= count:
                        return True
            time.sleep(0.1)
        return False

    def stop(self):
        """Stop syslog-ng and return its exit status."""
        if not self.process:
            return None
        self.process.terminate()
        try:
            status = self.process.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = self.process.wait()
        self.process = None
        self.stderr = self.read_stderr()
        return status

    def read_stderr(self):
        with open(self.stderr_path, "rb") as stderr:
            return stderr.read().decode("utf-8", "replace")

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def flatten(value, name=""):
    """{"a": {"b": 1}} as {"a.b": 1}."""
    if not isinstance(value, dict):
        return {name: value}
    flat = {}
    for key, child in value.items():
        flat.update(flatten(child, name + "." + key if name else key))
    return flat


def read_records(path, prefix="_postfix"):
    """Records of a JSON-lines output: (fields under prefix, or of the whole
    document when prefix is None; fallback marker set)."""
    records = []
    if not os.path.exists(path):
        return records
    with open(path, "rb") as out:
        for line in out:
            document = json.loads(line.decode("utf-8", "replace"))
            fields = flatten(document if prefix is None else document.get(prefix, {}))
            records.append((fields, "_e2e" in document))
    return records


def typed_equal(expected, actual):
    """Equal values of the same JSON type (1 is not 1.0, not True)."""
    return type(expected) is type(actual) and expected == actual


def fields_diff(expected, actual):
    """Human-readable differences between two flat field sets; empty when equal."""
    diffs = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            diffs.append("missing %s=%r" % (name, expected[name]))
        elif name not in expected:
            diffs.append("unexpected %s=%r" % (name, actual[name]))
        elif not typed_equal(expected[name], actual[name]):
            diffs.append("%s: want %r got %r" % (name, expected[name], actual[name]))
    return diffs


def record_problems(wants, records):
    """Differences between the records and wants, a list of (line number,
    wanted flat fields, or None when the parser must fail), one per input
    line in order; an empty list when they match."""
    problems = []
    if len(records) != len(wants):
        problems.append("%d lines in, %d records out" % (len(wants), len(records)))
    for (number, want), (fields, fallback) in zip(wants, records):
        if want is None:
            if not fallback or fields:
                problems.append("line %d: wanted a parser failure, got %r" % (number, fields))
            continue
        if fallback:
            problems.append("line %d: parser failed" % number)
            continue
        diffs = fields_diff(want, fields)
        if diffs:
            problems.append("line %d: %s" % (number, "; ".join(diffs)))
    return problems


def load_expected(sample):
    """Expected records of a sample, by 1-based line number."""
    path = os.path.join(TOP_SRCDIR, "tests", "data", "expected", sample + ".jsonl")
    with open(path, encoding="utf-8") as expected:
        return {record["line"]: record for record in map(json.loads, expected)}


def sample_lines(sample):
    """Lines of a sample, as bytes without their line end."""
    with open(PATHS.data(sample), "rb") as data:
        return data.read().splitlines()


class Checks:
    """Named checks printed as PASS/FAIL lines; exit() reports the result."""

    def __init__(self, name):
        self.name = name
        self.failed = 0
        self.passed = 0

    def check(self, label, condition, detail=""):
        if condition:
            self.passed += 1
            print("PASS %s" % label)
        else:
            self.failed += 1
            print("FAIL %s%s" % (label, (": " + detail) if detail else ""))
        return condition

    def exit(self):
        print("%s: %d passed, %d failed" % (self.name, self.passed, self.failed))
        sys.exit(1 if self.failed else 0)
