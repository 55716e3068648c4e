#!/usr/bin/env python3
"""Comments end to end against tests/server.py, through tests/comments_driver
(the real fetch thread, config parser and store):
  1. an article feed is loaded; its comment feed (relative wfw:commentRss)
     is fetched and stored, oldest first, controls removed; a second fetch is
     a 304 and a forced third one a 200: no comment is ever duplicated;
  2. a comment is sent to the local WordPress-compatible endpoint: the server
     lists it, the outbox says sent with the site's id, the article's list
     shows it, and the comment feed carrying it later does not duplicate it;
  3. with nothing listening on the endpoint's port the comment stays queued
     with next_attempt in the future; with the server up and "now" past
     next_attempt the scheduler sends it;
  4. a 400 answer marks the comment failed with the site's own reason from
     its error JSON, its text kept;
  5. an article without a ?p=ID fails at once; a feed without an endpoint
     keeps the comment as the user's own note;
  6. an endpoint's name= and email= are sent instead of the identity the
     program was given.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import base64
import json
import os
import sqlite3
import sys
import tempfile
import urllib.request

import server
from testlib import BUILDDIR, SRCDIR, check, closed_port, exit_status, run_logged

DRIVER = os.path.join(BUILDDIR, "tests", "comments_driver")
FIXTURES = os.path.join(SRCDIR, "tests", "fixtures", "comments")


class Env:
    def __init__(self, tmp):
        self.db = os.path.join(tmp, "cache.db")
        self.tmp = tmp

    def config(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o600)  # password files must be private
        return path

    def run(self, config, *args, now=None, ok=True):
        cmd = [DRIVER, "--db", self.db, "--config", config]
        if now is not None:
            cmd += ["--now", str(now)]
        cmd += ["--name", "Salma", "--email", "salma@example.org"]
        cmd += [str(a) for a in args]
        p = run_logged(cmd, "driver " + " ".join(str(a) for a in args))
        if ok and p.returncode != 0:
            check(False, "driver %s exits 0 (got %d)" % (args[0], p.returncode))
        return p.stdout

    def sql(self, query, *params):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    def item(self, guid):
        return self.sql("SELECT id FROM items WHERE guid = ?", guid)[0][0]

    def outbox(self, oid):
        rows = self.sql("SELECT state, attempts, next_attempt, reason, body, remote_id "
                        "FROM outbox WHERE id = ?", oid)
        return rows[0] if rows else None


def outbox_id(out):
    for line in out.splitlines():
        if line.startswith("send "):
            return int(line.split("id=")[1].split(":")[0])
    return None


def main():
    if not os.access(DRIVER, os.X_OK):
        print("no driver at %s" % DRIVER)
        return 77
    with tempfile.TemporaryDirectory() as tmp, server.start(FIXTURES, lifetime=120) as srv:
        env = Env(tmp)
        base = "http://127.0.0.1:%d" % srv.port
        feed = srv.url("/article.xml")
        cfg = env.config("config", "comment-endpoint %s %s\n" % (feed, base))

        # 1. Reading.
        env.run(cfg, "reload", feed, srv.url("/atom.xml"))
        item = env.item("https://blog.example.org/?p=42")
        out = env.run(cfg, "fetch", item)
        check("outcome loaded item=%d outbox=0: 3 new comments" % item in out,
              "first fetch stores the 3 comments")
        out = env.run(cfg, "fetch", item, "force")
        check("outcome unchanged" in out, "second fetch is answered by a 304")
        srv.set("/post-42.xml", open(os.path.join(FIXTURES, "post-42.xml"), "rb").read())
        out = env.run(cfg, "fetch", item, "force")
        check("no new comments" in out, "a changed feed with the same comments adds none")
        out = env.run(cfg, "list", item)
        lines = [l for l in out.splitlines() if l.startswith("comment ")]
        check(len(lines) == 3, "3 comments listed, none duplicated")
        check([l.split("|")[0] for l in lines] == ["comment سلمى", "comment Tom", "comment Lina"],
              "oldest first, authors from dc:creator and from 'By: NAME'")
        check(any("Nice red write-up, thanks." in l for l in lines),
              "escape sequences removed from the body")
        check(all("\x1b" not in l and "\x9b" not in l for l in lines), "no control left")
        # WordPress's RSS 2.0 comment feed names a reply's parent only in its
        # first paragraph's link (here in Arabic: "ردًا على").
        parents = dict(env.sql("SELECT author, parent FROM comments WHERE item_id = ?", item))
        check(parents.get("Lina", "").endswith("/rtl-terminal/#comment-7")
              and parents.get("Tom") is None and parents.get("سلمى") is None,
              "a reply's 'In reply to' link is its parent: %r" % parents)
        check("hint 3 stored 3" in env.run(cfg, "count", item), "count hint and stored count")
        reqs = srv.stats().get("/post-42.xml", {}).get("requests", 0)
        out = env.run(cfg, "fetch", item)
        check(srv.stats().get("/post-42.xml", {}).get("requests", 0) == reqs,
              "a fresh cache is not fetched again")

        # 2. Sending.
        env.run(cfg, "draft", item, "رأي جميل")
        out = env.run(cfg, "send", item, "رأي جميل، and <b>bold</b> words")
        out_sent = out
        oid = outbox_id(out)
        check("outcome posted item=%d outbox=%d: comment sent" % (item, oid) in out,
              "the comment is sent")
        posted = json.loads(urllib.request.urlopen(srv.url("/_comments"),
                                                   timeout=10).read())
        check(len(posted) == 1, "the server lists one comment for post 42")
        check(posted and posted[0]["content"]["rendered"] ==
              "<p>رأي جميل، and &lt;b&gt;bold&lt;/b&gt; words</p>\n",
              "content sent HTML-escaped")
        check(posted and posted[0]["author_name"] == "Salma", "author_name sent")
        check(posted and posted[0]["author_email"] == "salma@example.org", "author_email sent")
        check(posted and posted[0]["authorization"] is None, "no password without user=")
        state = env.outbox(oid)
        check(state[0] == "sent" and state[5] == str(posted[0]["id"]),
              "outbox: sent, with the site's comment id")
        check("draft (none)" in env.run(cfg, "draft", item), "sending cleared the draft")
        out = env.run(cfg, "list", item)
        rid = "https://blog.example.org/?p=42#comment-%d" % posted[0]["id"]
        check(("comment Salma|" in out) and rid in out, "the sent comment shows in the list")
        # The server held it (no Application Password): awaiting moderation
        # until the comment feed shows it (issue 15).
        check(posted and posted[0]["status"] == "hold", "the server held the comment")
        check("outcome posted item=%d outbox=%d: comment sent, awaiting moderation"
              % (item, oid) in out_sent, "the outcome says it awaits moderation")
        held = env.sql("SELECT held FROM comments WHERE item_id = ? AND remote_id = ?",
                       item, rid)
        check(held == [(1,)], "the sent comment is held: %r" % held)
        # The site's feed now carries it (under another scheme): still one row.
        feed42 = open(os.path.join(FIXTURES, "post-42.xml"), encoding="utf-8").read()
        extra = ("<item><title>By: Salma</title><dc:creator>Salma</dc:creator>"
                 "<guid isPermaLink=\"false\">http://blog.example.org/?p=42#comment-%d</guid>"
                 "<pubDate>Mon, 04 May 2026 12:00:00 +0000</pubDate>"
                 "<description>as the site shows it</description></item>\n"
                 % posted[0]["id"])
        srv.set("/post-42.xml", feed42.replace("</channel>", extra + "</channel>"))
        env.run(cfg, "fetch", item, "force")
        rows = env.sql("SELECT count(*) FROM comments WHERE item_id = ?", item)[0][0]
        check(rows == 4, "the sent comment is not duplicated by the comment feed (%d rows)" % rows)
        held = env.sql("SELECT held FROM comments WHERE item_id = ? AND remote_id LIKE ?",
                       item, "%%#comment-%d" % posted[0]["id"])
        check(held == [(0,)], "seen in the comment feed, it is approved: %r" % held)
        # A reply to it carries the REST API's parent field (issue 15).
        out = env.run(cfg, "reply", item, rid, "ردّ على التعليق")
        check("comment sent" in out, "the reply is sent")
        allc = json.loads(urllib.request.urlopen(srv.url("/_comments"), timeout=10).read())
        check(allc[-1]["parent"] == posted[0]["id"] and allc[-1]["post"] == 42,
              "the reply's parent is the comment's site id (%r)" % allc[-1].get("parent"))
        check(allc[0]["parent"] == 0, "a comment that is no reply has no parent")

        # 3. Server down, then up.
        down = env.config("config-down", "comment-endpoint %s http://127.0.0.1:%d\n"
                          % (feed, closed_port()))
        out = env.run(down, "send", item, "sent while offline")
        oid = outbox_id(out)
        state = env.outbox(oid)
        check("outcome retrying" in out and "connection refused" in out,
              "a refused connection queues the comment again")
        before = state[2]
        check(state[0] == "queued" and state[1] == 1, "outbox: queued after 1 attempt")
        now = int(env.sql("SELECT updated_at FROM outbox WHERE id = ?", oid)[0][0])
        check(before >= now + 30, "next_attempt is in the future (+%d s)" % (before - now))
        out = env.run(down, "tick", now=now + 5)
        check("submitted 0" in out and "next_due %d" % before in out,
              "nothing is retried before next_attempt; the next due time is given")
        pw = os.path.join(tmp, "wp-password")
        with open(pw, "w") as f:
            f.write("abcd efgh ijkl mnop \n")
        os.chmod(pw, 0o600)
        up = env.config("config-up", "comment-endpoint %s %s user=editor password-file=%s\n"
                        % (feed, base, pw))
        out = env.run(up, "tick", now=before + 1)
        check("outcome posted item=%d outbox=%d: comment sent" % (item, oid) in out,
              "with the server up and now past next_attempt the scheduler sends it")
        check(env.outbox(oid)[0] == "sent", "outbox: sent")
        allc = json.loads(urllib.request.urlopen(srv.url("/_comments"),
                                                 timeout=10).read())
        check(allc[-1]["authorization"] == "Basic " + base64.b64encode(
            b"editor:abcd efgh ijkl mnop").decode(),
            "the Application Password goes as HTTP Basic, trimmed")
        check(allc[-1]["author_name"] == "" and allc[-1]["author_email"] is None,
              "signed in, no author name or email is sent: the site takes the account's")

        # 4. A 400.
        bad = env.config("config-400", "comment-endpoint %s %s?fail=400\n" % (feed, base))
        out = env.run(bad, "send", item, "this one is refused")
        oid = outbox_id(out)
        state = env.outbox(oid)
        check(state[0] == "failed", "a 400 marks the comment failed")
        check(state[3] == "HTTP 400: failing on request",
              "the site's reason from its error JSON is kept: %r" % state[3])
        check("outcome post-failed item=%d outbox=%d: comment not sent: HTTP 400: failing "
              "on request (text kept)" % (item, oid) in out, "the outcome gives the same reason")
        check(state[4] == "this one is refused", "the text is kept")
        out = env.run(bad, "tick")
        check("submitted 0" in out, "a failed comment is not retried by itself")

        # 5. No post id; no endpoint.
        noid = env.item("https://blog.example.org/2026/05/no-id/")
        out = env.run(cfg, "send", noid, "where does this go?")
        check("send failed" in out and "cannot tell the WordPress post ID" in out,
              "an article without ?p=ID fails at once, saying why")
        atom = env.item("urn:uuid:0b9e2f64-2d7a-4c55-a2f1-5e3c8d4b9a21")
        out = env.run(cfg, "fetch", atom)
        check("2 new comments" in out, "Atom replies feed stored")
        out = env.run(cfg, "send", atom, "ملاحظة لنفسي")
        check("send note" in out, "no endpoint for the feed: kept as an own note")
        out = env.run(cfg, "list", atom)
        check("comment -|" in out and "|own|<p>ملاحظة لنفسي</p>" in out,
              "the note is listed as the user's own")
        n = env.sql("SELECT count(*) FROM outbox WHERE item_id = ?", atom)[0][0]
        check(n == 0, "no outbox entry for a note")

        # 6. The endpoint's own identity wins over the program's.
        who = env.config("config-who", "comment-endpoint %s %s \"name=ليلى من المدونة\" "
                         "email=layla@blog.example.org\n" % (feed, base))
        out = env.run(who, "send", item, "تعليق باسم آخر")
        check("comment sent" in out, "sent with the endpoint's identity")
        allc = json.loads(urllib.request.urlopen(srv.url("/_comments"),
                                                 timeout=10).read())
        check(allc[-1]["author_name"] == "ليلى من المدونة", "name= sent as author_name")
        check(allc[-1]["author_email"] == "layla@blog.example.org", "email= sent as author_email")
        check("comment ليلى من المدونة|" in env.run(cfg, "list", item),
              "the sent comment is listed under that name")

        # Exactly the comments we sent reached the server (the reply included).
        check(len(allc) == 4, "the server got exactly 4 comments (got %d)" % len(allc))
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
