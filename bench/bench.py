#!/usr/bin/env python3
"""Reload and print-unread benchmark: newsreader next to newsboat, same run.

Generates feeds (200 feeds x 50 items; one feed of 20,000 items, half Arabic,
about 40 MiB; 100 feeds x 1,000 items for a 100,000-item cache), serves them on
127.0.0.1 with ETag/Last-Modified (or with no validators for the "refetch"
case), and prints wall time, CPU time and peak memory of each command.

Usage: bench/bench.py [--newsreader PATH] [--skip-newsboat] [--only NAME]
It prints a Markdown table; BENCHMARKS.md records its output.
Nothing but 127.0.0.1 is contacted; the server stops when the script ends.
"""
import argparse, hashlib, http.server, os, resource, shutil, subprocess, sys
import tempfile, threading, time

AR_WORDS = ("السوق العملة الرقمية ارتفع سعر البيتكوين اليوم بنسبة بعد إعلان "
            "منصة التداول عن إدراج رمز جديد وقال المحللون إن حجم السيولة "
            "تضاعف خلال الأسبوع الماضي في ظل اهتمام المستثمرين").split()
EN_WORDS = ("market token exchange listing liquidity holders price rally "
            "analysts said volume doubled during the week as investors "
            "watched the new chain upgrade").split()


def words(seed, n, arabic):
    pool = AR_WORDS if arabic else EN_WORDS
    h = seed * 2654435761 % 2**32
    out = []
    for _ in range(n):
        h = (h * 1103515245 + 12345) % 2**31
        out.append(pool[h % len(pool)])
    return " ".join(out)


def rss(title, items, body_words=40):
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
             'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
             '<channel><title>%s</title><link>http://127.0.0.1/</link>'
             '<description>bench</description>\n' % title]
    for i, arabic in items:
        day = 1 + i % 28
        parts.append(
            '<item><title>%s %d</title><link>http://127.0.0.1/a/%s/%d</link>'
            '<guid>%s-%d</guid><pubDate>Mon, %02d Nov 2026 10:%02d:00 GMT</pubDate>'
            '<description>%s</description><content:encoded><![CDATA[<p>%s</p>'
            '<p>%s</p>]]></content:encoded></item>\n' % (
                words(i, 6, arabic), i, title, i, title, i, day, i % 60,
                words(i + 1, 20, arabic), words(i + 2, body_words, arabic),
                words(i + 3, body_words, arabic)))
    parts.append('</channel></rss>\n')
    return "".join(parts).encode()


def generate(root):
    sets = {"small": [], "big": [], "cache": []}
    os.makedirs(root, exist_ok=True)
    for f in range(200):
        name = "small/f%03d.xml" % f
        os.makedirs(os.path.join(root, "small"), exist_ok=True)
        with open(os.path.join(root, name), "wb") as fh:
            fh.write(rss("f%03d" % f, [(f * 50 + i, (f + i) % 2 == 0) for i in range(50)]))
        sets["small"].append(name)
    os.makedirs(os.path.join(root, "big"), exist_ok=True)
    with open(os.path.join(root, "big/big.xml"), "wb") as fh:
        fh.write(rss("big", [(i, i % 2 == 0) for i in range(20000)], body_words=92))
    sets["big"].append("big/big.xml")
    os.makedirs(os.path.join(root, "cache"), exist_ok=True)
    for f in range(100):
        name = "cache/c%03d.xml" % f
        with open(os.path.join(root, name), "wb") as fh:
            fh.write(rss("c%03d" % f, [(f * 1000 + i, i % 2 == 0) for i in range(1000)], body_words=10))
        sets["cache"].append(name)
    return sets


class Handler(http.server.BaseHTTPRequestHandler):
    root = "."
    validators = True
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def handle(self):
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass  # a client that gave up (newsboat's timeouts); not ours to report

    cache = {}

    def do_GET(self):
        # Files are read once and kept: the server's own cost should stay
        # small next to the programs measured (it shares their 2 cores).
        ent = self.cache.get(self.path)
        if ent is None:
            path = os.path.join(self.root, self.path.lstrip("/"))
            try:
                st = os.stat(path)
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            ent = (data, '"%x-%x"' % (st.st_size, int(st.st_mtime)),
                   self.date_time_string(int(st.st_mtime)))
            self.cache[self.path] = ent
        data, etag, lm = ent
        if self.validators and (self.headers.get("If-None-Match") == etag or
                                self.headers.get("If-Modified-Since") == lm):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if self.validators:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lm)
        self.end_headers()
        self.wfile.write(data)


