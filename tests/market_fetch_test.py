#!/usr/bin/env python3
"""End-to-end test of market refreshes against tests/server.py.

tests/market_fetch_driver refreshes the configured market sources through
the fetch thread into a cache and prints what the panel would show from it
(see the driver's header for its lines). Checked here, in order, on one
cache:
  - each adapter's real format served over HTTP: generic, gate-alpha,
    coingecko (its API key header, checked by a small server of our own, and
    never written to the cache), dexscreener with GeckoTerminal holders;
  - the served data changes: the new values appear, a rejected value keeps
    the last good one;
  - garbage, an HTTP error, a body over the cap: the last values stay, the
    reason is reported and stored;
  - 429 with Retry-After (and 503 without it): the source is postponed, also
    across a restart, and the server is not asked again meanwhile;
  - offline: the cache alone still shows the panel's data;
  - config lines the scheduler cannot use give warnings.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import http.server
import os
import re
import sys
import tempfile
import threading

import server
from testlib import BUILDDIR, SRCDIR, check, exit_status, run_logged

DRIVER = os.path.join(BUILDDIR, "tests", "market_fetch_driver")
FIXTURES = os.path.join(SRCDIR, "tests", "fixtures", "market-http")


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


class Env:
    def __init__(self, tmp):
        self.tmp = tmp
        self.cache = os.path.join(tmp, "cache.db")
        self.conf = os.path.join(tmp, "config")

    def run(self, lines, *flags):
        with open(self.conf, "w") as f:
            f.write("".join(line + "\n" for line in lines))
        p = run_logged([DRIVER, self.conf, self.cache] + list(flags),
                       "driver " + " ".join(flags))
        check(p.returncode == 0, "driver exit status 0")
        return p.stdout.splitlines()


def rows(out, source):
    """The ticker lines of one source in the driver's output."""
    got, inside = [], False
    for line in out:
        if line.startswith("source "):
            inside = line.startswith("source %s:" % source)
        elif inside and line.startswith("  "):
            got.append(line[2:])
    return got


def cells(out, source):
    """SYMBOL -> the shown cells without history columns."""
    return {r.split("|")[0]: "|".join(r.split("|")[:6]) for r in rows(out, source)}


def line_of(out, prefix):
    return next((line for line in out if line.startswith(prefix)), None)


def seconds_in(line, what):
    m = re.search(what + r" (-?\d+) s", line or "")
    return int(m.group(1)) if m else None


class KeyServer:
    """A CoinGecko stand-in that records each request's path and headers."""

    def __init__(self, body):
        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                seen.append((self.path, dict(self.headers)))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_generic(env, srv):
    src = ["market-source generic %s name=gen" % srv.url("/generic.json")]
    out = env.run(src)
    check("submit gen" in out, "generic: submitted at once")
    check("event gen: ok, 3 tickers" in out, "generic: event ok with 3 tickers")
    check(line_of(out, "source gen: 3 tickers, updated just now") is not None,
          "generic: stored, updated just now")
    c = cells(out, "gen")
    check(c.get("HUD") == "HUD|هدهد|$0.04210|$3.53K|77|+4.20% ▲", "generic: HUD shown")
    check(c.get("OWL") == "OWL|Night Owl|$12.50|$1.20M|—|-1.05% ▼",
          "generic: numeric strings, null holders as —")
    check(c.get("RAML") == "RAML|رمال|$1.00|$4.50B|1.23K|0.00%", "generic: RAML shown")
    check(seconds_in(line_of(out, "next gen:"), "in") in (59, 60),
          "generic: next refresh after the default 60 s interval")

    # The server's data changes: the new values appear; OWL's negative cap is
    # rejected and the last good one stays, with the reason as a warning.
    srv.set("/generic.json", fixture("generic-v2.json"))
    out = env.run(src)
    ev = line_of(out, "event gen:")
    check(ev is not None and ev.startswith("event gen: ok, 3 tickers; warning: ") and
          "market_cap" in ev and "negative" in ev,
          "changed data: ok with a warning about the rejected cap")
    c = cells(out, "gen")
    check(c.get("HUD") == "HUD|هدهد|$0.05000|$4.20K|80|+18.75% ▲", "changed data: HUD follows")
    check(c.get("OWL") == "OWL|Night Owl|$11.00|$1.20M|9|-12.00% ▼",
          "changed data: rejected cap keeps the last good $1.20M")
    return src


