# SPDX-License-Identifier: MIT
"""syslog_ng_run.py - run a private syslog-ng for the reliability drivers.

SyslogNg(config, module_dir) writes the configuration into a fresh temp
dir, starts syslog-ng in the foreground (optionally under a wrapper such as
valgrind, or with extra environment such as LD_PRELOAD of libasan) with its
own persist, pid and control files, and waits until it listens. Only
loopback addresses are used. Every wait is bounded; stop() ends the process
it started and nothing else.

Also: free_port() picks a free TCP port on 127.0.0.1; frame() builds an
RFC 5424 message in octet-counting framing; send() writes frames to a port;
wait_lines() waits until a file holds a number of lines.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

LOOPBACK = "127.0.0.1"


def free_port():
    """A TCP port on the loopback address that is free now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def frame(body, sequence, program=b"postfix/smtp"):
    """An RFC 5424 message with MSGID = sequence, framed by its length."""
    header = b"<22>1 2026-12-04T15:37:59+00:00 mx1 %s 4242 s%d - " % (program, sequence)
    message = header + body
    return b"%d " % len(message) + message


def send(port, frames, chunk=1 << 20):
    """Send frames over one TCP connection; returns the bytes sent."""
    sent = 0
    with socket.create_connection((LOOPBACK, port), timeout=60) as sock:
        buffer = bytearray()
        for item in frames:
            buffer += item
            if len(buffer) >= chunk:
                sock.sendall(buffer)
                sent += len(buffer)
                buffer = bytearray()
        sock.sendall(buffer)
        sent += len(buffer)
    return sent


def count_lines(path):
    """The number of lines in a file, 0 when it does not exist."""
    if not os.path.exists(path):
        return 0
    with open(path, "rb") as out:
        return sum(block.count(b"\n") for block in iter(lambda: out.read(1 << 20), b""))


def wait_lines(paths, total, timeout):
    """Wait until the files together hold total lines; returns the count."""
    deadline = time.monotonic() + timeout
    seen = -1
    while time.monotonic() < deadline:
        seen = sum(count_lines(path) for path in paths)
        if seen >= total:
            return seen
        time.sleep(0.2)
    return seen


class SyslogNg:
    """A syslog-ng in the foreground with a private temp dir for its config and files."""

    def __init__(self, config, module_dir, wrapper=(), env=None, binary="syslog-ng"):
        self.dir = tempfile.mkdtemp(prefix="tf-sng-")
        self.config_path = os.path.join(self.dir, "syslog-ng.conf")
        self.control = os.path.join(self.dir, "ctl")
        self.stderr_path = os.path.join(self.dir, "stderr")
        self.module_dir = module_dir
        self.wrapper = list(wrapper)
        self.env = dict(os.environ, **(env or {}))
        self.binary = binary
        self.process = None
        self.write_config(config)

    def path(self, name):
        """The path of name inside the private directory."""
        return os.path.join(self.dir, name)

    def write_config(self, config):
        """Write config with @DIR@ replaced by the private directory."""
        with open(self.config_path, "w") as out:
            out.write(config.replace("@DIR@", self.dir))

    def module_path(self):
        """The module path: the build's module directory, then the system's."""
        system = subprocess.run(["pkg-config", "--variable=moduledir", "syslog-ng"],
                                capture_output=True, text=True, check=True).stdout.strip()
        return "%s:%s" % (self.module_dir, system)

    def command(self, *extra):
        """The syslog-ng command line, foreground, everything in the private directory."""
        return [self.binary, "-F", "-e", "--no-caps", "-f", self.config_path,
                "--module-path=" + self.module_path(),
                "-R", self.path("persist"), "-p", self.path("pid"),
                "-c", self.control] + list(extra)

    def syntax_check(self):
        """Run --syntax-only; returns (exit code, stderr text)."""
        result = subprocess.run(self.command("--syntax-only"), capture_output=True,
                                text=True, env=self.env, timeout=120)
        return result.returncode, result.stderr

    def start(self, port, timeout=120):
        """Start syslog-ng and wait until it listens on port; raises RuntimeError if not."""
        with open(self.stderr_path, "wb") as errors:
            self.process = subprocess.Popen(self.wrapper + self.command(), stdout=errors,
                                            stderr=errors, env=self.env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("syslog-ng exited with %d:\n%s"
                                   % (self.process.returncode, self.stderr()))
            try:
                with socket.create_connection((LOOPBACK, port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("syslog-ng did not listen on %d within %ds" % (port, timeout))

    def reload(self):
        """Ask syslog-ng to reload its configuration (SIGHUP)."""
        self.process.send_signal(signal.SIGHUP)

    def stop(self, timeout=120):
        """Stop syslog-ng; returns its exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)
            raise RuntimeError("syslog-ng did not stop within %ds" % timeout)

    def stderr(self):
        """What syslog-ng wrote to stdout and stderr so far."""
        if not os.path.exists(self.stderr_path):
            return ""
        with open(self.stderr_path, "rb") as errors:
            return errors.read().decode("utf-8", "replace")

    def cleanup(self):
        """Stop syslog-ng and remove the private directory."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
