#!/usr/bin/env python3
"""Integration test of `newsreader reload` against tests/server.py.

One urls file lists a good feed of each kind next to every way a server can
misbehave; three reloads then check what a user sees (stderr lines, exit
codes, print-unread) and what the cache holds:
  1. first reload: good feeds stored, each failure with its exact reason,
     the 2 MiB cap stops the 100 MiB body without losing anything else;
  2. second reload: answered by 304s (the server's counters prove it), the
     429 feed skipped until its Retry-After, no item duplicated;
  3. a document changed on the server: exactly its new item arrives.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import os
import re
import sqlite3
import sys
import tempfile
import time

import server
from testlib import SRCDIR, check, closed_port, exit_status, feed_line, run_logged

NEWSREADER = os.environ.get("NEWSREADER")


def run(args, tmp, env_extra=None):
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "xdg-config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "xdg-data")
    env["XDG_STATE_HOME"] = os.path.join(tmp, "xdg-state")
    if env_extra:
        env.update(env_extra)
    return run_logged([NEWSREADER] + args, "newsreader " + " ".join(args), env=env)


def items_by_feed(db):
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT f.url, count(i.id), count(DISTINCT i.guid) FROM feeds f "
                           "LEFT JOIN items i ON i.feed_id = f.id GROUP BY f.url").fetchall()
        return {url: (n, distinct) for url, n, distinct in rows}
    finally:
        con.close()


def feed_row(db, url):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT etag, last_error, retry_after FROM feeds WHERE url = ?",
                           (url,)).fetchone()
    finally:
        con.close()


def titles(db, url):
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute(
            "SELECT i.title FROM items i JOIN feeds f ON f.id = i.feed_id "
            "WHERE f.url = ? ORDER BY i.title", (url,))]
    finally:
        con.close()


def main():
    if not NEWSREADER:
        print("NEWSREADER is not set")
        return 77
    fixtures = os.path.join(SRCDIR, "tests", "fixtures", "http")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, server.start(fixtures, lifetime=120) as srv:
        u = srv.url
        feeds = {
            "etag": u("/en.xml"),
            "arabic": u("/ar.xml"),
            "nochange": u("/nochange/atom.xml"),
            "404": u("/status/404"),
            "500": u("/status/500"),
            "429": u("/429?retry=120"),
            "slow": u("/slow"),
            "reset": u("/reset"),
            "huge": u("/huge?mb=100"),
            "huge_length": u("/huge?mb=100&length=1"),
            "gzip": u("/gzip/atom.xml"),
            "redirect": u("/redirect/3?to=/ar.xml"),
            "loop": u("/loop"),
            "to_file": u("/to-file"),
            "charset": u("/charset-wrong/charset.xml"),
            "refused": "http://127.0.0.1:%d/feed.xml" % closed_port(),
        }
        # Slow but good feeds: max-per-host 2 must keep them 2 at a time.
        for n in range(4):
            feeds["delay%d" % n] = u("/delay/400/atom.xml?n=%d" % n)
        urls = os.path.join(tmp, "urls")
        with open(urls, "w") as f:
            f.write("# every way a feed can go wrong, and some that go right\n")
            for name, url in feeds.items():
                f.write('%s test %s\n' % (url, '"~Feed %s"' % name))
        conf = os.path.join(tmp, "config")
        with open(conf, "w") as f:
            f.write("download-timeout 2\nconnect-timeout 2\nmax-body-size 2\nmax-per-host 2\n")
        db = os.path.join(tmp, "cache.db")
        base = ["--config", conf, "--urls", urls, "--cache", db]

        # ---- 1: first reload ----
        p = run(base + ["reload"], tmp)
        err = p.stderr
        check(p.returncode == 0, "first reload exits 0 although feeds fail")
        check(feed_line(err, feeds["404"]) == "HTTP 404", "404 reported as 'HTTP 404'")
        check(feed_line(err, feeds["500"]) == "HTTP 500", "500 reported as 'HTTP 500'")
        line = feed_line(err, feeds["429"]) or ""
        check(re.fullmatch(r"HTTP 429 \(retry after 1[12]\d s\)", line) is not None,
              "429 reported with its Retry-After: %r" % line)
        check(feed_line(err, feeds["slow"]) == "timeout after 2 s",
              "slow drip stopped by the 2 s download-timeout")
        check(feed_line(err, feeds["reset"]) in ("connection reset by the server",
                                                 "empty reply from the server"),
              "reset connection reported")
        check(feed_line(err, feeds["huge"]) == "too large (over 2 MiB)",
              "100 MiB streamed body capped at 2 MiB")
        check(feed_line(err, feeds["huge_length"]) == "too large (over 2 MiB)",
              "100 MiB Content-Length refused upfront")
        check(feed_line(err, feeds["loop"]) == "too many redirects", "redirect loop")
        check(feed_line(err, feeds["to_file"]) == "redirect to file:// refused",
              "redirect to file:// refused")
        check(feed_line(err, feeds["refused"]) == "connection refused", "connection refused")
        for name in ("etag", "arabic", "nochange", "gzip", "redirect", "charset", "delay0"):
            line = feed_line(err, feeds[name]) or ""
            check(re.fullmatch(r"\d+ new or changed articles?", line) is not None,
                  "%s feed stored: %r" % (name, line))
        counts = items_by_feed(db)
        # The streamed huge feed failed at the cap after whole batches of
        # its items were committed: those stay (a reload never throws away
        # what it stored), the failure is recorded all the same.
        huge = counts.get(feeds["huge"], (0, 0))[0]
        check(huge >= 256 and counts[feeds["huge"]] == (huge, huge),
              "huge: the batches committed before the cap stay (got %r)"
              % (counts.get(feeds["huge"]),))
        summary = err.splitlines()[-1] if err else ""
        check(summary == "reloaded 20 feeds: 10 updated, 0 unchanged, 10 failed, "
              "%d new articles" % (20 + huge), "summary line: %r" % summary)
        expect = {"etag": 3, "arabic": 2, "nochange": 2, "gzip": 2, "redirect": 2,
                  "charset": 1, "huge_length": 0, "404": 0, "slow": 0}
        for name, n in expect.items():
            check(counts.get(feeds[name], (None,))[0] == n,
                  "%s: %d items in the cache (got %r)" % (name, n, counts.get(feeds[name])))
        check(titles(db, feeds["charset"]) == ["أمطار خفيفة على الساحل غدًا"],
              "wrong charset header: Arabic title intact")
        check("افتتاح مكتبة جديدة في الحي القديم" in titles(db, feeds["redirect"]),
              "redirect chain followed to the Arabic feed")
        row = feed_row(db, feeds["404"])
        check(row is not None and row[1] == "HTTP 404", "404 reason kept in the cache")
        row = feed_row(db, feeds["huge"])
        check(row is not None and row[1] == "too large (over 2 MiB)",
              "size cap reason kept in the cache")
        row = feed_row(db, feeds["429"])
        check(row is not None and row[2] > time.time() + 60, "429 Retry-After stored")
        row = feed_row(db, feeds["etag"])
        check(row is not None and row[0] and row[1] is None, "ETag stored, no error")
        stats = srv.stats()
        seen = stats["_max_concurrent"].get("delay")
        check(seen in (1, 2), "max-per-host 2: at most 2 requests at once (saw %r)" % seen)
        check(stats.get("/gzip/atom.xml", {}).get("gzip") == 1, "gzip body served and read")
        check(stats.get("/redirect/1", {}).get("302") == 1, "redirect chain walked")
        p = run(base + ["print-unread"], tmp)
        check(p.stdout == "%d unread articles\n" % (20 + huge),
              "print-unread after the first reload")

        # ---- 2: second reload: 304s, skip, no duplicates ----
        srv.reset_stats()
        p = run(base + ["reload"], tmp)
        err = p.stderr
        check(p.returncode == 0, "second reload exits 0")
        stats = srv.stats()
        check(stats.get("/en.xml") == {"requests": 1, "conditional": 1, "304": 1},
              "second reload of the ETag feed answered 304: %r" % stats.get("/en.xml"))
        check(stats.get("/gzip/atom.xml", {}).get("304") == 1, "gzip feed answered 304")
        check(stats.get("/ar.xml", {}).get("304") == 2,
              "Arabic feed (direct and redirected) answered 304")
        check(feed_line(err, feeds["etag"]) == "unchanged", "304 reported as unchanged")
        check("/429" not in stats, "429 feed not requested before its Retry-After")
        line = feed_line(err, feeds["429"]) or ""
        check(line.startswith("skipped: retry after "), "429 feed skipped: %r" % line)
        check(feed_line(err, feeds["nochange"]) == "unchanged",
              "feed without validators: 200, nothing changed")
        summary = err.splitlines()[-1] if err else ""
        check(summary == "reloaded 20 feeds: 0 updated, 10 unchanged, 9 failed, 1 skipped, "
              "0 new articles", "second summary: %r" % summary)
        counts2 = items_by_feed(db)
        check(counts2 == counts, "second reload changed no item count")
        check(all(n == d for n, d in counts2.values()), "no duplicated item")

        # ---- 3: a document changes on the server ----
        with open(os.path.join(fixtures, "en.xml"), encoding="utf-8") as f:
            doc = f.read()
        srv.set("/en.xml", doc.replace("<item>", """<item>