def test_bad_responses(env, srv, src):
    want = cells(env.run(src, "--offline"), "gen")

    def kept(out, what):
        check(cells(out, "gen") == want, what + ": last good values kept")

    srv.set("/generic.json", b'{"tokens": [ {"symbol": "HUD", oops')
    out = env.run(src)
    ev = line_of(out, "event gen:") or ""
    check(re.match(r"event gen: error: generic: line 1 column \d+: ", ev) is not None,
          "garbage: error with the parser's position")
    check(line_of(out, "source gen: 3 tickers, updated just now; last error: generic: line 1")
          is not None, "garbage: the reason is stored next to the data")
    kept(out, "garbage")

    srv.set("/generic.json", b'{"tokens": "none"}')
    out = env.run(src)
    check(line_of(out, "event gen: error: generic: ") is not None, "wrong shape: error")
    kept(out, "wrong shape")

    bad = ["market-source generic %s name=gen" % srv.url("/status/500")]
    out = env.run(bad)
    check("event gen: error: HTTP 500" in out, "HTTP 500: reported")
    check(seconds_in(line_of(out, "next gen:"), "in") in (59, 60),
          "HTTP 500: next try after the interval")
    kept(out, "HTTP 500")

    big = ["market-source generic %s name=gen" % srv.url("/huge?mb=6")]
    out = env.run(big)
    check("event gen: error: too large (over 4 MiB)" in out, "huge body: refused at the cap")
    kept(out, "huge body")

    # 429 with Retry-After: postponed by the server's delay, not the interval.
    slow = ["market-source generic %s name=gen" % srv.url("/429?retry=120")]
    out = env.run(slow)
    ev = line_of(out, "event gen: error: HTTP 429 (retry after 120 s)")
    check(ev is not None and seconds_in(ev, "retry in") in (118, 119, 120),
          "429: reported with the server's delay")
    check(seconds_in(line_of(out, "next gen:"), "in") in (118, 119, 120),
          "429: next refresh postponed to Retry-After")
    kept(out, "429")
    asked = srv.stats().get("/429", {}).get("requests", 0)
    # A restart remembers the wait and does not ask the server again.
    out = env.run(slow, "--restore")
    check(seconds_in(line_of(out, "wait gen:"), "in") in (117, 118, 119, 120),
          "429: still waiting after a restart")
    check(not any(line.startswith("submit gen") for line in out), "429: not submitted")
    check(srv.stats().get("/429", {}).get("requests", 0) == asked,
          "429: the server was not asked again")
    kept(out, "429 after restart")

    # 503 without Retry-After: backs off two intervals.
    out = env.run(["market-source generic %s name=gen503" % srv.url("/status/503")])
    ev = line_of(out, "event gen503: error: HTTP 503")
    check(ev is not None and seconds_in(ev, "retry in") in (119, 120),
          "503 without Retry-After: backs off 120 s")

    # Good data again: the error is cleared.
    srv.set("/generic.json", fixture("generic.json"))
    out = env.run(src)
    check("source gen: 3 tickers, updated just now" in out, "recovered: error cleared")
    check(cells(out, "gen").get("HUD") == "HUD|هدهد|$0.04210|$3.53K|77|+4.20% ▲",
          "recovered: values follow the server again")


def test_gate_alpha(env, srv):
    srv.set("/gate/api/v4/alpha/tickers", fixture("gate-alpha.json"))
    out = env.run(["market-source gate-alpha %s symbols=SNAIL,ZERO name=gate"
                   % srv.url("/gate/api/v4/alpha/tickers")])
    ev = line_of(out, "event gate:")
    check(ev is not None and ev.startswith("event gate: ok, 2 tickers; warning: ") and
          "ZERO" in ev, "gate-alpha: endpoint URL cut to the base, filtered, warning")
    c = cells(out, "gate")
    check(c.get("SNAIL") == "SNAIL|—|$0.007310|$730K|—|-3.10% ▼", "gate-alpha: SNAIL shown")
    check(c.get("ZERO") == "ZERO|—|—|$1.00K|—|+1.50% ▲", "gate-alpha: bad price left out")
    check("KITE" not in c, "gate-alpha: symbols= keeps only the wanted tokens")
    check(seconds_in(line_of(out, "next gate:"), "in") in (59, 60),
          "gate-alpha: public API polled at most every 60 s")


