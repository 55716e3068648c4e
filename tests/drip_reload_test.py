#!/usr/bin/env python3
"""`newsreader reload` of a big feed that trickles in holds no write lock
while it waits on the network (issue 10).

tests/server.py drips a 30 MiB feed at about 1 MiB/s. While reload is
downloading it:
  - its items reach the database file in batches, long before the download
    ends (read with a separate SQLite connection);
  - writes of a second process (this script: a like, a read mark, a draft
    on the articles of a small feed, as the reader makes them) each land
    within one second, five times over the download; with the feed writer
    of old they waited for the whole download (30 s) and timed out;
then reload is interrupted (SIGINT): it exits 130, and the batches it
committed and the other process's writes are all there, none duplicated.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import server
from testlib import SRCDIR, check, exit_status

NEWSREADER = os.environ.get("NEWSREADER")


def count(db, sql, args=()):
    con = sqlite3.connect(db, timeout=5)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def timed_write(db, sql, args):
    """Run one write in its own connection with a 1 s busy timeout; return
    the seconds it took, or None when the database stayed locked."""
    t0 = time.monotonic()
    con = sqlite3.connect(db, timeout=1.0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute(sql, args)
        con.execute("COMMIT")
        return time.monotonic() - t0
    except sqlite3.OperationalError as e:
        print("write failed: %s" % e)
        return None
    finally:
        con.close()


def wait(cond, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    check(False, "timed out: " + what)
    return False


def main():
    if not NEWSREADER:
        print("NEWSREADER not set")
        return 77
    with tempfile.TemporaryDirectory() as tmp, \
            server.start(os.path.join(SRCDIR, "tests", "fixtures", "http")) as srv:
        url = srv.url("/huge?mb=30&rate=1024")
        db = os.path.join(tmp, "cache.db")
        small = srv.url("/en.xml")
        with open(os.path.join(tmp, "urls"), "w") as f:
            f.write(small + "\n")
        with open(os.path.join(tmp, "config"), "w") as f:
            f.write("download-timeout 120\nmax-body-size 64\n")
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(tmp, "c"),
                   XDG_DATA_HOME=os.path.join(tmp, "d"), XDG_STATE_HOME=os.path.join(tmp, "s"))
        base = [NEWSREADER, "--config", os.path.join(tmp, "config"),
                "--urls", os.path.join(tmp, "urls"), "--cache", db]
        # The articles the other process will like, mark and comment on.
        subprocess.run(base + ["reload"], env=env, timeout=60, check=True)
        ids = [r[0] for r in sqlite3.connect(db, timeout=5).execute(
            "SELECT id FROM items ORDER BY id")]
        check(len(ids) == 3, "the small feed's 3 articles are stored")
        with open(os.path.join(tmp, "urls"), "w") as f:
            f.write(small + "\n" + url + "\n")
        t0 = time.monotonic()
        p = subprocess.Popen(base + ["reload"], env=env, stderr=subprocess.PIPE, text=True)

        def items():
            try:
                return count(db, "SELECT count(*) FROM items")
            except sqlite3.OperationalError:
                return 0   # not created yet
        # The first batches land while the body still trickles in.
        wait(lambda: items() >= 1000, 20, "first batches in the database")
        first = items()
        check(p.poll() is None and 1000 <= first < 30000,
              "%d items stored %.1f s into the download, reload still running"
              % (first, time.monotonic() - t0))

        # Five rounds of the reader's writes from this other process.
        worst = 0.0
        for n in range(5):
            item = ids[n % len(ids)] if ids else 0
            took = [timed_write(db, "UPDATE items SET liked = 1, liked_at = ? WHERE id = ?",
                                (int(time.time()), item)),
                    timed_write(db, "UPDATE items SET read = 1, read_at = ? WHERE id = ?",
                                (int(time.time()), item)),
                    timed_write(db, "INSERT OR REPLACE INTO drafts (item_id, text, updated_at) "
                                "VALUES (?, ?, ?)", (item, "مسودة رقم %d draft" % n,
                                                     int(time.time())))]
            running = p.poll() is None
            check(all(t is not None and t < 1.0 for t in took) and running,
                  "round %d during the download: like, read, draft took %s s"
                  % (n + 1, ", ".join("%.3f" % t if t is not None else "locked"
                                      for t in took)))
            worst = max([worst] + [t for t in took if t is not None])
            time.sleep(0.5)
        later = items()
        check(later > first and p.poll() is None,
              "more batches landed meanwhile (%d -> %d items)" % (first, later))
        print("slowest write: %.3f s" % worst)

        # Interrupt: the committed batches and the other writes stay.
        p.send_signal(signal.SIGINT)
        try:
            _, err = p.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
        sys.stdout.write(err)
        check(p.returncode == 130, "interrupted reload exits 130 (got %r)" % p.returncode)
        kept = items()
        check(kept >= later, "committed batches kept after the interrupt (%d)" % kept)
        check(count(db, "SELECT count(*) FROM items WHERE liked = 1 AND read = 1") == 3,
              "the likes and read marks of the 3 articles are there")
        check(count(db, "SELECT count(*) FROM drafts WHERE text LIKE 'مسودة رقم _ draft'") == 3
              and count(db, "SELECT count(*) FROM drafts WHERE text LIKE '%4 draft'") == 1,
              "the drafts are there, the last one written last")
        check(count(db, "SELECT count(*) FROM items") ==
              count(db, "SELECT count(DISTINCT guid) FROM items"), "no duplicated item")
        print("%.1f s" % (time.monotonic() - t0))
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
