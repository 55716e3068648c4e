#!/usr/bin/env python3
"""The reader and the terminal's own bidi (ECMA-48 BDSM, mode 8).

With `bidi app` (the default) newsreader lays bidi text out itself and must
tell the terminal not to reorder it again: CSI 8 l before anything else,
CSI 8 h as the very last thing it writes. Around Ctrl-Z the shell gets the
terminal back as it was (CSI 8 h) and CSI 8 l goes out again on the way
back, also after a SIGSTOP/SIGCONT from outside. With `bidi terminal`
neither sequence is ever written.

The reader runs under a pseudo-terminal of its own (80x24, xterm-256color),
every byte it writes is collected, and the sequences are checked in order.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import time

NEWSREADER = os.environ.get("NEWSREADER")
BDSM_RESET = b"\x1b[8l"	# the terminal must not reorder
BDSM_SET = b"\x1b[8h"	# back to its own bidi
failures = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


class Reader:
    """newsreader under a pty; out collects everything it writes."""

    def __init__(self, home, extra_env=None):
        env = {k: v for k, v in os.environ.items()
               if k not in ("TMUX", "LINES", "COLUMNS", "BROWSER")}
        env.update({
            "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "NO_COLOR": "1",
        })
        env.update(extra_env or {})
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
                os.chdir(home)
                os.execve(NEWSREADER, [NEWSREADER, "--offline"], env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out = pid, fd, b""

    def read_until(self, needle, start=0, timeout=20.0):
        """Read until needle appears in out at or after start; its index."""
        deadline = time.monotonic() + timeout
        while True:
            i = self.out.find(needle, start)
            if i >= 0:
                return i
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                return -1

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], min(timeout, 0.5))
        if not r:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:		# EIO: the other side is closed
            return False
        if not data:
            return False
        self.out += data
        return True

    def send(self, data):
        os.write(self.fd, data)

    def finish(self, timeout=20.0):
        """Read to the end; the exit status (or None on a timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(deadline - time.monotonic()):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.2):
                    pass
                os.close(self.fd)
                return status
        try:
            pid, status = os.waitpid(self.pid, 0 if time.monotonic() < deadline else
                                     os.WNOHANG)
        except ChildProcessError:
            status = None
        if not pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            status = None
        os.close(self.fd)
        return status


def first_frame(r):
    # The status line of a first run: the frame is complete once it shows.
    return r.read_until(b"offline") >= 0


def session(home, config, steps):
    """Run one reader with config; steps(r) drives it; returns its output."""
    os.makedirs(os.path.join(home, "config", "newsreader"), exist_ok=True)
    with open(os.path.join(home, "config", "newsreader", "config"), "w") as f:
        f.write(config)
    r = Reader(home)
    if not first_frame(r):
        r.finish(5)
        check(False, "first frame within 20 s (got %r)" % r.out[-300:])
        return None
    steps(r)
    r.send(b"Q")
    status = r.finish()
    check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
          "the reader exits 0 on Q (status %r)" % (status,))
    check(b"Sanitizer" not in r.out and b"runtime error" not in r.out,
          "no sanitizer report")
    return r.out


def main():
    if not NEWSREADER:
        print("NEWSREADER not set")
        return 77
    with tempfile.TemporaryDirectory(prefix="nrbidi.") as tmp:
        # 1. bidi app: CSI 8 l first, CSI 8 h last, once each.
        out = session(os.path.join(tmp, "app"), "bidi app\n", lambda r: None)
        if out is not None:
            check(out.startswith(BDSM_RESET), "CSI 8 l is the first thing written "
                  "(starts with %r)" % out[:12])
            check(out.count(BDSM_RESET) == 1 and out.count(BDSM_SET) == 1,
                  "CSI 8 l and CSI 8 h once each (%d, %d)" %
                  (out.count(BDSM_RESET), out.count(BDSM_SET)))
            check(out.rstrip(b"\r\n").endswith(BDSM_SET),
                  "CSI 8 h is the last thing written (ends with %r)" % out[-16:])

        # 2. Ctrl-Z (and fg), then SIGSTOP/SIGCONT from outside: CSI 8 h when
        # the terminal goes back to the shell, CSI 8 l and a repaint after.
        def suspend(r):
            mark = len(r.out)
            r.send(b"\x1a")
            i = r.read_until(BDSM_SET, mark, 10)
            check(i >= 0, "Ctrl-Z: CSI 8 h for the shell")
            j = r.read_until(BDSM_RESET, max(i, mark), 10)
            check(j > i >= 0, "after fg: CSI 8 l again")
            check(r.read_until(b"offline", max(j, mark), 10) > j,
                  "after fg: the screen is painted again")
            mark = len(r.out)
            os.kill(r.pid, signal.SIGSTOP)
            time.sleep(0.1)
            os.kill(r.pid, signal.SIGCONT)
            k = r.read_until(BDSM_RESET, mark, 10)
            check(k >= 0, "SIGCONT: CSI 8 l again")
            check(r.read_until(b"offline", max(k, mark), 10) > k,
                  "SIGCONT: the screen is painted again")

        out = session(os.path.join(tmp, "tstp"), "bidi app\n", suspend)
        if out is not None:
            check(out.rstrip(b"\r\n").endswith(BDSM_SET), "CSI 8 h last after a suspend")

        # 3. bidi terminal: never a word about mode 8.
        def suspend_quietly(r):
            mark = len(r.out)
            r.send(b"\x1a")
            r.read_until(b"offline", mark, 10)

        out = session(os.path.join(tmp, "term"), "bidi terminal\n", suspend_quietly)
        if out is not None:
            check(BDSM_RESET not in out and BDSM_SET not in out,
                  "bidi terminal: neither CSI 8 l nor CSI 8 h")
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