def test_coingecko(env):
    ks = KeyServer(fixture("coingecko.json"))
    try:
        out = env.run(["market-source coingecko http://127.0.0.1:%d "
                       "ids=nile-chain,sand-dollar key=demo-KEY-7" % ks.port,
                       "market-interval 5"])
    finally:
        ks.stop()
    name = "coingecko http://127.0.0.1:%d ids=nile-chain,sand-dollar" % ks.port
    check(len(ks.seen) == 1 and
          ks.seen[0][0] == "/api/v3/coins/markets?vs_currency=usd&ids=nile-chain,sand-dollar",
          "coingecko: request path and query")
    hdrs = {k.lower(): v for k, v in (ks.seen[0][1] if ks.seen else {}).items()}
    check(hdrs.get("x-cg-demo-api-key") == "demo-KEY-7", "coingecko: API key header sent")
    check(("event %s: ok, 2 tickers" % name) in out, "coingecko: named without the key")
    c = cells(out, name)
    check(c.get("NILE") == "NILE|Nile Chain|$0.4187|$61.2M|—|-4.72% ▼", "coingecko: NILE")
    check(c.get("SAND") == "SAND|Sand Dollar|$1.00|—|—|—", "coingecko: nulls shown as —")
    check(seconds_in(line_of(out, "next %s:" % name), "in") in (59, 60),
          "coingecko: market-interval 5 raised to the API's 60 s")
    data = b""
    for sfx in ("", "-wal"):
        if os.path.exists(env.cache + sfx):
            with open(env.cache + sfx, "rb") as f:
                data += f.read()
    check(b"demo-KEY-7" not in data, "coingecko: the key is never written to the cache")


def test_dexscreener(env, srv):
    srv.set("/dex/tokens/v1/ethereum/0xaaa,0xbbb", fixture("dexscreener.json"))
    srv.set("/gt/api/v2/networks/eth/tokens/0xaaa/info", fixture("geckoterminal.json"))
    src = ["market-source dexscreener %s chain=ethereum addresses=0xaaa,0xbbb "
           "holders-url=%s name=dex" % (srv.url("/dex"), srv.url("/gt"))]
    out = env.run(src)
    check("submit dex +holders" in out, "dexscreener: holders looked up")
    check("event dex: ok, 2 tickers, 1 holders; warning: geckoterminal: 0xbbb: HTTP 404"
          in out, "dexscreener: one holders lookup failed, named in the warning")
    c = cells(out, "dex")
    check(c.get("PALM") == "PALM|Palm Token|$0.01250|$1.25M|15.2K|+8.25% ▲",
          "dexscreener: the most liquid pair, holders from GeckoTerminal")
    check(c.get("CAML") == "CAML|Camel|$3.50|$3.50B|—|-2.00% ▼", "dexscreener: CAML")
    return src


def test_config_warnings(env, srv):
    conf = env.conf
    out = env.run(["market-source generic %s foo=bar" % srv.url("/generic.json"),
                   "market-source dexscreener %s" % srv.url("/dex"),
                   "market-source coingecko %s holders=geckoterminal" % srv.url("/cg"),
                   "market-source generic %s interval=0" % srv.url("/generic.json")],
                  "--offline")
    want = [
        "warning: %s:1: market-source: unknown parameter 'foo'" % conf,
        "warning: %s:2: market-source: dexscreener: needs chain and addresses" % conf,
        "warning: %s:3: market-source: holders lookups need a dexscreener source "
        "(token addresses)" % conf,
        "warning: %s:4: market-source: bad interval '0' (expected 1 to 86400 seconds)" % conf,
    ]
    for w in want:
        check(w in out, "config warning: " + w.split(": ", 2)[2])
    check(not any(line.startswith("source ") for line in out), "config: bad lines left out")


def main():
    if not os.path.exists(DRIVER):
        print("skip: %s not built" % DRIVER)
        return 77
    with tempfile.TemporaryDirectory() as tmp, server.start(FIXTURES, lifetime=120) as srv:
        env = Env(tmp)
        src = test_generic(env, srv)
        test_gate_alpha(env, srv)
        test_coingecko(env)
        dex = test_dexscreener(env, srv)
        test_bad_responses(env, srv, src)
        # Offline, after a restart: everything from the cache with its age.
        before = srv.stats()
        out = env.run(src + dex, "--offline")
        check(line_of(out, "source gen: 3 tickers, updated just now") is not None and
              line_of(out, "source dex: 2 tickers, updated just now") is not None,
              "offline: both sources shown from the cache")
        check(not any(line.startswith(("submit", "event")) for line in out),
              "offline: nothing fetched")
        check(srv.stats().get("/generic.json") == before.get("/generic.json"),
              "offline: the server was not asked")
        test_config_warnings(env, srv)
        # The bundled demo data as a file:// source.
        demo = os.path.join(os.environ.get("NR_DATA_DIR", os.path.join(SRCDIR, "data")),
                            "demo", "market.json")
        out = env.run(["market-source generic file://%s name=demo" % demo])
        check("event demo: ok, 8 tickers" in out, "demo: file:// source read")
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
