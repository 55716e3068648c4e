#!/usr/bin/env python3
"""End-to-end test of script feeds (exec: and filter: urls lines) through
`newsreader reload`, with the scripts in tests/scripts/ and tests/server.py
on 127.0.0.1:
  1. an exec: feed's Arabic and English items are stored under the whole
     line as the feed's URL; an argument holding $(touch FILE), ';', quotes
     and spaces reaches the script as exactly those bytes in one argv word,
     and FILE is never created;
  2. a filter: feed rewrites a feed served over HTTP; the second reload is
     a conditional GET answered 304, and a read state survives it;
  3. a script past script-timeout fails with "script timed out after 2 s",
     a failing script's stderr ends its reason (on stderr and in the log),
     and the ordinary feed next to them is stored all the same;
  4. a urls file writable by others: its script lines are refused, saying
     why, and nothing runs; --offline runs no script;
  5. OPML import never creates a script feed.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import json
import os
import sqlite3
import sys
import tempfile
import time

import server
from testlib import SRCDIR, check, exit_status, feed_line, run_logged

NEWSREADER = os.environ.get("NEWSREADER")
SCRIPTS = os.path.join(SRCDIR, "tests", "scripts")


def run(args, tmp):
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "xdg-config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "xdg-data")
    env["XDG_STATE_HOME"] = os.path.join(tmp, "xdg-state")
    return run_logged([NEWSREADER] + args, "newsreader " + " ".join(args), env=env)


def q(word):
    """A word for the command inside a urls-file token: single-quoted for
    the command's splitter (share-command's rules)."""
    return "'" + word.replace("'", "'\\''") + "'"


def token(cmd):
    """A urls-file token: double-quoted, with \\ and \" escaped."""
    return '"' + cmd.replace("\\", "\\\\").replace('"', '\\"') + '"'


def db_titles(db, url):
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute(
            "SELECT i.title FROM items i JOIN feeds f ON f.id = i.feed_id WHERE f.url = ?",
            (url,)))
    finally:
        con.close()


