#!/usr/bin/env python3
"""A test HTTP server for newsreader's end-to-end tests: serves fixtures on
127.0.0.1 and misbehaves on demand. Python 3 standard library only.

Start:
    python3 tests/server.py --root tests/fixtures/http [--port-file F]
        [--lifetime SECONDS] [--verbose]
It binds 127.0.0.1 on an ephemeral port and prints "PORT\\n" on stdout (and
writes it to --port-file, atomically, when given) once it accepts
connections. It stops by itself on SIGTERM/SIGINT, when its parent process
dies, or after --lifetime seconds (default 600), so a crashed test never
leaves it behind.

From Python tests:  import server; srv = server.start(root) -> srv.port,
srv.url(path), srv.stats(), srv.set(path, data), srv.stop().

Routes (paths without the query; ?k=v options where shown):
  /FILE                 a file under --root, or a document set with /_set;
                        ETag and Last-Modified, 304 for If-None-Match /
                        If-Modified-Since
  /nochange/FILE        the same document without validators (always 200)
  /gzip/FILE            Content-Encoding: gzip (validators too)
  /charset-wrong/FILE   header says charset=iso-8859-1, body is the file
                        as is (UTF-8 with its XML declaration)
  /delay/MS/FILE        FILE after MS milliseconds
  /lang/TAG/FILE        FILE with "Content-Language: TAG" (the tag as
                        given, %-decoded: "ar", "en-GB, ar")
  /status/N             status N with a short text body
  /429?retry=N          429 with Retry-After: N (seconds); &date=1 sends
                        an HTTP-date instead; /503?retry=N likewise
  /slow?seconds=N       200, then one byte per second for N s (default 60)
  /reset                reads the request, then resets the connection
                        (SO_LINGER 0: the client sees ECONNRESET)
  /huge?mb=N&length=1   a valid-looking RSS feed of N MiB (default 100),
                        generated while streaming (never in memory);
                        chunked unless length=1 (then Content-Length);
                        &status=N sends it with status N (a huge error body);
                        &rate=K drips it at about K KiB per second
  /redirect/N?to=PATH   a chain of N 302s ending at PATH (default /en.xml)
  /loop                 302 to itself, forever
  /to-file              302 to file:///etc/passwd
  /to?url=URL           302 to URL as given (javascript:alert(1), ...)
  /wp-json/wp/v2/comments
                        WordPress REST comments: POST a JSON or form body
                        (post, content, author_name, ...) -> 201 and the
                        comment as JSON (author_email, authorization and
                        user_agent echoed, for tests);
                        held for moderation ("hold") unless the request
                        has an Authorization header (an editor's comment
                        is approved); the same content by the same author
                        on the same post again -> 409 comment_duplicate,
                        as WordPress answers; ?fail=N answers status N
                        instead, with WordPress's error JSON (message
                        "failing on request"); ?delay=MS stores the
                        comment, then waits MS before answering (a send
                        whose answer is slow or never read).
                        GET lists comments as WordPress does: approved
                        ones only, newest first, per_page (default 10,
                        at most 100), post=ID, search=TEXT (a substring
                        of the content as stored, the author's name or
                        email, case-insensitive); status=hold|approve|all
                        and context=edit (content.raw, author_email) need
                        an Authorization header, else 401 as WordPress.
                        Stats count "POST" and "GET" on this path.
  /_comments            every comment stored, with what the test wants
                        to see (authorization, user_agent, status)
  /_stats               JSON: {path: {"requests": n, "STATUS": n, ...,
                        "gzip": n, "conditional": n}, ...,
                        "_max_concurrent": {"delay": n, ...}: the most
                        requests in flight at once per first path segment}
  /_set?path=PATH       POST: serve the request body at PATH from now on
                        (new ETag and Last-Modified); DELETE: forget it
  /_reset-stats         POST: zero the counters
"""