class Server(http.server.ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops SYNs when 16 transfers
    # connect at once, and each dropped one costs a 1 s retransmit.
    request_queue_size = 128


def serve(root):
    Handler.root = root
    srv = Server(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


VERBOSE = True


def measure(cmd, env=None):
    """Run cmd under GNU time; return (wall s, cpu s, peak RSS MiB, rc).
    (Python's own rusage would report the forked interpreter's RSS.)"""
    with tempfile.NamedTemporaryFile("r") as tf:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name] + cmd,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        fields = tf.read().split()[-4:]
    wall, user, sys_, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    err = p.stderr.decode(errors="replace").strip().splitlines()
    if p.returncode != 0 or VERBOSE:
        sys.stderr.write("%s exited %d: %s\n" % (" ".join(cmd[-2:]), p.returncode,
                                                 err[-1] if err else ""))
    return wall, user + sys_, rss / 1024.0, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsreader", default=os.environ.get("NEWSREADER", "./newsreader"))
    ap.add_argument("--skip-newsboat", action="store_true")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="nr-bench-")
    try:
        sys.stderr.write("generating feeds in %s ...\n" % work)
        sets = generate(os.path.join(work, "www"))
        srv = serve(os.path.join(work, "www"))
        base = "http://127.0.0.1:%d/" % srv.server_address[1]
        rows = []

        def urls(setname):
            p = os.path.join(work, setname + ".urls")
            with open(p, "w") as fh:
                for n in sets[setname]:
                    fh.write(base + n + "\n")
            return p

        env = dict(os.environ, HOME=os.path.join(work, "home"),
                   XDG_CONFIG_HOME=os.path.join(work, "home/.config"),
                   XDG_DATA_HOME=os.path.join(work, "home/.local/share"))
        os.makedirs(env["XDG_CONFIG_HOME"], exist_ok=True)
        nb_conf = os.path.join(work, "newsboat.conf")
        with open(nb_conf, "w") as fh:
            fh.write("reload-threads 16\nshow-read-feeds yes\n")

        # The 40 MiB feed is over the default 32 MiB body cap; every feed
        # is on one host here, so allow the 16 parallel transfers newsboat
        # gets from reload-threads 16.
        nr_conf = os.path.join(work, "newsreader.conf")
        with open(nr_conf, "w") as fh:
            fh.write("max-body-size 64\nmax-per-host 16\n")

        def nr(setname, db, *cmd):
            return [args.newsreader, "--config", nr_conf, "--urls", urls(setname),
                    "--cache", db] + list(cmd)

        def nb(setname, db, *cmd):
            return ["newsboat", "-u", urls(setname), "-c", db, "-C", nb_conf, "-x"] + list(cmd)

        tools = [("newsreader", nr)]
        if not args.skip_newsboat and shutil.which("newsboat"):
            tools.append(("newsboat", nb))
        for setname, label in (("small", "200 feeds x 50 items"),
                               ("big", "1 feed x 20,000 items (40 MiB)")):
            if args.only and args.only != setname:
                continue
            for tool, mk in tools:
                db = os.path.join(work, "%s-%s.db" % (tool, setname))
                Handler.validators = True
                rows.append((tool, label, "cold reload") + measure(mk(setname, db, "reload"), env))
                rows.append((tool, label, "warm reload (304)") + measure(mk(setname, db, "reload"), env))
                Handler.validators = False
                rows.append((tool, label, "refetch (200, unchanged)") + measure(mk(setname, db, "reload"), env))
                Handler.validators = True
        if not args.only or args.only == "cache":
            for tool, mk in tools:
                db = os.path.join(work, "%s-cache.db" % tool)
                measure(mk("cache", db, "reload"), env)
                rows.append((tool, "100,000-item cache", "print-unread") +
                            measure(mk("cache", db, "print-unread"), env))
        print("| program | data | command | wall s | CPU s | peak MiB | exit |")
        print("|---|---|---|---:|---:|---:|---:|")
        for r in rows:
            print("| %s | %s | %s | %.3f | %.3f | %.1f | %d |" % r)
        srv.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
