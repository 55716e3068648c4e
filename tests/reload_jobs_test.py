#!/usr/bin/env python3
"""`newsreader reload` runs every kind of background job that is due, not
only the feeds (issue 10): the market tickers of a market-source, and the
comment feeds the user read before whose copy is stale.
  1. a first reload stores the feed and the source's tickers, and fetches
     no comment feed (none was ever read);
  2. the user read the article's comments an hour ago (its comment_feeds
     row says so) and the server's prices changed: the next reload, past
     the market interval, stores the new prices and the comments.
Exit status: 0 pass, 1 fail, 77 skip.
"""

import json
import os
import sqlite3
import sys
import tempfile
import time

import server
from testlib import SRCDIR, check, exit_status, run_logged

NEWSREADER = os.environ.get("NEWSREADER")


def market(price):
    return json.dumps({"tokens": [{"symbol": "HUD", "name": "هدهد", "price_usd": price,
                                   "market_cap_usd": 3534.9}]}).encode()


def one(db, sql, *args):
    con = sqlite3.connect(db, timeout=5)
    try:
        row = con.execute(sql, args).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def main():
    if not NEWSREADER:
        print("NEWSREADER not set")
        return 77
    with tempfile.TemporaryDirectory() as tmp, \
            server.start(os.path.join(SRCDIR, "tests", "fixtures", "comments")) as srv:
        db = os.path.join(tmp, "cache.db")
        srv.set("/market.json", market(0.0421))
        with open(os.path.join(tmp, "urls"), "w") as f:
            f.write(srv.url("/article.xml") + "\n")
        with open(os.path.join(tmp, "config"), "w") as f:
            f.write("market-source generic %s\nmarket-interval 1\n" % srv.url("/market.json"))
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(tmp, "c"),
                   XDG_DATA_HOME=os.path.join(tmp, "d"), XDG_STATE_HOME=os.path.join(tmp, "s"))
        cmd = [NEWSREADER, "--config", os.path.join(tmp, "config"),
               "--urls", os.path.join(tmp, "urls"), "--cache", db, "reload"]
        os.environ.update(env)

        p = run_logged(cmd, "newsreader reload")
        check(p.returncode == 0, "first reload exits 0")
        check(one(db, "SELECT price_usd FROM tickers WHERE symbol = 'HUD'") == 0.0421,
              "first reload stored the tickers")
        check("market data: 1 ticker" in p.stderr, "reload says what the source gave")
        check(p.stderr.splitlines()[-1].startswith("reloaded 1 feed: 1 updated"),
              "the summary line is still the last")
        item = one(db, "SELECT id FROM items WHERE comments_feed LIKE '%post-42.xml'")
        check(item is not None, "the article with a comment feed is stored")
        check(one(db, "SELECT count(*) FROM comment_feeds") == 0,
              "no comment feed fetched: none was read")

        # The user read the comments an hour ago; prices moved since.
        con = sqlite3.connect(db, timeout=5)
        con.execute("INSERT INTO comment_feeds (item_id, url, fetched_at) VALUES (?, ?, ?)",
                    (item, srv.url("/post-42.xml"), int(time.time()) - 3600))
        con.commit()
        con.close()
        srv.set("/market.json", market(0.0777))
        started = time.time()
        while time.time() < started + 1.2:   # past market-interval (1 s)
            time.sleep(0.1)
        srv.reset_stats()
        p = run_logged(cmd, "newsreader reload")
        check(p.returncode == 0, "second reload exits 0")
        check(one(db, "SELECT price_usd FROM tickers WHERE symbol = 'HUD'") == 0.0777,
              "second reload stored the new prices")
        fetched = one(db, "SELECT fetched_at FROM comment_feeds WHERE item_id = ?", item)
        check(fetched is not None and fetched >= int(started),
              "the stale comment feed was fetched again (fetched_at %r)" % fetched)
        check(one(db, "SELECT count(*) FROM comments WHERE item_id = ? AND own = 0", item) > 0,
              "its comments are stored")
        check(srv.stats().get("/post-42.xml", {}).get("requests") == 1,
              "the comment feed was asked for once")
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
