# SPDX-License-Identifier: MIT
"""rsyslogd.py - run an unpacked rsyslogd for tests and benchmarks.

free_port() picks a free TCP port on 127.0.0.1; start_rsyslogd(root,
scratch, config) starts ROOT/usr/sbin/rsyslogd in the foreground with its
libraries and modules from the unpacked tree (see unpack-rsyslog.sh), its
pid file and log in SCRATCH, and returns (process, log file);
connect_tcp(port) connects to its imtcp input, retrying for 30 seconds
while it starts.
"""
import glob
import os
import socket
import subprocess
import time


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_rsyslogd(root, scratch, config):
    """Start rsyslogd -n with CONFIG; returns (process, its open log file)."""
    libdirs = sorted(glob.glob(os.path.join(root, "usr", "lib", "*-*")))
    moddirs = glob.glob(os.path.join(root, "usr", "lib", "*", "rsyslog"))
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(libdirs))
    log = open(os.path.join(scratch, "rsyslogd.log"), "wb")
    return subprocess.Popen(
        [os.path.join(root, "usr", "sbin", "rsyslogd"), "-n", "-f", config,
         "-i", os.path.join(scratch, "rsyslogd.pid"), "-M", moddirs[0]],
        env=env, stdout=log, stderr=subprocess.STDOUT), log


def connect_tcp(port):
    """A connection to 127.0.0.1:PORT, retried while rsyslogd starts."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
