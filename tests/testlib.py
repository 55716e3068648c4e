"""What the Python end-to-end tests share: the source and build trees from
the test environment, check() and its list of failures, a port nobody
listens on, running a program with its output echoed to the log, and the
exit status (0 pass, 1 fail; a test returns 77 itself to skip).

Import it from a test in tests/ (the script's own folder is on sys.path):
    from testlib import BUILDDIR, SRCDIR, check, closed_port, exit_status
"""

import os
import socket
import subprocess
import sys

SRCDIR = os.environ.get("NR_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
BUILDDIR = os.environ.get("NR_BUILDDIR", ".")
failures = []


def check(cond, what):
    """Log "ok: WHAT" or "FAIL: WHAT", keeping the failures for exit_status()."""
    if not cond:
        failures.append(what)
        print("FAIL: " + what)
    else:
        print("ok: " + what)


def closed_port():
    """A loopback port nobody listens on."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run_logged(cmd, shown, env=None):
    """Run cmd (60 s at most), write "$ SHOWN", its output and its exit
    status to the log, and return the CompletedProcess (text mode)."""
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    sys.stdout.write("$ %s\n%s%s-> %d\n" % (shown, p.stdout, p.stderr, p.returncode))
    return p


def feed_line(stderr, url):
    """What `reload` printed about url ("newsreader: URL: REASON"), or None."""
    for line in stderr.splitlines():
        if line.startswith("newsreader: %s: " % url):
            return line[len("newsreader: %s: " % url):]
    return None


def exit_status():
    """1 (after saying how many checks failed) when any did, else 0."""
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0
