#!/bin/sh
# auto-reload (issue 4): with an interval set, the reader reloads by
# itself: the test server sees the feed asked for again without a key
# pressed. The interval is in minutes; the test hook
# NR_TEST_AUTO_RELOAD_SECONDS (ui/tui.c, only in builds configured with
# --enable-test-hooks) makes it seconds here. The UI is
# right-to-left (ui-direction rtl), so the same run checks the mirrored
# status line: the progress bar against the right edge, the offline
# marker against the left one. And the items the fetch thread stored
# without indexing them for search are indexed by the idle reader before
# anyone searches.
if [ "${NR_HAVE_TEST_HOOKS:-no}" != yes ]; then
	echo "SKIP: needs NR_TEST_AUTO_RELOAD_SECONDS: this build has no test hooks (configure --enable-test-hooks)"
	exit 77
fi
. "${NR_SRCDIR:?}/tests/tui_lib.sh"

start_server "$NR_SRCDIR/tests/fixtures/http"
U="http://127.0.0.1:$PORT"
FEED="/delay/1500/en.xml"
echo "$U$FEED \"~English news\"" >"$T/config/newsreader/urls"
printf 'auto-reload 1\nui-direction rtl\n' >"$T/config/newsreader/config"

# requests PATH: how many times the server was asked for PATH.
requests() {
	"${PYTHON3:-python3}" - "$U/_stats" "$1" <<'PY'
import json, sys, urllib.request
s = json.load(urllib.request.urlopen(sys.argv[1], timeout=5))
print(s.get(sys.argv[2], {}).get("requests", 0))
PY
}
# wait_requests N [SECONDS]: until the feed was asked for N times.
wait_requests() {
	deadline=$(( $(date +%s) + ${2:-15} ))
	until [ "$(requests "$FEED")" -ge "$1" ]; do
		[ "$(date +%s)" -ge "$deadline" ] &&
		    fail "the server saw $(requests "$FEED") request(s) of $FEED, want $1"
		sleep 0.1
	done
}
# last_row_matches WINDOW REGEX [SECONDS]: until the status line matches.
last_row_matches() {
	deadline=$(( $(date +%s) + ${3:-10} ))
	until screen "$1" | tail -1 | grep -qE -- "$2"; do
		[ "$(date +%s)" -ge "$deadline" ] &&
		    fail "status line '$(screen "$1" | tail -1)' does not match '$2'"
		sleep 0.05
	done
}

TUI_ENV=NR_TEST_AUTO_RELOAD_SECONDS=3 tui_start main
# The first run fetches the never-fetched feed; the bar sits on the right.
last_row_matches main 'Reloading 0/1 ▕░{10}▏$'
wait_requests 1
wait_for main "English news"
# Idle: the search index catches up by itself (fts_pending empties).
deadline=$(( $(date +%s) + 10 ))
until [ "$("${PYTHON3:-python3}" - "$CACHE" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=5)
items = db.execute("SELECT count(*) FROM items").fetchone()[0]
left = db.execute("SELECT count(*) FROM fts_pending").fetchone()[0]
print("ok" if items > 0 and left == 0 else "%d items, %d waiting" % (items, left))
PY
)" = ok ]; do
	[ "$(date +%s)" -ge "$deadline" ] && fail "the search index did not catch up"
	sleep 0.1
done
# Then, with no key pressed, the interval reloads it again (and again).
wait_requests 2 15
last_row_matches main 'Reloading 0/1 ▕░{10}▏$'
wait_requests 3 15
keys main Q
check_clean_exit main

# Offline: the marker on the left, the message right-aligned.
tui_start offline --offline
last_row_matches offline '^ offline  +'
keys offline R
last_row_matches offline '^ offline  +offline: not reloading \(started with --offline\)$'
keys offline Q
check_clean_exit offline
echo "tui_auto_reload ok"
