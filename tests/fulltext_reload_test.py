#!/usr/bin/env python3
"""Full text in `newsreader reload` (issue 12): a summary-only feed served
with its article pages by tests/server.py.
  1. full-text auto in the config: reload downloads the pages of the items
     whose own text is short, extracts them and stores the articles (the
     story's paragraphs are kept, the site's menus and footer are gone);
     a page that is not HTML and a missing one fail with their reasons;
     the item with a long text of its own is not fetched; a feed tagged
     full-text:no is not fetched; a page that times out records the reason;
     stderr says how many pages were stored, before the summary line;
  2. a second reload asks for no stored page again, and the failed one
     waits out its backoff.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import os
import sqlite3
import sys
import tempfile

import server
from testlib import SRCDIR, check, exit_status, run_logged

NEWSREADER = os.environ.get("NEWSREADER")
LONG = ("A long story told in the feed itself. " * 20).strip()


def rss(srv, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
           '<title>Summaries</title><link>%s</link>' % srv.url("/")]
    for guid, title, path, desc in items:
        out.append("<item><guid>%s</guid><title>%s</title><link>%s</link>"
                   "<description>%s</description>"
                   "<pubDate>Sun, 06 Dec 2026 1%d:00:00 GMT</pubDate></item>"
                   % (guid, title, srv.url(path), desc, len(out) % 10))
    out.append("</channel></rss>\n")
    return "".join(out).encode()


def rows(db, sql, *args):
    con = sqlite3.connect(db, timeout=5)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def requests(srv, path):
    return srv.stats().get(path, {}).get("requests", 0)


def main():
    if not NEWSREADER:
        print("NEWSREADER not set")
        return 77
    with tempfile.TemporaryDirectory() as tmp, \
            server.start(os.path.join(SRCDIR, "tests", "fixtures", "fulltext")) as srv:
        db = os.path.join(tmp, "cache.db")
        srv.set("/summary.xml", rss(srv, [
            ("ferry", "Night ferries", "/en-story.html", "Ferries run again."),
            ("library", "مكتبة الحي", "/ar-story.html", "المكتبة تفتح ليلاً…"),
            ("slow", "A slow page", "/delay/6000/slow-story.html", "Slow one."),
            ("long", "Told in full", "/long-story.html", LONG),
            ("json", "Data, not a page", "/data.json", "Numbers."),
            ("gone", "A page that is gone", "/status/404", "Gone."),
        ]))
        srv.set("/data.json", b'{"not": "a web page"}')
        srv.set("/nofull.xml", rss(srv, [
            ("other", "Not wanted", "/other-story.html", "Short."),
        ]))
        with open(os.path.join(tmp, "urls"), "w") as f:
            f.write(srv.url("/summary.xml") + " news\n")
            f.write(srv.url("/nofull.xml") + " full-text:no\n")
        with open(os.path.join(tmp, "config"), "w") as f:
            f.write("full-text auto\ndownload-timeout 2\n")
        os.environ.update(XDG_CONFIG_HOME=os.path.join(tmp, "c"),
                          XDG_DATA_HOME=os.path.join(tmp, "d"),
                          XDG_STATE_HOME=os.path.join(tmp, "s"))
        cmd = [NEWSREADER, "--config", os.path.join(tmp, "config"),
               "--urls", os.path.join(tmp, "urls"), "--cache", db, "reload"]

        p = run_logged(cmd, "newsreader reload")
        check(p.returncode == 0, "reload exits 0")
        lines = p.stderr.splitlines()
        check(lines and lines[-1].startswith("reloaded 2 feeds: 2 updated"),
              "the summary line is unchanged and still the last")
        check("full text: 2 pages stored, 3 failed" in lines,
              "reload says how many pages it stored")
        check(any("slow-story.html: full text: timeout" in l for l in lines),
              "the page that timed out has a line with its reason")

        check(any(l.endswith("data.json: full text: not a web page (application/feed+json)")
                  for l in lines), "a page that is not HTML fails with that reason")
        check(any(l.endswith("/status/404: full text: HTTP 404") for l in lines),
              "a missing page fails with its status")
        got = dict(rows(db, "SELECT i.guid, p.html FROM pages p JOIN items i "
                            "ON i.id = p.item_id WHERE p.state = 'ok'"))
        en = got.get("ferry") or ""
        ar = got.get("library") or ""
        check("Captain Ilse Varro" in en and "closer to the mainland" in en,
              "the English article's paragraphs are stored")
        check("Most read" not in en and "All rights reserved" not in en
              and "Share on Facebook" not in en, "its menus, share bar and footer are not")
        check("/timetables/night" in en and srv.url("/timetables/night") in en,
              "its links are absolute")
        check("يتطوع عدد من المعلمين المتقاعدين" in ar, "the Arabic article is stored")
        check("الأكثر قراءة" not in ar and "جميع الحقوق محفوظة" not in ar,
              "without its sidebar and footer")
        failed = rows(db, "SELECT i.guid, p.reason, p.attempts, p.next_attempt - p.fetched_at "
                          "FROM pages p JOIN items i ON i.id = p.item_id "
                          "WHERE p.state = 'failed'")
        failed = [f for f in failed if f[0] == "slow"]
        check(len(failed) == 1 and "timeout" in failed[0][1]
              and failed[0][2] == 1 and failed[0][3] >= 600,
              "the timed-out page is recorded with its reason and a backoff (%r)" % failed)
        check(requests(srv, "/long-story.html") == 0,
              "auto: the item with a long text of its own was not fetched")
        check(requests(srv, "/other-story.html") == 0,
              "the feed tagged full-text:no was not fetched")
        check(requests(srv, "/en-story.html") == 1, "each page was asked for once")

        srv.reset_stats()
        p = run_logged(cmd, "newsreader reload (again)")
        check(p.returncode == 0, "the second reload exits 0")
        check(requests(srv, "/en-story.html") == 0 and requests(srv, "/ar-story.html") == 0,
              "stored pages are not fetched again")
        check(requests(srv, "/delay/6000/slow-story.html") == 0,
              "the failed page waits out its backoff")
        check(not any(l.startswith("full text:") for l in p.stderr.splitlines()),
              "no full-text line when no page was fetched")
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