<title>New bakery on the harbour front</title>
<link>http://example.org/harbour/bakery</link>
<guid>harbour-bakery</guid>
<description>Fresh bread from six in the morning.</description>
</item>
<item>""", 1))
        p = run(base + ["reload"], tmp)
        check(p.returncode == 0, "third reload exits 0")
        check(feed_line(p.stderr, feeds["etag"]) == "1 new or changed article",
              "changed document: exactly one new item")
        check(items_by_feed(db)[feeds["etag"]] == (4, 4), "4 distinct items, none duplicated")
        p = run(base + ["print-unread"], tmp)
        check(p.stdout == "%d unread articles\n" % (21 + huge),
              "print-unread counts the new item")

        # ---- usage, offline ----
        p = run(base + ["--offline", "reload"], tmp)
        check(p.returncode == 0 and "offline" in p.stderr, "--offline reload does nothing, exit 0")
        p = run(base + ["reload", "extra"], tmp)
        check(p.returncode == 2, "reload with an argument is a usage error")
        bad = os.path.join(tmp, "bad.conf")
        with open(bad, "w") as f:
            f.write("download-timeout soon\n")
        p = run(["--config", bad, "--urls", urls, "--cache", db, "reload"], tmp)
        check(p.returncode == 3 and "bad.conf:1:" in p.stderr, "bad config: exit 3 with file:line")
        notdb = os.path.join(tmp, "not-a-db")
        with open(notdb, "w") as f:
            f.write("this is not a database, " * 100)
        p = run(["--config", conf, "--urls", urls, "--cache", notdb, "reload"], tmp)
        check(p.returncode == 4, "unusable cache: exit 4")

    print("%.1f s" % (time.monotonic() - started))
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
