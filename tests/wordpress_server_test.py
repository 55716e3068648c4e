#!/usr/bin/env python3
"""Comments against a real WordPress (issue 15): Debian 12's wordpress 6.1
with MariaDB and Apache on 127.0.0.1, set up by tests/wordpress_real.py,
driven through tests/comments_driver (the real fetch thread, config parser,
store and outbox):
  1. the blog's feed is loaded and a post's comment feed (wfw:commentRss,
     a pretty permalink) read: the comment made on the site is stored; a
     second fetch is a 304 through Apache's gzip (DeflateAlterETag);
  2. a comment sent with an administrator's Application Password is
     published: the REST API lists it with our text, the outcome does not
     say "awaiting moderation", and the comment feed then carries it, stored
     once; a reply to it carries the REST parent field, and the comment feed
     (Atom's thr:in-reply-to, and RSS 2.0's "In reply to" link) read with a
     fresh cache shows the reply under its parent;
  3. with moderation on, a subscriber's comment is held: the outcome says
     "awaiting moderation" and the stored comment is held; approved on the
     site, the next comment feed marks it approved;
  4. a wrong Application Password fails with WordPress's own message and the
     text is kept in the outbox.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import os
import sqlite3
import sys
import tempfile

from testlib import BUILDDIR, check, exit_status, run_logged
import wordpress_real

DRIVER = os.path.join(BUILDDIR, "tests", "comments_driver")


class Env:
    def __init__(self, tmp, db="cache.db"):
        self.db = os.path.join(tmp, db)
        self.tmp = tmp

    def config(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def secret(self, name, text):
        path = self.config(name, text)
        os.chmod(path, 0o600)
        return path

    def run(self, config, *args, ok=True):
        cmd = [DRIVER, "--db", self.db, "--config", config,
               "--name", "Salma", "--email", "salma@example.org"] + [str(a) for a in args]
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


def outbox_id(out):
    for line in out.splitlines():
        if line.startswith("send "):
            return int(line.split("id=")[1].split(":")[0])
    return None


def site_comments(wp, status="approve"):
    return wp.rest("/wp-json/wp/v2/comments?post=%d&per_page=100&orderby=id&order=asc"
                   % wp.post_id) if status == "approve" else None


def main():
    if not os.access(DRIVER, os.X_OK):
        print("no driver at %s" % DRIVER)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        try:
            wp = wordpress_real.WordPress(tmp)
            wp.__enter__()
        except wordpress_real.Skip as e:
            print("skip: %s" % e)
            return 77
        try:
            run_tests(wp, Env(tmp))
        finally:
            wp.__exit__(None, None, None)
    return exit_status()


def run_tests(wp, env):
    # The Atom feed: its comment feeds carry thr:in-reply-to; WordPress
    # 6.1's RSS 2.0 comment feed only says "In reply to <a ...>" in the text.
    feed = wp.url + "/feed/atom/"
    admin_pw = env.secret("admin-pw", wp.admin_pw + "\n")
    cfg = env.config("config", "comment-endpoint %s %s user=%s password-file=%s\n"
                     % (feed, wp.url, wp.admin, admin_pw))

    # 1. Reading.
    env.run(cfg, "reload", feed)
    guid = "%s/?p=%d" % (wp.url, wp.post_id)
    rows = env.sql("SELECT id FROM items WHERE guid = ?", guid)
    check(len(rows) == 1, "the post is in the cache under its guid %s" % guid)
    if not rows:
        return
    item = rows[0][0]
    out = env.run(cfg, "fetch", item)
    check("outcome loaded item=%d outbox=0: 1 new comment" % item in out,
          "the post's comment feed is read: the site's one comment")
    out = env.run(cfg, "list", item)
    check("comment Tom|" in out and "A first comment, made on the site." in out,
          "the site's comment is listed with its author and text")
    out = env.run(cfg, "fetch", item, "force")
    check("outcome unchanged" in out,
          "a second fetch is a 304 through Apache's gzip (DeflateAlterETag NoChange)")

    # 2. A comment and a reply, published.
    text = "تعليق من newsreader على مدونة حقيقية"
    out = env.run(cfg, "send", item, text)
    oid = outbox_id(out)
    check("outcome posted item=%d outbox=%s: comment sent" % (item, oid) in out,
          "the comment is sent")
    check("awaiting moderation" not in out, "an administrator's comment is not held")
    on_site = site_comments(wp)
    mine = [c for c in on_site if text in c["content"]["rendered"]]
    check(len(mine) == 1, "WordPress lists the comment once (%d)" % len(mine))
    if not mine:
        return
    cid = mine[0]["id"]
    check(mine[0]["status"] == "approved" and mine[0]["parent"] == 0,
          "published, not a reply: %s parent %s" % (mine[0]["status"], mine[0]["parent"]))
    state = env.sql("SELECT state, remote_id FROM outbox WHERE id = ?", oid)
    check(state == [("sent", str(cid))], "outbox: sent with the site's id: %r" % state)
    out = env.run(cfg, "fetch", item, "force")
    check("1 new comment" in out or "no new comments" in out, "the comment feed is read again")
    n = env.sql("SELECT count(*) FROM comments WHERE item_id = ? AND body LIKE ?",
                item, "%" + text + "%")[0][0]
    check(n == 1, "the comment feed carries our comment, stored once (%d)" % n)
    rid = env.sql("SELECT remote_id FROM comments WHERE item_id = ? AND body LIKE ?",
                  item, "%" + text + "%")
    rid = rid[0][0] if rid else ""
    check(rid.endswith("#comment-%d" % cid), "its id names the site's comment: %s" % rid)

    reply = "ردّ على التعليق: a reply"
    out = env.run(cfg, "reply", item, rid, reply)
    check("comment sent" in out, "the reply is sent")
    on_site = site_comments(wp)
    got = [c for c in on_site if "a reply" in c["content"]["rendered"]]
    check(len(got) == 1 and got[0]["parent"] == cid,
          "WordPress has the reply under comment %d: %r"
          % (cid, [(c["id"], c["parent"]) for c in got]))
    env.run(cfg, "fetch", item, "force")
    rows = env.sql("SELECT parent FROM comments WHERE item_id = ? AND body LIKE ?",
                   item, "%a reply%")
    check(len(rows) == 1, "the reply is stored once (%d)" % len(rows))
    check(rows and rows[0][0] is not None and rows[0][0].endswith("#comment-%d" % cid),
          "the comment feed shows the reply under its parent: %r" % rows)
    out = env.run(cfg, "list", item)
    check(out.count("|site|") == 3, "the list has the site's, ours and the reply")

    # Another reader, with a fresh cache, sees both in the comment feed.
    other = Env(env.tmp, "other.db")
    other.run(cfg, "reload", feed)
    oitem = other.sql("SELECT id FROM items WHERE guid = ?", guid)[0][0]
    out = other.run(cfg, "fetch", oitem)
    check("outcome loaded item=%d outbox=0: 3 new comments" % oitem in out,
          "another reader's fetch of the comment feed stores 3 comments")
    rows = sorted(other.sql("SELECT author, body, remote_id, parent FROM comments "
                            "WHERE item_id = ?", oitem),
                  key=lambda r: int(r[2].rsplit("-", 1)[1]))
    check([r[2].rsplit("-", 1)[1] for r in rows] == ["2", str(cid), str(got[0]["id"])]
          if len(rows) == 3 and got else False,
          "the comment feed has the site's comment, ours and the reply: %r" % rows)
    check(len(rows) == 3 and text in rows[1][1] and reply in rows[2][1],
          "with our texts")
    check(len(rows) == 3 and rows[2][3] is not None and rows[2][3].endswith("#comment-%d" % cid)
          and "#comment-" not in (rows[1][3] or ""),
          "the comment feed puts the reply under its parent: %r" % [r[3] for r in rows])

    # The same through the RSS 2.0 feed, whose comment feed has no
    # thr:in-reply-to: the reply's "In reply to <a href=...#comment-N>"
    # paragraph names its parent.
    rss = Env(env.tmp, "rss.db")
    rss.run(cfg, "reload", wp.url + "/feed/")
    ritem = rss.sql("SELECT id FROM items WHERE guid = ?", guid)[0][0]
    out = rss.run(cfg, "fetch", ritem)
    check("outcome loaded item=%d outbox=0: 3 new comments" % ritem in out,
          "the RSS 2.0 comment feed gives the same 3 comments")
    rows = sorted(rss.sql("SELECT remote_id, parent FROM comments WHERE item_id = ?", ritem),
                  key=lambda r: int(r[0].rsplit("-", 1)[1]))
    check(len(rows) == 3 and rows[0][1] is None and rows[1][1] is None
          and (rows[2][1] or "").endswith("#comment-%d" % cid),
          "RSS 2.0: the reply under its parent, the others top level: %r"
          % [r[1] for r in rows])

    # 3. Held for moderation.
    wp.php("update_option('comment_moderation', 1);")
    # WordPress refuses a second comment from one address within 15 s
    # ("You are posting comments too quickly"): let a minute pass for it.
    wp.sql("UPDATE wordpress.wp_comments SET comment_date_gmt = comment_date_gmt - "
           "INTERVAL 1 MINUTE, comment_date = comment_date - INTERVAL 1 MINUTE")
    reader_pw = env.secret("reader-pw", wp.reader_pw + "\n")
    held_cfg = env.config("config-held", "comment-endpoint %s %s user=%s password-file=%s\n"
                          % (feed, wp.url, wp.reader, reader_pw))
    text = "Held comment, وهو بانتظار المراجعة"
    out = env.run(held_cfg, "send", item, text)
    oid = outbox_id(out)
    check("outcome posted item=%d outbox=%s: comment sent, awaiting moderation"
          % (item, oid) in out, "the held comment says it awaits moderation")
    held = env.sql("SELECT held, remote_id FROM comments WHERE item_id = ? AND body LIKE ?",
                   item, "%Held comment%")
    check(len(held) == 1 and held[0][0] == 1, "stored as held: %r" % held)
    hid = wp.sql("SELECT comment_ID, comment_approved FROM wordpress.wp_comments "
                 "WHERE comment_content LIKE '%Held comment%'")
    check(len(hid) == 1 and hid[0][1] == "0", "WordPress holds it: %r" % hid)
    env.run(held_cfg, "fetch", item, "force")
    held = env.sql("SELECT held FROM comments WHERE item_id = ? AND body LIKE ?",
                   item, "%Held comment%")
    check(held == [(1,)], "not in the comment feed yet: still held %r" % held)
    if hid:
        wp.php("wp_set_comment_status(%d, 'approve');" % int(hid[0][0]))
    env.run(held_cfg, "fetch", item, "force")
    held = env.sql("SELECT held FROM comments WHERE item_id = ? AND body LIKE ?",
                   item, "%Held comment%")
    check(held == [(0,)], "approved on the site, the comment feed marks it approved: %r"
          % held)

    # 4. A wrong Application Password.
    bad_pw = env.secret("bad-pw", "abcd efgh ijkl mnop qrst uvwx\n")
    bad_cfg = env.config("config-bad", "comment-endpoint %s %s user=%s password-file=%s\n"
                         % (feed, wp.url, wp.admin, bad_pw))
    text = "This one has the wrong password"
    out = env.run(bad_cfg, "send", item, text)
    oid = outbox_id(out)
    # What WordPress itself answers a client with this password (6.1 says
    # "Sorry, you must be logged in to comment.": the wrong password is
    # only noticed once the comments endpoint asks who is logged in).
    msg = wp.post_json("/wp-json/wp/v2/comments", {"post": wp.post_id, "content": text},
                       (wp.admin, "abcd efgh ijkl mnop qrst uvwx"))
    check(msg[0] == 401, "WordPress refuses the password with a 401 (%r)" % (msg,))
    msg = msg[1].get("message", "?")
    check("outcome post-failed item=%d outbox=%s: comment not sent: HTTP 401: %s (text kept)"
          % (item, oid, msg) in out, "WordPress's own message, the text kept")
    state = env.sql("SELECT state, body FROM outbox WHERE id = ?", oid)
    check(state == [("failed", text)], "outbox: failed, the text kept: %r" % state)
    n = len([c for c in site_comments(wp) if "wrong password" in c["content"]["rendered"]])
    check(n == 0, "nothing reached the site")

    # 5. The reader itself, in tmux (moderation still on, the subscriber).
    import shutil
    import subprocess
    if shutil.which("tmux") is None:
        print("no tmux: the TUI part is skipped")
        return
    wp.sql("UPDATE wordpress.wp_comments SET comment_date_gmt = comment_date_gmt - "
           "INTERVAL 1 MINUTE, comment_date = comment_date - INTERVAL 1 MINUTE")
    reader_bad = env.secret("reader-bad-pw", "wxyz wxyz wxyz wxyz wxyz wxyz\n")
    code, ans = wp.post_json("/wp-json/wp/v2/comments", {"post": wp.post_id, "content": "x"},
                             (wp.reader, "wxyz wxyz wxyz wxyz wxyz wxyz"))
    p = subprocess.run(["sh", os.path.join(os.environ.get("NR_SRCDIR", ".."), "tests",
                                           "tui_wordpress.sh")],
                       env=dict(os.environ, WP_URL=wp.url, WP_USER=wp.reader,
                                WP_PWFILE=reader_pw, WP_BADPWFILE=reader_bad,
                                WP_BADMSG=ans.get("message", "?")),
                       capture_output=True, text=True, timeout=300)
    sys.stdout.write(p.stdout[-3000:] + p.stderr[-2000:])
    check(p.returncode == 0, "tests/tui_wordpress.sh passes (exit %d)" % p.returncode)
    got = [c for c in site_comments(wp) if "terminal reader" in c["content"]["rendered"]]
    check(len(got) == 0, "the TUI's comment is held, not published")
    held = wp.sql("SELECT count(*) FROM wordpress.wp_comments WHERE comment_approved = '0' "
                  "AND comment_content LIKE '%terminal reader%'")
    check(held == [["1"]], "WordPress holds exactly one TUI comment: %r" % held)


if __name__ == "__main__":
    sys.exit(main())