import argparse
import email.utils
import gzip
import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Documents:
    """Fixture files plus documents replaced mid-test, with validators."""

    def __init__(self, root):
        self.root = os.path.abspath(root) if root else None
        self.lock = threading.Lock()
        self.overrides = {}     # path -> (bytes, mtime)

    def get(self, path):
        with self.lock:
            if path in self.overrides:
                return self.overrides[path]
        if self.root is None:
            return None
        full = os.path.abspath(os.path.join(self.root, path.lstrip("/")))
        if not full.startswith(self.root + os.sep) or not os.path.isfile(full):
            return None
        with open(full, "rb") as f:
            return f.read(), int(os.stat(full).st_mtime)

    def set(self, path, data):
        with self.lock:
            old = self.overrides.get(path)
            mtime = int(time.time())
            # Validators must change even within the same second.
            if old is not None and old[1] >= mtime:
                mtime = old[1] + 1
            self.overrides[path] = (data, mtime)

    def forget(self, path):
        with self.lock:
            self.overrides.pop(path, None)


def etag_of(data, suffix=""):
    return '"%s%s"' % (hashlib.sha1(data).hexdigest()[:16], suffix)


def content_type_of(path):
    if path.endswith(".json"):
        return "application/feed+json"
    if path.endswith((".xml", ".rss", ".atom", ".rdf")):
        return "application/xml"
    if path.endswith((".html", ".htm")):
        return "text/html; charset=utf-8"
    return "application/octet-stream"


HUGE_HEAD = (b'<?xml version="1.0" encoding="utf-8"?>\n'
             b'<rss version="2.0"><channel><title>Huge</title>'
             b'<link>http://127.0.0.1/</link><description>big</description>\n')
HUGE_ITEM = ('<item><title>Item %d</title><guid>huge-%d</guid>'
             '<link>http://127.0.0.1/huge/%d</link><description>'
             + 'A long line of filler text that only makes this feed heavy. ' * 12
             + '</description></item>\n')
