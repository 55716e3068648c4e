"""A Google Reader API server for the sync tests (issue 14). No server that
speaks this API is packaged in Debian 12, so this is a protocol double,
written from the public description of the API, on 127.0.0.1 and an
ephemeral port, under /api/greader.php as FreshRSS has it.

What it imitates of real servers (FreshRSS, Miniflux):
  - ClientLogin with Email/Passwd form fields, answering SID/LSID/Auth
    lines, or 401 "Error=BadAuthentication";
  - every other call needs "Authorization: GoogleLogin auth=TOKEN" and is
    answered 401 when the token is unknown (expired: expire_tokens());
  - /reader/api/0/token gives the write token that edit-tag requires (T);
  - subscription/list, stream/contents (newest first, n, ot on the crawl
    time, c continuation), stream/items/ids (s, xt, n, c) with decimal ids,
    while contents use the long hex form "tag:google.com,2005:reader/item/";
  - edit-tag with several i, a= or r= of the read and starred states.
What it does not: feeds are not fetched (the test puts items in), no
labels beyond one category per feed, no nt, no r=o ordering, no
mark-all-as-read, no quick-add, no rate limits; output is JSON only.

Use:  srv = GReader(); srv.start(); srv.base; srv.add_feed(...);
      srv.add_item(...); srv.items[i]["read"]; srv.requests; srv.stop()
"""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/api/greader.php"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"


