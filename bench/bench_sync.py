#!/usr/bin/env python3
"""Sync figures (issue 14): the first sync of 10,000 articles from the local
Google Reader API test server (tests/greader_server.py, on 127.0.0.1), then
an incremental sync with nothing new: wall time of `newsreader reload` and
the requests each made (the aim for the incremental one: few requests,
under 100 ms of our own work).

    python3 bench/bench_sync.py --newsreader ./newsreader [--items 10000]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from greader_server import GReader  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsreader", required=True)
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--feeds", type=int, default=50)
    a = ap.parse_args()
    srv = GReader(password="bench-pw").start()
    for f in range(a.feeds):
        srv.add_feed("http://bench.example/%d.xml" % f, "Feed %d" % f, "cat%d" % (f % 5))
    body = "<p>" + "نص تجريبي للمقال، " * 20 + "</p>"
    for i in range(a.items):
        srv.add_item("http://bench.example/%d.xml" % (i % a.feeds), "Article %d مقال" % i,
                     body, 1764000000 + i, read=(i % 3 == 0), starred=(i % 50 == 0),
                     crawled=1764000000 + i * 60)	# a server's history: a minute apart
    with tempfile.TemporaryDirectory() as tmp:
        pw = os.path.join(tmp, "pw")
        with open(pw, "w") as f:
            f.write("bench-pw\n")
        os.chmod(pw, 0o600)
        cfg = os.path.join(tmp, "config")
        with open(cfg, "w") as f:
            f.write("urls-source greader\ngreader-url %s\ngreader-login reader\n"
                    "greader-password-file %s\n" % (srv.base, pw))
        env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_STATE_HOME=tmp, XDG_CONFIG_HOME=tmp)
        cmd = [a.newsreader, "--config", cfg, "--cache", os.path.join(tmp, "c.db"), "reload"]
        for label in ("first sync", "incremental, nothing new", "incremental, nothing new"):
            n0 = len(srv.requests)
            t0 = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, env=env)
            dt = time.perf_counter() - t0
            last = [l for l in p.stderr.splitlines() if "synced" in l]
            print("%-26s %7.0f ms  %3d requests  exit %d  %s" % (
                label, dt * 1000, len(srv.requests) - n0, p.returncode,
                last[0] if last else p.stderr.strip()[-200:]))
    srv.stop()


if __name__ == "__main__":
    main()
