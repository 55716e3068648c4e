#!/usr/bin/env python3
"""A local double of a Mastodon instance's statuses API, for the repost tests.

It follows these parts of Mastodon's API documentation (docs.joinmastodon.org):
- methods/statuses, "Post a new status": POST /api/v1/statuses with the
  parameter `status` as form data or a JSON body; the answer is a Status
  entity (id, url, content, created_at, ...) with HTTP 200; a blank status
  is refused with 422 and {"error": "Validation failed: Text can't be blank"}.
- client/token and the error entity: the token goes in
  `Authorization: Bearer TOKEN`; a missing or wrong one is answered 401
  {"error": "The access token is invalid"}.
- the `Idempotency-Key` header of that method: "Prevent duplicate
  submissions of the same status. Idempotency keys are stored for up to 1
  hour". A second POST with a key already used by the same token creates
  nothing and answers the status the first one created.

Test controls (not Mastodon's): GET /_stats gives {"posts": N (every POST
to the statuses endpoint), "statuses": [...], "keys": [...]};
POST /_hold makes the next statuses POST create its status and then wait
for POST /_release before answering (so a test can kill the reader while
its request is in flight); POST /_fail?code=N answers the next POSTs with
N until /_fail?code=0.

Binds 127.0.0.1 only. Usage: mastodon_server.py --token T --port-file F.
"""
import argparse
import json
import os
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"posts": 0, "statuses": [], "keys": [], "by_key": {}, "hold": False,
         "fail": 0}
released = threading.Event()
TOKEN = ""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, code, obj):
        body = json.dumps(obj).encode("utf-8")
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the reader was killed mid-request

    def do_GET(self):
        if self.path == "/_stats":
            with lock:
                self.answer(200, {"posts": state["posts"], "statuses": state["statuses"],
                                  "keys": state["keys"]})
        else:
            self.answer(404, {"error": "Record not found"})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_hold":
            released.clear()
            state["hold"] = True
            return self.answer(200, {})
        if url.path == "/_release":
            released.set()
            return self.answer(200, {})
        if url.path == "/_fail":
            state["fail"] = int(urllib.parse.parse_qs(url.query)["code"][0])
            return self.answer(200, {})
        if url.path != "/api/v1/statuses":
            return self.answer(404, {"error": "Record not found"})
        with lock:
            state["posts"] += 1
            key = self.headers.get("Idempotency-Key")
            state["keys"].append(key)
        auth = self.headers.get("Authorization", "")
        if auth != "Bearer " + TOKEN:
            return self.answer(401, {"error": "The access token is invalid"})
        if state["fail"]:
            return self.answer(state["fail"], {"error": "Internal error (test)"})
        ctype = self.headers.get("Content-Type", "")
        if ctype.startswith("application/json"):
            params = json.loads(raw.decode("utf-8"))
        else:
            params = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode("utf-8")).items()}
        text = params.get("status")
        if not isinstance(text, str) or not text.strip():
            return self.answer(422, {"error": "Validation failed: Text can't be blank"})
        with lock:
            if key is not None and key in state["by_key"]:
                status = state["by_key"][key]
            else:
                sid = str(len(state["statuses"]) + 1)
                status = {"id": sid, "url": "http://127.0.0.1:%d/@tester/%s"
                          % (self.server.server_address[1], sid),
                          "content": text, "visibility": "public",
                          "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())}
                state["statuses"].append(status)
                if key is not None:
                    state["by_key"][key] = status
            hold = state["hold"]
            state["hold"] = False
        if hold:
            released.wait(60)
        self.answer(200, status)


def main():
    global TOKEN
    p = argparse.ArgumentParser()
    p.add_argument("--token", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--lifetime", type=int, default=120)
    a = p.parse_args()
    TOKEN = a.token
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, a.port_file)
    threading.Timer(a.lifetime, srv.shutdown).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