class Handler(BaseHTTPRequestHandler):
    # One request a connection, so that stop() really is "server down" for
    # a client that keeps connections (curl does).
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass

    def reply(self, code, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authed(self):
        h = self.headers.get("Authorization", "")
        g = self.server.g
        if h.startswith("GoogleLogin auth=") and h[len("GoogleLogin auth="):] in g.tokens:
            return True
        self.reply(401, "Unauthorized", "text/plain")
        return False

    def do_GET(self):
        g = self.server.g
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        path = url.path[len(PREFIX):] if url.path.startswith(PREFIX) else None
        with g.lock:
            g.requests.append(("GET", path))
        if path is None:
            return self.reply(404, "not found", "text/plain")
        if not self.authed():
            return
        with g.lock:
            if path == "/reader/api/0/token":
                return self.reply(200, g.write_token + "\n", "text/plain")
            if path == "/reader/api/0/subscription/list":
                subs = [{"id": "feed/" + f["url"], "title": f["title"], "url": f["url"],
                         "htmlUrl": f["url"], "iconUrl": "",
                         "categories": ([{"id": "user/-/label/" + f["category"],
                                          "label": f["category"]}] if f["category"] else [])}
                        for f in g.feeds]
                return self.reply(200, json.dumps({"subscriptions": subs}))
            if path == "/reader/api/0/stream/contents/" + READING_LIST:
                n = int(q.get("n", ["20"])[0])
                ot = int(q.get("ot", ["0"])[0])
                start = int(q.get("c", ["0"])[0])
                chosen = sorted((it for it in g.items if it["crawl_ms"] // 1000 >= ot),
                                key=lambda it: -it["id"])
                page = chosen[start:start + n]
                out = {"id": READING_LIST, "updated": int(time.time()),
                       "items": [g.entry(it) for it in page]}
                if start + n < len(chosen):
                    out["continuation"] = str(start + n)
                return self.reply(200, json.dumps(out, ensure_ascii=False))
            if path == "/reader/api/0/stream/items/ids":
                n = int(q.get("n", ["20"])[0])
                s = q.get("s", [""])[0]
                xt = q.get("xt", [None])[0]
                start = int(q.get("c", ["0"])[0])
                chosen = [it for it in sorted(g.items, key=lambda it: -it["id"])
                          if g.has(it, s) and not (xt and g.has(it, xt))]
                page = chosen[start:start + n]
                out = {"itemRefs": [{"id": str(it["id"])} for it in page]}
                if start + n < len(chosen):
                    out["continuation"] = str(start + n)
                return self.reply(200, json.dumps(out))
        self.reply(404, "not found", "text/plain")

    def do_POST(self):
        g = self.server.g
        url = urllib.parse.urlsplit(self.path)
        path = url.path[len(PREFIX):] if url.path.startswith(PREFIX) else None
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        with g.lock:
            g.requests.append(("POST", path))
        if path == "/accounts/ClientLogin":
            user = form.get("Email", [""])[0]
            with g.lock:
                ok = g.users.get(user) == form.get("Passwd", [None])[0]
                if ok:
                    g.logins += 1
                    token = "%s/%040d" % (user, g.logins)
                    g.tokens.add(token)
            if not ok:
                return self.reply(401, "Error=BadAuthentication\n", "text/plain")
            return self.reply(200, "SID=%s\nLSID=null\nAuth=%s\n" % (token, token),
                              "text/plain")
        if path != "/reader/api/0/edit-tag":
            return self.reply(404, "not found", "text/plain")
        if not self.authed():
            return
        with g.lock:
            if form.get("T", [""])[0] != g.write_token:
                return self.reply(401, "Unauthorized", "text/plain")
            ids = set()
            for i in form.get("i", []):
                if i.startswith("tag:google.com,2005:reader/item/"):
                    ids.add(int(i.rsplit("/", 1)[1], 16))
                else:
                    ids.add(int(i))
            g.edits.append({k: v for k, v in form.items() if k != "T"})
            for it in g.items:
                if it["id"] not in ids:
                    continue
                for tag in form.get("a", []):
                    if tag == READ:
                        it["read"] = True
                    elif tag == STARRED:
                        it["starred"] = True
                for tag in form.get("r", []):
                    if tag == READ:
                        it["read"] = False
                    elif tag == STARRED:
                        it["starred"] = False
        self.reply(200, "OK", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class GReader:
    def __init__(self, user="reader", password="Heron-2208"):
        self.lock = threading.Lock()
        self.users = {user: password}
        self.tokens = set()
        self.logins = 0
        self.write_token = "wt-5523"
        self.feeds = []
        self.items = []
        self.requests = []
        self.edits = []
        self.port = 0
        self.srv = None

    def start(self):
        self.srv = _Server(("127.0.0.1", self.port), Handler)
        self.srv.g = self
        self.port = self.srv.server_address[1]
        self.base = "http://127.0.0.1:%d%s" % (self.port, PREFIX)
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()
        return self

    def stop(self):
        """Down (the same port serves again after start())."""
        self.srv.shutdown()
        self.srv.server_close()

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def add_feed(self, url, title, category=None):
        with self.lock:
            self.feeds.append({"url": url, "title": title, "category": category})

    def add_item(self, feed_url, title, content, published, read=False, starred=False,
                 crawled=None):
        """crawled: when the server got it (seconds; default now)."""
        with self.lock:
            iid = 0x1000 + len(self.items) * 7
            self.items.append({"id": iid, "feed": feed_url, "title": title,
                               "content": content, "published": published,
                               "crawl_ms": int((crawled or time.time()) * 1000), "read": read,
                               "starred": starred})
            return iid

    def by_title(self, title):
        with self.lock:
            return next(it for it in self.items if it["title"] == title)

    def has(self, it, stream):
        if stream == READING_LIST:
            return True
        if stream == READ:
            return it["read"]
        if stream == STARRED:
            return it["starred"]
        return False

    def entry(self, it):
        cats = [READING_LIST] + ([READ] if it["read"] else []) + ([STARRED] if it["starred"] else [])
        feed = next(f for f in self.feeds if f["url"] == it["feed"])
        return {"id": "tag:google.com,2005:reader/item/%016x" % it["id"],
                "crawlTimeMsec": str(it["crawl_ms"]), "timestampUsec": str(it["crawl_ms"] * 1000),
                "published": it["published"], "updated": it["published"], "title": it["title"],
                "canonical": [{"href": it["feed"] + "#" + str(it["id"])}],
                "alternate": [{"href": it["feed"] + "#" + str(it["id"]), "type": "text/html"}],
                "categories": cats, "origin": {"streamId": "feed/" + it["feed"],
                                               "title": feed["title"], "htmlUrl": it["feed"]},
                "summary": {"content": it["content"]}, "author": ""}
