#!/bin/sh
# Resources (issue 18): no file descriptor and no thread leaks over 100
# reloads in one TUI session. The reader reloads four feeds (a good one,
# an Arabic one, a 404 and a port nobody listens on) a hundred times with
# `r`; its open descriptors (/proc/PID/fd) and threads (/proc/PID/task)
# after the hundredth are what they were after the first, and it still
# answers keys and quits cleanly.
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/http" 900
U="http://127.0.0.1:$PORT"
DEAD=$("${PYTHON3:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$T/config/newsreader/urls" <<EOF2
$U/en.xml "~English news"
$U/ar.xml
$U/status/404 "~Gone"
http://127.0.0.1:$DEAD/feed.xml "~Nobody home"
EOF2

# reload_times FROM TO: press r and wait for each reload from FROM to TO to
# be over (the server saw it, the bar is gone). One Python process for the
# whole loop: a process per poll is slower than the reloads.
reload_times() {
	"${PYTHON3:-python3}" - "$U/_stats" "$SOCK" "$1" "$2" <<'PY' || fail "reload loop: see above"
import json, subprocess, sys, time, urllib.request
stats, sock, first, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def requests(path):
    s = json.load(urllib.request.urlopen(stats, timeout=5))
    return s.get(path, {}).get("requests", 0)
def status():
    out = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p", "-t", "nr:main"],
                         capture_output=True, text=True).stdout
    return out.rstrip("\n").split("\n")[-1]
for i in range(first, last + 1):
    if i > 1:
        subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "nr:main", "r"], check=True)
    deadline = time.monotonic() + 20
    while not (requests("/ar.xml") >= i and requests("/en.xml") >= i and
               "Reloading" not in status()):
        if time.monotonic() > deadline:
            print("reload %d did not finish (status: %r)" % (i, status()))
            sys.exit(1)
        time.sleep(0.03)
PY
}
fds() { ls "/proc/$PID/fd" | wc -l; }
threads() { ls "/proc/$PID/task" | wc -l; }

tui_start main
wait_for main "English news"
PID=$(reader_pid main)
# The first reloads opened what the reader keeps (the cache's WAL, curl's
# handles): the baseline is after them.
reload_times 1 2
fd0=$(fds)
th0=$(threads)
reload_times 3 101
fd1=$(fds)
th1=$(threads)
echo "after reload 2: $fd0 fds, $th0 threads; after reload 101: $fd1 fds, $th1 threads"
[ "$fd1" -le "$fd0" ] || { ls -l "/proc/$PID/fd"; fail "file descriptors grew from $fd0 to $fd1 over 99 reloads"; }
[ "$th1" -le "$th0" ] || fail "threads grew from $th0 to $th1 over 99 reloads"
# Still answering: the failure list opens, and q quits cleanly.
wait_for main "failed (E lists them)"
tries=0
until screen main | grep -qF "feed.xml: connection refused"; do
	tries=$((tries + 1))
	[ $tries -gt 5 ] && fail "E does not open the failure list"
	keys main E
	sleep 1
done
keys main Q
check_clean_exit main
echo "tui_resources ok"
