#!/usr/bin/env python3
"""Peak memory of `newsreader reload` over 1,000 feeds, one of them 30 MB
(issue 18, Resources), next to the same 1,000 feeds without the big one.

The feeds are generated into a temporary directory and served by the
threaded server of bench.py on 127.0.0.1 with validators; each run starts
from an empty cache. Peak RSS and CPU time come from GNU time (/usr/bin/time) when it is
installed, else from the child's rusage; wall time from the clock.

Usage: bench/bench_memory.py [--newsreader PATH] [--mb 30] [--runs 1]
Prints a Markdown table; BENCHMARKS.md records it. Not a test: figures only.
Nothing but 127.0.0.1 is contacted; the server stops when the script ends.
"""
import argparse, os, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (rss(), serve(): the same feeds and server)

SMALL = 999


def generate(root, mb):
    os.makedirs(os.path.join(root, "f"), exist_ok=True)
    names = []
    for f in range(SMALL):
        name = "f/f%04d.xml" % f
        with open(os.path.join(root, name), "wb") as fh:
            fh.write(bench.rss("f%04d" % f, [(f * 20 + i, (f + i) % 2 == 0)
                                               for i in range(20)]))
        names.append(name)
    # The big feed: items of about 2 KiB until the document reaches mb MiB.
    want = mb << 20
    one = len(bench.rss("big", [(0, True)], body_words=92))
    per = len(bench.rss("big", [(0, True), (1, False)], body_words=92)) - one
    n = (want - one) // per + 1
    # Items differ in length (Arabic or English words): scale n to the
    # size the first try gave, twice.
    for _ in range(3):
        data = bench.rss("big", [(i, i % 2 == 0) for i in range(n)], body_words=92)
        if abs(len(data) - want) < want // 100:
            break
        n = n * want // len(data)
    with open(os.path.join(root, "big.xml"), "wb") as fh:
        fh.write(data)
    return names, "big.xml", len(data), n


TIME = "/usr/bin/time"


def run(cmd, env, work):
    """Wall s, CPU s, peak RSS MiB, exit status, stderr of cmd. Through GNU
    time when installed: a child forked from this script counts the
    script's own pages in its ru_maxrss until it execs, and this script
    holds the generated feeds."""
    start = time.monotonic()
    out = os.path.join(work, "time.out")
    timed = os.path.exists(TIME)
    if timed:
        cmd = [TIME, "-o", out, "-f", "%M %U %S"] + cmd
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    rc = os.waitstatus_to_exitcode(status)
    if timed:
        with open(out) as fh:
            kb, user, sys_ = fh.read().split()[-3:]
        return wall, float(user) + float(sys_), int(kb) / 1024.0, rc, err
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsreader", default="./newsreader")
    ap.add_argument("--mb", type=int, default=30)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="nrmem.")
    try:
        root = os.path.join(work, "www")
        small, big, big_len, big_items = generate(root, args.mb)
        srv = bench.serve(root)
        base = "http://127.0.0.1:%d/" % srv.server_address[1]
        env = dict(os.environ, HOME=os.path.join(work, "home"),
                   XDG_CONFIG_HOME=os.path.join(work, "home/.config"),
                   XDG_DATA_HOME=os.path.join(work, "home/.local/share"),
                   XDG_STATE_HOME=os.path.join(work, "home/.local/state"),
                   LC_ALL="C.UTF-8")
        conf = os.path.join(work, "config")
        with open(conf, "w") as fh:
            fh.write("max-per-host 16\n")
        sets = {
            "1,000 feeds, one of %.1f MiB (%d items)" % (big_len / 1048576.0, big_items):
                small + [big],
            "999 feeds (the same without the big one)": small,
        }
        print("| feeds | command | wall s | CPU s | peak RSS MiB | exit |")
        print("|---|---|---:|---:|---:|---:|")
        for label, names in sets.items():
            urls = os.path.join(work, "urls")
            with open(urls, "w") as fh:
                fh.writelines(base + n + "\n" for n in names)
            for r in range(args.runs):
                cache = os.path.join(work, "cache.db")
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(cache + suffix):
                        os.remove(cache + suffix)
                wall, cpu, rss, rc, err = run(
                    [args.newsreader, "--config", conf, "--urls", urls,
                     "--cache", cache, "reload"], env, work)
                if rc != 0 or b" 0 failed" not in err:
                    sys.stderr.write(err.decode(errors="replace")[-2000:])
                print("| %s | cold reload | %.2f | %.2f | %.1f | %d |" %
                      (label, wall, cpu, rss, rc))
                sys.stdout.flush()
        srv.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
