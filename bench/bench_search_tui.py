#!/usr/bin/env python3
"""Search in the reader on a big cache (issue 18): how long the interface
waits for keys while a search runs, and when the results reach the screen.

It runs the reader in tmux (120x40) on the cache bench/search_bench keeps
(1,000,000 items: `search_bench /tmp/nrsearch-1m 1000000 3` builds it once),
opened with --offline, and for each query:
  - Enter to the first result row on screen, and to the final title
    "(N results)";
  - "key echo": Enter, then at once `?`; the time from `?` to the help
    screen. Before issue 18 the search ran on the UI thread, so the key
    waited for the whole search.
Median of --runs. Nothing is fetched (--offline); the cache is not
changed by searching.

With --while-indexing (the cache holding items a big reload left
unindexed: `search_bench DIR ITEMS 1 defer 20000` writes them), it
measures instead, while the reader indexes them at start: Enter to the
first rows of a search, then `?` to the help screen, --samples times.

Usage: bench/bench_search_tui.py --newsreader PATH [--cache FILE] [--runs N]
       [--while-indexing] [--samples N]
"""
import argparse, os, statistics, sys, tempfile, time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_tui import Tmux, wait_for  # noqa: E402

COLS, ROWS = 120, 40
QUERIES = [("market", "common word"), ("تداول", "common Arabic word (stem)"),
           ("المتداولون", "Arabic word with prefix and suffix"),
           ('"gold price"', "phrase")]


def has(text):
    return lambda lines: any(text in l for l in lines)


def result_row(lines):
    # A result row starts with its date (the bench items are from 2023).
    return any(" 2023-" in l for l in lines[1:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsreader", required=True)
    ap.add_argument("--cache", default="/tmp/nrsearch-1m/cache.db")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--while-indexing", action="store_true")
    ap.add_argument("--samples", type=int, default=30)
    a = ap.parse_args()
    if not os.path.exists(a.cache):
        sys.exit("no cache at %s: run search_bench first" % a.cache)
    work = tempfile.mkdtemp(prefix="nrsearchtui.")
    home = os.path.join(work, "home")
    for sub in (".config/newsreader", ".local/share", ".local/state"):
        os.makedirs(os.path.join(home, sub), exist_ok=True)
    urls = os.path.join(home, ".config/newsreader/urls")
    with open(urls, "w") as fh:
        fh.write("https://bench.example/rss\n")
    envs = ["LC_ALL=C.UTF-8", "HOME=" + home, "NO_COLOR=1",
            "XDG_CONFIG_HOME=%s/.config" % home, "XDG_DATA_HOME=%s/.local/share" % home,
            "XDG_STATE_HOME=%s/.local/state" % home]
    tm = Tmux("nrsearchbench%d" % os.getpid())
    res = {}
    try:
        args = ["new-session", "-d", "-s", "nr", "-x", str(COLS), "-y", str(ROWS)]
        for e in envs:
            args += ["-e", e]
        ok, out = tm.cmd(*(args + ["--", a.newsreader, "--offline", "--cache", a.cache]))
        if not ok:
            sys.exit("tmux: %s" % out)
        t, _ = wait_for(tm, "nr", has("All articles"), time.monotonic())
        if t is None:
            sys.exit("the reader did not start")

        def search(q):
            tm.cmd("send-keys", "-t", "nr", "/")
            wait_for(tm, "nr", has("Search:"), time.monotonic(), 10)
            tm.cmd("send-keys", "-t", "nr", "-l", q)
            t0 = time.monotonic()
            tm.cmd("send-keys", "-t", "nr", "Enter")
            return t0

        def back():
            tm.cmd("send-keys", "-t", "nr", "q")
            wait_for(tm, "nr", has("All articles"), time.monotonic(), 120)

        if a.while_indexing:
            keys = []
            ts = time.monotonic()
            t0 = search("market")
            first, _ = wait_for(tm, "nr", lambda l: result_row(l) or has(" result")(l),
                                t0, 120)
            back()
            for _ in range(a.samples):
                tk = time.monotonic()
                tm.cmd("send-keys", "-t", "nr", "?")
                echo, _ = wait_for(tm, "nr", has("Keys"), tk, 120)
                keys.append(echo)
                tm.cmd("send-keys", "-t", "nr", "q")
                wait_for(tm, "nr", has("All articles"), time.monotonic(), 120)
                time.sleep(0.2)  # spread over the catch-up
            tm.cmd("send-keys", "-t", "nr", "Q")
            keys = sorted(k for k in keys if k is not None)
            print("While indexing at start: `market` Enter to first rows %.0f ms; then `?` to "
                  "help on screen, %d samples over %.1f s: median %.0f ms, 90th percentile "
                  "%.0f ms, slowest %.0f ms; load average %.1f." %
                  (first * 1e3 if first is not None else -1, len(keys),
                   time.monotonic() - ts, statistics.median(keys) * 1e3,
                   keys[int(len(keys) * 0.9)] * 1e3, keys[-1] * 1e3, os.getloadavg()[0]))
            return
        for q, what in QUERIES:
            for _ in range(a.runs):
                t0 = search(q)
                first, _ = wait_for(tm, "nr", lambda l: result_row(l) or has(" result")(l),
                                    t0, 120)
                full, lines = wait_for(tm, "nr", has(" result"), t0, 120)
                res.setdefault((q, "first"), []).append(first)
                res.setdefault((q, "full"), []).append(full)
                back()
                t0 = search(q)
                tk = time.monotonic()
                tm.cmd("send-keys", "-t", "nr", "?")
                echo, _ = wait_for(tm, "nr", has("Keys"), tk, 120)
                res.setdefault((q, "echo"), []).append(echo)
                tm.cmd("send-keys", "-t", "nr", "q")
                wait_for(tm, "nr", has("Search:"), time.monotonic(), 120)
                back()
        tm.cmd("send-keys", "-t", "nr", "Q")
    finally:
        tm.close()

    def med(k):
        v = [x for x in res.get(k, []) if x is not None]
        return "%.0f" % (statistics.median(v) * 1e3) if v else "-"

    print("Terminal %dx%d in tmux; median of %d runs; load average %.1f after." %
          (COLS, ROWS, a.runs, os.getloadavg()[0]))
    print()
    print("| query | kind | Enter to first rows ms | Enter to all results ms | "
          "key during the search: `?` to help on screen ms |")
    print("|---|---|---:|---:|---:|")
    for q, what in QUERIES:
        print("| `%s` | %s | %s | %s | %s |" % (q, what, med((q, "first")),
              med((q, "full")), med((q, "echo"))))


if __name__ == "__main__":
    main()
