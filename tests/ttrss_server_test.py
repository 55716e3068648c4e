#!/usr/bin/env python3
"""Sync with a REAL Tiny Tiny RSS (issue 14): Debian 12's tt-rss on 127.0.0.1
with its own PostgreSQL (tests/ttrss_real.py sets them up and stops them;
installs the packages when missing, as root). Run by `make check-servers`,
not by `make check`.

  1. two feeds subscribed on the server (one Arabic in a category, one
     English): `reload` brings both with their articles; print-unread
     counts what the server says; the TUI lists them;
  2. reading an article in the TUI marks it read on the server, and l
     stars it there (checked with the API);
  3. the server's session is deleted (expired): the next sync in the same
     TUI logs in again and succeeds;
  4. an article read and one starred on the server are read and liked here
     after the next sync;
  5. with the server stopped: a read and a like in the TUI, a sync that
     says the server cannot be reached (the cache still shows), kill -9;
     the server back: `reload` sends both, the server has them, and the
     next `reload` sends nothing (once);
  6. wrong password, a password file others can read, the API disabled:
     each a clear error, exit 1, nothing lost; the password is never in
     the output, the cache or the log.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import hashlib
import html
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import ttrss_real
from synctest_lib import Tui, cache_rows, offline_like_and_read, sync_home, tui_like_and_send
from testlib import check, exit_status, run_logged

NEWSREADER = os.environ.get("NEWSREADER")
PASSWORD = "Kestrel-4471"

AR = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار المدينة</title><link>http://[::1]/ar</link>
<description>أخبار</description>
<item><title>افتتاح المكتبة الجديدة</title><link>http://[::1]/ar/1</link>
<guid isPermaLink="false">nr-test-ar-1</guid><pubDate>Mon, 30 Nov 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;افتتحت البلدية مكتبة جديدة في وسط المدينة.&lt;/p&gt;</description></item>
<item><title>سوق الخضار يعود</title><link>http://[::1]/ar/2</link>
<guid isPermaLink="false">nr-test-ar-2</guid><pubDate>Tue, 01 Dec 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;يعود السوق الأسبوعي يوم الجمعة.&lt;/p&gt;</description></item>
</channel></rss>"""

