"""What the sync tests share (issue 14): the reader in its own tmux server,
driven from Python, and reading the cache file.

    tui = Tui(tmp, env, args); tui.start("one"); tui.wait_for("text");
    tui.keys("Enter"); tui.pid(); tui.kill_server()

the reader's home for a sync test (sync_home), and the scenarios every sync service's test plays the same way on the
shared test feeds (tui_like_and_send, offline_like_and_read).
"""

import os
import sqlite3
import subprocess
import sys
import time

from testlib import check

NEWSREADER = os.environ.get("NEWSREADER")


class Tui:
    """The reader in its own tmux server."""

    def __init__(self, tmp, env, args):
        self.sock = "nr-sync-%d" % os.getpid()
        self.env, self.args, self.tmp = env, args, tmp

    def start(self, name):
        envs = " ".join("%s='%s'" % (k, v) for k, v in self.env.items())
        cmd = "env %s '%s' %s 2>'%s/stderr.%s'; echo $? >'%s/rc.%s'; sleep 600" % (
            envs, NEWSREADER, " ".join("'%s'" % a for a in self.args), self.tmp, name,
            self.tmp, name)
        if subprocess.run(["tmux", "-L", self.sock, "has-session", "-t", "nr"],
                          capture_output=True).returncode == 0:
            subprocess.run(["tmux", "-L", self.sock, "new-window", "-t", "nr", "-n", name, cmd],
                           check=True)
        else:
            subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null", "new-session", "-d",
                            "-s", "nr", "-n", name, "-x", "110", "-y", "30", cmd], check=True)
        self.name = name

    def screen(self):
        return subprocess.run(["tmux", "-L", self.sock, "capture-pane", "-p", "-t",
                               "nr:" + self.name], capture_output=True, text=True).stdout

    def keys(self, *k):
        subprocess.run(["tmux", "-L", self.sock, "send-keys", "-t", "nr:" + self.name] + list(k),
                       check=True)

    def wait_for(self, text, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            if text in self.screen():
                return True
            time.sleep(0.1)
        sys.stdout.write("--- screen (waiting for %r) ---\n%s\n" % (text, self.screen()))
        return False

    def wait_row(self, *parts, timeout=60):
        """A line of the screen holds every one of parts."""
        end = time.time() + timeout
        while time.time() < end:
            if any(all(p in line for p in parts) for line in self.screen().splitlines()):
                return True
            time.sleep(0.1)
        sys.stdout.write("--- screen (waiting for a row with %r) ---\n%s\n" % (parts, self.screen()))
        return False

    def pid(self):
        pane = subprocess.run(["tmux", "-L", self.sock, "display", "-p", "-t", "nr:" + self.name,
                               "#{pane_pid}"], capture_output=True, text=True).stdout.strip()
        out = subprocess.run(["pgrep", "-P", pane, "-x", "newsreader"], capture_output=True,
                             text=True).stdout.split()
        return int(out[0]) if out else None

    def kill_server(self):
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True)


def cache_rows(db, sql, *args):
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()




def sync_home(tmp, password):
    """tmp/home with the password file pw (mode 600) and the XDG and locale
    environment (also set in os.environ): (home, pw, cache db path, env)."""
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    pw = os.path.join(home, "pw")
    with open(pw, "w") as f:
        f.write(password + "\n")
    os.chmod(pw, 0o600)
    db = os.path.join(home, "cache.db")
    env = {"XDG_CONFIG_HOME": os.path.join(home, "c"), "XDG_DATA_HOME": os.path.join(home, "d"),
           "XDG_STATE_HOME": os.path.join(home, "s"), "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
    os.environ.update(env)
    return home, pw, db, env


def tui_like_and_send(tui, service, also=()):
    """In the TUI: open the newest article of All articles, like it, R.
    The server has the test feeds ("Harbour notes", newest "Tide tables for
    December"); service is how the status line names it; also, more texts
    the first screen must show."""
    check(tui.wait_for("Harbour notes"), "the TUI lists the server's feed")
    for text in also:
        check(tui.wait_for(text), "and %s" % text)
    tui.keys("Enter")
    check(tui.wait_for("Tide tables for December"), "All articles lists the newest first")
    tui.keys("Enter")
    check(tui.wait_for("High water at 06:12"), "the article opens with its content")
    tui.keys("l")
    check(tui.wait_for("♥ liked"), "l likes it")
    tui.keys("q")
    tui.keys("R")
    check(tui.wait_for("synced with %s: 0 new, 2 sent" % service),
          "R syncs and says two changes were sent")


def offline_like_and_read(tui, db):
    """With the server down and All articles open: like the second row,
    open (read) the oldest; both changes wait in the cache db."""
    tui.keys("j")
    tui.keys("l")	# like "Ferry timetable changes" (second row)
    check(tui.wait_row("♥", "Ferry timetable changes"), "a like offline (the row's heart)")
    tui.keys("G")
    tui.keys("Enter")	# the oldest: افتتاح المكتبة الجديدة, read
    time.sleep(0.5)
    pending = cache_rows(db, "SELECT count(*) FROM items WHERE read != synced_read"
                         " OR liked != synced_liked")[0][0]
    check(pending == 2, "two changes wait in the cache (%d)" % pending)
