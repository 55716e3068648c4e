#!/usr/bin/env python3
"""TUI benchmark: time to the first full frame, to the first frame of an
article, and CPU per scroll step in a long Arabic article; newsboat's
start-up next to it on the same cache size, in the same run.

Caches of about 1,000 and 100,000 items: 100 feeds x 10 or x 1,000 items
(the same feed count, so only the item count changes), plus one feed of two
newer articles: a short one (first in "All articles") and a 200-paragraph
Arabic one (second) for the scroll test. The feeds are served on 127.0.0.1;
each program builds its own cache from them with its reload command.

Each program runs in a detached tmux session of 120x40 on a private tmux
server, driven through one tmux control-mode client (no process spawn per
poll). A frame counts as there when `capture-pane` shows its markers; the
pane is polled every POLL_S seconds and the measured polling interval is
printed. Times are from just before the new-session (or send-keys) command;
the "tmux floor" row is the same measure for a shell that prints one word.
Every run starts from a fresh copy of the cache and fresh HOME/XDG dirs.
CPU is utime+stime of /proc/PID/stat (10 ms ticks), and the sum of
/proc/PID/task/*/schedstat (ns) as a finer check.

Usage: bench/bench_tui.py [--newsreader PATH] [--runs N] [--sizes 1000,100000]
    [--skip-newsboat] [--steps 500]
It prints Markdown tables; BENCHMARKS.md records its output. Nothing but
127.0.0.1 is contacted; the server and the tmux server stop when it ends.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import rss, serve, words, Handler  # noqa: E402  (same feeds, same server)

COLS, ROWS = 120, 40
POLL_S = 0.002
TIMEOUT_S = 120.0
FIRST_TITLE = "Bench first article"
LONG_TITLE = "Bench long Arabic article"


def top_feed():
    """The two newest articles: a short English one, then a long Arabic one."""
    paras = "".join("<p>%s</p>" % words(1000 + i, 60, True) for i in range(200))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            '<title>bench top</title><link>http://127.0.0.1/</link><description>top'
            '</description>\n'
            '<item><title>%s</title><link>http://127.0.0.1/top/1</link><guid>top-1</guid>'
            '<pubDate>Wed, 02 Dec 2026 10:00:00 GMT</pubDate><description>%s</description>'
            '</item>\n'
            '<item><title>%s</title><link>http://127.0.0.1/top/2</link><guid>top-2</guid>'
            '<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate><description>%s</description>'
            '<content:encoded><![CDATA[%s]]></content:encoded></item>\n'
            '</channel></rss>\n' % (FIRST_TITLE, words(7, 40, False), LONG_TITLE,
                                    words(8, 20, True), paras)).encode()


def generate(root, sizes):
    sets = {}
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "top.xml"), "wb") as fh:
        fh.write(top_feed())
    for size in sizes:
        per = size // 100
        d = "s%d" % size
        os.makedirs(os.path.join(root, d), exist_ok=True)
        names = ["top.xml"]
        for f in range(100):
            name = "%s/c%03d.xml" % (d, f)
            with open(os.path.join(root, name), "wb") as fh:
                fh.write(rss("c%03d" % f, [(f * per + i, i % 2 == 0) for i in range(per)],
                             body_words=10))
            names.append(name)
        sets[size] = names
    return sets


class Tmux:
    """A private tmux server and one control-mode client to drive it."""

    def __init__(self, sock):
        self.sock = sock
        self.base = ["tmux", "-L", sock, "-f", "/dev/null"]
        subprocess.run(self.base + ["new-session", "-d", "-s", "idle", "-x", "80", "-y",
                                    "24", "sleep 1000000"], check=True)
        self.p = subprocess.Popen(self.base + ["-C", "attach", "-t", "idle"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        ok, out = self.cmd("display-message", "-p", "#{socket_path}")
        self.path = out[0] if ok and out else None

    def _block(self):
        out, inside = [], False
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError("tmux control client exited")
            line = line.decode("utf-8", "replace").rstrip("\n")
            if line.startswith("%begin"):
                # Flags 1: the reply to a command of ours (0: attach's own).
                inside, out = line.split()[-1] == "1", []
            elif inside and (line.startswith("%end") or line.startswith("%error")):
                return line.startswith("%end"), out
            elif inside:
                out.append(line)

    def cmd(self, *args):
        q = " ".join("'%s'" % a if a and "'" not in a else '"%s"' % a for a in args)
        self.p.stdin.write(q.encode() + b"\n")
        self.p.stdin.flush()
        return self._block()

    def screen(self, target):
        ok, lines = self.cmd("capture-pane", "-p", "-t", target)
        return lines if ok else None

    def close(self):
        try:
            self.p.stdin.close()
            self.p.wait(timeout=5)
        except Exception:
            self.p.kill()
        subprocess.run(self.base + ["kill-server"], stderr=subprocess.DEVNULL)
        if self.path:
            try:
                os.unlink(self.path)  # kill-server can leave the socket behind
            except OSError:
                pass


POLLS = []  # every polling interval seen, for the resolution line


def wait_for(tm, target, pred, t0, timeout=TIMEOUT_S):
    """Poll until pred(screen lines); seconds since t0, or None on timeout."""
    last = None
    while True:
        now = time.monotonic()
        if last is not None:
            POLLS.append(now - last)
        last = now
        lines = tm.screen(target)
        if lines is not None and pred(lines):
            return time.monotonic() - t0, lines
        if now - t0 > timeout:
            return None, lines
        time.sleep(POLL_S)


def row(lines, i):
    return lines[i] if lines is not None and 0 <= i < len(lines) else ""


# Markers of a full frame: the title bar, the list's last row, the bottom line.
def nr_feeds_frame(lines):
    return (" feeds, " in row(lines, 0) and "unread" in row(lines, 0) and
            "All articles" in row(lines, 1) and row(lines, ROWS - 2).strip() != "" and
            row(lines, ROWS - 1).strip() != "")


def nr_list_frame(lines):
    return (row(lines, 0).startswith(" All articles (") and " in all)" in row(lines, 0) and
            FIRST_TITLE in row(lines, 1) and row(lines, ROWS - 2).strip() != "")


def nr_article_frame(title):
    return lambda lines: ("Article: " in row(lines, 0) and "%)" in row(lines, 0) and
                          title in row(lines, 1) and row(lines, ROWS - 1).strip() != "")


def nb_feeds_frame(lines):
    return ("Your feeds (" in row(lines, 0) and row(lines, ROWS - 2).startswith("q:Quit") and
            row(lines, ROWS - 3).strip() != "")


def nb_list_frame(lines):
    return ("Articles in feed" in row(lines, 0) and FIRST_TITLE in "".join(lines[1:4]) and
            row(lines, ROWS - 2).startswith("q:Quit"))


def nb_article_frame(lines):
    return ("Article '" in row(lines, 0) and any(l.startswith("Title: " + FIRST_TITLE)
                                                 for l in lines[:8]))


def floor_frame(lines):
    return "READY" in row(lines, 0)


def cpu_stat(pid):
    """(utime+stime seconds from /proc/PID/stat, schedstat seconds of all tasks)."""
    with open("/proc/%d/stat" % pid) as fh:
        f = fh.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    st = (int(f[11]) + int(f[12])) / ticks
    ns = 0
    for t in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, t)) as fh:
                ns += int(fh.read().split()[0])
        except OSError:
            pass
    return st, ns / 1e9


class Runner:
    def __init__(self, tm, work, env):
        self.tm, self.work, self.env, self.n = tm, work, env, 0

    def fresh(self, cache):
        """A run dir with fresh HOME/XDG dirs and a copy of the cache."""
        self.n += 1
        d = os.path.join(self.work, "run%d" % self.n)
        home = os.path.join(d, "home")
        for sub in (".config", ".local/share", ".local/state", ".cache"):
            os.makedirs(os.path.join(home, sub), exist_ok=True)
        db = os.path.join(d, "cache.db")
        shutil.copyfile(cache, db)
        envs = ["LC_ALL=C.UTF-8", "HOME=" + home,
                "XDG_CONFIG_HOME=%s/.config" % home, "XDG_DATA_HOME=%s/.local/share" % home,
                "XDG_STATE_HOME=%s/.local/state" % home, "XDG_CACHE_HOME=%s/.cache" % home]
        return d, db, envs

    def spawn(self, name, envs, cmd):
        args = ["new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS)]
        for e in envs:
            args += ["-e", e]
        t0 = time.monotonic()
        ok, out = self.tm.cmd(*(args + ["--"] + cmd))
        if not ok:
            raise RuntimeError("tmux new-session: %s" % out)
        return t0

    def keys(self, name, *keys):
        t0 = time.monotonic()
        self.tm.cmd("send-keys", "-t", name, *keys)
        return t0

    def pid(self, name):
        ok, out = self.tm.cmd("display-message", "-p", "-t", name, "#{pane_pid}")
        return int(out[0])

    def finish(self, name, d, quit_key="Q"):
        """Quit with quit_key; kill the session if it lingers."""
        self.tm.cmd("send-keys", "-t", name, quit_key)
        end = time.monotonic() + 5
        while time.monotonic() < end:
            ok, _ = self.tm.cmd("has-session", "-t", name)
            if not ok:
                break
            time.sleep(0.01)
        else:
            self.tm.cmd("kill-session", "-t", name)
        shutil.rmtree(d, ignore_errors=True)


def must(t, lines, what):
    if t is None:
        sys.stderr.write("timed out waiting for %s; the screen:\n%s\n" %
                         (what, "\n".join(lines or [])))
        raise SystemExit(1)
    return t


def scroll(r, name, pid, key, steps):
    """Send key steps times, one at a time, each after the previous frame
    changed the screen; CPU per step that changed it (ms), and that count."""
    tm = r.tm
    before = cpu_stat(pid)
    cur = tm.screen(name)
    moved = 0
    for _ in range(steps):
        tm.cmd("send-keys", "-t", name, key)
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            s = tm.screen(name)
            if s != cur:
                cur = s
                moved += 1
                break
            time.sleep(POLL_S / 2)
        else:
            break  # the end of the article: nothing moves any more
    time.sleep(0.05)  # let the last repaint finish
    after = cpu_stat(pid)
    n = max(moved, 1)
    return (after[0] - before[0]) * 1e3 / n, (after[1] - before[1]) * 1e3 / n, moved


def quiet(cmd, env):
    """Run cmd; its output only if it fails."""
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        sys.exit("%s failed (%d):\n%s" % (" ".join(cmd), p.returncode,
                                          p.stdout.decode(errors="replace")[-2000:]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsreader", default=os.environ.get("NEWSREADER", "./newsreader"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1000,100000")
    ap.add_argument("--steps", type=int, default=500)
    ap.add_argument("--skip-newsboat", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work dir (caches, feeds)")
    args = ap.parse_args()
    nr_bin = os.path.abspath(args.newsreader)
    sizes = [int(s) for s in args.sizes.split(",")]
    newsboat = None if args.skip_newsboat else shutil.which("newsboat")
    if shutil.which("tmux") is None:
        sys.exit("bench_tui: tmux is needed")
    work = tempfile.mkdtemp(prefix="nr-bench-tui-")
    tm = srv = None
    try:
        sys.stderr.write("generating feeds in %s ...\n" % work)
        sets = generate(os.path.join(work, "www"), sizes)
        srv = serve(os.path.join(work, "www"))
        Handler.validators = True
        base = "http://127.0.0.1:%d/" % srv.server_address[1]
        home = os.path.join(work, "home")
        os.makedirs(os.path.join(home, ".config"), exist_ok=True)
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/.config",
                   XDG_DATA_HOME=home + "/.local/share", LC_ALL="C.UTF-8")
        nr_conf = os.path.join(work, "newsreader.conf")
        with open(nr_conf, "w") as fh:
            fh.write("max-per-host 16\n")
        nb_conf = os.path.join(work, "newsboat.conf")
        with open(nb_conf, "w") as fh:
            fh.write("reload-threads 16\nshow-read-feeds yes\n")

        caches = {}
        for size in sizes:
            urls = os.path.join(work, "s%d.urls" % size)
            with open(urls, "w") as fh:
                fh.writelines(base + n + "\n" for n in sets[size])
            nr_db = os.path.join(work, "nr-%d.db" % size)
            sys.stderr.write("building caches of %d items ...\n" % (size + 2))
            quiet([nr_bin, "--config", nr_conf, "--urls", urls, "--cache", nr_db, "reload"], env)
            nb_db = os.path.join(work, "nb-%d.db" % size)
            if newsboat:
                quiet([newsboat, "-u", urls, "-c", nb_db, "-C", nb_conf, "-x", "reload"], env)
            caches[size] = (urls, nr_db, nb_db)

        load0 = os.getloadavg()[0]
        tm = Tmux("nrbench-%d" % os.getpid())
        r = Runner(tm, work, env)
        res = {}  # (program, size, measure) -> [values]

        def add(key, v):
            res.setdefault(key, []).append(v)

        for i in range(args.runs):
            d, _, envs = r.fresh(caches[sizes[0]][1])
            t0 = r.spawn("floor", envs, ["sh", "-c", "echo READY; exec sleep 60"])
            add(("tmux floor", 0, "start"), must(*wait_for(tm, "floor", floor_frame, t0),
                                                 "the floor's word"))
            r.finish("floor", d, "C-c")

        for size in sizes:
            urls, nr_db, nb_db = caches[size]
            for i in range(args.runs):
                sys.stderr.write("size %d, run %d\n" % (size, i + 1))
                # newsreader: start, list, short article, long article, scroll
                d, db, envs = r.fresh(nr_db)
                name = "nr%d" % r.n
                cmd = [nr_bin, "--config", nr_conf, "--urls", urls, "--cache", db]
                t0 = r.spawn(name, envs, cmd)
                add(("newsreader", size, "start"), must(*wait_for(tm, name, nr_feeds_frame, t0),
                                                       "the feed list"))
                pid = r.pid(name)
                add(("newsreader", size, "start_cpu"), cpu_stat(pid)[1])
                t0 = r.keys(name, "Enter")
                add(("newsreader", size, "list"), must(*wait_for(tm, name, nr_list_frame, t0),
                                                      "All articles"))
                t0 = r.keys(name, "Enter")
                add(("newsreader", size, "article"),
                    must(*wait_for(tm, name, nr_article_frame(FIRST_TITLE), t0), "the article"))
                r.keys(name, "q")
                must(*wait_for(tm, name, nr_list_frame, time.monotonic()), "the list again")
                r.keys(name, "j")
                time.sleep(0.05)
                t0 = r.keys(name, "Enter")
                add(("newsreader", size, "long"),
                    must(*wait_for(tm, name, nr_article_frame(LONG_TITLE), t0), "the long article"))
                # The reader indexes freshly reloaded articles for search in
                # idle slices; scroll figures are for a settled reader, and
                # how long the indexing ran is reported on its own.
                settle0 = time.monotonic()
                while True:
                    idle0 = cpu_stat(pid)
                    time.sleep(0.5)
                    idle1 = cpu_stat(pid)
                    if (idle1[1] - idle0[1]) < 0.01 or time.monotonic() - settle0 > 120:
                        break
                add(("newsreader", size, "settle"), time.monotonic() - settle0 - 0.5)
                add(("newsreader", size, "idle"), (idle1[1] - idle0[1]) * 1e3 / 0.5)
                st, ss, n = scroll(r, name, pid, "j", args.steps)
                add(("newsreader", size, "j_stat"), st)
                add(("newsreader", size, "j_sched"), ss)
                add(("newsreader", size, "j_n"), n)
                r.keys(name, "g")
                time.sleep(0.1)
                st, ss, n = scroll(r, name, pid, "NPage", 10000)
                add(("newsreader", size, "pg_stat"), st)
                add(("newsreader", size, "pg_sched"), ss)
                add(("newsreader", size, "pg_n"), n)
                r.finish(name, d)

                if not newsboat:
                    continue
                d, db, envs = r.fresh(nb_db)
                name = "nb%d" % r.n
                t0 = r.spawn(name, envs, [newsboat, "-u", urls, "-c", db, "-C", nb_conf])
                add(("newsboat", size, "start"), must(*wait_for(tm, name, nb_feeds_frame, t0),
                                                     "newsboat's feed list"))
                add(("newsboat", size, "start_cpu"), cpu_stat(r.pid(name))[1])
                t0 = r.keys(name, "Enter")
                add(("newsboat", size, "list"), must(*wait_for(tm, name, nb_list_frame, t0),
                                                    "newsboat's article list"))
                t0 = r.keys(name, "Enter")
                add(("newsboat", size, "article"), must(*wait_for(tm, name, nb_article_frame, t0),
                                                       "newsboat's article"))
                r.finish(name, d)

        med = lambda k: statistics.median(res[k]) if k in res else None
        ms = lambda v: "%.1f" % (v * 1e3) if v is not None else "-"
        print("Terminal %dx%d in tmux %s; median of %d runs; polling every %.0f ms "
              "(measured interval: median %.2f ms, 95th percentile %.2f ms); tmux floor "
              "(spawn to a shell's first word): %s ms; load average %.1f before the runs, %.1f "
              "after, on %d CPUs." % (
                  COLS, ROWS, subprocess.run(["tmux", "-V"], capture_output=True,
                                            text=True).stdout.split()[-1],
                  args.runs, POLL_S * 1e3, statistics.median(POLLS) * 1e3,
                  sorted(POLLS)[int(len(POLLS) * 0.95)] * 1e3,
                  ms(med(("tmux floor", 0, "start"))), load0, os.getloadavg()[0],
                  os.cpu_count()))
        print()
        print("| program | cache items | start to feed list ms | CPU ms by then | "
              "Enter to item list ms | Enter to first article ms | "
              "Enter to 200-paragraph Arabic article ms |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for size in sizes:
            for prog in ("newsreader", "newsboat"):
                if (prog, size, "start") not in res:
                    continue
                print("| %s | %s | %s | %s | %s | %s | %s |" % (
                    prog, "{:,}".format(size + 2), ms(med((prog, size, "start"))),
                    ms(med((prog, size, "start_cpu"))),
                    ms(med((prog, size, "list"))), ms(med((prog, size, "article"))),
                    ms(med((prog, size, "long")))))
        print()
        print("Scrolling the 200-paragraph Arabic article (newsreader), one key at a time, "
              "each after the previous frame reached the screen; CPU of the process per "
              "step that moved the text:")
        print()
        print("| cache items | key | steps | CPU ms/step (stat) | CPU ms/step (schedstat) | "
              "idle CPU ms/s | idle search indexing first, s |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        for size in sizes:
            for key, lab in (("j", "j"), ("pg", "PgDn")):
                print("| %s | %s | %d | %.3f | %.3f | %.2f | %.1f |" % (
                    "{:,}".format(size + 2), lab, med(("newsreader", size, key + "_n")),
                    med(("newsreader", size, key + "_stat")),
                    med(("newsreader", size, key + "_sched")),
                    med(("newsreader", size, "idle")),
                    med(("newsreader", size, "settle"))))
        sys.stdout.flush()
    finally:
        if tm is not None:
            tm.close()
        else:
            subprocess.run(["tmux", "-L", "nrbench-%d" % os.getpid(), "kill-server"],
                           stderr=subprocess.DEVNULL)
        if srv is not None:
            srv.shutdown()
        if args.keep:
            sys.stderr.write("kept %s\n" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
