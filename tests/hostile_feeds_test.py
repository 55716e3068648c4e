#!/usr/bin/env python3
"""Hostile feeds against the real binary (SECURITY.md), served by a small
server of this test's own on 127.0.0.1 that logs every request path:

  1. XXE: external entities naming file:///etc/passwd, an http:// URL on
     this server, an external parameter entity and an external DTD (all on
     this server). `reload` stores the feed, and the server never sees a
     request for any of them; neither the cache nor dump-feed holds a byte
     of /etc/passwd.
  2. Entity expansion: a billion-laughs document is stored without the
     nested expansion (its titles stay a few bytes); a quadratic blowup
     (one 4 KiB entity referenced 20,000 times: 80 MB if expanded) fails
     with "too many entity expansions", quickly; the feed next to them in
     the same reload is stored.
  3. Redirects: a 302 to file://, to ftp://, to gopher:// and to
     javascript:alert(1) are each refused with a reason that names the
     scheme as written ("redirect to javascript: refused", not
     "javascript://"); nothing is stored for them.
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from testlib import check, exit_status, feed_line

NEWSREADER = os.environ.get("NEWSREADER")

GOOD = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>جار طيب</title><link>http://127.0.0.1/</link>
<item><title>خبر عادي</title><link>http://127.0.0.1/n1</link><guid>n1</guid></item>
</channel></rss>
"""

XXE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss SYSTEM "{base}/probe/external.dtd" [
 <!ENTITY passwd SYSTEM "file:///etc/passwd">
 <!ENTITY net SYSTEM "{base}/probe/entity">
 <!ENTITY % pe SYSTEM "{base}/probe/parameter">
 %pe;
]>
<rss version="2.0"><channel><title>XXE probe</title><link>http://127.0.0.1/</link>
<item><title>leak[&passwd;][&net;]</title><link>http://127.0.0.1/x1</link>
<description>&passwd;&net;</description><guid>x1</guid></item>
</channel></rss>
"""

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY l0 "ha">\n'
          + "".join(' <!ENTITY l%d "%s">\n' % (i, ("&l%d;" % (i - 1)) * 10)
                    for i in range(1, 10))
          + ']>\n<rss version="2.0"><channel><title>Laughs &l9;</title>'
          '<link>http://127.0.0.1/</link>\n<item><title>ضحك &l9;&l9; end</title>'
          '<link>http://127.0.0.1/l1</link><guid>l1</guid></item>\n</channel></rss>\n')

QUADRATIC = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "' + "x" * 4096 + '">]>\n'
             '<rss version="2.0"><channel><title>Quadratic</title>\n<item><title>'
             + "&big;" * 20000 + '</title><guid>q1</guid></item>\n</channel></rss>\n')

REDIRECTS = {
    "/to-file": "file:///etc/passwd",
    "/to-ftp": "ftp://127.0.0.1/feed.xml",
    "/to-gopher": "gopher://127.0.0.1/feed.xml",
    "/to-js": "javascript:alert(1)",
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        self.server.seen.append(self.path)
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        doc = self.server.docs.get(self.path)
        if doc is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = doc.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    if not NEWSREADER:
        print("NEWSREADER is not set")
        return 99
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.seen = []
    base = "http://127.0.0.1:%d" % srv.server_address[1]
    srv.docs = {"/good.xml": GOOD, "/xxe.xml": XXE.format(base=base),
                "/laughs.xml": LAUGHS, "/quadratic.xml": QUADRATIC}
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return run(tmp, base, srv)
    finally:
        srv.shutdown()


def run(tmp, base, srv):
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_DATA_HOME=os.path.join(tmp, "data"),
               XDG_STATE_HOME=os.path.join(tmp, "state"))
    urls = os.path.join(tmp, "urls")
    cache = os.path.join(tmp, "cache.db")
    feeds = ["/good.xml", "/xxe.xml", "/laughs.xml", "/quadratic.xml"] + sorted(REDIRECTS)
    with open(urls, "w", encoding="utf-8") as f:
        f.write("".join(base + p + "\n" for p in feeds))

    t0 = time.monotonic()
    p = subprocess.run([NEWSREADER, "--urls", urls, "--cache", cache, "reload"],
                       env=env, capture_output=True, text=True, timeout=120)
    secs = time.monotonic() - t0
    print(p.stderr, end="")
    check(p.returncode == 0, "reload exits 0 (exit %d)" % p.returncode)
    check(secs < 30, "reload of the hostile feeds took %.1f s" % secs)

    # 1. XXE: nothing fetched, nothing read.
    probes = [s for s in srv.seen if s.startswith("/probe/")]
    check(probes == [], "no request for an external entity or DTD (server saw %s)" % probes)
    with open("/etc/passwd", "rb") as f:
        first = f.readline().strip()
    with open(cache, "rb") as f:
        raw = f.read()
    for side in (cache + "-wal",):
        if os.path.exists(side):
            with open(side, "rb") as f:
                raw += f.read()
    check(first not in raw, "no line of /etc/passwd in the cache")
    db = sqlite3.connect(cache)
    titles = dict(db.execute("SELECT i.guid, i.title FROM items i").fetchall())
    check(titles.get("x1") == "leak[][]",
          "the XXE item is stored with the entities empty (got %r)" % titles.get("x1"))
    d = subprocess.run([NEWSREADER, "dump-feed", base + "/xxe.xml"], env=env,
                       capture_output=True, timeout=60)
    check(d.returncode == 0 and first not in d.stdout and b"leak[][]" in d.stdout,
          "dump-feed of the XXE feed: no /etc/passwd, entities empty")
    probes = [s for s in srv.seen if s.startswith("/probe/")]
    check(probes == [], "dump-feed made no entity request either (server saw %s)" % probes)

    # 2. Entity expansion bounded.
    laugh = titles.get("l1")
    check(laugh is not None and len(laugh) < 100,
          "billion laughs: stored without nested expansion (%r)" % laugh)
    check(feed_line(p.stderr, base + "/quadratic.xml") ==
          "parse error: line 4: too many entity expansions",
          "quadratic blowup: refused (%r)" % feed_line(p.stderr, base + "/quadratic.xml"))
    check("q1" not in titles, "quadratic blowup: nothing stored")
    check(titles.get("n1") == "خبر عادي", "the ordinary feed next to them is stored")
    check(os.path.getsize(cache) < 4 << 20,
          "the cache stays small (%d bytes)" % os.path.getsize(cache))

    # 3. Redirects to anything but http and https.
    for path, want in (("/to-file", "redirect to file:// refused"),
                       ("/to-ftp", "redirect to ftp:// refused"),
                       ("/to-gopher", "redirect to gopher:// refused")):
        got = feed_line(p.stderr, base + path)
        check(got == want, "%s: %r (want %r)" % (path, got, want))
    got = feed_line(p.stderr, base + "/to-js")
    check(got == "redirect to javascript: refused",
          "/to-js: %r (want 'redirect to javascript: refused')" % got)
    stored = {u for (u,) in db.execute(
        "SELECT f.url FROM feeds f JOIN items i ON i.feed_id = f.id").fetchall()}
    check(not any(base + r in stored for r in REDIRECTS), "nothing stored behind a redirect")
    db.close()
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