HUGE_TAIL = b'</channel></rss>\n'


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nr-test-server/1"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("server: " + (fmt % args) + "\n")

    def count(self, key):
        with self.server.stats_lock:
            per = self.server.stats.setdefault(self.path_only, {"requests": 0})
            per[key] = per.get(key, 0) + 1

    def send_response(self, code, message=None):
        self.count(str(code))
        super().send_response(code, message)

    def reply(self, code, body=b"", ctype="text/plain; charset=utf-8", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def parse(self):
        u = urllib.parse.urlsplit(self.path)
        self.path_only = u.path
        self.query = dict(urllib.parse.parse_qsl(u.query))
        with self.server.stats_lock:
            per = self.server.stats.setdefault(self.path_only, {"requests": 0})
            per["requests"] += 1
        if (self.headers.get("If-None-Match") or
                self.headers.get("If-Modified-Since")):
            self.count("conditional")

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    # --- dispatch ---

    def counted(self, route):
        # Requests being answered, per first path segment ("delay" for
        # /delay/...); idle keep-alive connections do not count. A client
        # that hung up mid-body is noticed late, so compare routes that
        # finish cleanly (such as /delay).
        seg = urllib.parse.urlsplit(self.path).path.split("/")[1]
        srv = self.server
        with srv.stats_lock:
            srv.in_flight[seg] = srv.in_flight.get(seg, 0) + 1
            srv.max_in_flight[seg] = max(srv.max_in_flight.get(seg, 0), srv.in_flight[seg])
        try:
            route()
        finally:
            with srv.stats_lock:
                srv.in_flight[seg] -= 1

    def do_HEAD(self):
        self.counted(self.route_get)

    def do_GET(self):
        self.counted(self.route_get)

    def do_POST(self):
        self.counted(self.route_post)

    def do_DELETE(self):
        self.counted(self.route_delete)

    def route_get(self):
        self.parse()
        p = self.path_only
        try:
            if p == "/_stats":
                with self.server.stats_lock:
                    stats = dict(self.server.stats)
                    stats["_max_concurrent"] = dict(self.server.max_in_flight)
                    data = json.dumps(stats, sort_keys=True)
                return self.reply(200, data.encode(), "application/json")
            if p.startswith("/status/"):
                code = int(p.split("/")[2])
                return self.reply(code, ("status %d\n" % code).encode())
            if p in ("/429", "/503"):
                return self.retry_after(int(p[1:]))
            if p == "/slow":
                return self.slow()
            if p == "/reset":
                return self.reset()
            if p == "/huge":
                return self.huge()
            if p.startswith("/redirect/"):
                n = int(p.split("/")[2])
                to = self.query.get("to", "/en.xml")
                loc = ("/redirect/%d?to=%s" % (n - 1, urllib.parse.quote(to))
                       if n > 1 else to)
                return self.reply(302, b"", headers=[("Location", self.base() + loc)])
            if p == "/loop":
                return self.reply(302, b"", headers=[("Location", self.base() + "/loop")])
            if p == "/to-file":
                return self.reply(302, b"", headers=[("Location", "file:///etc/passwd")])
            if p == "/to":
                return self.reply(302, b"", headers=[("Location", self.query.get("url", ""))])
            if p.startswith("/delay/"):
                parts = p.split("/", 3)
                time.sleep(int(parts[2]) / 1000.0)
                return self.document("/" + parts[3])
            if p.startswith("/lang/"):
                parts = p.split("/", 3)
                return self.document("/" + parts[3], headers=[
                    ("Content-Language", urllib.parse.unquote(parts[2]))])
            if p.startswith("/nochange/"):
                return self.document(p[len("/nochange"):], validators=False)
            if p.startswith("/gzip/"):
                return self.document(p[len("/gzip"):], gz=True)
            if p.startswith("/charset-wrong/"):
                return self.document(p[len("/charset-wrong"):],
                                     ctype="application/rss+xml; charset=iso-8859-1")
            if p == "/wp-json/wp/v2/comments":
                return self.comments_list()
            if p == "/_comments":
                with self.server.stats_lock:
                    data = json.dumps(self.server.comments)
                return self.reply(200, data.encode(), "application/json")
            return self.document(p)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def route_post(self):
        self.parse()
        p = self.path_only
        if p == "/_set":
            self.server.docs.set(self.query["path"], self.body())
            return self.reply(204)
        if p == "/_reset-stats":
            with self.server.stats_lock:
                self.server.stats.clear()
                self.server.max_in_flight = {}
            return self.reply(204)
        if p == "/wp-json/wp/v2/comments":
            return self.comment_post()
        self.body()
        return self.reply(405, b"method not allowed\n")

    def route_delete(self):
        self.parse()
        if self.path_only == "/_set":
            self.server.docs.forget(self.query["path"])
            return self.reply(204)
        return self.reply(405, b"method not allowed\n")

    # --- routes ---

    def document(self, path, validators=True, gz=False, ctype=None, headers=()):
        found = self.server.docs.get(path)
        if found is None:
            return self.reply(404, b"not found\n")
        data, mtime = found
        suffix = "-gz" if gz else ""
        etag = etag_of(data, suffix)
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        if validators:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = False
            if inm is not None:
                fresh = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
            elif ims is not None:
                try:
                    fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
                except (TypeError, ValueError):
                    fresh = False
            if fresh:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        headers = list(headers)
        if validators:
            headers += [("ETag", etag), ("Last-Modified", lastmod)]
        if gz:
            data = gzip.compress(data)
            headers.append(("Content-Encoding", "gzip"))
            self.count("gzip")
        return self.reply(200, data, ctype or content_type_of(path), headers)

    def retry_after(self, code):
        retry = int(self.query.get("retry", "120"))
        value = (email.utils.formatdate(time.time() + retry, usegmt=True)
                 if self.query.get("date") else str(retry))
        return self.reply(code, b"slow down\n", headers=[("Retry-After", value)])

    def slow(self):
        seconds = int(self.query.get("seconds", "60"))
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(seconds))
        self.end_headers()
        for _ in range(seconds):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(1)

    def reset(self):
        # RST instead of FIN: the client's next read fails with ECONNRESET.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def huge(self):
        size = int(float(self.query.get("mb", "100")) * (1 << 20))
        with_length = self.query.get("length") == "1"
        self.send_response(int(self.query.get("status", "200")))
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        if with_length:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.command == "HEAD":
            return

        def send(b):
            if with_length:
                self.wfile.write(b)
            else:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(b), b))

        rate = float(self.query.get("rate", "0")) * 1024
        start = time.monotonic()
        sent = 0

        def out(b):
            send(b)
            if rate > 0:  # sleep until the bytes sent so far are due
                self.wfile.flush()
                late = sent / rate - (time.monotonic() - start)
                if late > 0:
                    time.sleep(late)

        out(HUGE_HEAD)
        sent += len(HUGE_HEAD)
        room = size - len(HUGE_TAIL)
        i = 0
        while True:
            batch = b"".join((HUGE_ITEM % (n, n, n)).encode()
                             for n in range(i, i + 64))
            i += 64
            if sent + len(batch) > room:
                break
            out(batch)
            sent += len(batch)
        # Whole items only; blank lines fill up to the exact size.
        while sent < room:
            pad = min(room - sent, 65536)
            out(b"\n" * pad)
            sent += pad
        out(HUGE_TAIL)
        if not with_length:
            self.wfile.write(b"0\r\n\r\n")

    def wp_error(self, status, code, message):
        err = {"code": code, "message": message, "data": {"status": status}}
        return self.reply(status, json.dumps(err).encode(), "application/json")

    def comment_post(self):
        raw = self.body()
        self.count("POST")
        fail = self.query.get("fail")
        if fail:
            return self.wp_error(int(fail), "test_failure", "failing on request")
        ctype = self.headers.get("Content-Type", "")
        try:
            if ctype.startswith("application/json"):
                fields = json.loads(raw.decode("utf-8"))
            else:
                fields = dict(urllib.parse.parse_qsl(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError):
            return self.wp_error(400, "rest_invalid_json", "Invalid JSON body passed.")
        if not fields.get("content") or not fields.get("post"):
            return self.wp_error(400, "rest_invalid_param", "Invalid parameter(s): content, post")
        authorized = self.headers.get("Authorization") is not None
        name = fields.get("author_name", "")
        email = fields.get("author_email")
        with self.server.stats_lock:
            # WordPress's check (wp_allow_comment): same post and parent,
            # same author name or email, same content, not in the trash.
            for c in self.server.comments:
                if (c.get("post") == int(fields["post"]) and
                        c.get("parent") == int(fields.get("parent", 0)) and
                        c.get("raw") == fields["content"] and
                        (c.get("author_name") == name or
                         (email and c.get("author_email") == email))):
                    dup = True
                    break
            else:
                dup = False
            if not dup:
                cid = len(self.server.comments) + 1
                comment = {
                    "id": cid, "post": int(fields["post"]),
                    "parent": int(fields.get("parent", 0)),
                    "author_name": name,
                    "author_email": email,
                    "date_gmt": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
                    "content": {"rendered": "<p>%s</p>\n" % fields["content"]},
                    "raw": fields["content"],
                    "status": "approved" if authorized else "hold",
                    "authorization": self.headers.get("Authorization"),
                    "user_agent": self.headers.get("User-Agent"),
                }
                self.server.comments.append(comment)
        if dup:
            return self.wp_error(409, "comment_duplicate",
                                 "Duplicate comment detected; it looks as though "
                                 "you’ve already said that!")
        delay = self.query.get("delay")
        if delay:
            time.sleep(int(delay) / 1000.0)
        # The answer echoes what the tests check (author_email,
        # authorization, user_agent); only the raw text is left to listings.
        public = {k: v for k, v in comment.items() if k != "raw"}
        return self.reply(201, json.dumps(public).encode(), "application/json")

    def comments_list(self):
        self.count("GET")
        q = self.query
        authorized = self.headers.get("Authorization") is not None
        if "status" in q and not authorized:
            return self.wp_error(401, "rest_forbidden_param",
                                 "Query parameter not permitted: status")
        edit = q.get("context") == "edit"
        if edit and not authorized:
            return self.wp_error(401, "rest_forbidden_context",
                                 "Sorry, you are not allowed to edit comments.")
        status = q.get("status", "approve")
        shown = {"approve": ("approved",), "hold": ("hold",),
                 "all": ("approved", "hold")}.get(status, ())
        post = q.get("post")
        search = q.get("search", "").lower()
        try:
            per_page = int(q.get("per_page", "10"))
        except ValueError:
            per_page = 0
        if not 1 <= per_page <= 100:
            return self.wp_error(400, "rest_invalid_param", "Invalid parameter(s): per_page")
        with self.server.stats_lock:
            items = [dict(c) for c in self.server.comments
                     if "id" in c and c.get("status") in shown and
                     (post is None or str(c["post"]) == post) and
                     (not search or search in c["raw"].lower() or
                      search in (c.get("author_name") or "").lower() or
                      search in (c.get("author_email") or "").lower())]
        items.sort(key=lambda c: c["id"], reverse=True)
        out = []
        for c in items[:per_page]:
            o = {k: c[k] for k in ("id", "post", "parent", "author_name", "date_gmt",
                                   "content", "status")}
            if edit:
                o["content"] = {"rendered": c["content"]["rendered"], "raw": c["raw"]}
                o["author_email"] = c.get("author_email")
            out.append(o)
        return self.reply(200, json.dumps(out).encode(), "application/json")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The default backlog of 5 drops SYNs when many transfers connect at
    # once; each drop costs the client a 1 s retransmit.
    request_queue_size = 128

    def __init__(self, root, verbose=False):
        super().__init__(("127.0.0.1", 0), Handler)
        self.docs = Documents(root)
        self.stats = {}
        self.stats_lock = threading.Lock()
        self.comments = []
        self.in_flight = {}
        self.max_in_flight = {}
        self.verbose = verbose

    def handle_error(self, request, client_address):
        # Clients that hang up (timeouts, size caps) are the point here.
        if self.verbose:
            super().handle_error(request, client_address)


def serve(args):
    srv = Server(args.root, args.verbose)
    port = srv.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, args.port_file)
    sys.stdout.write("%d\n" % port)
    sys.stdout.flush()

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    parent = os.getppid()
    deadline = time.monotonic() + args.lifetime

    def watchdog():
        # Parent gone (reparented) or lifetime over: shut down.
        while not stop.wait(0.5):
            if os.getppid() != parent or time.monotonic() > deadline:
                stop.set()
        srv.shutdown()
    threading.Thread(target=watchdog, daemon=True).start()
    srv.serve_forever(poll_interval=0.2)
    srv.server_close()