EN = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour notes</title><link>http://[::1]/en</link>
<description>notes</description>
<item><title>Ferry timetable changes</title><link>http://[::1]/en/1</link>
<guid isPermaLink="false">nr-test-en-1</guid><pubDate>Wed, 02 Dec 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;The winter timetable starts on Monday.&lt;/p&gt;</description></item>
<item><title>Tide tables for December</title><link>http://[::1]/en/2</link>
<guid isPermaLink="false">nr-test-en-2</guid><pubDate>Thu, 03 Dec 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;High water at 06:12 and 18:40.&lt;/p&gt;</description></item>
</channel></rss>"""


def by_guid(tt):
    """The server's articles by their feed's GUID: (id, unread, marked)."""
    rows = tt.sql("SELECT e.guid, ue.ref_id, ue.unread, ue.marked FROM ttrss_user_entries ue"
                  " JOIN ttrss_entries e ON e.id = ue.ref_id")
    out = {}
    for guid, rid, unread, marked in rows:
        for g in ("nr-test-ar-1", "nr-test-ar-2", "nr-test-en-1", "nr-test-en-2"):
            if g in guid or guid.endswith(g):
                out[g] = (int(rid), unread == "t", marked == "t")
    # tt-rss keeps a hash of the GUID: map through the API's link instead.
    if len(out) < 4:
        for h in tt.headlines(show_content=False, view_mode="all_articles"):
            g = "nr-test-%s-%s" % (h["link"].split("/")[-2], h["link"].split("/")[-1])
            out[g] = (h["id"], h["unread"], h["marked"])
    return out


def main():
    if not NEWSREADER:
        print("NEWSREADER not set")
        return 77
    if shutil.which("tmux") is None:
        print("tmux not installed")
        return 77
    t_start = time.time()
    tmp = tempfile.mkdtemp(prefix="nr-ttrss-")
    tui = None
    try:
        with ttrss_real.TTRSS(tmp) as tt, ttrss_real.FeedServer() as feeds:
            tui = run(tt, feeds, tmp)
    except ttrss_real.Skip as e:
        print("skip: %s" % e)
        return 77
    finally:
        if tui is not None:
            tui.kill_server()
        shutil.rmtree(tmp, ignore_errors=True)
    print("whole test: %.0f s" % (time.time() - t_start))
    return exit_status()


def run(tt, feeds, tmp):
    feeds.set("/ar.xml", AR)
    feeds.set("/en.xml", EN)
    tt.sql("UPDATE ttrss_users SET pwd_hash = 'SHA1:%s' WHERE login = 'admin'"
           % hashlib.sha1(PASSWORD.encode()).hexdigest())
    tt.password = PASSWORD
    tt.sql("INSERT INTO ttrss_feed_categories (owner_uid, title) "
           "SELECT id, 'محلي' FROM ttrss_users WHERE login = 'admin'")
    cat = int(tt.sql("SELECT id FROM ttrss_feed_categories")[0][0])
    ids = []
    for path, c in (("/ar.xml", cat), ("/en.xml", 0)):
        r = tt.api("subscribeToFeed", feed_url=feeds.url(path), category_id=c)
        ids.append(r["status"]["feed_id"])
        tt.api("updateFeed", feed_id=r["status"]["feed_id"])
    server = by_guid(tt)
    check(len(server) == 4, "the server has the 4 test articles (%d)" % len(server))

    home, pw, db, env = sync_home(tmp, PASSWORD)
    cfg = os.path.join(home, "config")
    with open(cfg, "w") as f:
        f.write("urls-source ttrss\nttrss-url %s\nttrss-login admin\nttrss-password-file %s\n"
                % (tt.url, pw))
    base = [NEWSREADER, "--config", cfg, "--cache", db]

    # 1. The first sync.
    p = run_logged(base + ["reload"], "newsreader reload")
    check(p.returncode == 0, "first sync exits 0")
    check("synced 2 feeds" in p.stderr and "4 new or changed articles" in p.stderr,
          "reload says it synced 2 feeds and 4 articles")
    p = run_logged(base + ["print-unread"], "newsreader print-unread")
    check(p.stdout.strip() == "4 unread articles", "print-unread counts the server's 4 unread")
    rows = cache_rows(db, "SELECT f.user_title, f.tags FROM feeds f ORDER BY f.id")
    check(("أخبار المدينة", "محلي") in rows, "the Arabic feed has its title and category as tag")
    got = cache_rows(db, "SELECT content FROM items WHERE title = 'افتتاح المكتبة الجديدة'")
    # TT-RSS sends non-ASCII text of articles as character references.
    check(len(got) == 1 and "مكتبة جديدة في وسط المدينة" in html.unescape(got[0][0] or ""),
          "an Arabic article came with its content")

    # 2. The TUI: read and like an article; R sends both.
    tui = Tui(tmp, env, ["--config", cfg, "--cache", db])
    tui.start("one")
    tui_like_and_send(tui, "Tiny Tiny RSS", also=("All articles",))
    s = by_guid(tt)
    check(s["nr-test-en-2"][1] is False, "the article read in the TUI is read on the server")
    check(s["nr-test-en-2"][2] is True, "the article liked in the TUI is starred on the server")

    # 3. The session expires on the server: one new login, and on.
    tt.sql("DELETE FROM ttrss_sessions")
    # 4. Read and starred on the server (another client).
    tt.api("updateArticle", article_ids=str(s["nr-test-en-1"][0]), mode=0, field=2)
    tt.api("updateArticle", article_ids=str(s["nr-test-ar-1"][0]), mode=1, field=0)
    tui.keys("R")
    check(tui.wait_for("synced with Tiny Tiny RSS: 0 new, 0 sent"),
          "after the session expired, R logs in again and syncs")
    check(cache_rows(db, "SELECT read FROM items WHERE title = 'Ferry timetable changes'")
          == [(1,)], "the article read on the server is read here")
    check(cache_rows(db, "SELECT liked FROM items WHERE title = 'افتتاح المكتبة الجديدة'")
          == [(1,)], "the article starred on the server is liked here")
    tui.keys("L")
    check(tui.wait_for("Liked articles"), "the Liked view opens")
    check(tui.wait_for("Tide tables for December"), "it lists the article liked here")

    # 5. The server stops; changes in the TUI wait for it, across kill -9.
    tt.stop_web()
    tui.keys("q", "q")
    tui.keys("R")
    check(tui.wait_for("cannot reach the Tiny Tiny RSS server"),
          "a sync with the server down says it cannot be reached")
    check("Harbour notes" in tui.screen(), "the cache is still shown")
    tui.keys("Enter")	# All articles
    check(tui.wait_for("Ferry timetable changes"), "the list opens offline")
    offline_like_and_read(tui, db)
    pid = tui.pid()
    check(pid is not None, "the reader runs")
    if pid:
        os.kill(pid, signal.SIGKILL)
    tt.start_web_again()
    p = run_logged(base + ["reload"], "newsreader reload (server back)")
    check(p.returncode == 0 and "2 changes sent" in p.stderr,
          "the next reload sends the two changes made offline")
    s = by_guid(tt)
    check(s["nr-test-en-1"][2] is True, "the offline like is a star on the server")
    check(s["nr-test-ar-1"][1] is False, "the offline read is read on the server")
    p = run_logged(base + ["reload"], "newsreader reload (again)")
    check(p.returncode == 0 and "0 changes sent" in p.stderr, "and only once")

    # 6. The server's own failures.
    before = run_logged(base + ["print-unread"], "newsreader print-unread").stdout
    with open(pw, "w") as f:
        f.write("not-the-password-9\n")
    p = run_logged(base + ["reload"], "newsreader reload (wrong password)")
    check(p.returncode == 1 and "login refused: wrong user name or password" in p.stderr,
          "a wrong password is said to be one, exit 1")
    check("not-the-password-9" not in p.stderr + p.stdout, "the password is not printed")
    os.chmod(pw, 0o644)
    p = run_logged(base + ["reload"], "newsreader reload (password file readable)")
    check(p.returncode == 1 and "others can read" in p.stderr,
          "a password file others can read is refused")
    with open(pw, "w") as f:
        f.write(PASSWORD + "\n")
    os.chmod(pw, 0o600)
    tt.sql("UPDATE ttrss_user_prefs SET value = 'false' WHERE pref_name = 'ENABLE_API_ACCESS'")
    p = run_logged(base + ["reload"], "newsreader reload (API disabled)")
    check(p.returncode == 1 and "API is disabled" in p.stderr, "API disabled is said")
    tt.sql("UPDATE ttrss_user_prefs SET value = 'true' WHERE pref_name = 'ENABLE_API_ACCESS'")
    tt.stop_web()
    p = run_logged(base + ["reload"], "newsreader reload (server stopped)")
    check(p.returncode == 1 and "cannot reach the Tiny Tiny RSS server" in p.stderr,
          "a stopped server is said")
    after = run_logged(base + ["print-unread"], "newsreader print-unread").stdout
    check(before == after, "the failures lost nothing (%s)" % after.strip())
    leaked = []
    for root, _, files in os.walk(home):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                if PASSWORD.encode() in f.read() and name != "pw":
                    leaked.append(name)
    check(not leaked, "the password is in no file but its own (%s)" % leaked)
    return tui


if __name__ == "__main__":
    sys.exit(main())