def main():
    if not NEWSREADER:
        print("NEWSREADER is not set")
        return 77
    fixtures = os.path.join(SRCDIR, "tests", "fixtures", "http")
    exec_py = os.path.join(SCRIPTS, "feed_exec.py")
    filter_py = os.path.join(SCRIPTS, "feed_filter.py")
    python = sys.executable or "python3"
    with tempfile.TemporaryDirectory() as tmp, server.start(fixtures, lifetime=120) as srv:
        os.chmod(tmp, 0o700)
        pwned = os.path.join(tmp, "pwned")
        argv_out = os.path.join(tmp, "argv.json")
        hostile = ["a $(touch %s) b" % pwned, "; touch %s;" % pwned, 'say "hi" \'there\'',
                   "  two  spaces  ", "`touch %s`" % pwned, "عربي | > <"]
        cmd_main = " ".join([q(python), q(exec_py), "--argv-out", q(argv_out), "--tag", "main"]
                            + [q(w) for w in hostile])
        cmd_slow = " ".join([q(python), q(exec_py), "--tag", "slow", "--sleep", "30"])
        cmd_fail = " ".join([q(python), q(exec_py), "--stderr",
                             q("boom: the source is down\\nالمصدر لا يرد\\e[31m"),
                             "--exit", "3"])
        cmd_filter = " ".join([q(python), q(filter_py), q("[مفلتر]")])
        feeds = {
            "main": "exec:" + cmd_main,
            "filter": "filter:%s:%s" % (cmd_filter, srv.url("/en.xml")),
            "slow": "exec:" + cmd_slow,
            "fail": "exec:" + cmd_fail,
            "plain": srv.url("/ar.xml"),
        }
        urls = os.path.join(tmp, "urls")
        with open(urls, "w", encoding="utf-8") as f:
            f.write("# script feeds next to an ordinary one\n")
            for name, url in feeds.items():
                f.write("%s scripts\n" % token(url))
        os.chmod(urls, 0o600)
        conf = os.path.join(tmp, "config")
        with open(conf, "w") as f:
            f.write("script-timeout 2\ndownload-timeout 10\n")
        db = os.path.join(tmp, "cache.db")
        base = ["--config", conf, "--urls", urls, "--cache", db]

        # ---- 1..3: the first reload ----
        started = time.monotonic()
        p = run(base + ["reload"], tmp)
        took = time.monotonic() - started
        err = p.stderr
        check(p.returncode == 0, "reload exits 0 although two scripts fail")
        check(feed_line(err, feeds["main"]) == "2 new or changed articles",
              "exec: feed stored its 2 articles")
        check(db_titles(db, feeds["main"]) == ["Script feed works (main)",
                                               "خبر من السكربت (main)"],
              "exec: feed's Arabic and English titles, under the whole line as URL")
        try:
            with open(argv_out, encoding="utf-8") as f:
                seen = json.load(f)
        except OSError:
            seen = None
        check(seen == hostile, "each hostile argument is exactly one argv word: %r" % (seen,))
        check(not os.path.exists(pwned), "nothing in an argument was executed")
        check(feed_line(err, feeds["filter"]) == "3 new or changed articles",
              "filter: feed stored the server's 3 articles")
        titles = db_titles(db, feeds["filter"])
        check(len(titles) == 3 and all(t.startswith("[مفلتر] ") for t in titles)
              and "[مفلتر] Ferry timetable changes for the winter" in titles,
              "filter: feed's items are the script's rewrite: %r" % titles)
        check(feed_line(err, feeds["slow"]) == "script timed out after 2 s",
              "slow script: %r" % feed_line(err, feeds["slow"]))
        check(took < 20, "the reload did not wait for the slow script's 30 s (%.1f s)" % took)
        fail = feed_line(err, feeds["fail"])
        check(fail == "script exited with status 3: boom: the source is down المصدر لا يرد",
              "failing script: status and sanitised stderr: %r" % fail)
        check(feed_line(err, feeds["plain"]) == "2 new or changed articles",
              "the ordinary feed next to them is stored")
        check(err.splitlines()[-1].startswith(
            "reloaded 5 feeds: 3 updated, 0 unchanged, 2 failed"), "summary line")
        log = os.path.join(tmp, "xdg-state", "newsreader", "log")
        try:
            with open(log, encoding="utf-8") as f:
                logtext = f.read()
        except OSError:
            logtext = ""
        check(("feed %s: script exited with status 3: boom" % feeds["fail"]) in logtext,
              "the failure and its stderr are in the log file")
        check("\x1b" not in err and "\x1b" not in logtext, "no escape byte on stderr or in the log")

        # ---- 2: again: 304 for the filter, read states kept ----
        con = sqlite3.connect(db)
        con.execute("UPDATE items SET read = 1 WHERE title = ?", ("خبر من السكربت (main)",))
        con.commit()
        con.close()
        stats_before = srv.stats().get("/en.xml", {}).get("304", 0)
        p = run(base + ["reload"], tmp)
        check(feed_line(p.stderr, feeds["filter"]) == "unchanged",
              "filter: second reload unchanged")
        check(srv.stats().get("/en.xml", {}).get("304", 0) == stats_before + 1,
              "filter: its URL was fetched with a conditional GET (304)")
        check(feed_line(p.stderr, feeds["main"]) == "unchanged", "exec: second reload unchanged")
        con = sqlite3.connect(db)
        row = con.execute("SELECT read FROM items WHERE title = ?",
                          ("خبر من السكربت (main)",)).fetchone()
        nfeeds = con.execute("SELECT count(*) FROM feeds WHERE url = ?",
                             (feeds["main"],)).fetchone()[0]
        con.close()
        check(row == (1,), "the read state survived the reload")
        check(nfeeds == 1, "the exec: feed kept one row (a stable identity)")

        # ---- 4: a urls file others may write runs nothing ----
        os.remove(argv_out)
        os.chmod(urls, 0o606)
        p = run(base + ["reload"], tmp)
        check(("%s:2: exec: feed refused: the file is writable by others, who could make "
               "it run any command as you (chmod go-w '%s'; line skipped)" % (urls, urls))
              in p.stderr, "world-writable urls file: exec: line refused with the reason")
        check("%s:3: filter: feed refused" % urls in p.stderr, "and the filter: line too")
        check(not os.path.exists(argv_out), "no script ran")
        check(feed_line(p.stderr, feeds["plain"]) == "unchanged", "the ordinary feed still loads")
        os.chmod(urls, 0o600)
        p = run(["--offline"] + base + ["reload"], tmp)
        check(p.returncode == 0 and not os.path.exists(argv_out), "--offline runs no script")

        # ---- 5: OPML import ----
        opml = os.path.join(tmp, "shared.opml")
        with open(opml, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?>\n<opml version="2.0"><head/><body>\n'
                    '<outline text="x" xmlUrl="exec:sh -c \'touch %s\'"/>\n'
                    '<outline text="y" xmlUrl="%s"/>\n</body></opml>\n'
                    % (pwned, srv.url("/atom.xml")))
        p = run(base + ["import", opml], tmp)
        check("line 3: exec: feeds run a command and are never imported from OPML" in p.stderr,
              "OPML import refuses the exec: outline, saying why")
        with open(urls, encoding="utf-8") as f:
            text = f.read()
        check(text.count("exec:") == 3 and srv.url("/atom.xml") in text,
              "only the http feed was added to the urls file")
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