class Running:
    """A server started by start(): a child process, stopped by stop()."""

    def __init__(self, proc, port):
        self.proc = proc
        self.port = port

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def request(self, method, path, data=None):
        import urllib.request
        req = urllib.request.Request(self.url(path), data=data, method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read()

    def stats(self):
        return json.loads(self.request("GET", "/_stats"))

    def set(self, path, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.request("POST", "/_set?path=" + urllib.parse.quote(path), data)

    def reset_stats(self):
        self.request("POST", "/_reset-stats", b"")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start(root, lifetime=600, verbose=False):
    """Run this file as a child process and return a Running server."""
    cmd = [sys.executable, os.path.abspath(__file__), "--root", root,
           "--lifetime", str(lifetime)]
    if verbose:
        cmd.append("--verbose")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.strip().isdigit():
        proc.kill()
        proc.wait()
        raise RuntimeError("test server did not start")
    return Running(proc, int(line))


def main():
    ap = argparse.ArgumentParser(description="newsreader's test HTTP server")
    ap.add_argument("--root", help="directory of fixture files")
    ap.add_argument("--port-file", help="also write the port here")
    ap.add_argument("--lifetime", type=float, default=600,
                    help="exit after this many seconds (default 600)")
    ap.add_argument("--verbose", action="store_true")
    serve(ap.parse_args())


if __name__ == "__main__":
    main()
