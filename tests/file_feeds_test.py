#!/usr/bin/env python3
"""file:// feeds that are not regular files (issue 18), end to end.

curl opened file:// paths with a blocking open(): a FIFO in the feed list
hung the fetch thread, so `reload` never finished, ignored SIGTERM, and an
OPML file could plant such a URL. Now:
  1. reload with a FIFO, a directory, a character device, a UNIX socket and
     a symlink to a FIFO among good feeds (a local file, a symlink to one,
     one over HTTP) finishes: each bad one fails with its own reason, the
     good ones are stored;
  2. a local file over max-body-size fails "too large", as over HTTP;
  3. with a FIFO and a stalled HTTP feed, SIGTERM ends reload promptly
     (exit 143) with the FIFO already reported;
  4. import of an OPML file skips file:// URLs that are not regular files,
     saying why, and imports the rest (a regular file included).
Exit status: 0 pass, 1 fail, 77 skip.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

import server
from testlib import SRCDIR, check, exit_status, feed_line

NEWSREADER = os.environ.get("NEWSREADER")


def env_for(tmp):
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "xdg-config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "xdg-data")
    env["XDG_STATE_HOME"] = os.path.join(tmp, "xdg-state")
    return env


def run(args, tmp, timeout=30):
    """Run newsreader; a run that does not end within timeout is killed and
    reported as None (the old hang)."""
    shown = "newsreader " + " ".join(args)
    try:
        p = subprocess.run([NEWSREADER] + args, capture_output=True, text=True,
                           env=env_for(tmp), timeout=timeout)
    except subprocess.TimeoutExpired as e:
        sys.stdout.write("$ %s\n(killed after %d s)\n%s" % (shown, timeout,
                         (e.stderr or b"").decode("utf-8", "replace")))
        return None
    sys.stdout.write("$ %s\n%s%s-> %d\n" % (shown, p.stdout, p.stderr, p.returncode))
    return p


def item_counts(db):
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("SELECT f.url, count(i.id) FROM feeds f "
                                "LEFT JOIN items i ON i.feed_id = f.id GROUP BY f.url"))
    finally:
        con.close()


def main():
    if not NEWSREADER:
        print("NEWSREADER is not set")
        return 77
    fixtures = os.path.join(SRCDIR, "tests", "fixtures", "http")
    en = os.path.abspath(os.path.join(fixtures, "en.xml"))
    with tempfile.TemporaryDirectory() as tmp, server.start(fixtures, lifetime=120) as srv:
        fifo = os.path.join(tmp, "pipe.xml")
        os.mkfifo(fifo)
        folder = os.path.join(tmp, "folder.xml")
        os.mkdir(folder)
        sock_path = os.path.join(tmp, "sock.xml")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(sock_path)
        sock.listen(1)
        link_good = os.path.join(tmp, "link-good.xml")
        os.symlink(en, link_good)
        link_fifo = os.path.join(tmp, "link-fifo.xml")
        os.symlink(fifo, link_fifo)
        big = os.path.join(tmp, "big.xml")
        with open(big, "w") as f:
            f.write("<rss version=\"2.0\"><channel><title>Big</title>\n")
            f.write("<!-- %s -->\n" % ("x" * (2 << 20)))
            f.write("</channel></rss>\n")

        bad = {
            "file://" + fifo: "not a regular file (a FIFO)",
            "file://" + folder: "not a regular file (a directory)",
            "file:///dev/null": "not a regular file (a character device)",
            "file://" + sock_path: "not a regular file (a socket)",
            "file://" + link_fifo: "not a regular file (a FIFO)",
            "file://" + os.path.join(tmp, "missing.xml"): "no such file",
            "file://" + big: "too large (over 1 MiB)",
        }
        good = {"file://" + en: 3, "file://" + link_good: 3, srv.url("/ar.xml"): 2}
        urls = os.path.join(tmp, "urls")
        with open(urls, "w") as f:
            for u in list(bad) + list(good):
                f.write(u + "\n")
        conf = os.path.join(tmp, "config")
        with open(conf, "w") as f:
            f.write("download-timeout 60\nmax-body-size 1\n")
        db = os.path.join(tmp, "cache.db")
        base = ["--config", conf, "--urls", urls, "--cache", db]

        # ---- 1, 2: reload finishes; each feed with its own outcome ----
        started = time.monotonic()
        p = run(base + ["reload"], tmp)
        check(p is not None, "reload with a FIFO in the list finishes")
        if p is not None:
            check(time.monotonic() - started < 20, "and promptly")
            check(p.returncode == 0, "reload exits 0")
            for u, why in bad.items():
                check(feed_line(p.stderr, u) == why, "%s: %r" % (u, why))
            counts = item_counts(db)
            for u, n in good.items():
                check(feed_line(p.stderr, u) == "%d new or changed articles" % n,
                      "%s stored" % u)
                check(counts.get(u) == n, "%s: %d items in the cache" % (u, n))
            check(p.stderr.splitlines()[-1] ==
                  "reloaded 10 feeds: 3 updated, 0 unchanged, 7 failed, 8 new articles",
                  "summary line")

        # ---- 3: SIGTERM while the FIFO is listed and a feed stalls ----
        urls2 = os.path.join(tmp, "urls2")
        slow = srv.url("/slow?seconds=60")
        with open(urls2, "w") as f:
            f.write("file://%s\n%s\n" % (fifo, slow))
        db2 = os.path.join(tmp, "cache2.db")
        proc = subprocess.Popen([NEWSREADER, "--config", conf, "--urls", urls2,
                                 "--cache", db2, "reload"], env=env_for(tmp),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "/slow" not in srv.stats():
            time.sleep(0.05)
        check("/slow" in srv.stats(), "the stalled feed was requested beside the FIFO")
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        try:
            out, err = proc.communicate(timeout=10)
            took = time.monotonic() - sent
            sys.stdout.write("$ reload, SIGTERM\n%s-> %d after %.2f s\n" % (err, proc.returncode, took))
            check(took < 5, "SIGTERM ended reload within 5 s (%.2f s)" % took)
            check(proc.returncode == 128 + signal.SIGTERM, "exit status 143")
            check(feed_line(err, "file://" + fifo) == "not a regular file (a FIFO)",
                  "the FIFO was reported before the signal")
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            check(False, "SIGTERM ended reload within 10 s")

        # ---- 4: OPML import ----
        opml = os.path.join(tmp, "shared.opml")
        with open(opml, "w") as f:
            f.write('<?xml version="1.0"?>\n<opml version="2.0"><head><title>t</title></head>'
                    '<body>\n')
            for u in ("file://" + fifo, "file:///dev/zero", "file://" + folder,
                      "file://" + en, "https://news.example/feed.xml"):
                f.write('<outline type="rss" text="x" xmlUrl="%s"/>\n' % u)
            f.write('</body></opml>\n')
        urls3 = os.path.join(tmp, "urls3")
        p = run(["--urls", urls3, "import", opml], tmp)
        check(p is not None and p.returncode == 0, "import exits 0")
        if p is not None:
            warn = "newsreader: warning: %s: %%s not imported: %%s" % opml
            lines = p.stderr.splitlines()
            check(warn % ("file://" + fifo, "not a regular file (a FIFO)") in lines,
                  "import names the FIFO and why it is skipped")
            check(warn % ("file:///dev/zero", "not a regular file (a character device)")
                  in lines, "import skips a device")
            check(warn % ("file://" + folder, "not a regular file (a directory)") in lines,
                  "import skips a directory")
            with open(urls3) as f:
                got = [line.split()[0] for line in f if line.strip()]
            check(got == ["file://" + en, "https://news.example/feed.xml"],
                  "the regular file and the web feed are imported: %r" % got)
        sock.close()
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
