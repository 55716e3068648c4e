#!/usr/bin/env python3
"""Sync with a Google Reader API server (issue 14), against the protocol
double in tests/greader_server.py (no such server is packaged in Debian 12;
that file says which behaviours of FreshRSS and Miniflux it imitates).

  1. two feeds (one Arabic, in a category): `reload` brings both with their
     articles; print-unread counts the server's unread; a second reload
     asks only for what was crawled since (ot) and writes nothing;
  2. the TUI lists the feeds; reading an article there marks it read on
     the server, l stars it (edit-tag with the write token);
  3. the server's tokens expire: the next R in the same TUI logs in again
     once and goes on;
  4. read and starred on the server become read and liked here;
  5. the server stopped: a read and a like in the TUI, R says the server
     cannot be reached, kill -9; the server back: `reload` sends both,
     once;
  6. wrong password, a password command that fails, and a password
     command that works (run without a shell);
  7. the password is in no file newsreader wrote.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import os
import shutil
import signal
import sys
import tempfile
import time

from greader_server import GReader
from synctest_lib import Tui, cache_rows, offline_like_and_read, sync_home, tui_like_and_send
from testlib import check, exit_status, run_logged

NEWSREADER = os.environ.get("NEWSREADER")
PASSWORD = "Heron-2208"


def main():
    if not NEWSREADER:
        print("NEWSREADER not set")
        return 77
    if shutil.which("tmux") is None:
        print("tmux not installed")
        return 77
    tmp = tempfile.mkdtemp(prefix="nr-greader-")
    srv = GReader(password=PASSWORD).start()
    tui = None
    try:
        tui = run(srv, tmp)
    finally:
        if tui is not None:
            tui.kill_server()
        try:
            srv.stop()
        except Exception:
            pass
        shutil.rmtree(tmp, ignore_errors=True)
    return exit_status()


def run(srv, tmp):
    ar, en = "http://news.example/ar.xml", "http://harbour.example/en.xml"
    srv.add_feed(ar, "أخبار المدينة", "محلي")
    srv.add_feed(en, "Harbour notes")
    srv.add_item(ar, "افتتاح المكتبة الجديدة", "<p>افتتحت البلدية مكتبة جديدة.</p>", 1764576000)
    srv.add_item(ar, "سوق الخضار يعود", "<p>يعود السوق الأسبوعي يوم الجمعة.</p>", 1764662400)
    srv.add_item(en, "Ferry timetable changes", "<p>The winter timetable starts.</p>",
                 1764748800)
    srv.add_item(en, "Tide tables for December", "<p>High water at 06:12 and 18:40.</p>",
                 1764835200)

    home, pw, db, env = sync_home(tmp, PASSWORD)
    cfg = os.path.join(home, "config")

    def config(password_line):
        with open(cfg, "w") as f:
            f.write("urls-source greader\ngreader-url %s\ngreader-login reader\n%s\n"
                    % (srv.base, password_line))
    config("greader-password-file " + pw)
    base = [NEWSREADER, "--config", cfg, "--cache", db]

    # 1.
    p = run_logged(base + ["reload"], "newsreader reload")
    check(p.returncode == 0 and "synced 2 feeds" in p.stderr
          and "4 new or changed articles" in p.stderr, "the first sync brings 2 feeds, 4 articles")
    p = run_logged(base + ["print-unread"], "newsreader print-unread")
    check(p.stdout.strip() == "4 unread articles", "print-unread counts the server's 4 unread")
    check(("أخبار المدينة", "محلي") in cache_rows(db, "SELECT user_title, tags FROM feeds"),
          "the Arabic feed has its title and its category as tag")
    got = cache_rows(db, "SELECT content FROM items WHERE title = 'افتتاح المكتبة الجديدة'")
    check(got == [("<p>افتتحت البلدية مكتبة جديدة.</p>",)], "an Arabic article with its content")
    n0 = len(srv.requests)
    p = run_logged(base + ["reload"], "newsreader reload (nothing new)")
    asked = [r for r in srv.requests[n0:]]
    print("requests: %s" % asked)
    check(p.returncode == 0 and "0 new or changed articles" in p.stderr,
          "a second sync writes nothing")
    check(any("stream/contents" in (path or "") for _, path in asked),
          "it asks for the reading list")

    # 2. The TUI, with a password command that counts its runs.
    script = os.path.join(home, "pass.sh")
    runs = os.path.join(home, "pass.runs")
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho run >>'%s'\necho '%s'\n" % (runs, PASSWORD))
    os.chmod(script, 0o700)
    config("greader-password-command " + script)

    def password_runs():
        return len(open(runs).read().splitlines()) if os.path.exists(runs) else 0
    tui = Tui(tmp, env, ["--config", cfg, "--cache", db])
    tui.start("one")
    tui_like_and_send(tui, "Google Reader API")
    it = srv.by_title("Tide tables for December")
    check(it["read"] and it["starred"], "read and starred on the server")
    check(all("T" not in e for e in srv.edits) and len(srv.edits) == 2,
          "two edit-tag calls (the write token checked by the server)")
    # A sync with the session of the last one: no login, no password.
    tui.keys("R")
    check(tui.wait_for("synced with Google Reader API: 0 new, 0 sent"), "R again")
    check(password_runs() == 1, "the password command ran once for two syncs (%d)"
          % password_runs())

    # 3 and 4.
    logins = srv.logins
    srv.expire_tokens()
    for x in srv.items:
        if x["title"] == "Ferry timetable changes":
            x["read"] = True
        if x["title"] == "افتتاح المكتبة الجديدة":
            x["starred"] = True
    tui.keys("R")

    def synced_back():
        return (cache_rows(db, "SELECT read FROM items WHERE title = 'Ferry timetable changes'")
                == [(1,)] and cache_rows(db, "SELECT liked FROM items WHERE title ="
                                        " 'افتتاح المكتبة الجديدة'") == [(1,)])
    end = time.time() + 60
    while time.time() < end and not synced_back():
        time.sleep(0.1)
    check(synced_back() and "synced with Google Reader API: 0 new, 0 sent" in tui.screen(),
          "after the tokens expired, R syncs")
    check(srv.logins == logins + 1, "with exactly one new login (%d)" % (srv.logins - logins))
    check(password_runs() == 2, "the password was read again for that login only (%d)"
          % password_runs())
    check(cache_rows(db, "SELECT read FROM items WHERE title = 'Ferry timetable changes'")
          == [(1,)], "read on the server: read here")
    check(cache_rows(db, "SELECT liked FROM items WHERE title = 'افتتاح المكتبة الجديدة'")
          == [(1,)], "starred on the server: liked here")

    # 5. Offline, across kill -9.
    srv.stop()
    tui.keys("R")
    check(tui.wait_for("cannot reach the Google Reader API server"), "server down is said")
    check(tui.wait_for("Ferry timetable changes"), "the list still shows the cache")
    offline_like_and_read(tui, db)
    pid = tui.pid()
    if pid:
        os.kill(pid, signal.SIGKILL)
    srv.start()
    p = run_logged(base + ["reload"], "newsreader reload (server back)")
    check(p.returncode == 0 and "2 changes sent" in p.stderr, "both are sent")
    check(srv.by_title("Ferry timetable changes")["starred"], "the offline like is a star")
    check(srv.by_title("افتتاح المكتبة الجديدة")["read"], "the offline read is read")
    p = run_logged(base + ["reload"], "newsreader reload (again)")
    check(p.returncode == 0 and "0 changes sent" in p.stderr, "once")

    # 6.
    before = run_logged(base + ["print-unread"], "print-unread").stdout
    config("greader-password-command echo wrong-Pass-77")
    p = run_logged(base + ["reload"], "newsreader reload (wrong password)")
    check(p.returncode == 1 and "login refused: wrong user name or password" in p.stderr,
          "a wrong password is said")
    check("wrong-Pass-77" not in p.stderr, "and not printed")
    config("greader-password-command false")
    p = run_logged(base + ["reload"], "newsreader reload (password command fails)")
    check(p.returncode == 1 and "password command false: exit status 1" in p.stderr,
          "a failing password command is said")
    # A shell would expand $HOME: the command's argument reaches it as is.
    srv.users["reader"] = "pw$HOME;x"
    config("greader-password-command echo pw$HOME;x")
    p = run_logged(base + ["reload"], "newsreader reload (password command)")
    check(p.returncode == 0, "a password command works, without a shell")
    after = run_logged(base + ["print-unread"], "print-unread").stdout
    check(before == after, "the failures lost nothing")

    # 7.
    leaked = []
    for root, _, files in os.walk(home):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            if name not in ("pw", "pass.sh") and (PASSWORD.encode() in data or b"pw$HOME;x" in data
                                 and name != "config"):
                leaked.append(name)
    check(not leaked, "no password in the cache, the log or any other file (%s)" % leaked)
    return tui


if __name__ == "__main__":
    sys.exit(main())
